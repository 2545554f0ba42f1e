"""Opening a DxpMsg: a valid envelope yields its TransInfo and the business message; anything else is a 400."""

import base64
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree

from single_window.ceb.namespaces import dxp
from single_window.errors import BadRequest
from single_window.messages.envelope import TransInfo, check_msg_type, check_sender_id, unwrap
from single_window.xmlio.safe_parser import parse_xml

SAMPLES = Path(__file__).resolve().parents[2] / "sample_declarations"
ENVELOPE = (SAMPLES / "valid" / "DxpMsg-CEB311-order.xml").read_bytes()
ORDER = (SAMPLES / "valid" / "CEB311-order.xml").read_bytes()


def parse(body: bytes) -> etree._Element:
    return parse_xml(body, max_bytes=10_000_000, max_depth=64)


def envelope_with_data(text: str) -> etree._Element:
    """The sample envelope with other Data, serialised and parsed again so that lines are real."""
    root = parse(ENVELOPE)
    data = root.find(dxp("Data"))
    assert data is not None
    data.text = text
    return parse(etree.tostring(root))


def refusal(envelope: etree._Element) -> BadRequest:
    with pytest.raises(BadRequest) as refused:
        unwrap(envelope)
    return refused.value


def test_the_sample_envelope_unwraps_to_the_order_it_carries() -> None:
    trans_info, inner = unwrap(parse(ENVELOPE))
    assert trans_info == TransInfo(
        cop_msg_id="82139739-29b5-46d5-a1fd-a6d9d9b9172a",
        sender_id="DXPENT0000000001",
        receiver_ids=("DXPEDCCEB0000002",),
        creat_time=datetime(2024, 3, 15, 10, 21, 33),
        msg_type="CEB311Message",
    )
    assert inner == ORDER
    check_msg_type(trans_info, etree.QName(parse(inner)).localname)


def test_data_wrapped_in_indented_lines_of_76_characters_is_still_base64() -> None:
    lines = base64.encodebytes(ORDER).decode().splitlines()
    assert len(lines) > 1
    _, inner = unwrap(envelope_with_data("\n" + "".join(f"    {line}\n" for line in lines) + "  "))
    assert inner == ORDER


def test_data_cut_short_is_not_base64_and_the_error_names_data_and_its_line() -> None:
    encoded = base64.b64encode(ORDER).decode()
    error = refusal(envelope_with_data(encoded[:-3]))
    assert error.code == "dxp_data_not_base64"
    [detail] = error.errors
    assert (detail.field, detail.code, detail.line) == ("/DxpMsg/Data", "dxp_data_not_base64", 11)


@pytest.mark.parametrize("text", ["!!!!", "PD94bWwg=dmVy", "PD94bWwgdmVyc2lvbj0iMS4wIj8+A===", "中文"])
def test_data_outside_the_strict_base64_alphabet_or_padding_is_refused(text: str) -> None:
    assert refusal(envelope_with_data(text)).code == "dxp_data_not_base64"


@pytest.mark.parametrize("text", ["QA+=", "QAQg="])
def test_base64_that_python_decodes_but_xml_schema_forbids_is_refused(text: str) -> None:
    # xs:base64Binary wants the unused bits of the last group zero and no stray padding; binascii does not check.
    error = refusal(envelope_with_data(text))
    assert error.code == "dxp_data_not_base64"
    assert "base64Binary" in error.errors[0].message


@pytest.mark.parametrize("text", ["", "  \n\t  "])
def test_empty_data_carries_no_message(text: str) -> None:
    error = refusal(envelope_with_data(text))
    assert error.code == "dxp_data_empty"
    assert error.errors[0].field == "/DxpMsg/Data"


def test_an_envelope_against_its_schema_is_invalid_with_every_issue_listed() -> None:
    error = refusal(parse((SAMPLES / "invalid-schema" / "DxpMsg-CEB311-order-six-receivers.xml").read_bytes()))
    assert error.code == "dxp_invalid"
    [detail] = error.errors
    assert (detail.field, detail.code, detail.line) == ("/DxpMsg/TransInfo/ReceiverIds/ReceiverId[6]", "content", 12)


def test_a_wrong_envelope_version_is_invalid() -> None:
    error = refusal(parse(ENVELOPE.replace(b'ver="1.0"', b'ver="2.0"')))
    assert error.code == "dxp_invalid"
    assert (error.errors[0].field, error.errors[0].code) == ("/DxpMsg/@ver", "fixed")


def test_a_bare_business_message_is_not_an_envelope() -> None:
    error = refusal(parse(ORDER))
    assert error.code == "dxp_invalid"
    assert error.errors[0].code == "root"


def test_a_creation_time_python_cannot_hold_is_invalid() -> None:
    error = refusal(parse(ENVELOPE.replace(b"2024-03-15T10:21:33", b"2024-03-15T24:00:00")))
    assert error.code == "dxp_invalid"
    assert error.errors[0].field == "/DxpMsg/TransInfo/CreatTime"


def test_a_creation_time_with_a_zone_keeps_it() -> None:
    trans_info, _ = unwrap(parse(ENVELOPE.replace(b"2024-03-15T10:21:33", b"2024-03-15T10:21:33+08:00")))
    assert trans_info.creat_time.utcoffset() is not None


def test_a_msg_type_naming_another_message_is_a_mismatch_at_its_line() -> None:
    trans_info, inner = unwrap(parse(ENVELOPE.replace(b">CEB311Message<", b">CEB411Message<")))
    with pytest.raises(BadRequest) as refused:
        check_msg_type(trans_info, etree.QName(parse(inner)).localname)
    assert refused.value.code == "dxp_msgtype_mismatch"
    [detail] = refused.value.errors
    assert (detail.field, detail.line) == ("/DxpMsg/TransInfo/MsgType", 10)
    assert "CEB411Message" in detail.message
    assert "CEB311Message" in detail.message


def test_a_truncated_envelope_is_malformed_xml_before_it_reaches_the_envelope() -> None:
    with pytest.raises(BadRequest) as refused:
        parse(ENVELOPE[: len(ENVELOPE) // 2])
    assert refused.value.code == "xml_malformed"


def test_a_sender_id_naming_the_senders_own_dxp_id_passes() -> None:
    trans_info, _ = unwrap(parse(ENVELOPE))
    check_sender_id(trans_info, "DXPENT0000000001")


def test_a_sender_id_naming_another_dxp_id_is_refused_at_its_line() -> None:
    trans_info, _ = unwrap(parse(ENVELOPE))
    with pytest.raises(BadRequest) as refused:
        check_sender_id(trans_info, "DXPENT0000000002")
    assert refused.value.code == "dxp_sender_mismatch"
    [detail] = refused.value.errors
    assert (detail.field, detail.line) == ("/DxpMsg/TransInfo/SenderId", 5)
    assert "'DXPENT0000000001' is not 'DXPENT0000000002'" in detail.message


def test_a_sender_without_a_known_dxp_id_is_not_compared() -> None:
    trans_info, _ = unwrap(parse(ENVELOPE))
    check_sender_id(trans_info, None)
