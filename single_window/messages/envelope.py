"""Open the DxpMsg terminal-node envelope: check it, read TransInfo, decode the Base64 business message in Data."""

import binascii
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from single_window.ceb.namespaces import dxp
from single_window.ceb.xsd import SchemaIssue, validate_envelope
from single_window.errors import BadRequest, FieldError
from single_window.xmlio.codec import XML_WHITESPACE
from single_window.xmlio.lines import source_line

DATA_PATH = "/DxpMsg/Data"
MSG_TYPE_PATH = "/DxpMsg/TransInfo/MsgType"
SENDER_ID_PATH = "/DxpMsg/TransInfo/SenderId"
CREAT_TIME_PATH = "/DxpMsg/TransInfo/CreatTime"
# The whitespace XML allows between Base64 groups and lines; binascii's strict mode refuses it, so it goes first.
XML_WHITESPACE_BYTES = XML_WHITESPACE.encode("ascii")


@dataclass(frozen=True)
class TransInfo:
    cop_msg_id: str
    sender_id: str
    receiver_ids: tuple[str, ...]
    creat_time: datetime
    msg_type: str
    msg_type_line: int | None = field(default=None, compare=False)
    sender_id_line: int | None = field(default=None, compare=False)


def unwrap(envelope: etree._Element) -> tuple[TransInfo, bytes]:
    """The envelope's TransInfo and the business message it carries, or a 400 saying what is wrong and where."""
    issues = validate_envelope(envelope)
    structural = [issue for issue in issues if issue.path != DATA_PATH]
    if structural:
        raise _invalid(structural)
    data = envelope.find(dxp("Data"))
    assert data is not None, "the schema requires Data"
    inner = _decode(data)
    if issues:  # libxml2 refused the Base64 that binascii accepted: the schema has the last word
        raise _not_base64(data, issues[0].message)
    return _trans_info(envelope), inner


def check_msg_type(trans_info: TransInfo, inner_root_localname: str) -> None:
    """MsgType routes the message on the exchange platform, so it must name the message actually carried."""
    if trans_info.msg_type != inner_root_localname:
        message = f"MsgType says {trans_info.msg_type!r} but Data carries {inner_root_localname!r}"
        detail = FieldError(MSG_TYPE_PATH, "dxp_msgtype_mismatch", message, trans_info.msg_type_line)
        raise BadRequest("the envelope's MsgType does not match its business message", [detail], "dxp_msgtype_mismatch")


def check_sender_id(trans_info: TransInfo | None, filed_dxp_id: str | None) -> None:
    """SenderId is stored and forwarded as the message's origin: it must be the DXP id the sender filed.

    Nothing to check for a message sent without an envelope, or a sender whose DXP id is not known (offline).
    """
    if trans_info is None or filed_dxp_id is None or trans_info.sender_id == filed_dxp_id:
        return
    message = f"SenderId {trans_info.sender_id!r} is not {filed_dxp_id!r}, the DXP id the sender filed"
    detail = FieldError(SENDER_ID_PATH, "dxp_sender_mismatch", message, trans_info.sender_id_line)
    raise BadRequest("the envelope's SenderId is not the sender's own", [detail], "dxp_sender_mismatch")


def _decode(data: etree._Element) -> bytes:
    text = str(data.xpath("string()"))
    try:
        compact = text.encode("ascii").translate(None, XML_WHITESPACE_BYTES)
    except UnicodeEncodeError:
        raise _not_base64(data, "Data holds characters outside the Base64 alphabet") from None
    if not compact:
        detail = FieldError(DATA_PATH, "dxp_data_empty", "Data holds no business message", source_line(data))
        raise BadRequest("the envelope carries no business message", [detail], "dxp_data_empty")
    try:
        return binascii.a2b_base64(compact, strict_mode=True)
    except binascii.Error as error:
        raise _not_base64(data, f"Data is not valid Base64: {error}") from None


def _trans_info(envelope: etree._Element) -> TransInfo:
    trans_info = envelope.find(dxp("TransInfo"))
    assert trans_info is not None, "the schema requires TransInfo"
    msg_type = trans_info.find(dxp("MsgType"))
    sender_id = trans_info.find(dxp("SenderId"))
    assert msg_type is not None, "the schema requires MsgType"
    assert sender_id is not None, "the schema requires SenderId"
    return TransInfo(
        cop_msg_id=trans_info.findtext(dxp("CopMsgId"), ""),
        sender_id=sender_id.text or "",
        receiver_ids=tuple(receiver.text or "" for receiver in trans_info.iter(dxp("ReceiverId"))),
        creat_time=_creat_time(trans_info),
        msg_type=msg_type.text or "",
        msg_type_line=source_line(msg_type),
        sender_id_line=source_line(sender_id),
    )


def _creat_time(trans_info: etree._Element) -> datetime:
    element = trans_info.find(dxp("CreatTime"))
    assert element is not None, "the schema requires CreatTime"
    try:
        return datetime.fromisoformat((element.text or "").strip())
    except ValueError:
        # xs:dateTime admits values Python cannot hold, such as 24:00:00 or years past 9999.
        detail = FieldError(
            CREAT_TIME_PATH, "datetime", f"{element.text!r} is not a usable date-time", source_line(element)
        )
        raise BadRequest("the DxpMsg envelope is not valid", [detail], "dxp_invalid") from None


def _invalid(issues: list[SchemaIssue]) -> BadRequest:
    details = [issue.as_field_error() for issue in issues]
    return BadRequest("the DxpMsg envelope is not valid against dxpmsg-2022-05.xsd", details, "dxp_invalid")


def _not_base64(data: etree._Element, message: str) -> BadRequest:
    detail = FieldError(DATA_PATH, "dxp_data_not_base64", message, source_line(data))
    return BadRequest("the envelope's Data is not Base64", [detail], "dxp_data_not_base64")
