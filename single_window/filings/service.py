"""Filing use cases over an explicit session; the caller commits."""

from collections.abc import Mapping

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from single_window.db_types import utc_now
from single_window.errors import Conflict
from single_window.filings.exceptions import (
    already_filed,
    enterprise_not_found,
    officer_approval_required,
    status_change_refused,
)
from single_window.filings.models import Enterprise, FilingChange
from single_window.filings.rules import field_changes, may_change_status, needing_officer
from single_window.filings.schemas import (
    CreditRatingChange,
    EnterpriseAmendment,
    EnterpriseFiling,
    StatusChange,
)
from single_window.identity.principal import FilingStatus, Principal, PrincipalKind
from single_window.identity.service import new_enterprise_key

UNIQUE_FIELDS = ("customs_code", "uscc", "dxp_id")


def file_enterprise(session: Session, filing: EnterpriseFiling, *, actor: str) -> tuple[Enterprise, str]:
    """Self-filing is approved at once when every check passes; returns the enterprise and its API key."""
    values = filing.model_dump(mode="json")
    _refuse_taken(session, values)
    api_key, api_key_hash = new_enterprise_key()
    enterprise = Enterprise(**values, api_key_hash=api_key_hash)
    session.add(enterprise)
    try:
        session.flush()
    except IntegrityError:
        # Another filing with the same codes committed between our check and this insert.
        raise Conflict("an enterprise with these codes is already filed", code="enterprise_already_filed") from None
    _record(session, enterprise, "filing", actor, values)
    return enterprise, api_key


def _refuse_taken(session: Session, values: dict[str, object], *, except_id: int | None = None) -> None:
    for field in UNIQUE_FIELDS:
        if field not in values:
            continue
        column = getattr(Enterprise, field)
        holder = session.exec(select(Enterprise.id).where(column == values[field])).first()
        if holder is not None and holder != except_id:
            raise already_filed(field, str(values[field]))


def get_enterprise(session: Session, customs_code: str) -> Enterprise:
    enterprise = session.exec(select(Enterprise).where(Enterprise.customs_code == customs_code)).first()
    if enterprise is None:
        raise enterprise_not_found(customs_code)
    return enterprise


def list_enterprises(session: Session, *, offset: int, limit: int) -> tuple[list[Enterprise], int]:
    total = session.exec(select(func.count()).select_from(Enterprise)).one()
    page = session.exec(select(Enterprise).order_by(col(Enterprise.id)).offset(offset).limit(limit)).all()
    return list(page), total


def amend_enterprise(
    session: Session, enterprise: Enterprise, amendment: EnterpriseAmendment, *, by: Principal
) -> None:
    """Name, DXP id and callback URL are self-service; roles and district need an officer."""
    changes = field_changes(enterprise.model_dump(mode="json"), amendment.changes())
    if not changes:
        return
    refused = needing_officer(changes) if by.kind is not PrincipalKind.OFFICER else []
    if refused:
        raise officer_approval_required(refused)
    _refuse_taken(session, {name: new for name, (_, new) in changes.items()}, except_id=enterprise.id)
    for name, (_, new) in changes.items():
        setattr(enterprise, name, new)
    _touch(session, enterprise)
    _record(session, enterprise, "amendment", by.actor, changes)


def change_status(session: Session, enterprise: Enterprise, change: StatusChange, *, actor: str) -> None:
    current = FilingStatus(enterprise.status)
    if not may_change_status(current, change.status):
        raise status_change_refused(current, change.status)
    enterprise.status = change.status
    _touch(session, enterprise)
    _record(session, enterprise, "status", actor, {"status": [current, change.status]}, change.reason)


def rate_credit(session: Session, enterprise: Enterprise, change: CreditRatingChange, *, actor: str) -> None:
    previous = enterprise.credit_rating
    enterprise.credit_rating = change.rating
    _touch(session, enterprise)
    _record(session, enterprise, "credit_rating", actor, {"credit_rating": [previous, change.rating]}, change.reason)


def rotate_api_key(session: Session, enterprise: Enterprise, *, actor: str) -> str:
    api_key, enterprise.api_key_hash = new_enterprise_key()
    _touch(session, enterprise)
    _record(session, enterprise, "api_key_rotation", actor, {})
    return api_key


def filing_history(session: Session, enterprise: Enterprise) -> list[FilingChange]:
    query = select(FilingChange).where(FilingChange.enterprise_id == enterprise.id).order_by(col(FilingChange.id))
    return list(session.exec(query).all())


def _touch(session: Session, enterprise: Enterprise) -> None:
    enterprise.updated_at = utc_now()
    session.add(enterprise)
    session.flush()


def _record(
    session: Session,
    enterprise: Enterprise,
    kind: str,
    actor: str,
    changes: Mapping[str, object],
    reason: str | None = None,
) -> None:
    assert enterprise.id is not None
    session.add(FilingChange(enterprise_id=enterprise.id, kind=kind, actor=actor, changes=dict(changes), reason=reason))
    session.flush()
