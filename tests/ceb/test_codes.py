"""One table holds every business code; spec codes are the published ones, project codes cannot collide."""

import re
from pathlib import Path

import pytest

from single_window.ceb import codes

CEB_DIR = Path(codes.__file__).parent
OFFICIAL_TEXT = Path(__file__).resolve().parents[3] / "shared" / "spec" / "official" / "spec-2022-05.txt"
CODE_LITERAL = re.compile(r"""["']-\d{5,6}["']""")


def test_every_row_is_keyed_by_its_own_code_and_named_once() -> None:
    assert all(key == row.code for key, row in codes.TABLE.items())
    names = [row.name for row in codes.TABLE.values()]
    assert len(names) == len(set(names))


def test_every_row_has_chinese_and_english_text() -> None:
    for row in codes.TABLE.values():
        assert re.search(r"[\u4e00-\u9fff]", row.zh), row.code
        assert row.en.isascii(), row.code


def test_project_codes_are_minus_nine_grouped_by_concern() -> None:
    project = [row.code for row in codes.TABLE.values() if row.source == codes.PROJECT]
    assert all(re.fullmatch(r"-90(0[1-9]|[1-9]\d)\d\d", code) for code in project), project


def test_the_module_constants_are_exactly_the_table_rows() -> None:
    constants = {value.code for value in vars(codes).values() if isinstance(value, codes.Code)}
    assert constants == set(codes.TABLE)


def test_defining_a_code_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="-10101"):
        codes._row("-10101", "again", "重复", "again")


@pytest.mark.parametrize("path", sorted(CEB_DIR.rglob("*.py")), ids=lambda path: path.relative_to(CEB_DIR).as_posix())
def test_no_module_but_the_table_spells_a_code(path: Path) -> None:
    if path != CEB_DIR / "codes.py":
        assert CODE_LITERAL.findall(path.read_text(encoding="utf-8")) == []


@pytest.mark.skipif(not OFFICIAL_TEXT.is_file(), reason="the shared spec directory is not available")
def test_spec_codes_are_published_in_the_official_text_and_project_codes_are_not() -> None:
    text = OFFICIAL_TEXT.read_text(encoding="utf-8")
    for row in codes.TABLE.values():
        published = re.search(rf"(?<![\d-]){re.escape(row.code)}(?!\d)", text) is not None
        assert published == (row.source == codes.SPEC), row.code


@pytest.mark.skipif(not OFFICIAL_TEXT.is_file(), reason="the shared spec directory is not available")
def test_spec_texts_are_quoted_from_the_official_text() -> None:
    # Receipts fill the placeholders in; the table leaves them out.
    text = re.sub(r"\s+|\[\*\]", "", OFFICIAL_TEXT.read_text(encoding="utf-8"))
    for row in codes.TABLE.values():
        if row.source == codes.SPEC and row.code != codes.REFUND_SECOND_QUANTITY.code:
            assert re.sub(r"\s+", "", row.zh) in text, row.code
