"""Budget tables copied from web pages (one cell per paragraph) in shapes of their own: a "%" column among the value
headers, a programme part's title without a number above the header, and kind cells printed over a run of year
columns. Synthetic texts with invented names and figures."""

from __future__ import annotations

from pathlib import Path

from extractor.layout.programme_titles import named_programme_title
from extractor.model import Document

from tests.helpers import cells_per_line, extract_text


def _extract(tmp_path: Path, text: str, name: str) -> Document:
    return extract_text(tmp_path, name, text)


_PERCENT_HEADER = ["Jaarstukken 2039", "Overzicht van baten en lasten per onderdeel", "bedragen x € 1.000",
                   "Programmadeel Groen en Blauw",
                   "Begroting voor\nwijziging 2039", "Begroting na\nwijziging 2039", "Rekening\n2039", "%", "Verschil",
                   "Baten", "1.200", "1.450", "1.300", "90%", "-150",
                   "Lasten", "5.100", "5.300", "5.250", "99%", "50",
                   "Saldo Groen en Blauw", "-3.900", "-3.850", "-3.950", "103%", "-100"]


def test_a_percent_column_is_part_of_the_header_and_gives_no_amounts(tmp_path: Path) -> None:
    doc = _extract(tmp_path, cells_per_line(*_PERCENT_HEADER), "jaarstukken_2039_voorbeeld.txt")
    read = {(b.label, b.column): (b.kind, b.year, b.amount) for b in doc.budget_lines}
    assert read[("Baten", "Begroting voor wijziging 2039")] == ("begroting", 2039, 1_200_000)
    assert read[("Lasten", "Begroting na wijziging 2039")] == ("begroting_na_wijziging", 2039, 5_300_000)
    assert read[("Saldo Groen en Blauw", "Rekening 2039")] == ("rekening", 2039, -3_950_000)
    assert read[("Lasten", "Verschil")] == ("verschil", 2039, 50_000)
    assert len(read) == 3 * 4  # the percentages are no amounts


def test_a_programme_title_without_a_number_names_the_table_under_it(tmp_path: Path) -> None:
    cells = list(_PERCENT_HEADER)
    cells[3] = "Programmalijn Groen en Blauw"
    doc = _extract(tmp_path, cells_per_line(*cells), "jaarstukken_2039_voorbeeld.txt")
    assert {b.programme for b in doc.budget_lines} == {"Programmalijn Groen en Blauw"}
    assert len(doc.budget_lines) == 12


def test_named_programme_titles() -> None:
    assert named_programme_title("Programmalijn Zorg en Welzijn")
    assert named_programme_title("Programma Wonen")
    assert not named_programme_title("Programma 2039")  # a year: a heading of another kind
    assert not named_programme_title("Programmabegroting 2039")
    assert not named_programme_title("Programma wat gaan we daarvoor doen, en wat kost het?")
    assert not named_programme_title("Programmalijn")


_KINDS_OVER_YEARS = ["Begroting 2040", "Zorg en welzijn", "Hoofddoel", "Een korte zin over wat de gemeente wil bereiken.",
                     "Financieel overzicht programma", "bedragen x 1.000 euro, - = nadeel",
                     "Rekening", "Begroting",
                     "2038\nsaldo", "2039 saldo", "2040 lasten", "2040 baten", "2040 saldo", "2041 saldo", "2042 saldo",
                     "Wijkzorg", "-1.210", "-1.250", "-1.400", "100", "-1.300", "-1.310", "-1.320",
                     "Jeugdhulp", "-830", "-870", "-960", "45", "-915", "-905", "-900",
                     "Totaal"]


def test_kind_cells_over_year_columns_are_placed_by_the_begroting_year(tmp_path: Path) -> None:
    doc = _extract(tmp_path, cells_per_line(*_KINDS_OVER_YEARS), "begroting_2040_zorg-en-welzijn.txt")
    read = {(b.label, b.column): (b.kind, b.year, b.amount) for b in doc.budget_lines}
    assert read[("Wijkzorg", "Rekening 2038 saldo")] == ("rekening", 2038, -1_210_000)  # accounts closed up to Y-2
    assert read[("Wijkzorg", "Begroting 2039 saldo")] == ("begroting", 2039, -1_250_000)  # the running year
    assert read[("Jeugdhulp", "Begroting 2040 baten")] == ("begroting", 2040, 45_000)
    assert read[("Jeugdhulp", "Begroting 2042 saldo")] == ("begroting", 2042, -900_000)
    assert len(read) == 2 * 7


def test_the_page_title_names_the_programme_of_a_table_captioned_as_the_programme_s(tmp_path: Path) -> None:
    doc = _extract(tmp_path, cells_per_line(*_KINDS_OVER_YEARS), "begroting_2040_zorg-en-welzijn.txt")
    assert {b.programme for b in doc.budget_lines} == {"Zorg en welzijn"}
    cells = list(_KINDS_OVER_YEARS)
    cells[4] = "Baten en lasten per programma"  # an overview of every programme: the page title names none of them
    doc = _extract(tmp_path, cells_per_line(*cells), "begroting_2040_zorg-en-welzijn.txt")
    assert {b.programme for b in doc.budget_lines} == {None}
    cells = ["Direct naar inhoud", "Menu", *_KINDS_OVER_YEARS[1:]]  # no document line opens the page: no title is known
    doc = _extract(tmp_path, cells_per_line(*cells), "begroting_2040_zorg-en-welzijn.txt")
    assert {b.programme for b in doc.budget_lines} == {None}


