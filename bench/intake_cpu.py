"""Intake CPU without HTTP: what authenticate + parse + receive + commit + enqueue cost per message, in one process.

    .venv/bin/python bench/intake_cpu.py --messages 2000 --orders-per-message 1 --database sqlite
    .venv/bin/python bench/intake_cpu.py --messages 100 --orders-per-message 100 --database postgresql --profile

Run by hand: the HTTP figures come from bench/intake.py; this one isolates the service layer and splits it by phase.
"""

import argparse
import cProfile
import pstats
import random
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from stack import broker, fresh_database, platform_key

from single_window.config import Settings
from single_window.database import make_engine, unit_of_work
from single_window.generator import batched, ceb311_message, generate_import_sets
from single_window.identity.service import authenticate
from single_window.messages import service
from single_window.messages.intake import parse_message

T = TypeVar("T")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--orders-per-message", type=int, default=1)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--broker", choices=("embedded", "redis"), default=None)
    parser.add_argument("--profile", action="store_true", help="print the top of a cProfile of the measured loop")
    args = parser.parse_args()
    sets = generate_import_sets(
        random.Random(), (args.messages + 20) * args.orders_per_message, lines=5, start=datetime(2026, 11, 2, 9)
    )
    bodies = [ceb311_message(batch) for batch in batched(sets, args.orders_per_message)]
    warmup, measured = bodies[:20], bodies[20:]
    scratch = Path(tempfile.mkdtemp(prefix="sw-bench-cpu-"))
    try:
        broker_kind = args.broker or ("embedded" if args.database == "sqlite" else "redis")
        with fresh_database(args.database, scratch) as url, broker(broker_kind, scratch) as broker_env:
            key = platform_key(url)
            settings = Settings(
                database_url=url,
                broker_url=broker_env["SW_BROKER_URL"],
                broker_dir=Path(broker_env.get("SW_BROKER_DIR", scratch / "broker")),
            )
            _patch_settings(settings)
            engine = make_engine(url)
            timings: dict[str, float] = defaultdict(float)
            for body in warmup:
                _receive(engine, settings, key, body, defaultdict(float))
            profiler = cProfile.Profile() if args.profile else None
            started_wall, started_cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            for body in measured:
                _receive(engine, settings, key, body, timings)
            if profiler:
                profiler.disable()
            wall, cpu = time.perf_counter() - started_wall, time.process_time() - started_cpu
            engine.dispose()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    count = len(measured)
    print(f"{count} messages of {args.orders_per_message} order(s), {args.database} + {broker_kind}")
    print(f"per message: {cpu / count * 1000:.2f} ms CPU, {wall / count * 1000:.2f} ms wall")
    print(f"=> {count / cpu:.0f} messages/s and {count * args.orders_per_message / cpu:.0f} orders/s per core")
    for phase, seconds in timings.items():
        print(f"  {phase:<12} {seconds / count * 1000:7.3f} ms wall")
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(35)
    return 0


def _patch_settings(settings: Settings) -> None:
    """The producer and the engine read the settings singleton; point it at the bench's database and broker."""
    import single_window.config as config

    config.get_settings.cache_clear()
    config.get_settings = lambda: settings  # type: ignore[assignment]


def _receive(engine: object, settings: Settings, key: str, body: bytes, timings: dict[str, float]) -> None:
    with _phase(timings, "total"):
        with unit_of_work(engine) as session:  # type: ignore[arg-type]
            sender = _timed(timings, "authenticate", lambda: authenticate(session, settings, key))
            parsed = _timed(timings, "parse", lambda: parse_message(body, settings))
            answer = _timed(timings, "receive", lambda: service.receive(session, parsed, sender_code=sender.subject))
            if answer.status_code != 202:
                sys.exit(f"not accepted: {answer.body}")
            session.info["bench_commit_started"] = time.perf_counter()
        timings["commit+send"] += time.perf_counter() - session.info.pop("bench_commit_started")


def _timed(timings: dict[str, float], phase: str, work: Callable[[], T]) -> T:
    with _phase(timings, phase):
        return work()


@contextmanager
def _phase(timings: dict[str, float], phase: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[phase] += time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
