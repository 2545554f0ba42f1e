"""One structured log line per request, tagged with a request id the client can quote."""

import logging
import time
import uuid
from collections.abc import Awaitable, Callable

from fastapi import Request, Response

from single_window.logs import request_id
from single_window.web.handlers import internal_error_response

logger = logging.getLogger("single_window.access")

CallNext = Callable[[Request], Awaitable[Response]]


async def log_requests(request: Request, call_next: CallNext) -> Response:
    rid = (request.headers.get("x-request-id") or uuid.uuid4().hex)[:64]
    token = request_id.set(rid)
    started = time.perf_counter()
    try:
        response = await _respond(request, call_next)
        response.headers["X-Request-ID"] = rid
        logger.info(
            "request",
            extra={
                "method": request.method,
                "path": request.url.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response
    finally:
        request_id.reset(token)


async def _respond(request: Request, call_next: CallNext) -> Response:
    # Rendered here, not by Starlette's outermost handler: there the request id is gone and no header can be added.
    try:
        return await call_next(request)
    except Exception as error:  # noqa: BLE001 - every unexpected failure becomes the one 500 answer
        return internal_error_response(request, error)
