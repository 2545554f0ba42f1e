"""The XSDs are public: listed, served byte for byte, and nothing else is reachable through the route."""

from urllib.parse import urljoin

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import etree

from single_window.ceb.xsd import SchemaFile, schema_files
from single_window.messages.schemas_router import router
from single_window.web.handlers import install_error_handlers

XS = "{http://www.w3.org/2001/XMLSchema}"


@pytest.fixture(scope="module")
def client() -> TestClient:
    app = FastAPI()
    install_error_handlers(app)
    app.include_router(router)
    return TestClient(app)


def test_the_list_names_each_schema_with_its_namespace_and_url(client: TestClient) -> None:
    response = client.get("/api/v1/schemas")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["name"] for item in items] == [file.name for file in schema_files()]
    assert items[0] == {
        "name": "ceb/import-2022-05.xsd",
        "namespace": "http://www.chinaport.gov.cn/ceb",
        "description": "CEB import messages, 2022-05 edition",
        "url": "/api/v1/schemas/ceb/import-2022-05.xsd",
    }


def test_the_list_is_xml_for_clients_that_accept_xml(client: TestClient) -> None:
    response = client.get("/api/v1/schemas", headers={"Accept": "application/xml"})
    assert response.headers["content-type"].startswith("application/xml")
    assert etree.fromstring(response.content).findtext("items/item/url") == "/api/v1/schemas/ceb/import-2022-05.xsd"


@pytest.mark.parametrize("file", schema_files(), ids=lambda file: file.name)
def test_each_listed_url_serves_the_schema_file_itself_as_xml(client: TestClient, file: SchemaFile) -> None:
    listed = {item["name"]: item["url"] for item in client.get("/api/v1/schemas").json()["items"]}
    response = client.get(listed[file.name])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    assert response.content == file.path.read_bytes()


@pytest.mark.parametrize("name", ["ceb/import-2022-05.xsd", "ceb/export-2022-05.xsd", "dxp/dxpmsg-2022-05.xsd"])
def test_relative_imports_of_a_served_schema_resolve_to_served_urls(client: TestClient, name: str) -> None:
    url = f"http://testserver/api/v1/schemas/{name}"
    imports = etree.fromstring(client.get(url).content).findall(f"{XS}import")
    assert imports
    for schema_import in imports:
        assert client.get(urljoin(url, schema_import.get("schemaLocation", ""))).status_code == 200


def test_an_unknown_schema_is_a_404_in_the_error_contract(client: TestClient) -> None:
    response = client.get("/api/v1/schemas/ceb/import-2018.xsd")
    assert response.status_code == 404
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (404, "schema_not_found")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/schemas/..%2F..%2Fpyproject.toml",
        "/api/v1/schemas/ceb/..%2F..%2Fpyproject.toml",
        "/api/v1/schemas/%2e%2e/%2e%2e/pyproject.toml",
        "/api/v1/schemas/ceb/../../../pyproject.toml",
        "/api/v1/schemas//etc/passwd",
        "/api/v1/schemas/ceb",
    ],
)
def test_nothing_but_a_listed_schema_can_be_reached(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "single-window" not in response.text
    assert "root:" not in response.text


def test_schemas_need_no_credentials(client: TestClient) -> None:
    assert client.get("/api/v1/schemas", headers={"Authorization": "Bearer nonsense"}).status_code == 200
