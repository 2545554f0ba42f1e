"""One structured log line per request, tagged with a request id the client can quote."""

import logging
import time
import uuid

from starlette.datastructures import URL, Headers, MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from single_window.logs import request_id
from single_window.web.handlers import internal_error_response

logger = logging.getLogger("single_window.access")

MAX_REQUEST_ID = 64


class AccessLog:
    """Plain ASGI, not ``app.middleware("http")``: that wraps every request in a task group and memory streams."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = (Headers(scope=scope).get("x-request-id") or uuid.uuid4().hex)[:MAX_REQUEST_ID]
        token = request_id.set(rid)
        started = time.perf_counter()
        status: list[int] = []

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
                MutableHeaders(scope=message)["X-Request-ID"] = rid
            await send(message)

        try:
            await self._respond(scope, receive, send_with_id, status)
        finally:
            if status:
                _log(scope, status[0], started)
            request_id.reset(token)

    async def _respond(self, scope: Scope, receive: Receive, send: Send, status: list[int]) -> None:
        # Rendered here, not by Starlette's outermost handler: there the request id is gone and no header can be added.
        try:
            await self.app(scope, receive, send)
        except Exception as error:
            if status:  # the answer has begun: too late for a 500, the server drops the connection
                raise
            response = internal_error_response(Request(scope), error)
            await response(scope, receive, send)


def _log(scope: Scope, status: int, started: float) -> None:
    if logger.isEnabledFor(logging.INFO):  # spares building the URL when the level hides the line
        logger.info(
            "request",
            extra={
                "method": scope["method"],
                "path": URL(scope=scope).path,
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
