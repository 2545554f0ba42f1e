"""Import sets through the whole pipeline: order, payment, waybill and inventory over HTTP until every inventory is
released (800), by stage, against the ceiling of parsing the same messages alone.

    .venv/bin/python bench/pipeline.py --sets 2000 --database sqlite
    .venv/bin/python bench/pipeline.py --sets 2000 --database postgresql --workers 2

Run by hand, never by the test suite; see bench/README.md for what it measures and how the ratio is computed.
"""

import argparse
import os
import platform
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from import_sets import LINES, WARMUP_SETS, Ceiling, SentMessage, import_messages, parse_ceiling
from loadgen import Outcome, Request, run_load, sending
from sqlalchemy import Engine
from stack import (
    api_keys,
    broker,
    cpu_seconds,
    fresh_database,
    reading_engine,
    run_main,
    scratch_directory,
    serving,
    working,
)
from timeline import (
    Marks,
    Observation,
    Progress,
    Span,
    inspected,
    marks,
    median,
    progress,
    quantile,
    spans,
    task_seconds,
    time_in_steps,
    waiting_notes,
)

# Every inspection passes at once: the risk selection's draw still sends its share to 500, but no inventory waits
# out the sandbox's two seconds, which would measure the setting, not the service. The guarantee never runs out.
SERVICE_SETTINGS = {"SW_INSPECTION_SECONDS": "0", "SW_DEFAULT_GUARANTEE_CNY": "1000000000000"}
POLL_SECONDS = 0.1
STALL_SECONDS = 60  # nothing acknowledged or worked for this long: the pipeline is stuck, stop and tell
TARGET_RATIO = 0.20
TARGET_SETS_PER_SECOND = 1000


@dataclass(frozen=True)
class Options:
    sets: int
    orders_per_message: int
    database: str
    broker: str
    workers: int
    server_workers: int
    concurrency: int
    max_seconds: float
    seed: int
    keep: bool


@dataclass(frozen=True)
class Service:
    url: str
    port: int
    server_pid: int
    worker_pid: int
    worker_log: Path


@dataclass
class Run:
    outcome: Outcome
    progress: Progress
    spans: list[Span]
    inspected: int
    server_cpu: float
    worker_cpu: float
    load_average: float
    notes: list[str]
    task_seconds: dict[str, tuple[int, float]]

    @property
    def seconds(self) -> float:
        """From the first POST until the bench saw the last release committed."""
        return self.spans[-1].last


def main() -> int:
    options = _options()
    warmup, measured = import_messages(options.sets, options.orders_per_message, seed=options.seed)
    ceiling = parse_ceiling([body for _, body in measured], options.sets)
    with scratch_directory(options.keep) as scratch:
        try:
            run = _run_service(options, scratch, warmup, measured)
        except RuntimeError:
            print(_logs(scratch))
            raise
        logs = _logs(scratch)
    print(_report(options, run, ceiling))
    complete = run.progress.released == options.sets and not run.outcome.failures and not run.outcome.unsent
    if not complete:
        print(logs)
    return 0 if complete else 1


def _run_service(options: Options, scratch: Path, *messages: list[SentMessage]) -> Run:
    """A fresh database and broker, the Celery workers and uvicorn on them, the run; all of it gone afterwards."""
    with fresh_database(options.database, scratch) as url, broker(options.broker, scratch) as broker_env:
        keys = api_keys(url)
        env = broker_env | SERVICE_SETTINGS
        with (
            working(url, env, options.workers, scratch) as worker_pid,
            serving(url, env, options.server_workers, scratch) as (port, server_pid),
        ):
            service = Service(url, port, server_pid, worker_pid, scratch / "worker.log")
            return _measure(options, service, _keyed(keys, *messages))


def _logs(scratch: Path) -> str:
    return "\n".join(
        f"{name}, last lines:\n{(scratch / name).read_text(errors='replace')[-3000:]}"
        for name in ("server.log", "worker.log")
    )


