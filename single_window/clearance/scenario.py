"""Scenario markers: an integrator forces an outcome by writing a marker in the inventory's ``note``.

``SW-SCENARIO:`` then directives separated by commas, anywhere in the note:

- ``inspect``: selected for inspection (500), which then passes;
- ``detain=501`` (or 502, 503, 599) / ``return``: inspected, then detained or returned abroad (700);
- ``reject=-621005``: customs rejects it with that code (any code of single_window/ceb/codes.py, or any negative
  number), after its three documents are matched;
- ``delay=30``: customs looks at it only 30 seconds (business clock) after it arrived;
- ``silent``: it moves through its states as usual but no receipt of clearance is issued, as when receipts are lost.

A directive it does not know is kept with the case's findings, so an integrator sees why it had no effect.
"""

import re
from dataclasses import dataclass, replace
from datetime import timedelta

from single_window.ceb.codes import TABLE

MARKER = "SW-SCENARIO:"
SCENARIO_FINDING = "scenario"
_DIRECTIVES = re.compile(rf"{re.escape(MARKER)}\s*([^\s；;。]*)")
DETENTIONS = frozenset({"501", "502", "503", "599"})
RETURNED = "700"
_CODE = re.compile(r"-\d{1,9}")
MAX_DELAY_SECONDS = 86_400


@dataclass(frozen=True)
class Scenario:
    inspect: bool = False
    decision: str | None = None  # 501-599 or 700
    reject: str | None = None
    delay: timedelta | None = None
    silent: bool = False
    ignored: tuple[str, ...] = ()


def scenario_of(note: str | None) -> Scenario:
    """The scenario a note asks for; none without the marker."""
    found = _DIRECTIVES.search(note or "")
    if found is None:
        return Scenario()
    scenario = Scenario()
    for directive in (part.strip() for part in found.group(1).split(",") if part.strip()):
        read = _read(directive, scenario)
        scenario = read if read is not None else replace(scenario, ignored=(*scenario.ignored, directive))
    return scenario


def rejection_text(code: str) -> str:
    known = TABLE.get(code)
    return known.zh if known is not None else "按测试场景退单"


def _read(directive: str, scenario: Scenario) -> Scenario | None:
    """The scenario with one more directive; None when it is not one the marker knows."""
    name, _, argument = directive.partition("=")
    if name == "inspect" and not argument:
        return replace(scenario, inspect=True)
    if name == "detain" and argument in DETENTIONS:
        return replace(scenario, decision=argument)
    if name == "return" and not argument:
        return replace(scenario, decision=RETURNED)
    if name == "reject" and _CODE.fullmatch(argument):
        return replace(scenario, reject=argument)
    if name == "delay" and argument.isdigit() and int(argument) <= MAX_DELAY_SECONDS:
        return replace(scenario, delay=timedelta(seconds=int(argument)))
    if name == "silent" and not argument:
        return replace(scenario, silent=True)
    return None


def scenario_finding(scenario: Scenario) -> dict[str, object]:
    """The scenario as the case keeps it, for an officer or integrator to see what the marker asked for."""
    return {
        "inspect": scenario.inspect,
        "decision": scenario.decision,
        "reject": scenario.reject,
        "delay_seconds": None if scenario.delay is None else scenario.delay.total_seconds(),
        "silent": scenario.silent,
        "ignored": list(scenario.ignored),
    }
