"""The four messages of generated import sets, each with its sender, and the ceiling of parsing them alone."""

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter

from single_window.config import Settings
from single_window.generator import (
    ImportSet,
    Party,
    batched,
    ceb311_message,
    ceb411_message,
    ceb511_message,
    ceb621_message,
    generate_import_sets,
)
from single_window.messages.intake import parse_message

LINES = 5
# One order per message: each uvicorn process compiles the four schemas, each pool process warms its handlers.
WARMUP_SETS = 8
CEILING_SECONDS = 2.0  # the parse ceiling is timed over at least this long
# The four messages of a batch of sets, in the order a set's documents are sent, with their senders.
BuildMessage = Callable[[Sequence[ImportSet]], bytes]
FOUR_MESSAGES: tuple[tuple[BuildMessage, Callable[[ImportSet], Party]], ...] = (
    (ceb311_message, attrgetter("parties.platform")),
    (ceb411_message, attrgetter("parties.payment")),
    (ceb511_message, attrgetter("parties.logistics")),
    (ceb621_message, attrgetter("parties.agent")),
)

# (sender's customs code, message)
SentMessage = tuple[str, bytes]


@dataclass(frozen=True)
class Ceiling:
    """Parsing and validating the measured messages in one process and one thread, nothing stored."""

    sets: int  # the measured sets times the passes over their messages
    seconds: float
    cpu_seconds: float

    @property
    def sets_per_second(self) -> float:
        return self.sets / self.seconds


def import_messages(sets: int, orders_per_message: int, *, seed: int) -> tuple[list[SentMessage], list[SentMessage]]:
    """The messages of the warm-up sets, one order a message, and of the measured sets; every set different (its own
    orderNo, waybill, guids), the four messages of each batch in the order a set is declared."""
    generated = generate_import_sets(
        random.Random(seed), WARMUP_SETS + sets, lines=LINES, start=datetime.now().replace(microsecond=0)
    )
    warmup = _four_messages(batched(generated[:WARMUP_SETS], 1))
    return warmup, _four_messages(batched(generated[WARMUP_SETS:], orders_per_message))


def parse_ceiling(bodies: Sequence[bytes], sets: int) -> Ceiling:
    """The bare endpoint's work on the same messages: the hardened parse and the XSD, without HTTP, storing or
    clearance, as bench/intake_cpu.py times its parse phase; passes over them until CEILING_SECONDS have gone by,
    so a small run is timed over more than a few milliseconds."""
    settings = Settings()
    for body in bodies[: len(FOUR_MESSAGES)]:
        parse_message(body, settings)  # each type's schema compiled once, as a serving process has it
    passes, started_wall, started_cpu = 0, time.perf_counter(), time.process_time()
    while passes == 0 or time.perf_counter() - started_wall < CEILING_SECONDS:
        for body in bodies:
            parse_message(body, settings)
        passes += 1
    return Ceiling(sets * passes, time.perf_counter() - started_wall, time.process_time() - started_cpu)


def _four_messages(batches: Sequence[Sequence[ImportSet]]) -> list[tuple[str, bytes]]:
    return [(sender(batch[0]).code, build(batch)) for batch in batches for build, sender in FOUR_MESSAGES]
