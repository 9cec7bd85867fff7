"""A web page's series of pipe tables with the same columns, each a block of Lasten / Baten / Saldo rows named in
its corner cell (a programme code first, then one coded sub-area per table), under one unit line at the top
(synthetic text with invented codes, names and figures). The pipe reader joins them into one table whose header is
repeated inside it: each repeated header's first cell names the block under it, as the corner names the first."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import extract_text

_HEADER = "| Rekening 2037 | Begroting 2038 | Begroting 2039 |"
_SEP = "---|---|---|---|"

_TEXT = "\n".join([
    "Bedragen x € 1.000",
    f"XPG07 {_HEADER}", _SEP,
    "Lasten | 900 | 950 | 990 |", "Baten | -300 | -310 | -320 |", "Saldo | 600 | 640 | 670 |",
    f"QV071 Groen en water {_HEADER}", _SEP,
    "Lasten | 500 | 520 | 540 |", "Baten | -200 | -210 | -220 |", "Saldo | 300 | 310 | 320 |",
    f"QV072 Buurtbeheer {_HEADER}", _SEP,
    "Lasten | 400 | 430 | 450 |", "Baten | |||", "Saldo | 400 | 430 | 450 |",
    f"QV073 Havens {_HEADER}", _SEP,
    "Lasten | 10 | 11 | 12 |", "Baten | -5 | -5 | -6 |", "Saldo | 5 | 6 | 6 |",
    "QV074 Markten | Rekening 203",
]) + "\n"


def test_each_repeated_header_names_its_block(tmp_path: Path) -> None:
    document = extract_text(tmp_path, "begroting_2038_voorbeeld.txt", _TEXT)
    got = {(b.programme, b.label, b.kind, b.year): b.amount for b in document.budget_lines}
    assert got[("XPG07", "Lasten", "rekening", 2037)] == 900_000
    assert got[("QV071 Groen en water", "Baten", "begroting", 2038)] == -210_000
    assert got[("QV072 Buurtbeheer", "Saldo", "begroting", 2039)] == 450_000
    assert not any(b.programme == "QV072 Buurtbeheer" and b.label == "Baten" for b in document.budget_lines)
    assert got[("QV073 Havens", "Lasten", "begroting", 2039)] == 12_000  # the last block, with a cut-off header below
    assert len(got) == 3 * 9 + 2 * 3


def test_a_repeated_header_over_item_rows_names_no_block(tmp_path: Path) -> None:
    """Rows under the repeated header that are items, not sides: the header's first cell is no block's name."""
    text = _TEXT.replace("Lasten | 500 | 520 | 540 |", "Onderhoud bermen | 500 | 520 | 540 |")
    document = extract_text(tmp_path, "begroting_2038_voorbeeld.txt", text)
    assert not any(b.programme == "QV071 Groen en water" for b in document.budget_lines)
