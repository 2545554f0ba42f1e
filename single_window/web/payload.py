"""Read a bounded request body as JSON or XML and validate it into a model."""

import json
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from pydantic import BaseModel, ValidationError

from single_window.errors import BadRequest, FieldError, PayloadTooLarge, UnsupportedMediaType, validation_failed
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
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        line = getattr(error, "lineno", None)
        detail = FieldError(field="/", code="json_malformed", message=str(error), line=line)
        raise BadRequest("the body is not valid JSON", [detail], "json_malformed") from None


PayloadDep = Annotated[Any, Depends(read_payload)]


def validate_payload(model: type[Model], data: Any) -> Model:
    try:
        return model.model_validate(data)
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
