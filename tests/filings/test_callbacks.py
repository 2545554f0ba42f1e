"""Callback URLs never lead to link-local or cloud metadata addresses, and to this machine or private networks only
where the setting allows it: the rule itself, and the rule on filing and amending over HTTP."""

from ipaddress import ip_address
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from single_window.config import Settings
from single_window.filings.callbacks import address_problem, callback_url_problem
from single_window.filings.models import Enterprise
from tests.factories import file_enterprise, filing_payload

METADATA_AND_LINK_LOCAL = {
    "http://169.254.169.254/latest/meta-data/": "169.254.169.254/32",
    "http://169.254.170.2/v2/credentials": "169.254.0.0/16",
    "http://[fe80::1]/": "fe80::/10",
    "http://[fd00:ec2::254]/latest/meta-data/": "fd00:ec2::254/128",
    "http://100.100.100.200/latest/meta-data/": "100.100.100.200/32",
    "http://192.0.0.192/latest/": "192.0.0.192/32",
    "http://metadata.google.internal/computeMetadata/v1/": "metadata service",
    "http://METADATA.Google.Internal./computeMetadata/v1/": "metadata service",
    "http://metadata/computeMetadata/v1/": "metadata service",
    "http://metadata.goog/": "metadata service",
    "http://instance-data/latest/": "metadata service",
    "http://instance-data.ec2.internal/latest/": "metadata service",
    "http://metadata.tencentyun.com/latest/meta-data/": "metadata service",
}
SPELLINGS_OF_THE_METADATA_ADDRESS = [
    "http://2852039166/",
    "http://0251.0376.0251.0376/",
    "http://0xa9.0xfe.0xa9.0xfe/",
    "http://0xa9fea9fe/",
    "http://169.254.43518/",
    "http://%31%36%39.254.169.254/",
    "http://169.254.169.254./",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[::ffff:0:a9fe:a9fe]/",
    "http://[0:0:0:0:0:ffff:a9fe:a9fe]/",
    "http://[64:ff9b::169.254.169.254]/",
    "http://[::169.254.169.254]/",
    "http://[2002:a9fe:a9fe::]/",
    "http://[2001:0:4136:e378:8000:63bf:5601:5601]/",
    "http://example.com@169.254.169.254/",
    "http://example.com:80@169.254.169.254/",
    "http://169.254.169.254\\@example.com/",
    "http:/\\169.254.169.254/",
    "HTTP://169.254.169.254:80/",
]
NEVER_THIS_MACHINE = {
    "http://0.0.0.0/": "0.0.0.0/8",
    "http://0/": "0.0.0.0/8",
    "http://0.1.2.3/": "0.0.0.0/8",
    "http://[::]/": "::/128",
    "http://224.0.0.1/": "224.0.0.0/4",
    "http://239.255.255.250:1900/": "224.0.0.0/4",
    "http://[ff02::1]/": "ff00::/8",
    "http://255.255.255.255/": "240.0.0.0/4",
    "http://240.0.0.1/": "240.0.0.0/4",
}
PRIVATE = {
    "http://127.0.0.1:9000/receipts": "127.0.0.0/8",
    "http://127.1/": "127.0.0.0/8",
    "http://2130706433/": "127.0.0.0/8",
    "http://0x7f000001/": "127.0.0.0/8",
    "http://0177.0.0.1/": "127.0.0.0/8",
    "http://[::1]:9000/": "::1/128",
    "http://[::ffff:127.0.0.1]/": "127.0.0.0/8",
    "http://localhost:9000/": "loopback",
    "http://LOCALHOST./": "loopback",
    "http://erp.localhost/": "loopback",
    "http://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54/": "loopback",
    "http://localhost.localdomain/": "loopback",
    "http://ip6-localhost/": "loopback",
    "http://10.0.0.5/": "10.0.0.0/8",
    "http://172.16.0.1/": "172.16.0.0/12",
    "http://172.31.255.254/": "172.16.0.0/12",
    "http://192.168.1.10:8080/": "192.168.0.0/16",
    "http://100.64.0.1/": "100.64.0.0/10",
    "http://100.127.255.254/": "100.64.0.0/10",
    "http://[fc00::1]/": "fc00::/7",
    "http://[fd12:3456:789a::1]/": "fc00::/7",
    "http://[::ffff:10.0.0.5]/": "10.0.0.0/8",
}
PUBLIC = [
    "https://erp.example.com/receipts",
    "http://203.0.113.7:8080/r",
    "https://8.8.8.8/",
    "http://172.32.0.1/",
    "http://100.128.0.1/",
    "http://192.169.0.1/",
    "https://[2001:db8::1]/r",
    "https://metadata.example.com/",
    "https://localhost.example.com/",
]
NOT_HTTP = [
    "ftp://example.com/x",
    "file:///etc/passwd",
    "gopher://example.com/",
    "javascript:alert(1)",
    "dict://x:11211/",
]


