"""Files of a run: named for batch and type in send order, the same bytes for the same seed; the command line."""

from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from single_window.cli import app
from single_window.generator.files import SEEDED_START, Run, batched, plan_run, write_run

SEEDED = Run(direction="both", orders=5, orders_per_message=2, lines=None, seed=7, start=SEEDED_START)


def test_files_are_numbered_by_batch_in_send_order(tmp_path: Path) -> None:
    written = write_run(tmp_path, SEEDED)
    names = [path.name for path in written.files]
    assert names[:4] == ["0001-CEB311.xml", "0001-CEB411.xml", "0001-CEB511.xml", "0001-CEB621.xml"]
    assert names[12:16] == ["0004-CEB303.xml", "0004-CEB403.xml", "0004-CEB505.xml", "0004-CEB603.xml"]
    assert len(names) == 24  # three batches (2 + 2 + 1 orders) of four messages, each direction
    assert names == sorted(names)
    assert (written.import_orders, written.export_orders) == (5, 5)


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    first = write_run(tmp_path / "first", SEEDED)
    second = write_run(tmp_path / "second", SEEDED)
    assert [p.read_bytes() for p in first.files] == [p.read_bytes() for p in second.files]


def test_another_seed_writes_other_orders(tmp_path: Path) -> None:
    first = write_run(tmp_path / "first", SEEDED)
    second = write_run(tmp_path / "second", Run(**{**SEEDED.__dict__, "seed": 8}))
    assert first.files[0].read_bytes() != second.files[0].read_bytes()


def test_batches_hold_at_most_a_hundred_orders() -> None:
    assert [len(batch) for batch in batched(list(range(250)), 100)] == [100, 100, 50]
    with pytest.raises(ValueError, match="1 to 100"):
        batched([1], 101)


def test_a_seeded_run_does_not_depend_on_the_clock_and_an_unseeded_one_picks_a_seed() -> None:
    seeded = plan_run("import", orders=1, orders_per_message=1, lines=None, seed=3, start=None)
    assert seeded.start == SEEDED_START
    unseeded = plan_run("import", orders=1, orders_per_message=1, lines=None, seed=None, start="20240315102133")
    assert unseeded.start == datetime(2024, 3, 15, 10, 21, 33)
    assert isinstance(unseeded.seed, int)


def test_the_generate_command_writes_the_files_and_says_so_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["generate", "--direction", "export", "--orders", "3", "--lines", "2", "--seed", "1", "--out", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == 1
    assert "wrote 12 messages (3 export orders, 1 per message)" in result.output
    assert sorted(path.name for path in tmp_path.iterdir())[:4] == [
        "0001-CEB303.xml",
        "0001-CEB403.xml",
        "0001-CEB505.xml",
        "0001-CEB603.xml",
    ]


@pytest.mark.parametrize(
    ("option", "value"), [("--direction", "sideways"), ("--start", "20250230090000"), ("--orders-per-message", "101")]
)
def test_the_generate_command_refuses_bad_options(tmp_path: Path, option: str, value: str) -> None:
    result = CliRunner().invoke(app, ["generate", option, value, "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert not any(tmp_path.iterdir())
