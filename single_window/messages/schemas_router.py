"""The message schemas as public spec material: a list, and each XSD as it is used to validate."""

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse
from pydantic import BaseModel

from single_window.ceb.xsd import schema_files
from single_window.errors import NotFound
from single_window.web.rendering import render

router = APIRouter(prefix="/api/v1/schemas", tags=["messages"])


class SchemaPublic(BaseModel):
    name: str
    namespace: str
    description: str
    url: str


class SchemaList(BaseModel):
    items: list[SchemaPublic]


@router.get("", response_model=None, responses={200: {"model": SchemaList}})
def list_schemas(request: Request) -> Response:
    """The XSDs that messages are validated against; no credentials needed."""
    items = [
        SchemaPublic(name=file.name, namespace=file.namespace, description=file.description, url=_url(file.name))
        for file in schema_files()
    ]
    return render(request, SchemaList(items=items), root="schemas")


@router.get(
    "/{name:path}",
    response_class=FileResponse,
    responses={200: {"content": {"application/xml": {}}}, 404: {"description": "no schema of that name"}},
)
def get_schema(name: str) -> FileResponse:
    """One XSD, byte for byte; its relative imports resolve to the other schema URLs."""
    # Served by exact name from the list, never by joining the request path onto a directory.
    for file in schema_files():
        if file.name == name:
            return FileResponse(file.path, media_type="application/xml")
    raise NotFound(f"no schema named {name!r}; GET {router.prefix} lists them", code="schema_not_found")


def _url(name: str) -> str:
    return f"{router.prefix}/{name}"
