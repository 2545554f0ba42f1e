"""The filed enterprises as the business checks see them: active filings and their roles."""

from sqlalchemy import or_
from sqlmodel import Session, col, select

from single_window.filings.models import Enterprise
from single_window.filings.schemas import FilingStatus
from single_window.filings.uscc import LENGTH as USCC_LENGTH


class FiledEnterprises:
    """Looks each code up once per message; a suspended or revoked filing counts as not filed."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._roles: dict[str, frozenset[str] | None] = {}

    def roles_of(self, customs_code: str) -> frozenset[str] | None:
        if customs_code not in self._roles:
            self._roles[customs_code] = self._look_up(customs_code)
        return self._roles[customs_code]

    def prefetch(self, codes: set[str]) -> None:
        """Look up every code of a message in one query instead of one query per code."""
        missing = codes - self._roles.keys()
        if not missing:
            return
        query = select(Enterprise.customs_code, Enterprise.uscc, Enterprise.roles).where(
            or_(col(Enterprise.customs_code).in_(missing), col(Enterprise.uscc).in_(missing)),
            Enterprise.status == FilingStatus.ACTIVE,
        )
        for customs_code, uscc, roles in self._session.exec(query).all():
            self._roles[customs_code] = self._roles[uscc] = frozenset(roles)
        for code in missing - self._roles.keys():
            self._roles[code] = None

    def _look_up(self, code: str) -> frozenset[str] | None:
        # Spec §3: enterprise code fields carry the 10-character customs code or the 18-character USCC.
        column = Enterprise.uscc if len(code) == USCC_LENGTH else Enterprise.customs_code
        query = select(Enterprise.roles).where(column == code, Enterprise.status == FilingStatus.ACTIVE)
        roles = self._session.exec(query).first()
        return None if roles is None else frozenset(roles)

    def codes_for_dxp_ids(self, dxp_ids: set[str]) -> dict[str, str]:
        """Customs codes of the active enterprises behind these DXP ids (subscriptions name DXP ids)."""
        if not dxp_ids:
            return {}
        query = select(Enterprise.dxp_id, Enterprise.customs_code).where(
            Enterprise.dxp_id.in_(dxp_ids),  # type: ignore[attr-defined]
            Enterprise.status == FilingStatus.ACTIVE,
        )
        return dict(self._session.exec(query).all())
