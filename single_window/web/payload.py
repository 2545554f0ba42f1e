"""Read a bounded request body as JSON or XML and validate it into a model."""

import json
import math
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from pydantic import BaseModel, ValidationError

from single_window.errors import (
    BadRequest,
    FieldError,
    PayloadTooLarge,
    UnsupportedMediaType,
    body_refused,
    validation_failed,
)
from single_window.web.dependencies import SettingsDep
from single_window.web.rendering import is_xml_media_type
from single_window.xmlio.codec import from_xml
from single_window.xmlio.safe_parser import parse_xml

Model = TypeVar("Model", bound=BaseModel)


async def read_bounded_body(request: Request, max_bytes: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise PayloadTooLarge(f"the body is {declared} bytes; the limit is {max_bytes}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise PayloadTooLarge(f"the body exceeds the limit of {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def read_payload(request: Request, settings: SettingsDep) -> Any:
    """The body as plain data, whichever of JSON or XML the client sent."""
    body = await read_bounded_body(request, settings.max_body_bytes)
    content_type = request.headers.get("content-type", "application/json")
    if is_xml_media_type(content_type):
        return from_xml(parse_xml(body, max_bytes=settings.max_body_bytes, max_depth=settings.max_xml_depth))
    if content_type.split(";", 1)[0].strip().lower() != "application/json":
        raise UnsupportedMediaType(f"send application/json or application/xml, not {content_type}")
    return parse_json(body)


# Python's own default limit on reading an integer (reading one takes time quadratic in its digits); fixed here, so
# that an interpreter started without the limit does not lift it. No field we read is a number anywhere near it.
MAX_INTEGER_DIGITS = 4300


class _Unreadable(ValueError):
    """A JSON value the json module would read into something no answer can render, or takes too long to read."""


def parse_json(body: bytes) -> Any:
    """The body as plain data; anything that is not JSON, or not JSON we read, is a 400 and never a 500."""
    try:
        return json.loads(body, parse_constant=_refuse_constant, parse_float=_finite_float, parse_int=_bounded_int)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise json_malformed(str(error), line=getattr(error, "lineno", None)) from None
    except _Unreadable as error:
        raise json_malformed(str(error)) from None
    except RecursionError:
        # The json module reads nesting by recursion; past Python's limit it gives up rather than read on.
        raise json_malformed("arrays and objects nest deeper than this server reads") from None


def json_malformed(message: str, *, line: int | None = None) -> BadRequest:
    return body_refused("json_malformed", "the body is not valid JSON", message, line)


def _refuse_constant(name: str) -> Any:
    # The json module reads NaN, Infinity and -Infinity; JSON has none of them, and no answer could render them.
    raise _Unreadable(f"{name} is not a JSON value")


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        # 1e999 would become infinity: as unrenderable in an answer as Infinity itself.
        raise _Unreadable("a number is beyond the range of a double (about 1.8e308)")
    return number


def _bounded_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INTEGER_DIGITS:
        raise _Unreadable(f"a number has {digits} digits; at most {MAX_INTEGER_DIGITS} are read")
    return int(text)


# Routes name it after their caller's role: FastAPI solves dependencies in the order of the parameters, and who may
# call a route is settled before what they sent is read (403 before 400, 413, 415 or 422).
PayloadDep = Annotated[Any, Depends(read_payload)]


def validate_payload(model: type[Model], data: Any, context: Mapping[str, Any] | None = None) -> Model:
    """``context`` is pydantic's validation context, for the rules that depend on settings."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as error:
        raise validation_failed(*field_errors(error.errors())) from None


def field_errors(problems: Iterable[Mapping[str, Any]]) -> list[FieldError]:
    """Pydantic's errors in the one contract's shape; "/" is the body itself."""
    return [
        FieldError(
            field=".".join(str(part) for part in problem["loc"]) or "/", code=problem["type"], message=problem["msg"]
        )
        for problem in problems
    ]


BODY_MODELS: list[type[BaseModel]] = []


def openapi_body(model: type[BaseModel]) -> dict[str, Any]:
    """Document a body read by hand, for both media types the route accepts."""
    BODY_MODELS.append(model)
    schema = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema}, "application/xml": {"schema": schema}},
        }
    }
