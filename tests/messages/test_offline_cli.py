"""``single-window validate``: the intake's own checks offline, one JSON line per file, exit 0 only if all pass."""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.processes import service_environment
from tests.samples import samples, sender_of

ALL_SAMPLES = samples("valid") + samples("customs-issued") + samples("invalid-schema") + samples("invalid-business")
# The one sample about its sender (see sample_declarations/README.md) is checked with --sender.
NAMED_SENDER = {
    p: sender_of(p.read_bytes()) for p in samples("invalid-business") if b"<?sample sender=" in p.read_bytes()
}


def run_validate(*arguments: str, cwd: Path) -> tuple[int, list[dict[str, Any]]]:
    result = subprocess.run(
        [sys.executable, "-m", "single_window", "validate", "--json", *arguments],
        env=service_environment(),
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode, [json.loads(line) for line in result.stdout.splitlines()]


def test_every_sample_gets_the_verdict_its_name_promises(tmp_path: Path) -> None:
    status, verdicts = run_validate(
        "--filings", "demo", *[str(p) for p in ALL_SAMPLES if p not in NAMED_SENDER], cwd=tmp_path
    )
    for sample, sender in NAMED_SENDER.items():
        verdicts += run_validate("--filings", "demo", "--sender", sender, str(sample), cwd=tmp_path)[1]
    assert status == 1
    by_file = {Path(v["file"]): v for v in verdicts}
    assert set(by_file) == set(ALL_SAMPLES)
    for sample in samples("valid") + samples("customs-issued"):
        assert by_file[sample]["valid"], by_file[sample]
    for sample in samples("invalid-schema"):
        assert not by_file[sample]["valid"]
        assert all(error["path"].startswith("/") for error in by_file[sample]["errors"])
    for sample in samples("invalid-business"):
        assert [e["code"] for e in by_file[sample]["errors"]] == [sample.name.split(".")[-2]]


def test_all_valid_files_exit_zero(tmp_path: Path) -> None:
    status, verdicts = run_validate("--filings", "demo", *map(str, samples("valid")[:5]), cwd=tmp_path)
    assert status == 0
    assert all(v["valid"] and v["errors"] == [] for v in verdicts)


def test_schema_only_passes_a_message_that_only_breaks_business_rules(tmp_path: Path) -> None:
    business = [str(p) for p in samples("invalid-business")[:3]]
    status, verdicts = run_validate("--schema-only", *business, cwd=tmp_path)
    assert status == 0
    assert all(v["valid"] for v in verdicts)


def test_filings_come_from_the_local_database_once_it_has_them(tmp_path: Path) -> None:
    unfiled = next(str(p) for p in samples("invalid-business") if ".-10102." in p.name)
    valid = str(samples("valid")[0])
    subprocess.run([sys.executable, "-m", "single_window", "demo"], env=service_environment(), cwd=tmp_path, check=True)
    status, verdicts = run_validate(unfiled, valid, cwd=tmp_path)
    assert status == 1
    assert [v["valid"] for v in verdicts] == [False, True]


def test_validating_without_a_database_leaves_no_file_behind(tmp_path: Path) -> None:
    run_validate(str(samples("valid")[0]), cwd=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_an_unreadable_file_is_reported_not_raised(tmp_path: Path) -> None:
    status, verdicts = run_validate(str(tmp_path / "missing.xml"), cwd=tmp_path)
    assert status == 1
    assert verdicts[0]["errors"][0]["code"] == "file_unreadable"


def test_an_unreachable_filings_database_is_a_note_not_a_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "single_window", "validate", str(samples("valid")[0])],
        env={**service_environment(), "SW_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "does not answer" in result.stderr
    assert "Traceback" not in result.stderr
