"""The enterprises a generated message set names, and where its goods are declared."""

from dataclasses import dataclass

from single_window.demo import DEMO_DISTRICT, DEMO_ENTERPRISES
from single_window.filings.schemas import Role

# The demo enterprises are filed in the Hangzhou district; 2991 is the export processing zone office under it,
# where the supervised site of the demo site operator lies.
DEMO_PORT = "2991"


@dataclass(frozen=True)
class Party:
    code: str
    name: str
    dxp_id: str


@dataclass(frozen=True)
class Enterprises:
    """One filed enterprise per role, and the customs district and port their declarations go to."""

    platform: Party
    ecommerce: Party
    logistics: Party
    payment: Party
    agent: Party
    site: Party
    district: str
    port: str


def demo_enterprises() -> Enterprises:
    """The enterprises of single_window.demo, so a freshly seeded service accepts every generated set."""
    by_role = {demo.role: Party(demo.customs_code, demo.name, demo.dxp_id) for demo in DEMO_ENTERPRISES}
    return Enterprises(
        platform=by_role[Role.EBP],
        ecommerce=by_role[Role.EBC],
        logistics=by_role[Role.LOGISTICS],
        payment=by_role[Role.PAYMENT],
        agent=by_role[Role.AGENT],
        site=by_role[Role.SITE],
        district=DEMO_DISTRICT,
        port=DEMO_PORT,
    )
