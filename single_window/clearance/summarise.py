"""Clearance takes a summary application (CEB701): its inventories summarised all or none, and the answers issued.

The answer is the application's CEB702, 399 with the sumNo or 100 naming every inventory refused (the grouping and
the refusals are clearance/summary.py), and a CEB792 per resulting customs declaration. The inventories found are
locked until the transaction ends and each keeps its summary in its findings, so no two applications summarise one
inventory.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from single_window.ceb.catalogue import ALL
from single_window.ceb.xsd import EXPORT_XSD
from single_window.clearance.answers import Answers
from single_window.clearance.links import DocumentLink, Role, inventory_link
from single_window.clearance.mismatch import return_info
from single_window.clearance.models import ClearanceCase
from single_window.clearance.pipeline import Stage
from single_window.clearance.states import RECEIPT_INFO, InventoryStatus
from single_window.clearance.summary import (
    ClosedInventory,
    ResultLine,
    Standing,
    SummaryApplication,
    SummaryDeclaration,
    refusals,
    summarise,
)
from single_window.messages.models import BusinessDocument
from single_window.receipts import service as receipts
from single_window.receipts import texts
from single_window.receipts.present import LINES
from single_window.receipts.serials import take_serials
from single_window.receipts.shapes import return_fields
from single_window.receipts.xml import new_guid

SUMMARY_APPLICATION = "CEB701"
SUMMARY_RESULT = "CEB792"
# Kept in a summarised inventory's findings: its sumNo and declSeqNo.
SUMMARY_FINDING = "summary"
EXPORT_INVENTORIES = tuple(t.code for t in ALL if t.inventory and t.direction == "export")
DELETION = "3"
# decState is "具体返回值由海关确定" and comes "后续汇总结果单返回" with decTmpNo, decPreNo and entryId: the first 792
# says 1 (保存, in the single window's list of declaration states): the declaration is made, not yet declared.
DECLARATION_SAVED = "1"
# The 792 head fields that repeat the application's parties.
_PARTIES = ("customsCode", "agentCode", "agentName", "ebcCode", "ebcName", "declAgentCode", "declAgentName")
UNSPLIT = "1"  # msgCount and msgSeqNo of a message not split ("未拆分的填1")


@dataclass(frozen=True)
class Held:
    """An inventory the application may summarise, its case locked."""

    case: ClearanceCase
    document: BusinessDocument

    @property
    def standing(self) -> Standing:
        return Standing(self.case.status, SUMMARY_FINDING in self.case.findings)


def take_summary_application(session: Session, document: BusinessDocument, now: datetime) -> set[Stage]:
    """Summarise what the application names, or refuse it whole; a deletion (appType 3) withdraws nothing summarised."""
    if document.app_type == DELETION:
        return set()
    application = SummaryApplication.from_fields(document.head, document.lines)
    held = _held(session, application)
    standings = {invt_no: found.standing for invt_no, found in held.items()}
    named = application.invt_nos
    if application.window is not None:
        named = tuple(invt_no for invt_no, standing in standings.items() if standing.summarisable)
    answers = Answers.to(session, document, now)
    if refused := refusals(named, standings):
        answers.receipt(InventoryStatus.REJECTED, return_info(refused))
    else:
        _summarise(session, answers, application, [held[invt_no] for invt_no in named])
    return set()


def _held(session: Session, application: SummaryApplication) -> dict[str, Held]:
    """The consignor's export inventories the application names or its window holds, by invtNo: the latest version."""
    query = (
        select(ClearanceCase, BusinessDocument)
        .join(DocumentLink, col(DocumentLink.document_id) == ClearanceCase.document_id)
        .join(BusinessDocument, col(BusinessDocument.id) == ClearanceCase.document_id)
        .where(col(DocumentLink.role) == Role.INVENTORY, col(ClearanceCase.message_type).in_(EXPORT_INVENTORIES))
        .where(*_chosen(application))
        # In one order, so two applications lock what they share one after the other.
        .order_by(col(ClearanceCase.id))
        .with_for_update(of=ClearanceCase)
        .execution_options(populate_existing=True)
    )
    return {str(document.head.get("invtNo", "")): Held(case, document) for case, document in session.exec(query)}


