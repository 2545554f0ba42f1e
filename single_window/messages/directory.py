"""The filed enterprises as the business checks see them: active filings and their roles."""

from sqlmodel import Session

from single_window.messages import storage


class FiledEnterprises:
    """Looks each code up once per message; a suspended or revoked filing counts as not filed.

    Spec §3: enterprise code fields carry the 10-character customs code or the 18-character USCC; both are found.
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self._roles: dict[str, frozenset[str] | None] = {}

    def roles_of(self, code: str) -> frozenset[str] | None:
        if code not in self._roles:
            self.prefetch({code})
        return self._roles[code]

    def prefetch(self, codes: set[str]) -> None:
        """Look up every code of a message in one query instead of one query per code."""
        missing = codes - self._roles.keys()
        if not missing:
            return
        found = storage.active_roles(self._session, missing)
        self._roles.update(found)
        for code in missing - found.keys():
            self._roles[code] = None

    def codes_for_dxp_ids(self, dxp_ids: set[str]) -> dict[str, str]:
        """Customs codes of the active enterprises behind these DXP ids (subscriptions name DXP ids)."""
        return storage.active_codes_by_dxp_id(self._session, dxp_ids) if dxp_ids else {}
