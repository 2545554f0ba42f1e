"""The one place errors become responses: the same contract in JSON or XML, never a 500 for bad input."""

import logging

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException

from single_window.errors import ServiceUnavailable, SingleWindowError, validation_failed
from single_window.web.payload import field_errors
from single_window.web.rendering import render

logger = logging.getLogger("single_window.errors")

# Connection refused or lost, SQLite locked past its busy timeout, no pooled connection in time.
DATABASE_UNAVAILABLE = (OperationalError, PoolTimeout)
RETRY_AFTER_SECONDS = 5

HTTP_CODES = {
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
}


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(SingleWindowError, _single_window_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _request_validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http_exception)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected_error)


def error_response(request: Request, error: SingleWindowError) -> Response:
    headers = {"WWW-Authenticate": "Bearer"} if error.status_code == 401 else None
    return render(request, {"error": error.as_dict()}, root="response", status_code=error.status_code, headers=headers)


async def _single_window_error(request: Request, error: SingleWindowError) -> Response:
    return error_response(request, error)


async def _request_validation_error(request: Request, error: RequestValidationError) -> Response:
    return error_response(request, validation_failed(*field_errors(error.errors())))


async def _http_exception(request: Request, error: HTTPException) -> Response:
    code = HTTP_CODES.get(error.status_code, "http_error")
    failure = SingleWindowError(str(error.detail), code=code)
    response = render(
        request,
        {"error": {**failure.as_dict(), "status": error.status_code}},
        root="response",
        status_code=error.status_code,
    )
    response.headers.update(error.headers or {})
    return response


def internal_error_response(request: Request, error: Exception) -> Response:
    if isinstance(error, DATABASE_UNAVAILABLE):
        # Not the request's fault and not a bug: the database is down, restarting or locked past the busy timeout.
        logger.warning("database unavailable on %s %s: %s", request.method, request.url.path, error)
        unavailable = ServiceUnavailable("the database is unavailable; nothing was applied, send again shortly")
        response = error_response(request, unavailable)
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    logger.error("unhandled error on %s %s", request.method, request.url.path, exc_info=error)
    failure = SingleWindowError("internal error; the request was not applied", code="internal_error")
    return render(request, {"error": {**failure.as_dict(), "status": 500}}, root="response", status_code=500)


async def _unexpected_error(request: Request, error: Exception) -> Response:
    # Only failures outside the access-log middleware get here; it renders every other one itself.
    return internal_error_response(request, error)
