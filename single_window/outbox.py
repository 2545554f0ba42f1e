"""One thread per process hands sends to the broker, so a broker that does not answer holds that thread only.

The callers are the event loop (SQLite intake commits there) and request threads: a send that waits on a hung
Redis there would stall every request. What the outbox holds is only ever a wake-up or a task whose work is
already stored, so a send dropped here (full outbox, process exit) delays work, which the periodic sweep finds.
"""

import atexit
import logging
import os
import queue
import threading
from collections.abc import Callable

logger = logging.getLogger(__name__)
# Wake-ups are coalesced to a few a second, so a full outbox means the broker has not answered for minutes.
OUTBOX_CAPACITY = 10_000
# At exit, how long a command-line process waits for its last wake-ups to leave before it gives them up.
EXIT_FLUSH_SECONDS = 2.0

Send = Callable[[], None]


class Outbox:
    def __init__(self) -> None:
        self._sends: queue.Queue[Send] = queue.Queue(OUTBOX_CAPACITY)
        threading.Thread(target=self._run, name="broker-outbox", daemon=True).start()

    def put(self, send: Send) -> None:
        try:
            self._sends.put_nowait(send)
        except queue.Full:
            logger.warning("the broker outbox is full; dropped a send, the periodic sweep will do its work")

    def flush(self, timeout_seconds: float | None = None) -> bool:
        """Wait until everything put before this call was sent or given up; False if the time ran out first."""
        done = threading.Event()
        self.put(done.set)
        return done.wait(timeout_seconds)

    def _run(self) -> None:
        while True:
            send = self._sends.get()
            try:
                send()
            except Exception:  # the thread must outlive any one send
                logger.exception("a send from the broker outbox failed")


_lock = threading.Lock()
_outboxes: dict[int, Outbox] = {}


def outbox() -> Outbox:
    """This process's outbox: a forked worker child gets its own, since the parent's thread did not follow it."""
    pid = os.getpid()
    with _lock:
        if pid not in _outboxes:
            _outboxes[pid] = Outbox()
        return _outboxes[pid]


@atexit.register
def _flush_at_exit() -> None:
    existing = _outboxes.get(os.getpid())
    if existing is not None:
        existing.flush(EXIT_FLUSH_SECONDS)
