"""Build the stand-in positive list (single_window/refdata/data/positive_list.csv) from data in the repository.

No complete public copy of the positive list (跨境电子商务零售进口商品清单) was found, so the stand-in is the union of
the 8-digit tariff lines of ``sample_goods.csv`` (real CBEC import filings: goods that did come through the channel)
and the 36 rows of the 2016 list kept in ``scripts/data/positive_list_fragment_2016.csv`` (official names and remarks,
which win where both have a line). Every line allows both import trade modes and no weight cap: the list's trade-mode
and weight restrictions are known only for lines neither source names. An officer replaces the whole table.

Usage::

    .venv/bin/python scripts/build_positive_list.py [--check]
"""

import argparse
import csv
import io
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "single_window" / "refdata" / "data"
SAMPLE_GOODS = DATA_DIR / "sample_goods.csv"
FRAGMENT = REPO_ROOT / "scripts" / "data" / "positive_list_fragment_2016.csv"
OUTPUT = DATA_DIR / "positive_list.csv"
COLUMNS = ("tariff_code_8", "name_zh", "allowed_trade_modes", "annual_weight_cap_kg", "remark", "source")
# 表3-31: 直购进口 9610, 保税进口 1210, the two modes of CBEC retail import.
IMPORT_TRADE_MODES = "9610 1210"


def read_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def sample_lines(goods: Iterable[Mapping[str, str]]) -> dict[str, dict[str, str]]:
    """One row per 8-digit line of the filings, named after its shortest product name (the most generic)."""
    names: dict[str, list[str]] = {}
    for row in goods:
        names.setdefault(row["hs_code"][:8], []).append(row["name_zh"])
    return {code: _sample_row(code, found) for code, found in names.items()}


def _sample_row(code: str, names: list[str]) -> dict[str, str]:
    name = min(names, key=lambda text: (len(text), text))
    source = f"stand-in: tariff line of {len(names)} CBEC import filings in sample_goods.csv"
    return _row(code, f"样例商品：{name}", "", source)


def fragment_lines(fragment: Iterable[Mapping[str, str]]) -> dict[str, dict[str, str]]:
    return {row["tariff_code_8"]: _fragment_row(row) for row in fragment}


def _fragment_row(row: Mapping[str, str]) -> dict[str, str]:
    source = "2016 positive list, first batch (official name and remark; a 36-row fragment)"
    # The fragment flags a name only one of its two transcriptions gives: "[name from 2nd source only]".
    caveat = row["version"].partition("[")[2]
    return _row(row["tariff_code_8"], row["name_zh"], row["remark"], f"{source} [{caveat}" if caveat else source)


def _row(code: str, name: str, remark: str, source: str) -> dict[str, str]:
    return dict(zip(COLUMNS, (code, name, IMPORT_TRADE_MODES, "", remark, source), strict=True))


def build() -> str:
    lines = sample_lines(read_rows(SAMPLE_GOODS)) | fragment_lines(read_rows(FRAGMENT))
    out = io.StringIO()
    # CRLF like the other shipped tables.
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(lines[code] for code in sorted(lines))
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the shipped file is not what the build gives")
    built = build()
    if parser.parse_args().check:
        return 0 if OUTPUT.read_bytes() == built.encode("utf-8") else 1
    OUTPUT.write_text(built, encoding="utf-8", newline="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
