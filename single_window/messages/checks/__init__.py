"""Business checks that run after the XSD passes: code lists, arithmetic, line numbering, enterprises."""

from single_window.messages.checks.check import check_message, check_records
from single_window.messages.checks.model import BusinessIssue, EnterpriseDirectory

__all__ = ["BusinessIssue", "EnterpriseDirectory", "check_message", "check_records"]