def _measure(options: Options, service: Service, requests: tuple[list[Request], ...]) -> Run:
    """The warm-up sets sent and released, then the measured ones, watched from the first POST to the last release."""
    warmup, measured = requests
    pids = (service.server_pid, service.worker_pid)
    engine = reading_engine(service.url)
    try:
        _warm_up(engine, service.port, warmup, options)
        before = marks(engine)
        cpu_before = [cpu_seconds(pid) for pid in pids]
        load_average, log_offset = os.getloadavg()[0], service.worker_log.stat().st_size
        started = time.monotonic()
        with sending(service.port, measured, concurrency=options.concurrency, max_seconds=options.max_seconds) as load:
            observations = _watch(engine, before, options.sets, started, options.max_seconds)
            outcome = load.outcome()
        server_cpu, worker_cpu = (cpu_seconds(pid) - cpu for pid, cpu in zip(pids, cpu_before, strict=True))
        reached = observations[-1].progress
        return Run(
            outcome=outcome,
            progress=reached,
            spans=spans(observations, time_in_steps(engine, before, outcome.latencies)),
            inspected=inspected(engine, before),
            server_cpu=server_cpu,
            worker_cpu=worker_cpu,
            load_average=load_average,
            notes=[] if reached.released == options.sets else waiting_notes(engine, before),
            task_seconds=task_seconds(service.worker_log, log_offset),
        )
    finally:
        engine.dispose()


def _warm_up(engine: Engine, port: int, requests: list[Request], options: Options) -> None:
    """Sets sent and released before the clock starts: the schemas compiled, the pools' connections open."""
    run_load(port, requests, concurrency=options.concurrency, max_seconds=options.max_seconds)
    seen = _watch(engine, Marks(0, 0), WARMUP_SETS, time.monotonic(), options.max_seconds)[-1].progress
    if seen.released < WARMUP_SETS:
        raise RuntimeError(f"the warm-up sets were not released: {waiting_notes(engine, Marks(0, 0))}")


def _watch(engine: Engine, after: Marks, sets: int, started: float, max_seconds: float) -> list[Observation]:
    """What has committed, every POLL_SECONDS, until every set is released, a case is refused or set aside, nothing
    moves for STALL_SECONDS, or time is up."""
    observations: list[Observation] = []
    last_move = started
    while True:
        seconds = time.monotonic() - started
        seen = progress(engine, after)
        if observations and _moved(observations[-1].progress, seen):
            last_move = time.monotonic()
        observations.append(Observation(seconds, seen))
        if seen.released >= sets or seen.rejected or seen.set_aside:
            return observations
        if seconds > max_seconds or time.monotonic() - last_move > STALL_SECONDS:
            return observations
        time.sleep(POLL_SECONDS)


def _moved(before: Progress, now: Progress) -> bool:
    return (before.done, before.open_work) != (now.done, now.open_work)


def _keyed(keys: dict[str, str], *runs: list[SentMessage]) -> tuple[list[Request], ...]:
    return tuple([(keys[sender], body) for sender, body in run] for run in runs)


def _options() -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=2000, help="import sets measured (default 2000)")
    parser.add_argument(
        "--orders-per-message", type=int, default=100, help="documents in each message, 1-100 (default 100)"
    )
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--broker", choices=("embedded", "redis"), default=None, help="default: by database")
    parser.add_argument("--workers", type=int, default=2, help="Celery worker processes (default 2)")
    parser.add_argument("--server-workers", type=int, default=2, help="uvicorn worker processes (default 2)")
    parser.add_argument("--concurrency", type=int, default=4, help="client connections (default 4)")
    parser.add_argument("--max-seconds", type=float, default=600, help="give up sending, or clearing, after this")
    parser.add_argument("--seed", type=int, default=1, help="of the generated sets (default 1)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory (logs, SQLite file)")
    args = parser.parse_args()
    if not 1 <= args.orders_per_message <= 100 or args.sets < 1:
        parser.error("--orders-per-message is 1 to 100 (a CEB message's limit), --sets at least 1")
    return Options(
        sets=args.sets,
        orders_per_message=args.orders_per_message,
        database=args.database,
        broker=args.broker or ("embedded" if args.database == "sqlite" else "redis"),
        workers=args.workers,
        server_workers=args.server_workers,
        concurrency=args.concurrency,
        max_seconds=args.max_seconds,
        seed=args.seed,
        keep=args.keep,
    )


