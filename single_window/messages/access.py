"""Who may read a message: its sender, the enterprises it was delivered to, and officers."""

from collections.abc import Callable

from single_window.identity.principal import Principal, PrincipalKind


def may_read_message(principal: Principal, sender_code: str, was_delivered_to_principal: Callable[[], bool]) -> bool:
    """A statistician never; the delivery lookup runs only when it can decide."""
    if principal.kind is PrincipalKind.OFFICER:
        return True
    if principal.kind is not PrincipalKind.ENTERPRISE:
        return False
    return principal.subject == sender_code or was_delivered_to_principal()
