"""One task's run of a stage: take new arrivals (the first stage), then claim and work batches until none is due."""

import time
from collections import Counter
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field

from single_window import clock
from single_window.clearance.arrivals import take_arrivals
from single_window.clearance.pipeline import Stage
from single_window.clearance.work import Claimed, Handler, OpenSession, claim_due, release, run_claimed
from single_window.messages.attempts import ENVIRONMENT_ERRORS, AttemptPolicy
from single_window.queue import wake_after_commit


@dataclass
class StageDrain:
    outcomes: Counter[str] = field(default_factory=Counter)
    finished: bool = False


def drain_stage(
    open_session: OpenSession,
    stage: Stage,
    handler: Handler,
    policy: AttemptPolicy,
    *,
    takes_arrivals: bool,
    batch: int,
    monotonic: Callable[[], float] = time.monotonic,
) -> StageDrain:
    """Work the stage's due cases until none is left or the drain's time is up (then not finished)."""
    drain = StageDrain()
    deadline = monotonic() + policy.drain_seconds
    while monotonic() < deadline:
        arrived = takes_arrivals and _take_arrivals(open_session, stage, batch)
        with open_session() as session:
            claims = claim_due(session, stage, policy, batch=batch)
        if claims:
            drain.outcomes += _run(open_session, claims, handler, policy)
        elif not arrived:
            drain.finished = True
            break
    return drain


def _run(open_session: OpenSession, claims: list[Claimed], handler: Handler, policy: AttemptPolicy) -> Counter[str]:
    """Work the claimed batch; when the environment fails it (a lost connection, a deadlock), give the claims back
    at once, as the messages' drain does, rather than leave them to go stale, and let the task retry."""
    try:
        with open_session() as session:
            return run_claimed(session, claims, handler, policy)
    except ENVIRONMENT_ERRORS:
        with suppress(*ENVIRONMENT_ERRORS), open_session() as session:
            release(session, claims)
        raise


def _take_arrivals(open_session: OpenSession, stage: Stage, batch: int) -> bool:
    """Whether any arrived; the other stages they give work to are woken once this commits."""
    with open_session() as session:
        taken, woken = take_arrivals(session, clock.business_now(session), batch=batch)
        for other in woken - {stage}:
            wake_after_commit(session, other.task_name)
    return taken > 0