def _report(options: Options, run: Run, ceiling: Ceiling) -> str:
    outcome, sets = run.outcome, options.sets
    pipeline = sets / run.seconds if run.progress.released == sets and run.seconds > 0 else 0.0
    cores = os.cpu_count() or 1
    lines = [
        f"single-window pipeline, {datetime.now():%Y-%m-%d %H:%M}, {platform.node()}: {platform.machine()}, "
        f"{cores} CPUs, Python {platform.python_version()}; 1-minute load average before the run "
        f"{run.load_average:.2f}",
        f"setup: {options.database} + {options.broker} broker, {options.server_workers} uvicorn workers, "
        f"{options.workers} Celery worker processes, {options.concurrency} clients; {sets} import sets of "
        f"{LINES} lines, {options.orders_per_message} document(s) per message",
        f"sent {len(outcome.latencies)} of {len(outcome.latencies) + outcome.unsent} messages in "
        f"{outcome.seconds:.1f} s: statuses {dict(sorted(outcome.statuses.items()))}",
        f"released (800): {run.progress.released} of {sets} in {run.seconds:.1f} s after the first POST; "
        f"refused {run.progress.rejected}, set aside {run.progress.set_aside}; {run.inspected} inspected (500)",
        f"pipeline: {pipeline:.1f} sets/s ({4 * pipeline:.0f} documents/s)",
        *_stage_table(run.spans, options.orders_per_message),
        f"CPU per set: server {run.server_cpu * 1000 / sets:.2f} ms, "
        f"Celery workers {run.worker_cpu * 1000 / sets:.2f} ms "
        f"({run.server_cpu:.1f} s and {run.worker_cpu:.1f} s over {run.seconds:.1f} s wall; the database's own "
        "processes not counted)",
        _busy(run.task_seconds, options.workers, run.seconds),
        f"ceiling (parse + XSD of the same {len(run.outcome.latencies)} messages, one thread): "
        f"{ceiling.sets_per_second:.0f} sets/s ({ceiling.seconds:.2f} s, {ceiling.cpu_seconds:.2f} s CPU)",
        f"ratio: pipeline / ceiling = {_percent(pipeline, ceiling.sets_per_second)} (target >= {TARGET_RATIO:.0%}); "
        f"against the ceiling on all {cores} cores {_percent(pipeline, ceiling.sets_per_second * cores)}; "
        f"absolute target {TARGET_SETS_PER_SECOND:,} sets/s",
    ]
    lines += [f"not done: {note}" for note in run.notes]
    lines += [f"failure: {failure}" for failure in outcome.failures]
    return "\n".join(lines)


def _stage_table(stages: list[Span], orders_per_message: int) -> list[str]:
    lines = [
        f"  {'step':<17}{'done':>14}{'first':>8}{'last':>8}{'behind':>8}{'per s':>9}{'sets/s':>9}"
        f"{'in step p50':>13}{'p95':>9}   (first, last: s after the first POST)"
    ]
    previous_last = 0.0
    for span in stages:
        # A set is four documents, so four messages of documents carry as many sets as one message has documents.
        sets = span.per_second * orders_per_message / 4 if span.unit == "messages" else span.per_second
        lines.append(
            f"  {span.name:<17}{span.count:>6} {span.unit:<8}{span.first:>7.2f}{span.last:>8.2f}"
            f"{span.last - previous_last:>+8.2f}{span.per_second:>9.1f}{sets:>9.1f}"
            f"{_duration(median(span.spent)):>13}{_duration(quantile(span.spent, 0.95)):>9}"
        )
        previous_last = span.last
    return lines


def _busy(tasks: dict[str, tuple[int, float]], processes: int, seconds: float) -> str:
    """The pool's time by task, busiest first, out of what its processes had over the run."""
    ranked = sorted(tasks.items(), key=lambda item: -item[1][1])
    parts = [f"{name} {busy:.1f} s ({count} tasks)" for name, (count, busy) in ranked]
    return f"worker time by task (of {processes} x {seconds:.1f} s): " + (", ".join(parts) or "none logged")


def _duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _percent(part: float, whole: float) -> str:
    return f"{part / whole:.1%}" if whole else "n/a"


if __name__ == "__main__":
    run_main(main)
