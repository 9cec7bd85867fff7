"""Budget headers a web-page copy printed one cell per line and split over rows in ways the plain two-row reading
does not cover.

Shapes (all texts synthetic: invented labels and figures):

* kind headers broken over two lines ("Begroting 2041" / "Primitief", "Verschil begroting" / "(na wijz.) - rekening")
  each over a run of figures whose sides are not printed: every figure is read under its kind, side unknown;
* a money group "2041 (in €)" beside a group of shares "2041 (in %)", with the lower row's corner cell printed between
  the two rows: the shares give no budget lines, a short row between whole rows keeps the table going;
* a side row (Lasten | Baten | Saldo), the programme heading printed inside the header, then the kinds under every
  side; "Saldo" under a side is the difference where the figures prove it.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from extractor.layout.header_groups import lower_row_corner, two_level_header, wide_group_header
from extractor.model import Document
from extractor.pipeline import extract_document


def _document(tmp_path: Path, name: str, cells: list[str]) -> Document:
    path = tmp_path / name
    path.write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    return extract_document(path)


# ----------------------------------------------------------------------------- headers alone

_BROKEN = ["Begroting 2041", "Begroting 2041", "Rekening 2041", "Verschil begroting", "Primitief", "(Na wijziging)",
           "(na wijz.) - rekening"]


def test_kind_cells_broken_over_two_lines_head_runs_of_unnamed_columns() -> None:
    names, span = wide_group_header(_BROKEN, 12)  # type: ignore[misc]
    assert span == 3
    assert names[::3] == ["Begroting 2041 Primitief", "Begroting 2041 (Na wijziging)", "Rekening 2041",
                          "Verschil begroting (na wijz.) - rekening"]
    assert names[:3] == ["Begroting 2041 Primitief"] * 3


def test_a_broken_header_that_fits_no_run_or_several_is_not_read() -> None:
    assert wide_group_header(_BROKEN, 10) is None  # ten figures under four groups
    assert wide_group_header(_BROKEN, 4) is None  # one figure per group: no unnamed runs
    # kind cells without a second line may head years printed after them ("Rekening | Begroting" over 2038 … 2043)
    assert wide_group_header(["Rekening", "Gewijzigde begroting", "Begroting"], 6) is None
    # two second lines for two groups printed alike except one: which group lacks one is not decided
    assert wide_group_header(["Begroting 2041", "Prognose 2041", "Alfa", "Beta"], 4) == (
        ["Begroting 2041 Alfa", "Begroting 2041 Alfa", "Prognose 2041 Beta", "Prognose 2041 Beta"], 2)
    assert wide_group_header(["Begroting 2041", "Begroting 2041", "Prognose 2041", "Alfa"], 6) is None
    assert wide_group_header(["Begroting 2041", "Begroting 2041", "Realisatie 2041", "Primitief", "Na wijziging"], 12) is None


@given(st.integers(min_value=2, max_value=3), st.integers(min_value=2030, max_value=2045))
def test_runs_of_unnamed_columns_take_their_group_in_order(span: int, year: int) -> None:
    # (twelve figures would also fit four groups of three, "Primitief" heading one of its own: not read, see below)
    groups = [f"Begroting {year}", f"Begroting {year}", f"Realisatie {year}"]
    found = wide_group_header([*groups, "Primitief", "Na wijziging"], span * 3)
    assert found is not None
    names, got = found
    assert got == span and len(names) == 3 * span
    assert names == [n for n in (f"Begroting {year} Primitief", f"Begroting {year} Na wijziging", f"Realisatie {year}")
                     for _ in range(span)]


def test_a_lower_run_repeated_under_each_group_starts_at_the_same_cell() -> None:
    texts = ["2041 (in €)", "2041 (in %)", "lasten", "baten", "saldo", "lasten", "baten"]
    assert two_level_header(texts, 5) == (
        ["2041 (in €) lasten", "2041 (in €) baten", "2041 (in €) saldo", "2041 (in %) lasten", "2041 (in %) baten"],
        ["lasten", "baten", "saldo", "lasten", "baten"])
    assert lower_row_corner(["2041", "2042", "(Art. 9)", "Lasten", "Baten"]) == 2
    assert lower_row_corner(["2041", "2042", "Lasten", "Baten"]) is None


# ----------------------------------------------------------------------------- whole tables

def test_unnamed_sides_under_broken_kind_headers_are_read_with_no_side(tmp_path: Path) -> None:
    cells = [
        "Jaarrekening 2041", "Overzicht baten en lasten", "Bedragen x € 1.000",
        *_BROKEN,
        "Veiligheid", "-500", "20", "-480", "-520", "30", "-490", "-530", "35", "-495", "-10", "5", "-5",
        "Wonen", "-300", "100", "-200", "-310", "110", "-200", "-305", "120", "-185", "5", "10", "15",
        "Resultaat", "-800", "120", "-680", "-830", "140", "-690", "-835", "155", "-680", "-5", "15", "10",
    ]
    doc = _document(tmp_path, "jaarstukken_2041_overzicht.txt", cells)
    assert len(doc.budget_lines) == 36
    wonen = [(b.column, b.kind, b.year, b.side, b.amount) for b in doc.budget_lines if b.label == "Wonen"]
    assert wonen[:3] == [("Begroting 2041 Primitief", "begroting", 2041, None, a) for a in (-300_000.0, 100_000.0, -200_000.0)]
    assert wonen[3][1:3] == ("begroting_na_wijziging", 2041)
    assert wonen[6][1:3] == ("rekening", 2041)
    assert wonen[9][1:3] == ("verschil", 2041)


def test_share_columns_give_no_lines_and_a_short_row_keeps_the_table_going(tmp_path: Path) -> None:
    cells = [
        "Overzicht baten en lasten (x € 1.000)", "2041 (in €)", "2041 (in %)", "(Art. 9)",
        "lasten", "baten", "saldo", "lasten", "baten",
        "Programma's", "900", "-400", "500", "90%", "80%",
        "Zorg", "600", "-300", "300", "60%", "60%",
        "Heffing X", "p.m.", "0%", "0%",
        "Overhead", "100", "-100", "0", "10%", "20%",
    ]
    doc = _document(tmp_path, "begroting_2041_overzicht.txt", cells)
    lines = {(b.label, b.column): (b.kind, b.year, b.amount) for b in doc.budget_lines}
    assert len(doc.budget_lines) == 9
    assert lines[("Zorg", "2041 (in €) baten")] == ("begroting", 2041, -300_000.0)
    assert lines[("Overhead", "2041 (in €) lasten")] == ("begroting", 2041, 100_000.0)
    assert not any("%" in b.column for b in doc.budget_lines)


def test_a_programme_heading_inside_a_header_of_sides_over_kinds(tmp_path: Path) -> None:
    cells = [
        "Jaarstukken 2041", "Taakvelden per programma", "Bedragen x € 1.000",
        "Lasten", "Baten", "Saldo", "Programma 3 ZORG",
        *["Begroting na wijziging", "Rekening", "Saldo"] * 3,
        "6.1 Samenkracht", "400", "380", "20", "50", "40", "10", "-350", "-340", "10",
        "6.2 Wijkteams", "200", "210", "-10", "0", "0", "0", "-200", "-210", "-10",
        "6.3 Inkomen", "900", "880", "20", "700", "690", "10", "-200", "-190", "10",
    ]
    doc = _document(tmp_path, "jaarstukken_2041_taakvelden.txt", cells)
    lines = {(b.label, b.column): (b.programme, b.kind, b.year, b.side, b.amount) for b in doc.budget_lines}
    assert len(doc.budget_lines) == 27
    assert lines[("6.1 Samenkracht", "Lasten Begroting na wijziging")] == (
        "Programma 3 ZORG", "begroting_na_wijziging", 2041, "lasten", 400_000.0)
    assert lines[("6.2 Wijkteams", "Baten Rekening")][1:] == ("rekening", 2041, "baten", 0.0)
    assert lines[("6.3 Inkomen", "Lasten Saldo")][1:3] == ("verschil", 2041)
    assert lines[("6.3 Inkomen", "Saldo Saldo")][1:3] == ("verschil", 2041)
