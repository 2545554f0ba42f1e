"""What real receipts say, and the numbers the e-port and customs assign (formats from the spec and real receipts)."""

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone

from single_window.ceb.model import MessageType

CHINA_TIME = timezone(timedelta(hours=8), "CST")
# returnInfo is C..1000 in every receipt but CEB900's.
RETURN_INFO_CHARACTERS = 1000

STORED = "1"
DECLARING = "2"
LOGIC_CHECK_PASSED = "120"

APP_TYPE_VERBS = {"1": "新增", "2": "变更", "3": "删除"}


def return_time(moment: datetime | None = None) -> str:
    """``YYYYMMDDhhmmssSSS`` in China time, as every receipt carries it."""
    local = (moment or datetime.now(UTC)).astimezone(CHINA_TIME)
    return local.strftime("%Y%m%d%H%M%S") + f"{local.microsecond // 1000:03d}"


def declared_info(message_type: MessageType, head: Mapping[str, str]) -> str:
    verb = APP_TYPE_VERBS.get(head.get("appType", "1"), "新增")
    if message_type.inventory:
        # As real inventory receipts read: the parties, not the head guid the order's text carries.
        return f"清单{verb}申报成功[电商企业编码：{head.get('ebcCode', '')}订单编号：{head.get('orderNo', '')}]"
    return f"{verb}申报成功[{head.get('guid', '')}]"


def stored_info(head: Mapping[str, str]) -> str:
    return f"暂存成功[{head.get('guid', '')}]"


def logic_check_passed_info() -> str:
    return "[Code:1800;Desc:逻辑校验通过]"


def rejection_info(issues: list[tuple[str, str, str, int | None]]) -> str:
    """One ``[Code:…;Desc:…]`` per issue with the element path and line, capped at the field's 1000 characters."""
    parts = [
        f"[Code:{code};Desc:{message}] {path}" + (f" (line {line})" if line else "")
        for code, path, message, line in issues
    ]
    return capped_info("; ".join(parts))


def capped_info(text: str) -> str:
    """``returnInfo`` within the receipt field's 1000 characters, cut with an ellipsis."""
    return text if len(text) <= RETURN_INFO_CHARACTERS else text[: RETURN_INFO_CHARACTERS - 3] + "..."


def pre_entry_number(moment: datetime, serial: int) -> str:
    """``preNo``: ``B`` + 8-digit date + 9-digit serial, e.g. B20200615494000227."""
    return f"B{moment.astimezone(CHINA_TIME):%Y%m%d}{serial % 10**9:09d}"


def inventory_number(customs_code: str, moment: datetime, ie_flag: str, serial: int) -> str:
    """``invtNo``: 4-digit customs code + year + I/E + 9-digit serial, e.g. 29242020I439440284."""
    return f"{customs_code[:4]:0>4}{moment.astimezone(CHINA_TIME):%Y}{ie_flag}{serial % 10**9:09d}"


def summary_number(customs_code: str, moment: datetime, serial: int) -> str:
    """``sumNo``: 4-digit customs code + year + S + 9-digit serial, as in an invtNo, e.g. 29002024S000004012."""
    return inventory_number(customs_code, moment, "S", serial)


def declaration_sequence_number(customs_code: str, moment: datetime, serial: int) -> str:
    """``declSeqNo``: 4-digit customs code + year + 10-digit serial, e.g. 290020240000004012."""
    return f"{customs_code[:4]:0>4}{moment.astimezone(CHINA_TIME):%Y}{serial % 10**10:010d}"
