"""Output of ``single-window validate``: one line per file in JSON, or readable text."""

import json
import sys
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from single_window.config import Settings
from single_window.database import get_engine
from single_window.messages.offline import Filings, Problem, directory_for, validate_message


def run_validation(
    files: Sequence[Path], settings: Settings, schema_only: bool, as_json: bool, filings: Filings, sender: str | None
) -> int:
    """Validate each file and print its verdict; the exit status is 0 only when every file is valid."""
    # The schema alone needs no filings: say nothing about a database it does not use.
    filings = "none" if schema_only else _usable(filings, settings)
    session_context = Session(get_engine()) if filings == "database" else nullcontext(None)
    all_valid = True
    with session_context as session:
        directory = directory_for(filings, session)
        for path in files:
            problems = _problems(path, settings, directory=directory, schema_only=schema_only, sender=sender)
            all_valid &= not problems
            print(_verdict(path, problems, as_json))
    return 0 if all_valid else 1


def _problems(path: Path, settings: Settings, **options: object) -> list[Problem]:
    try:
        body = path.read_bytes()
    except OSError as error:
        return [Problem(None, "/", "file_unreadable", error.strerror or str(error))]
    return validate_message(body, settings, **options)  # type: ignore[arg-type]


def _usable(filings: Filings, settings: Settings) -> Filings:
    """Without a migrated database there are no filings to look up: say so and check all but the filings."""
    if filings != "database":
        return filings
    try:
        if _has_filings(settings):
            return filings
        reason = "no filings database yet (run `single-window demo`)"
    except SQLAlchemyError as error:
        reason = f"the filings database does not answer ({type(error).__name__})"
    print(f"note: {reason}; enterprise filings are not checked", file=sys.stderr)
    return "none"


def _has_filings(settings: Settings) -> bool:
    # Looking into a SQLite file that is not there would create it: a validation must leave no trace.
    database = make_url(settings.database_url).database
    if settings.database_url.startswith("sqlite") and not (database and Path(database).exists()):
        return False
    return inspect(get_engine()).has_table("enterprises")


def _verdict(path: Path, problems: list[Problem], as_json: bool) -> str:
    if as_json:
        payload = {"file": str(path), "valid": not problems, "errors": [p.as_dict() for p in problems]}
        return json.dumps(payload, ensure_ascii=False)
    if not problems:
        return f"{path}: valid"
    details = "\n".join(f"  line {p.line or '?'} {p.path} [{p.code}] {p.message}" for p in problems)
    return f"{path}: {len(problems)} problem(s)\n{details}"