def _chosen(application: SummaryApplication) -> tuple[ColumnElement[bool], ...]:
    window = application.window
    if window is None:
        links = [inventory_link(application.ebc_code, invt_no) for invt_no in application.invt_nos]
        return (col(DocumentLink.link).in_(links),)
    return (
        col(DocumentLink.link).startswith(inventory_link(application.ebc_code, ""), autoescape=True),
        col(ClearanceCase.status) == InventoryStatus.CLOSED,
        col(ClearanceCase.status_at) >= window.start,
        col(ClearanceCase.status_at) < window.after_end,
    )


def _summarise(session: Session, answers: Answers, application: SummaryApplication, held: Sequence[Held]) -> None:
    """Number the summary and its declarations, mark each inventory with them, then answer: 399, and the 792s."""
    inventories = [ClosedInventory.from_fields(found.document.head, found.document.lines) for found in held]
    declarations = summarise(inventories, application.grouping)
    sum_serial, *serials = take_serials(session, 1 + len(declarations))
    sum_no = texts.summary_number(answers.customs_code, answers.now, sum_serial)
    numbered = [
        (texts.declaration_sequence_number(answers.customs_code, answers.now, serial), declaration)
        for serial, declaration in zip(serials, declarations, strict=True)
    ]
    cases = {found.document.head.get("invtNo"): found.case for found in held}
    for decl_seq_no, declaration in numbered:
        for invt_no in declaration.invt_nos:
            _record(cases[invt_no], {"sumNo": sum_no, "declSeqNo": decl_seq_no})
    answers.receipt(InventoryStatus.CONCLUDED, str(RECEIPT_INFO[InventoryStatus.CONCLUDED]), sum_no=sum_no)
    issue_results(answers, sum_no, numbered)


def _record(case: ClearanceCase, summary: Mapping[str, str]) -> None:
    case.findings = {**case.findings, SUMMARY_FINDING: dict(summary)}


def issue_results(answers: Answers, sum_no: str, numbered: Sequence[tuple[str, SummaryDeclaration]]) -> None:
    """A CEB792 per declaration: its head in schema order, and a list line per inventory line it holds."""
    op_date = texts.return_time(answers.now)
    answers.issue(
        SUMMARY_RESULT,
        [
            receipts.ReceiptDraft(
                position=answers.document.position,
                return_status=DECLARATION_SAVED,
                return_info="",
                return_time=op_date,
                fields=result_fields(answers.document.head, sum_no, decl_seq_no, declaration, op_date),
            )
            for decl_seq_no, declaration in numbered
        ],
    )


def result_fields(
    application: Mapping[str, str], sum_no: str, decl_seq_no: str, declaration: SummaryDeclaration, op_date: str
) -> dict[str, Any]:
    """The CEB792 of one declaration; decTmpNo, decPreNo and entryId come in a later 792, not built."""
    head = {
        "guid": new_guid(),
        "sumNo": sum_no,
        "opDate": op_date,
        "declSeqNo": decl_seq_no,
        "decState": DECLARATION_SAVED,
        **{name: str(application.get(name, "")) for name in _PARTIES},
        "grossWeight": str(declaration.gross_weight),
        "netWeight": str(declaration.net_weight),
        "msgCount": UNSPLIT,
        "msgSeqNo": UNSPLIT,
    }
    lines = [_in_order("SummaryResultList", _result_line(line)) for line in declaration.lines]
    return {**_in_order("SummaryResultHead", head), LINES: lines}


def _result_line(line: ResultLine) -> dict[str, str]:
    return {
        "invtNo": line.invt_no,
        "logisticsNo": line.logistics_no,
        "gseqno": str(line.gseqno),
        "gnum": str(line.gnum),
        "gcode": line.gcode,
    }


def _in_order(element: str, known: Mapping[str, str]) -> dict[str, str]:
    """The fields the schema gives the element, in its order; optional ones not known are left out."""
    return {name: known[name] for name in return_fields(EXPORT_XSD.path, element) if name in known}