@pytest.mark.parametrize("allow_private", [False, True])
@pytest.mark.parametrize(("url", "named"), METADATA_AND_LINK_LOCAL.items())
def test_metadata_and_link_local_addresses_are_refused_even_where_private_networks_are_allowed(
    url: str, named: str, allow_private: bool
) -> None:
    problem = callback_url_problem(url, allow_private=allow_private)
    assert problem is not None
    assert named in problem


@pytest.mark.parametrize("allow_private", [False, True])
@pytest.mark.parametrize("url", SPELLINGS_OF_THE_METADATA_ADDRESS)
def test_every_spelling_of_the_metadata_address_is_refused(url: str, allow_private: bool) -> None:
    problem = callback_url_problem(url, allow_private=allow_private)
    assert problem is not None
    assert "169.254.169.254" in problem


@pytest.mark.parametrize("allow_private", [False, True])
@pytest.mark.parametrize(("url", "named"), NEVER_THIS_MACHINE.items())
def test_unspecified_multicast_and_reserved_addresses_are_refused_always(
    url: str, named: str, allow_private: bool
) -> None:
    problem = callback_url_problem(url, allow_private=allow_private)
    assert problem is not None
    assert named in problem


@pytest.mark.parametrize(("url", "named"), PRIVATE.items())
def test_loopback_and_private_networks_are_refused_unless_allowed(url: str, named: str) -> None:
    problem = callback_url_problem(url, allow_private=False)
    assert problem is not None
    assert named in problem
    assert "SW_ALLOW_PRIVATE_CALLBACKS" in problem
    assert callback_url_problem(url, allow_private=True) is None


@pytest.mark.parametrize("url", PUBLIC)
def test_a_public_address_or_name_is_allowed(url: str) -> None:
    assert callback_url_problem(url, allow_private=False) is None


@pytest.mark.parametrize("url", NOT_HTTP)
def test_only_http_and_https_are_allowed(url: str) -> None:
    assert callback_url_problem(url, allow_private=True) == f"must be http or https, not {url.split(':')[0]}"


@pytest.mark.parametrize("url", ["https://user:secret@erp.example.com/r", "https://token@erp.example.com/r"])
def test_a_user_name_or_password_is_refused(url: str) -> None:
    assert callback_url_problem(url, allow_private=True) == "must not carry a user name or password"


def test_what_is_not_a_url_is_refused() -> None:
    assert callback_url_problem("erp.example.com/receipts", allow_private=True) == "is not a URL"


@pytest.mark.parametrize(
    ("address", "allowed_in_the_sandbox"),
    [
        ("169.254.169.254", False),
        ("fd00:ec2::254", False),
        ("fe80::1", False),
        ("::ffff:169.254.169.254", False),
        ("0.0.0.0", False),
        ("127.0.0.1", True),
        ("::1", True),
        ("10.1.2.3", True),
        ("::ffff:192.168.0.1", True),
    ],
)
def test_a_resolved_address_is_judged_by_the_same_rule(address: str, allowed_in_the_sandbox: bool) -> None:
    # A name may resolve to anything, and resolve again differently at push time (DNS rebinding).
    assert address_problem(ip_address(address), allow_private=False) is not None
    assert (address_problem(ip_address(address), allow_private=True) is None) is allowed_in_the_sandbox


def test_a_public_resolved_address_passes() -> None:
    assert address_problem(ip_address("203.0.113.7"), allow_private=False) is None
    assert address_problem(ip_address("2001:db8::7"), allow_private=False) is None


def refusals(response_body: dict[str, Any]) -> list[tuple[str, str]]:
    return [(error["field"], error["code"]) for error in response_body["error"]["errors"]]


