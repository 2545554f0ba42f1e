"""One push to a callback URL, to an address checked by the filings' rule at the moment of connecting.

The host is resolved here and every address it resolves to is judged by ``address_problem``; the request then goes
to the address that passed, with the host name in the Host header and in TLS's SNI and certificate check, so a DNS
answer that changes between the check and the connection (rebinding) cannot lead it elsewhere. No redirect is
followed.
"""

import socket
from collections.abc import Callable
from dataclasses import dataclass
from ipaddress import ip_address
from typing import Any

import httpx2 as httpx
import orjson
from pydantic_core import Url

from single_window.filings.callbacks import IPAddress, address_problem, parsed_url_problem

TIMEOUT_SECONDS = 5.0
Resolve = Callable[[str, int], list[str]]


@dataclass(frozen=True)
class PushResult:
    delivered: bool
    problem: str | None = None


def post_items(url: str, payload: dict[str, Any], *, allow_private: bool, resolve: Resolve | None = None) -> PushResult:
    """POST the payload as JSON; delivered on a 2xx answer, otherwise why not."""
    parsed = Url(url)
    problem = parsed_url_problem(parsed, allow_private=allow_private)
    if problem is not None:
        return PushResult(False, f"callback URL {problem}")
    host, port = parsed.host or "", parsed.port or (443 if parsed.scheme == "https" else 80)
    address = _vetted_address(host, port, allow_private=allow_private, resolve=resolve or _resolve)
    if isinstance(address, str):
        return PushResult(False, address)
    return _post(parsed, address, payload)


def _vetted_address(host: str, port: int, *, allow_private: bool, resolve: Resolve) -> IPAddress | str:
    """The first address of the host if every one it resolves to is allowed; otherwise why not."""
    try:
        addresses = [ip_address(found) for found in resolve(host.strip("[]"), port)]
    except OSError as error:
        return f"{host} does not resolve: {error}"
    for address in addresses:
        problem = address_problem(address, allow_private=allow_private)
        if problem is not None:
            return f"{host} resolves to {problem}"
    return addresses[0] if addresses else f"{host} resolves to no address"


def _resolve(host: str, port: int) -> list[str]:
    return list(dict.fromkeys(str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)))


def _post(url: Url, address: IPAddress, payload: dict[str, Any]) -> PushResult:
    literal = f"[{address}]" if address.version == 6 else str(address)
    target = str(url).replace(f"//{url.host}", f"//{literal}", 1) if url.host else str(url)
    headers = {"Host": _host_header(url), "Content-Type": "application/json"}
    try:
        with httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=False) as client:
            answer = client.post(
                target, content=orjson.dumps(payload), headers=headers, extensions={"sni_hostname": url.host or ""}
            )
    except httpx.HTTPError as error:
        return PushResult(False, f"{type(error).__name__}: {error}"[:500])
    if answer.is_success:
        return PushResult(True)
    return PushResult(False, f"the receiver answered {answer.status_code}")


def _host_header(url: Url) -> str:
    host, default = url.host or "", {"http": 80, "https": 443}.get(url.scheme)
    return host if url.port in (None, default) else f"{host}:{url.port}"
