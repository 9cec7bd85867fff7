"""Budget overviews copied from web pages whose blocks are a name over lasten | baten | saldo rows, and flattened
per-block tables whose sparse rows only the arithmetic places. Synthetic texts with invented names and figures."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.layout.tables import TableRow
from extractor.model import Document
from extractor.parse.budget import table_of_changes
from extractor.parse.row_sums import RunSumRows

from tests.helpers import cells_per_line, extract_text


def _extract(tmp_path: Path, text: str, name: str) -> Document:
    return extract_text(tmp_path, name, text)


# one cell per line: the block name on the lasten and the baten row, not on the saldo row; a total block prints its
# name once, above its lasten row; a sign legend above the table
_NAMED_SIDE_ROWS = ["Meerjarenbegroting 2031", "Overzicht per programma",
                    "In het overzicht staan per programma de lasten, baten en het saldo.", "- is een nadeel", "x € 1.000",
                    "Programma", "2031", "2032", "2033",
                    "11 Groene wijken", "lasten", "4.100", "4.200", "4.300",
                    "11 Groene wijken", "baten", "1.100", "1.150", "1.200",
                    "saldo", "-3.000", "-3.050", "-3.100",
                    "12 Stille havens", "lasten", "900", "950", "990",
                    "12 Stille havens", "baten", "300", "300", "300",
                    "saldo", "-600", "-650", "-690",
                    "Uitkomst na verrekening", "lasten", "5.000", "5.150", "5.290",
                    "baten", "1.400", "1.450", "1.500",
                    "saldo", "-3.600", "-3.700", "-3.790"]


def test_a_name_over_side_rows_names_their_block_and_a_sign_legend_keeps_the_context_kinds(tmp_path: Path) -> None:
    doc = _extract(tmp_path, cells_per_line(*_NAMED_SIDE_ROWS), "begroting_2031_meerjarenraming.txt")
    read = {(b.programme, b.label, b.year): (b.kind, b.amount) for b in doc.budget_lines}
    assert read[("11 Groene wijken", "saldo", 2031)] == ("begroting", -3_000_000)
    assert read[("12 Stille havens", "baten", 2033)] == ("raming", 300_000)
    # the total block is named by its own heading, not the programme above it
    assert read[("Uitkomst na verrekening", "lasten", 2032)] == ("raming", 5_150_000)
    assert read[("Uitkomst na verrekening", "saldo", 2033)] == ("raming", -3_790_000)
    assert not any(b.programme == "12 Stille havens" and b.amount == 5_000_000 for b in doc.budget_lines)
    assert len(read) == 27


def test_a_sign_legend_is_no_table_of_changes() -> None:
    assert not table_of_changes("x € 1.000 - is een nadeel")
    assert not table_of_changes("bedragen (-/- = voordeel)")
    assert not table_of_changes("negatief = nadeel")
    assert table_of_changes("de mutaties (+ = nadeel)")
    assert table_of_changes("V = voordeel, N = nadeel")


_FLAT_BLOCKS = "\n".join([
    "Overzicht per programma",
    "",
    "De tabellen geven per programma de lasten, baten en reserves.",
    "",
    "21 Heldere straten B2031 B2032 B2033 B2034",
    "Lasten 2.500 2.600 2.700 2.800",
    "Baten 500 500 500 500",
    "Saldo 2.000 2.100 2.200 2.300",
    "Reserve eenmalig -80",
    "Reserve doorlopend 40 40 30 30",
    "Saldo programma 21 2.040 2.140 2.150 2.330",
    "bedragen * €1.000",
    "Algemene middelen B2031 B2032 B2033 B2034",
    "Lasten 300 310 320 330",
    "Baten 9.300 9.310 9.320 9.330",
    "Saldo -9.000 -9.000 -9.000 -9.000",
    "Reserve eenmalig 7",
    "Saldo algemene middelen -9.000 -9.000 -9.000 -9.000",
    "bedragen * €1.000",
]) + "\n"


def test_flat_blocks_name_their_block_and_place_a_sparse_row_only_where_a_sum_proves_it(tmp_path: Path) -> None:
    doc = _extract(tmp_path, _FLAT_BLOCKS, "begroting_2031_overzicht.txt")
    read = {(b.programme, b.label, b.column): (b.kind, b.year, b.amount) for b in doc.budget_lines}
    assert read[("21 Heldere straten", "Lasten", "B2031")] == ("begroting", 2031, 2_500_000)  # the unit under the table
    assert read[("21 Heldere straten", "Saldo programma 21", "B2034")] == ("begroting", 2034, 2_330_000)
    # 2.200 + 30 - 80 = 2.150: the sparse row is B2033's, and no other year's
    assert read[("21 Heldere straten", "Reserve eenmalig", "B2033")] == ("begroting", 2033, -80_000)
    assert not any(b.label == "Reserve eenmalig" and b.column != "B2033" and b.programme == "21 Heldere straten"
                   for b in doc.budget_lines)
    assert read[("Algemene middelen", "Baten", "B2032")] == ("begroting", 2032, 9_310_000)
    # "7" fits no sum (the closing row equals the saldo in every year): left out, with a warning
    assert not any(b.amount == 7_000 for b in doc.budget_lines)
    assert any(e.code == "table_uncertain" and "Reserve eenmalig" in e.message for e in doc.errors)
    assert not any(b.label.startswith("bedragen") for b in doc.budget_lines)


def _row(*cells: str, unplaced: tuple[str, ...] = ()) -> TableRow:
    return TableRow(cells=list(cells), page=1, bbox=(0, 0, 0, 0), unplaced=list(unplaced))


def _money(value: int) -> str:
    return f"{value:,}".replace(",", ".")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(10, 9000), min_size=4, max_size=4), st.lists(st.integers(10, 9000), min_size=4, max_size=4),
       st.integers(0, 3), st.integers(10, 900).map(lambda v: v if v % 2 else -v))
def test_a_sparse_row_is_placed_in_its_true_column_or_not_at_all(first: list[int], after: list[int], column: int,
                                                                 figure: int) -> None:
    sparse = [figure if k == column else 0 for k in range(4)]
    total = [a + b + c for a, b, c in zip(first, sparse, after)]
    body = [_row("Vooraf", *map(_money, first)), _row("Eenmalig", "", "", "", "", unplaced=(_money(figure),)),
            _row("Doorlopend", *map(_money, after)), _row("Samen", *map(_money, total))]
    cells = RunSumRows(body, [1, 2, 3, 4]).place(body[1])
    assert cells is not None  # every column has two non-zero parts: the sum proves the one column
    assert [k for k, c in enumerate(cells[1:]) if c] == [column]
