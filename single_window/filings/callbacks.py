"""Where a filing's callback URL may lead: never to link-local or cloud metadata addresses, to loopback and private
networks only where the setting allows it (``SW_ALLOW_PRIVATE_CALLBACKS``, on in the local sandbox of ``up``).

One rule, checked twice:
- ``callback_url_problem`` when a filing states its URL: http or https, no user name or password, a host that is no
  refused address in any spelling (``2852039166``, ``0251.0376.0251.0376``, ``0xa9fea9fe``, ``::ffff:169.254.169.254``
  all read as 169.254.169.254, as the URL parser reads them) and no name of a metadata service or of this machine.
- ``address_problem`` when receipts are pushed (inbox/callback_http.py). A host name says nothing about the
  addresses it resolves to, and its DNS answer may change between filing and pushing (DNS rebinding): the pusher
  resolves the host itself, checks every address with ``address_problem``, connects only to an address that passed,
  and follows no redirect.
"""

from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network

from pydantic import AnyUrl
from pydantic_core import Url

IPAddress = IPv4Address | IPv6Address
SCHEMES = frozenset({"http", "https"})
UNLESS_ALLOWED = ", refused unless SW_ALLOW_PRIVATE_CALLBACKS is on"


@dataclass(frozen=True)
class Range:
    network: IPv4Network | IPv6Network
    what: str
    private: bool  # True: refused unless private callbacks are allowed; False: refused always


def _ranges(private: bool, *rows: tuple[str, str]) -> tuple[Range, ...]:
    return tuple(Range(ip_network(network), what, private) for network, what in rows)


# The first range holding an address names it, so the narrower ranges come first.
RANGES = _ranges(
    False,
    ("169.254.169.254/32", "the metadata service of AWS, Azure, Google Cloud, Oracle Cloud and OpenStack"),
    ("100.100.100.200/32", "the metadata service of Alibaba Cloud"),
    ("192.0.0.192/32", "the legacy metadata service of Oracle Cloud"),
    ("fd00:ec2::254/128", "the IPv6 metadata service of AWS"),
    ("169.254.0.0/16", "link-local"),
    ("fe80::/10", "link-local"),
    ("0.0.0.0/8", "'this network', which reaches this machine"),
    ("::/128", "the unspecified address, which reaches this machine"),
    ("224.0.0.0/4", "multicast"),
    ("ff00::/8", "multicast"),
    ("240.0.0.0/4", "reserved, with the broadcast address"),
) + _ranges(
    True,
    ("127.0.0.0/8", "loopback"),
    ("::1/128", "loopback"),
    ("10.0.0.0/8", "private"),
    ("172.16.0.0/12", "private"),
    ("192.168.0.0/16", "private"),
    ("100.64.0.0/10", "shared address space (carrier-grade NAT)"),
    ("fc00::/7", "unique local (private)"),
)
# IPv6 prefixes whose last 32 bits are an IPv4 address a packet is delivered to: IPv4-mapped, SIIT's IPv4-translated
# (RFC 2765), NAT64 (well-known and local-use) and the deprecated IPv4-compatible form. 6to4 and Teredo ipaddress
# reads itself.
IPV4_CARRIERS = tuple(
    ip_network(prefix) for prefix in ("::ffff:0:0/96", "::ffff:0:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "::/96")
)
METADATA_HOSTS = frozenset(
    {
        "metadata",
        "metadata.google.internal",
        "metadata.goog",
        "instance-data",
        "instance-data.ec2.internal",
        "metadata.tencentyun.com",
    }
)
LOOPBACK_HOSTS = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})


def callback_url_problem(url: str, *, allow_private: bool) -> str | None:
    """Why receipts may not be pushed to ``url``, or None when they may (as far as the URL alone tells)."""
    try:
        parsed = Url(url)
    except ValueError:
        return "is not a URL"
    return parsed_url_problem(parsed, allow_private=allow_private)


def parsed_url_problem(url: AnyUrl | Url, *, allow_private: bool) -> str | None:
    """The same, for a URL the parser has already read (a filing's validated field)."""
    if url.scheme not in SCHEMES:
        return f"must be http or https, not {url.scheme}"
    problem = _host_problem(url.host or "", allow_private=allow_private)
    if problem is None and (url.username or url.password):
        # Credentials would be shown with the filing, and parsers disagree on where user@host ends.
        return "must not carry a user name or password"
    return problem


def address_problem(address: IPAddress, *, allow_private: bool) -> str | None:
    """Why receipts may not be pushed to ``address``, or None when they may; for the pusher, at connection time."""
    found = _range_of(address)
    carried = _carried_ipv4(address) if found is None else None
    if carried is not None:
        found = _range_of(carried)
    if found is None or (found.private and allow_private):
        return None
    via = f" (carrying {carried})" if carried is not None else ""
    return f"{address}{via} is in {found.network}: {found.what}{_unless(found)}"


def _host_problem(host: str, *, allow_private: bool) -> str | None:
    literal = _literal_address(host)
    if literal is not None:
        return address_problem(literal, allow_private=allow_private)
    name = host.rstrip(".")
    if name in METADATA_HOSTS:
        return f"{name} is the name of a cloud metadata service"
    if (name in LOOPBACK_HOSTS or name.endswith(".localhost")) and not allow_private:
        return f"{name} is a name of this machine (loopback){UNLESS_ALLOWED}"
    return None


def _literal_address(host: str) -> IPAddress | None:
    try:
        return ip_address(host.removeprefix("[").removesuffix("]"))
    except ValueError:
        return None


def _range_of(address: IPAddress) -> Range | None:
    return next((found for found in RANGES if address in found.network), None)


def _carried_ipv4(address: IPAddress) -> IPv4Address | None:
    if not isinstance(address, IPv6Address):
        return None
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if any(address in carrier for carrier in IPV4_CARRIERS):
        return IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _unless(found: Range) -> str:
    return UNLESS_ALLOWED if found.private else ""
