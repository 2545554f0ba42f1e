"""The embedded broker: kombu's filesystem transport, each message file written whole before any reader sees it.

Kombu creates a message file under its final name, then writes it: a worker that lists the folder in between, or a
sender killed in between, leaves an empty message, and the worker that reads it stops with an unrecoverable
JSONDecodeError (kombu #1551). Here a message is written under a name no reader takes, then renamed into place. A
message that still cannot be read is logged and dropped: every task only wakes work the database holds, which the
sweeps find again.
"""

import logging
import os
import uuid
from time import monotonic
from typing import Any

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.json import dumps

# The transport for Celery's broker_transport: with it set, the URL's filesystem:// picks no transport of its own.
TRANSPORT = f"{__name__}:Transport"
# A file being written ends in this; kombu takes only names that end in ".<queue>.msg".
PARTIAL = ".partial"

logger = logging.getLogger(__name__)


class Channel(filesystem.Channel):
    # As kombu's filesystem channel declares it; celery-types gives its base another signature.
    def _put(self, queue: str, payload: dict[str, Any], **kwargs: Any) -> None:  # type: ignore[override]
        # Named as kombu names it: the monotonic milliseconds first, so the queue is taken in order.
        name = os.path.join(self.data_folder_out, f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg")
        try:
            with open(name + PARTIAL, "wb") as partial:
                partial.write(dumps(payload).encode())
            os.replace(name + PARTIAL, name)
        except OSError as error:
            raise ChannelError(f"Cannot add file {name!r} to directory") from error

    def _get(self, queue: str, timeout: float | None = None) -> Any:
        # Kombu has moved the file away before it parses it: the next call reads the next message.
        while True:
            try:
                return super()._get(queue)
            except ValueError:
                logger.error("dropped a message of %s that could not be read; the sweeps find its work", queue)


class Transport(filesystem.Transport):
    Channel = Channel
