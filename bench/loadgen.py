"""The load generator: keep-alive HTTP/1.1 connections in threads, in a process apart from the bench and the server."""

import http.client
import multiprocessing
import queue
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

PATH = "/api/v1/messages"
REQUEST_TIMEOUT_SECONDS = 120
MAX_FAILURES_KEPT = 5

# What one POST sends: the sender's API key and the message. Each CEB message type has its own sender (the platform
# sends orders, the payment enterprise payments...), so a run of several types carries a key per message.
Request = tuple[str, bytes]


@dataclass
class Outcome:
    """What one load run saw: a latency per answered request, the statuses, the first failures."""

    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    unsent: int = 0
    seconds: float = 0.0
    server_cpu_seconds: float = 0.0  # filled in by the bench, which knows the server's processes
    # The load generator's own CPU: on a 2-core machine every millisecond of it is one the server did not get.
    client_cpu_seconds: float = 0.0
    load_average: float = 0.0

    def merge(self, other: "Outcome") -> None:
        self.latencies += other.latencies
        for status, count in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + count
        self.failures += other.failures[: MAX_FAILURES_KEPT - len(self.failures)]
        self.unsent += other.unsent


def run_load(port: int, requests: Sequence[Request], *, concurrency: int, max_seconds: float) -> Outcome:
    """Send every request once, in order, from a forked process; its outcome."""
    with sending(port, requests, concurrency=concurrency, max_seconds=max_seconds) as load:
        return load.outcome()


@contextmanager
def sending(port: int, requests: Sequence[Request], *, concurrency: int, max_seconds: float) -> Iterator["Load"]:
    """The load started in a forked process (it inherits the requests, nothing is pickled but the outcome), while
    the bench does something else; stopped at once if the block ends before its outcome was taken."""
    context = multiprocessing.get_context("fork")
    answers: multiprocessing.Queue[Outcome] = context.Queue()
    process = context.Process(
        target=_load_process, args=(answers, port, requests, concurrency, max_seconds), daemon=True
    )
    process.start()
    load = Load(answers, max_seconds)
    try:
        yield load
    finally:
        if not load.answered:
            process.kill()  # interrupted: stop sending at once, the bench is about to stop the server
        process.join(timeout=10)
        if process.is_alive():
            process.kill()
            process.join()


@dataclass
class Load:
    answers: "multiprocessing.Queue[Outcome]"
    max_seconds: float
    answered: bool = False

    def outcome(self) -> Outcome:
        """Wait for every request to be answered (or given up on)."""
        outcome = self.answers.get(timeout=self.max_seconds + REQUEST_TIMEOUT_SECONDS + 30)
        self.answered = True
        return outcome


def _load_process(
    answers: "multiprocessing.Queue[Outcome]",
    port: int,
    requests: Sequence[Request],
    concurrency: int,
    max_seconds: float,
) -> None:
    work: queue.SimpleQueue[Request] = queue.SimpleQueue()
    for request in requests:
        work.put(request)
    deadline = time.monotonic() + max_seconds
    outcomes = [Outcome() for _ in range(concurrency)]
    threads = [threading.Thread(target=_sender, args=(port, work, deadline, outcome)) for outcome in outcomes]
    began, cpu_began = time.perf_counter(), time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = Outcome(seconds=time.perf_counter() - began, client_cpu_seconds=time.process_time() - cpu_began)
    for outcome in outcomes:
        total.merge(outcome)
    answers.put(total)


def _sender(port: int, work: "queue.SimpleQueue[Request]", deadline: float, outcome: Outcome) -> None:
    """One client with one keep-alive connection; reconnects only when the server closes it."""
    heads: dict[str, bytes] = {}
    connection = _Connection(port)
    try:
        while True:
            try:
                api_key, body = work.get_nowait()
            except queue.Empty:
                return
            if time.monotonic() > deadline:
                outcome.unsent += 1
                continue
            if api_key not in heads:
                heads[api_key] = _head(port, api_key)
            _send(connection, heads[api_key] + b"%d\r\n\r\n" % len(body) + body, outcome)
    finally:
        connection.close()


def _head(port: int, api_key: str) -> bytes:
    """The request line and headers up to the Content-Length's value, made once per sender and key."""
    return (
        f"POST {PATH} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/xml\r\n"
        f"Accept: application/json\r\nAuthorization: Bearer {api_key}\r\nContent-Length: "
    ).encode()


class _Connection:
    """A bare HTTP/1.1 keep-alive client: http.client parsed every answer's headers with the email package, about
    0.1 ms of the load generator's CPU per request, which on two cores the server did not get."""

    def __init__(self, port: int) -> None:
        self._port = port
        self._socket: socket.socket | None = None
        self._buffer = b""

    def exchange(self, request: bytes) -> tuple[int, bytes]:
        if self._socket is None:
            self._socket = socket.create_connection(("127.0.0.1", self._port), timeout=REQUEST_TIMEOUT_SECONDS)
            self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._buffer = b""
        self._socket.sendall(request)
        while (end := self._buffer.find(b"\r\n\r\n")) < 0:
            self._receive()
        head, self._buffer = self._buffer[:end], self._buffer[end + 4 :]
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        fields = {name.strip().lower(): value.strip() for name, value in (line.split(b":", 1) for line in lines[1:])}
        length = fields.get(b"content-length")
        if length is None:
            raise http.client.HTTPException(f"an answer without Content-Length: {head[:200]!r}")
        while len(self._buffer) < int(length):
            self._receive()
        answer, self._buffer = self._buffer[: int(length)], self._buffer[int(length) :]
        if fields.get(b"connection", b"").lower() == b"close":
            self.close()  # the server ends this connection: the next request opens another
        return status, answer

    def _receive(self) -> None:
        assert self._socket is not None
        chunk = self._socket.recv(65536)
        if not chunk:
            raise ConnectionResetError("the server closed the connection")
        self._buffer += chunk

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None


def _send(connection: _Connection, request: bytes, outcome: Outcome) -> None:
    started = time.perf_counter()
    try:
        status, answer = connection.exchange(request)
    except (OSError, ValueError, IndexError, http.client.HTTPException) as error:
        connection.close()  # the next request opens a new connection
        _failed(outcome, 0, f"{type(error).__name__}: {error}")
        return
    outcome.latencies.append(time.perf_counter() - started)
    outcome.statuses[status] = outcome.statuses.get(status, 0) + 1
    if status != 202:
        _failed(outcome, status, answer[:300].decode(errors="replace"))


def _failed(outcome: Outcome, status: int, detail: str) -> None:
    if status == 0:
        outcome.statuses[0] = outcome.statuses.get(0, 0) + 1
    if len(outcome.failures) < MAX_FAILURES_KEPT:
        outcome.failures.append(f"{status or 'no answer'}: {detail}")