def stored_callback(session: Session, customs_code: str) -> str | None:
    return session.exec(select(Enterprise.callback_url).where(Enterprise.customs_code == customs_code)).one()


HTTP_REFUSED = [
    "http://169.254.169.254/latest/meta-data/",
    "http://2852039166/",
    "http://0251.0376.0251.0376/",
    "http://[::ffff:169.254.169.254]/",
    "http://example.com@169.254.169.254/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://[fd00:ec2::254]/",
    "http://100.100.100.200/",
    "http://[fe80::1]/",
    "http://0.0.0.0:8000/",
    "http://127.0.0.1:9000/receipts",
    "http://localhost:9000/receipts",
    "http://10.0.0.5/",
    "http://[::1]/",
]


@pytest.mark.parametrize("url", HTTP_REFUSED)
def test_a_filing_with_a_forbidden_callback_url_is_refused_naming_the_field(
    client: TestClient, session: Session, url: str
) -> None:
    payload = filing_payload(callback_url=url)
    response = client.post("/api/v1/enterprises", json=payload)
    assert response.status_code == 422
    assert refusals(response.json()) == [("callback_url", "callback_url_forbidden")]
    assert session.exec(select(Enterprise).where(Enterprise.customs_code == payload["customs_code"])).first() is None


@pytest.mark.parametrize("url", HTTP_REFUSED)
def test_an_amendment_to_a_forbidden_callback_url_is_refused_and_the_old_one_kept(
    client: TestClient, session: Session, url: str
) -> None:
    receipt, headers = file_enterprise(client, callback_url="https://erp.example.com/receipts")
    code = receipt["customs_code"]
    response = client.patch(f"/api/v1/enterprises/{code}", json={"callback_url": url}, headers=headers)
    assert response.status_code == 422
    assert refusals(response.json()) == [("callback_url", "callback_url_forbidden")]
    assert stored_callback(session, code) == "https://erp.example.com/receipts"


def test_the_refusal_says_which_range(client: TestClient) -> None:
    response = client.post("/api/v1/enterprises", json=filing_payload(callback_url="http://0xa9fea9fe/"))
    message = response.json()["error"]["errors"][0]["message"]
    assert message.startswith("169.254.169.254 is in 169.254.169.254/32: the metadata service")


def test_a_forbidden_callback_url_is_named_with_the_other_rejected_fields(client: TestClient) -> None:
    response = client.post(
        "/api/v1/enterprises", json=filing_payload(callback_url="http://169.254.169.254/", district="9999")
    )
    assert sorted(refusals(response.json())) == [
        ("callback_url", "callback_url_forbidden"),
        ("district", "district_unknown"),
    ]


@pytest.mark.parametrize("url", ["http://127.0.0.1:9000/receipts", "http://localhost:9000/r", "http://192.168.1.10/r"])
def test_where_private_callbacks_are_allowed_a_receiver_on_this_machine_or_network_is_accepted(
    client: TestClient, session: Session, settings: Settings, url: str
) -> None:
    settings.allow_private_callbacks = True
    receipt, headers = file_enterprise(client, callback_url=url)
    assert receipt["callback_url"] == url
    amended = client.patch(
        f"/api/v1/enterprises/{receipt['customs_code']}", json={"callback_url": "http://[::1]:9000/"}, headers=headers
    )
    assert amended.status_code == 200
    assert stored_callback(session, receipt["customs_code"]) == "http://[::1]:9000/"


@pytest.mark.parametrize("url", ["http://169.254.169.254/", "http://[::ffff:169.254.169.254]/", "http://metadata/"])
def test_where_private_callbacks_are_allowed_metadata_addresses_are_still_refused(
    client: TestClient, settings: Settings, url: str
) -> None:
    settings.allow_private_callbacks = True
    response = client.post("/api/v1/enterprises", json=filing_payload(callback_url=url))
    assert response.status_code == 422
    assert refusals(response.json()) == [("callback_url", "callback_url_forbidden")]


def test_a_callback_url_is_stored_as_the_parser_reads_it(client: TestClient, settings: Settings) -> None:
    settings.allow_private_callbacks = True
    receipt, _ = file_enterprise(client, callback_url="http://0x7f000001:9000/receipts")
    assert receipt["callback_url"] == "http://127.0.0.1:9000/receipts"
