"""Filing failures with stable codes."""

from single_window.errors import Conflict, FieldError, Forbidden, NotFound


def enterprise_not_found(customs_code: str) -> NotFound:
    return NotFound(f"no enterprise filed under customs code {customs_code}", code="enterprise_not_found")


def already_filed(field: str, value: str) -> Conflict:
    detail = FieldError(field=field, code="already_filed", message=f"{value} is already filed")
    return Conflict(f"an enterprise with this {field} is already filed", [detail], "enterprise_already_filed")


def status_change_refused(current: str, wanted: str) -> Conflict:
    detail = FieldError(field="status", code="transition_not_allowed", message=f"{current} cannot become {wanted}")
    return Conflict(f"a {current} filing cannot become {wanted}", [detail], "status_transition_not_allowed")


def officer_approval_required(fields: list[str]) -> Forbidden:
    details = [
        FieldError(field=field, code="officer_approval_required", message="ask a customs officer") for field in fields
    ]
    names = ", ".join(fields)
    return Forbidden(f"only a customs officer may change {names}", details, "officer_approval_required")
