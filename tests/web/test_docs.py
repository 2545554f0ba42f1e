"""/docs and /redoc come with every file they load: an integrator without the internet still reads them."""

import re

import pytest
from fastapi.testclient import TestClient

from single_window.main import create_app

PAGES = ["/docs", "/redoc"]
LOADED = re.compile(r"""(?:href|src|spec-url)="([^"]+)"|url: '([^']+)'""")
# What a page may still use besides its own server: its inline start-up script and styles, data: and blob: URLs.
LOCAL_SOURCES = {"'self'", "'unsafe-inline'", "data:", "blob:"}


@pytest.fixture(scope="module")
def app_client() -> TestClient:
    return TestClient(create_app())


@pytest.mark.parametrize("page", PAGES)
def test_the_page_names_no_other_host(app_client: TestClient, page: str) -> None:
    html = app_client.get(page).text
    assert not re.search(r"https?:|//", html), html


@pytest.mark.parametrize("page", PAGES)
def test_every_file_the_page_loads_is_served_here(app_client: TestClient, page: str) -> None:
    loaded = [a or b for a, b in LOADED.findall(app_client.get(page).text)]
    assert len(loaded) >= 3, loaded  # a script, the favicon and the OpenAPI document at least
    for url in loaded:
        assert app_client.get(url).status_code == 200, url


@pytest.mark.parametrize("page", PAGES)
def test_the_page_forbids_the_browser_any_other_origin(app_client: TestClient, page: str) -> None:
    policy = app_client.get(page).headers["Content-Security-Policy"]
    directives = [directive.split() for directive in policy.split(";")]
    assert ["default-src", "'self'"] in directives
    assert {source for _, *sources in directives for source in sources} <= LOCAL_SOURCES
