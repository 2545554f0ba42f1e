"""`single-window` with a poisoned acknowledgement: test-only, never installed, never imported by the package.

Run as ``python -m tests.pipeline.poison_worker worker ...``: the real command, whose worker's pool processes die on
the messages that the file SW_TEST_POISON_FILE names, one ``guid kill`` or ``guid hang`` a line. The file is read at
each attempt, so a test "fixes the bug" by emptying it while the worker runs. No message content crashes the
worker on purpose (that would be a bug to fix), so the crash is put here, where it cannot reach production:
- kill: the pool process sends itself SIGKILL, as the kernel's OOM killer does: no Python code runs after it;
- hang: it sleeps through the soft time limit, as C code would, until the hard time limit kills it.
"""

import os
import signal
import time
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from sqlmodel import Session

from single_window.cli import app
from single_window.messages import acknowledge as acknowledging
from single_window.messages.claims import Claim
from single_window.messages.models import WITHOUT_BODY, Message

POISON_FILE = "SW_TEST_POISON_FILE"
_real_acknowledge = acknowledging.acknowledge


def poisons() -> dict[str, str]:
    path = Path(os.environ[POISON_FILE])
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return dict(line.split() for line in lines if line.strip())


def poisoned_acknowledge(session: Session, claim: Claim) -> bool:
    message = session.get(Message, claim.message_id, options=[WITHOUT_BODY])
    assert message is not None
    poison = poisons().get(message.guid)
    if poison == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    if poison == "hang":
        _hang()
    return _real_acknowledge(session, claim)


def _hang() -> None:
    while True:
        try:
            time.sleep(3600)
        except SoftTimeLimitExceeded:
            continue


if __name__ == "__main__":
    # Before the worker starts: its pool processes are forked from this one, patch included. Only when run: a test
    # process importing this module keeps the real acknowledgement.
    acknowledging.acknowledge = poisoned_acknowledge
    app()
