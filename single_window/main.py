"""App assembly only: routers, error handlers, middleware, OpenAPI."""

import gc
from typing import Any

from fastapi import FastAPI
from pydantic.json_schema import models_json_schema

from single_window import __version__
from single_window.clearance.router import router as clearance_router
from single_window.filings.router import router as filings_router
from single_window.health.router import router as health_router
from single_window.identity.router import router as identity_router
from single_window.inbox.router import router as inbox_router
from single_window.messages.router import router as messages_router
from single_window.messages.schemas_router import router as schemas_router
from single_window.statistics.router import router as statistics_router
from single_window.web.access_log import AccessLog
from single_window.web.docs import install_docs
from single_window.web.handlers import install_error_handlers
from single_window.web.payload import BODY_MODELS

DESCRIPTION = """\
A simulator of China's cross-border e-commerce single window (跨境电子商务单一窗口).

Send `Authorization: Bearer <key>`: an enterprise's API key (returned once at filing),
the customs officer token (`SW_ADMIN_TOKEN`) or a statistician token issued by an officer.
Every endpoint answers JSON, or XML when the request is XML or `Accept: application/xml`.
"""


def create_app() -> FastAPI:
    app = FastAPI(title="single-window", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None)
    install_docs(app)
    install_error_handlers(app)
    app.add_middleware(AccessLog)
    for router in (
        health_router,
        filings_router,
        identity_router,
        messages_router,
        inbox_router,
        clearance_router,
        schemas_router,
        statistics_router,
    ):
        app.include_router(router)
    app.openapi = lambda: _openapi_with_body_models(app)  # type: ignore[method-assign]
    return app


# Allocations between young collections (Python's default is 700).
YOUNG_GENERATION_THRESHOLD = 10_000


def serving_app() -> FastAPI:
    """The app as a server process runs it (`single-window serve`, or uvicorn with --factory).

    Everything alive once the app is assembled (routes, models, code tables) lives as long as the process: frozen,
    the collector stops walking it on every full collection. A 100-order message allocates thousands of records
    and dicts, dead by the answer; both changes together took 2-4 % off intake's CPU per request (bench/).
    """
    app = create_app()
    # Garbage left from building the app would otherwise be frozen with it, for good.
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, middle, old)
    return app


def _openapi_with_body_models(app: FastAPI) -> dict[str, Any]:
    """Bodies read by hand (JSON or XML) still appear in the docs with their schemas."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    _, definitions = models_json_schema(
        [(model, "validation") for model in BODY_MODELS], ref_template="#/components/schemas/{model}"
    )
    schema.setdefault("components", {}).setdefault("schemas", {}).update(definitions.get("$defs", {}))
    app.openapi_schema = schema
    return schema
