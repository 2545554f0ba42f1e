"""The filed enterprises as the business checks see them: active filings and their roles."""

from sqlmodel import Session

from single_window.messages import storage
from single_window.messages.storage import FiledEnterprise


class FiledEnterprises:
    """Looks each code up once per message; a suspended or revoked filing counts as not filed.

    Spec §3: enterprise code fields carry the 10-character customs code or the 18-character USCC; both are found.
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self._filings: dict[str, FiledEnterprise | None] = {}

    def roles_of(self, code: str) -> frozenset[str] | None:
        filing = self._filing(code)
        return None if filing is None else filing.roles

    def customs_code_of(self, code: str) -> str | None:
        filing = self._filing(code)
        return None if filing is None else filing.customs_code

    def dxp_id_of(self, code: str) -> str | None:
        filing = self._filing(code)
        return None if filing is None else filing.dxp_id

    def _filing(self, code: str) -> FiledEnterprise | None:
        if code not in self._filings:
            self.prefetch({code})
        return self._filings[code]

    def prefetch(self, codes: set[str]) -> None:
        """Look up every code of a message in one query instead of one query per code."""
        missing = codes - self._filings.keys()
        if not missing:
            return
        found = storage.active_filings(self._session, missing)
        self._filings.update(found)
        for code in missing - found.keys():
            self._filings[code] = None

    def codes_for_dxp_ids(self, dxp_ids: set[str]) -> dict[str, str]:
        """Customs codes of the active enterprises behind these DXP ids (subscriptions name DXP ids)."""
        return storage.active_codes_by_dxp_id(self._session, dxp_ids) if dxp_ids else {}
