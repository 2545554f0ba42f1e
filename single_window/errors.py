"""One error family: an HTTP status, a stable machine code, a message and per-field errors."""

from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar

MAX_FIELD_ERRORS = 25


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str
    message: str
    line: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value is not None}


@dataclass
class SingleWindowError(Exception):
    message: str
    errors: list[FieldError] = field(default_factory=list)
    code: str = ""

    status_code: ClassVar[int] = 400
    default_code: ClassVar[str] = "bad_request"

    def __post_init__(self) -> None:
        self.code = self.code or self.default_code
        self.errors = self.errors[:MAX_FIELD_ERRORS]
        super().__init__(self.message)

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status_code,
            "code": self.code,
            "message": self.message,
            "errors": [error.as_dict() for error in self.errors],
        }


class BadRequest(SingleWindowError):
    status_code = 400
    default_code = "bad_request"


def body_refused(code: str, summary: str, message: str, line: int | None = None) -> BadRequest:
    """A body that cannot be read at all: one error on the whole document ("/"), at the line where reading stopped."""
    return BadRequest(summary, [FieldError(field="/", code=code, message=message, line=line)], code)


class Unauthenticated(SingleWindowError):
    status_code = 401
    default_code = "unauthenticated"


class Forbidden(SingleWindowError):
    status_code = 403
    default_code = "forbidden"


class NotFound(SingleWindowError):
    status_code = 404
    default_code = "not_found"


class Conflict(SingleWindowError):
    status_code = 409
    default_code = "conflict"


class PayloadTooLarge(SingleWindowError):
    status_code = 413
    default_code = "payload_too_large"


class UnsupportedMediaType(SingleWindowError):
    status_code = 415
    default_code = "unsupported_media_type"


class ServiceUnavailable(SingleWindowError):
    status_code = 503
    default_code = "service_unavailable"


class ValidationFailed(SingleWindowError):
    status_code = 422
    default_code = "validation_failed"


def validation_failed(*errors: FieldError) -> ValidationFailed:
    names = ", ".join(dict.fromkeys(error.field for error in errors))
    return ValidationFailed(f"rejected fields: {names}", list(errors))
