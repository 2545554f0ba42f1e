"""The worker's consumer: Celery's, made to outlive a Redis that goes away while the worker waits on it.

When the broker connection is lost, Celery 5.7 collects the connection, which drops the transport's client, then
closes it. Kombu's Redis channel begins its close by reading the BRPOP it has in flight; with the server gone that
read raises, the close stops there, and the channel stays open with its unacknowledged tasks. The close after the
collect then tries to give them back through the client that no longer exists: an AttributeError, "Unrecoverable
error", and the worker stops for good. Ending the failed reads first lets every channel close as kombu means it to:
the tasks it cannot give back wait in Redis for the visibility timeout, and their work in the database for a sweep.
"""

from contextlib import suppress
from queue import Empty
from typing import Any

from celery.worker.consumer import Consumer as CeleryConsumer
from kombu import Connection

CONSUMER = f"{__name__}:Consumer"


class Consumer(CeleryConsumer):
    def on_connection_error_after_connected(self, exc: Exception) -> None:
        if self.connection is not None:
            end_interrupted_reads(self.connection)
        super().on_connection_error_after_connected(exc)


def end_interrupted_reads(connection: Connection) -> None:
    """End each channel's read still in flight; on a lost connection it fails, which is all it can do now."""
    channels: list[Any] = list(getattr(connection.transport, "channels", ()))
    for channel in channels:
        if getattr(channel, "_in_poll", None):
            with suppress(Empty, *connection.connection_errors):
                channel._brpop_read()
