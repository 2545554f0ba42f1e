"""Answer in JSON by default and in XML to clients that send or accept XML."""

from collections.abc import Mapping
from typing import Any

from fastapi import Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from single_window.xmlio.codec import to_xml

XML_MEDIA_TYPES = ("application/xml", "text/xml")


def is_xml_media_type(content_type: str) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type in XML_MEDIA_TYPES or media_type.endswith("+xml")


def client_wants_xml(request: Request) -> bool:
    accept = request.headers.get("accept", "").lower()
    if "json" in accept:
        return False
    if "xml" in accept:
        return True
    return is_xml_media_type(request.headers.get("content-type", ""))


def render(
    request: Request,
    content: BaseModel | Mapping[str, Any],
    *,
    root: str,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Response:
    data = content.model_dump(mode="json") if isinstance(content, BaseModel) else jsonable_encoder(content)
    if client_wants_xml(request):
        return Response(to_xml(root, data), status_code, headers, media_type="application/xml")
    return JSONResponse(data, status_code, headers)
