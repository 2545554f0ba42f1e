"""Filing failures with stable codes."""

from single_window.errors import Conflict, FieldError, NotFound


def enterprise_not_found(customs_code: str) -> NotFound:
    return NotFound(f"no enterprise filed under customs code {customs_code}", code="enterprise_not_found")


def already_filed(field: str, value: str) -> Conflict:
    detail = FieldError(field=field, code="already_filed", message=f"{value} is already filed")
    return Conflict(f"an enterprise with this {field} is already filed", [detail], "enterprise_already_filed")


def status_change_refused(current: str, wanted: str) -> Conflict:
    detail = FieldError(field="status", code="transition_not_allowed", message=f"{current} cannot become {wanted}")
    return Conflict(f"a {current} filing cannot become {wanted}", [detail], "status_transition_not_allowed")
