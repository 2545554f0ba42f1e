"""The API's documentation pages, /docs (Swagger UI) and /redoc, served with every file they load.

FastAPI's own pages load both UIs from a public CDN, and ReDoc adds Google Fonts and a logo from its vendor:
offline, behind a proxy or where that CDN is blocked, an integrator's first page stays blank. The files come
from the fastapi-offline package instead, and a Content-Security-Policy keeps the pages from fetching anything
from another origin, whatever a newer bundle would try.
"""

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.staticfiles import StaticFiles
from starlette.responses import HTMLResponse

ASSETS_URL = "/docs/assets"
ASSETS_PACKAGE = ("fastapi_offline", "static")
SWAGGER_JS = "swagger-ui-bundle.js"
SWAGGER_CSS = "swagger-ui.css"
REDOC_JS = "redoc.standalone.js"
FAVICON = "favicon.png"

# Both pages start their UI with an inline script and both UIs inject inline styles; ReDoc draws icons as data:
# images and runs its search in a blob: worker. Everything else, the OpenAPI document included, is 'self'.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src 'self' blob:"
)


def install_docs(app: FastAPI) -> None:
    """Serve /docs and /redoc from this server alone; the app is created with docs_url=None and redoc_url=None."""
    app.mount(ASSETS_URL, StaticFiles(packages=[ASSETS_PACKAGE]), name="docs-assets")
    app.add_api_route("/docs", swagger_ui, methods=["GET", "HEAD"], include_in_schema=False)
    app.add_api_route("/redoc", redoc, methods=["GET", "HEAD"], include_in_schema=False)


def swagger_ui(request: Request) -> HTMLResponse:
    assets = _assets_url(request)
    page = get_swagger_ui_html(
        openapi_url=_openapi_url(request),
        title=f"{request.app.title} - Swagger UI",
        swagger_js_url=f"{assets}/{SWAGGER_JS}",
        swagger_css_url=f"{assets}/{SWAGGER_CSS}",
        swagger_favicon_url=f"{assets}/{FAVICON}",
    )
    return _confined(page)


def redoc(request: Request) -> HTMLResponse:
    assets = _assets_url(request)
    page = get_redoc_html(
        openapi_url=_openapi_url(request),
        title=f"{request.app.title} - ReDoc",
        redoc_js_url=f"{assets}/{REDOC_JS}",
        redoc_favicon_url=f"{assets}/{FAVICON}",
        with_google_fonts=False,
    )
    return _confined(page)


def _assets_url(request: Request) -> str:
    return f"{request.scope.get('root_path', '')}{ASSETS_URL}"


def _openapi_url(request: Request) -> str:
    return f"{request.scope.get('root_path', '')}{request.app.openapi_url}"


def _confined(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return page
