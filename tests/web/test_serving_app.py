"""The app as a server process runs it: what it was built with is frozen out of the collector's walks."""

import gc
from collections.abc import Iterator

import pytest

from single_window.main import YOUNG_GENERATION_THRESHOLD, serving_app


@pytest.fixture
def collector_restored() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


@pytest.mark.usefixtures("collector_restored")
def test_the_serving_app_freezes_what_it_was_built_with_and_collects_the_young_less_often() -> None:
    gc.unfreeze()
    app = serving_app()
    assert app.title == "single-window"
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold()[0] == YOUNG_GENERATION_THRESHOLD
