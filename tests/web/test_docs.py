"""/docs and /redoc come with every file they load: an integrator without the internet still reads them."""

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from single_window.main import create_app
from tests.browser import CHROMIUM, visit
from tests.processes import answers, free_port, running, service_environment, wait_for

PAGES = ["/docs", "/redoc"]
LOADED = re.compile(r"""(?:href|src|spec-url)="([^"]+)"|url: '([^']+)'""")
# What a page may still use besides its own server: its inline start-up script and styles, data: and blob: URLs.
LOCAL_SOURCES = {"'self'", "'unsafe-inline'", "data:", "blob:"}
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (apt-get install chromium)")


@pytest.fixture(scope="module")
def app_client() -> TestClient:
    return TestClient(create_app())


@pytest.mark.parametrize("page", PAGES)
def test_the_page_names_no_other_host(app_client: TestClient, page: str) -> None:
    html = app_client.get(page).text
    assert not re.search(r"https?:|//", html), html


@pytest.mark.parametrize("page", PAGES)
def test_every_file_the_page_loads_is_served_here(app_client: TestClient, page: str) -> None:
    loaded = [a or b for a, b in LOADED.findall(app_client.get(page).text)]
    assert len(loaded) >= 3, loaded  # a script, the favicon and the OpenAPI document at least
    for url in loaded:
        assert app_client.get(url).status_code == 200, url


@pytest.mark.parametrize("page", PAGES)
def test_the_page_forbids_the_browser_any_other_origin(app_client: TestClient, page: str) -> None:
    policy = app_client.get(page).headers["Content-Security-Policy"]
    directives = [directive.split() for directive in policy.split(";")]
    assert ["default-src", "'self'"] in directives
    assert {source for _, *sources in directives for source in sources} <= LOCAL_SOURCES


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``single-window serve`` with its embedded defaults: SQLite in a directory of its own, no broker needed."""
    cwd = tmp_path_factory.mktemp("serve")
    base = f"http://127.0.0.1:{free_port()}"
    with running(["serve", "--port", base.rsplit(":", 1)[1]], service_environment(), cwd):
        wait_for(lambda: answers(f"{base}/healthz"), seconds=60, what="the API", log=cwd / "process.log")
        yield base


@pytest.fixture(scope="module")
def openapi(server: str) -> dict[str, Any]:
    document = httpx.get(f"{server}/openapi.json").json()
    assert isinstance(document, dict)
    return document


@needs_chromium
def test_swagger_ui_renders_every_operation_offline(server: str, openapi: dict[str, Any], tmp_path: Path) -> None:
    page = visit(f"{server}/docs", scratch=tmp_path)
    rendered = re.findall(r'opblock-summary-method">(\w+)</span>.*?data-path="([^"]*)"', page.dom)
    assert Counter((method.lower(), path) for method, path in rendered) == Counter(list(_operations(openapi))), (
        page.dom[:3000]
    )
    _assert_only_this_server_was_asked(page.requests, server)


@needs_chromium
def test_redoc_renders_every_operation_offline(server: str, openapi: dict[str, Any], tmp_path: Path) -> None:
    page = visit(f"{server}/redoc", scratch=tmp_path)
    rendered = set(re.findall(r'data-section-id="operation/([^"]+)"', page.dom))
    assert rendered == {operation["operationId"] for operation in _operations(openapi).values()}, page.dom[:3000]
    _assert_only_this_server_was_asked(page.requests, server)


def _operations(openapi: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(method, path): operation for path, item in openapi["paths"].items() for method, operation in item.items()}


def _assert_only_this_server_was_asked(requests: list[str], server: str) -> None:
    assert f"{server}/openapi.json" in requests, requests
    assert [url for url in requests if not url.startswith(f"{server}/")] == []
