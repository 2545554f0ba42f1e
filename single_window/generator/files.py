"""A generator run written to files: one file per message, named for its batch and type, in send order."""

import random
import secrets
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import Literal, TypeVar, cast

from single_window.generator.export_messages import ceb303_message, ceb403_message, ceb505_message, ceb603_message
from single_window.generator.export_sets import generate_export_sets
from single_window.generator.import_messages import ceb311_message, ceb411_message, ceb511_message, ceb621_message
from single_window.generator.import_sets import generate_import_sets
from single_window.generator.model import ExportSet, ImportSet, OrderSet
from single_window.generator.numbers import compact
from single_window.generator.xmlbuild import MAX_DOCUMENTS

Direction = Literal["import", "export", "both"]
DIRECTIONS = ("import", "export", "both")
# With a seed and no start the files must not depend on the clock: the times begin at this fixed instant.
SEEDED_START = datetime(2025, 1, 6, 9, 0, 0)
OrderSetT = TypeVar("OrderSetT", bound=OrderSet)
T = TypeVar("T")
Builder = Callable[[Sequence[OrderSetT]], bytes]

# Send order: the order, its payment, its waybill, then the inventory that customs matches against all three.
IMPORT_MESSAGES: tuple[tuple[str, Builder[ImportSet]], ...] = (
    ("CEB311", ceb311_message),
    ("CEB411", ceb411_message),
    ("CEB511", ceb511_message),
    ("CEB621", ceb621_message),
)
EXPORT_MESSAGES: tuple[tuple[str, Builder[ExportSet]], ...] = (
    ("CEB303", ceb303_message),
    ("CEB403", ceb403_message),
    ("CEB505", ceb505_message),
    ("CEB603", ceb603_message),
)


@dataclass(frozen=True)
class Run:
    direction: Direction
    orders: int
    orders_per_message: int
    lines: int | None
    seed: int
    start: datetime


@dataclass(frozen=True)
class Written:
    files: list[Path]
    import_orders: int
    export_orders: int
    seconds: float


def plan_run(
    direction: str,
    *,
    orders: int,
    orders_per_message: int,
    lines: int | None,
    seed: int | None,
    start: str | None,
) -> Run:
    """The run the command line asks for: a random seed when none is given, and a first appTime."""
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be import, export or both, not {direction!r}")
    return Run(
        direction=cast(Direction, direction),
        orders=orders,
        orders_per_message=orders_per_message,
        lines=lines,
        seed=secrets.randbelow(2**32) if seed is None else seed,
        start=_first_app_time(start, seeded=seed is not None),
    )


def summary(out: Path, run: Run, written: Written) -> str:
    orders = " and ".join(
        f"{count} {direction} orders"
        for direction, count in (("import", written.import_orders), ("export", written.export_orders))
        if count
    )
    return (
        f"wrote {len(written.files)} messages ({orders}, {run.orders_per_message} per message) to {out} "
        f"in {written.seconds:.1f} s; seed {run.seed}, first appTime {compact(run.start)}"
    )


def batched(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """Consecutive batches of `size` orders (the last may be shorter): one message of each type per batch."""
    if not 1 <= size <= MAX_DOCUMENTS:
        raise ValueError(f"a message carries 1 to {MAX_DOCUMENTS} orders, not {size}")
    return [items[start : start + size] for start in range(0, len(items), size)]


def message_files(
    sets: Sequence[OrderSetT],
    builders: Sequence[tuple[str, Builder[OrderSetT]]],
    per_message: int,
    first_batch: int = 1,
) -> Iterator[tuple[str, bytes]]:
    """(file name, message) in send order: 0001-CEB311.xml, 0001-CEB411.xml, … then 0002-…"""
    for number, batch in enumerate(batched(sets, per_message), start=first_batch):
        for code, build in builders:
            yield f"{number:04d}-{code}.xml", build(batch)


def write_run(out: Path, run: Run) -> Written:
    """Generate the run's sets from its seed and write every message under `out`."""
    began = time.monotonic()
    rng = random.Random(run.seed)
    imports = (
        generate_import_sets(rng, run.orders, lines=run.lines, start=run.start) if run.direction != "export" else []
    )
    exports = (
        generate_export_sets(rng, run.orders, lines=run.lines, start=run.start) if run.direction != "import" else []
    )
    out.mkdir(parents=True, exist_ok=True)
    import_batches = -(-len(imports) // run.orders_per_message)
    named = chain(
        message_files(imports, IMPORT_MESSAGES, run.orders_per_message),
        message_files(exports, EXPORT_MESSAGES, run.orders_per_message, first_batch=import_batches + 1),
    )
    files = []
    for name, body in named:  # one message in memory at a time: 100 orders of 99 lines make 7 MB
        (out / name).write_bytes(body)
        files.append(out / name)
    return Written(files, len(imports), len(exports), time.monotonic() - began)


def _first_app_time(text: str | None, *, seeded: bool) -> datetime:
    if text is not None:
        try:
            return datetime.strptime(text, "%Y%m%d%H%M%S")
        except ValueError:
            raise ValueError(f"start must be a real YYYYMMDDhhmmss time, not {text!r}") from None
    return SEEDED_START if seeded else datetime.now().replace(microsecond=0)
