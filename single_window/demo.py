"""Demo data: one filed enterprise per role in the Hangzhou district, ready to send messages."""

import json
import os
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from single_window.filings.models import Enterprise
from single_window.filings.schemas import EnterpriseFiling, Role
from single_window.filings.service import file_enterprise
from single_window.filings.uscc import check_character
from single_window.identity.models import StatisticianToken
from single_window.identity.service import issue_statistician_token

DEMO_DISTRICT = "2900"
DEMO_STATISTICIAN = "demo-statistician"


@dataclass(frozen=True)
class DemoEnterprise:
    customs_code: str
    name: str
    role: Role
    dxp_id: str

    def filing(self) -> EnterpriseFiling:
        # Hangzhou (330108) legal-person codes, serial from the customs code, check character computed.
        first_17 = f"91330108MA2CFY{self.customs_code[-3:]}"
        return EnterpriseFiling(
            name=self.name,
            uscc=first_17 + check_character(first_17),
            customs_code=self.customs_code,
            roles=[self.role],
            district=DEMO_DISTRICT,
            dxp_id=self.dxp_id,
        )


DEMO_ENTERPRISES = (
    DemoEnterprise("3301960001", "杭州云仓跨境电商平台有限公司", Role.EBP, "DXPENT0000000001"),
    DemoEnterprise("3301960002", "杭州优选跨境贸易有限公司", Role.EBC, "DXPENT0000000002"),
    DemoEnterprise("3301960003", "杭州捷运国际物流有限公司", Role.LOGISTICS, "DXPLGS0000000003"),
    DemoEnterprise("3301960004", "杭州云付支付科技有限公司", Role.PAYMENT, "DXPENT0000000004"),
    DemoEnterprise("3301960005", "杭州通关报关代理有限公司", Role.AGENT, "DXPENT0000000005"),
    DemoEnterprise("3301960006", "杭州综保区监管场所运营有限公司", Role.SITE, "DXPENT0000000006"),
)


def seed_demo(session: Session) -> dict[str, str]:
    """File the demo enterprises that are missing; returns the credentials issued now, by name."""
    issued: dict[str, str] = {}
    for demo in DEMO_ENTERPRISES:
        if session.exec(select(Enterprise.id).where(Enterprise.customs_code == demo.customs_code)).first() is None:
            _, api_key = file_enterprise(session, demo.filing(), actor="demo")
            issued[demo.customs_code] = api_key
    if session.exec(select(StatisticianToken.id).where(StatisticianToken.label == DEMO_STATISTICIAN)).first() is None:
        issued[DEMO_STATISTICIAN] = issue_statistician_token(session, label=DEMO_STATISTICIAN, issued_by="demo")
    return issued


def save_credentials(path: Path, issued: dict[str, str]) -> dict[str, str]:
    """Merge newly issued credentials into the file, since keys are never shown again."""
    known: dict[str, str] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    known.update(issued)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_private(path, json.dumps(known, indent=2, ensure_ascii=False) + "\n")
    return known


def write_private(path: Path, text: str) -> None:
    """Write a secret readable by its owner only, from the first byte on (no window under a lax umask)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    path.chmod(0o600)