def test_kind_cells_over_years_are_left_unplaced_where_the_document_does_not_split_them(tmp_path: Path) -> None:
    # jaarstukken print the begroting and the rekening of one year side by side: the years cannot split the kinds
    cells = [c.replace("2040", "2039") if c == "Begroting 2040" else c for c in _KINDS_OVER_YEARS]
    doc = _extract(tmp_path, cells_per_line(*cells), "jaarstukken_2040_zorg-en-welzijn.txt")
    assert not any(b.kind in ("rekening", "begroting") for b in doc.budget_lines)
    # a begroting whose columns fit no split (a rekening over a year not yet closed) keeps the columns' own headers
    cells = [c for c in _KINDS_OVER_YEARS]
    cells[6:8] = ["Begroting", "Rekening"]
    doc = _extract(tmp_path, cells_per_line(*cells), "begroting_2040_zorg-en-welzijn.txt")
    assert not any(b.kind == "rekening" for b in doc.budget_lines)
    assert not any(b.column.startswith(("Rekening", "Begroting")) for b in doc.budget_lines)


def test_kind_groups_split_only_where_one_split_fits() -> None:
    from extractor.parse.kind_groups import kinds_over_year_runs

    years = [2037, 2038, 2039, 2040, 2041]
    columns = [(c + 1, "bedrag", y, "saldo") for c, y in enumerate(years)]
    names = {c + 1: f"{y} saldo" for c, y in enumerate(years)}
    out, decided = kinds_over_year_runs(columns, names, ["Realisatie", "Begroting"], "begroting", 2039)
    assert [k for _, k, _, _ in out] == ["realisatie", "begroting", "begroting", "begroting", "begroting"]
    assert decided == {1, 2, 3, 4, 5} and names[4] == "Begroting 2040 saldo"
    # a begroting may run on over later years, so where a raming group follows, 2040 fits both: no split is proven
    names = {c + 1: f"{y} saldo" for c, y in enumerate(years)}
    same, none = kinds_over_year_runs(columns, names, ["Realisatie", "Begroting", "Meerjarenraming"], "begroting", 2039)
    assert same == columns and not none and names[4] == "2040 saldo"
    same, none = kinds_over_year_runs(columns, names, ["Realisatie", "Begroting"], "voortgangsrapportage", 2039)
    assert same == columns and not none


_CODED = ["Jaarstukken 2039", "Uitvoeringsinformatie per programma", "Lasten",
          "Programma\n           Taakveld", "Begroting\n2039", "Begroting na wijziging\n2039", "Rekening", "Verschil",
          "1 Ruimte en groen",
          "0.10  Mutaties reserves", "-", "1.200", "1.150", "-50",
          "2.1  Verkeer en vervoer", "410", "430", "445", "15",
          "5.7  Openbaar groen", "320", "300", "-", "-300",
          "8.3  Wonen en bouwen", "77", "81"]


def test_a_copy_cut_off_inside_the_last_row_keeps_its_first_figures(tmp_path: Path) -> None:
    """All but the last: the copy may have stopped inside that figure ("81" of "81.250")."""
    doc = _extract(tmp_path, cells_per_line(*_CODED).rstrip("\n"), "jaarstukken_2039_uitvoering.txt")
    read = {(b.label, b.kind): b.amount for b in doc.budget_lines if b.label.startswith("8.3")}
    assert read == {("8.3  Wonen en bouwen", "begroting"): 77}
    doc = _extract(tmp_path, cells_per_line(*_CODED[:-1]).rstrip("\n"), "jaarstukken_2039_uitvoering.txt")
    assert not any(b.label.startswith("8.3") for b in doc.budget_lines)  # one figure: it may be cut itself


def test_a_short_last_row_stays_out_where_the_table_drops_empty_cells_or_text_follows(tmp_path: Path) -> None:
    dropped = [c for c in _CODED if c != "-"]  # the copy drops empty cells: a short row proves no cut
    doc = _extract(tmp_path, cells_per_line(*dropped), "jaarstukken_2039_uitvoering.txt")
    assert not any(b.label.startswith("8.3") for b in doc.budget_lines)
    zeros = ["0" if c == "-" else c for c in _CODED]  # every row complete, but no empty cell shows how the copy prints one
    doc = _extract(tmp_path, cells_per_line(*zeros).rstrip("\n"), "jaarstukken_2039_uitvoering.txt")
    assert not any(b.label.startswith("8.3") for b in doc.budget_lines)
    doc = _extract(tmp_path, cells_per_line(*_CODED, "Toelichting op de verschillen volgt hieronder."), "jaarstukken_2039_uitvoering.txt")
    assert not any(b.label.startswith("8.3") for b in doc.budget_lines)
