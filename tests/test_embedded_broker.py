"""The embedded broker takes a message only once it is whole, and a message that cannot be read stops no worker."""

import logging
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from kombu import Connection
from kombu.simple import SimpleQueue
from kombu.utils.json import dumps

from single_window import embedded_broker, queue
from single_window.config import Settings


@pytest.fixture
def name() -> str:
    # Kombu remembers the queues it bound once per process, not per folder: a queue named anew in each test's folder.
    return f"tasks-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def tasks(tmp_path: Path, name: str) -> Iterator[SimpleQueue]:
    """A queue on the embedded broker, configured as the workers' is."""
    config = queue.celery_config(Settings(broker_dir=tmp_path))
    options = config["broker_transport_options"]
    with Connection("filesystem://", transport=config["broker_transport"], transport_options=options) as connection:
        simple = connection.SimpleQueue(name)
        yield simple
        simple.close()


def messages_folder(tmp_path: Path) -> Path:
    return tmp_path / "out"


def test_a_message_is_written_whole_under_its_final_name(tasks: SimpleQueue, tmp_path: Path, name: str) -> None:
    tasks.put({"task": "clearance.customs"})
    (written,) = messages_folder(tmp_path).iterdir()
    assert written.name.endswith(f".{name}.msg")
    assert tasks.get(timeout=5).payload == {"task": "clearance.customs"}


def test_while_a_message_is_written_its_file_has_a_name_no_reader_takes(
    tasks: SimpleQueue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names_while_writing: list[str] = []

    def look_then_dump(payload: dict[str, Any]) -> str:
        names_while_writing.extend(path.name for path in messages_folder(tmp_path).iterdir())
        return dumps(payload)

    monkeypatch.setattr(embedded_broker, "dumps", look_then_dump)
    tasks.put({"task": "clearance.customs"})
    assert [Path(name).suffix for name in names_while_writing] == [embedded_broker.PARTIAL]


def test_a_message_still_being_written_is_not_taken(tasks: SimpleQueue, tmp_path: Path, name: str) -> None:
    (messages_folder(tmp_path) / f"1_writing.{name}.msg.partial").write_text('{"body": "')
    with pytest.raises(tasks.Empty):
        tasks.get(timeout=0.5)


def test_an_empty_message_left_by_a_killed_sender_is_dropped_and_the_next_is_taken(
    tasks: SimpleQueue, tmp_path: Path, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    # Kombu's own sender leaves one when it is killed between creating the file and writing it.
    (messages_folder(tmp_path) / f"0_killed.{name}.msg").write_bytes(b"")
    tasks.put({"task": "clearance.customs"})
    with caplog.at_level(logging.ERROR):
        assert tasks.get(timeout=5).payload == {"task": "clearance.customs"}
    assert f"dropped a message of {name} that could not be read" in caplog.text
