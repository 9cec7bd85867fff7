"""Budget tables whose header leaves something to the document: a column headed only by a year (its kind), a
figure-less row under the header that only repeats a header word, a collapsed two-row header, and a page title
above the only table. Synthetic texts with invented names and figures."""

from __future__ import annotations

from pathlib import Path

from extractor.model import Document
from extractor.parse.budget import context_kinds
from extractor.pipeline import ExtractOptions, extract_document

FAST = ExtractOptions(enrich=False)


def _extract(tmp_path: Path, text: str, name: str) -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_document(path, FAST)


YEAR_COLUMNS = """Programmabegroting 2031 gemeente Voorbeeld

Onderhoud van de parken (bedragen x € 1.000)
Onderdeel | 2031 | 2032 | 2033 |
---|---|---|---|
Bomen | 410 | 415 | 420 |
Vijvers | 95 | 97 | 99 |
"""


def test_a_year_only_column_takes_its_kind_from_a_begroting() -> None:
    columns = [(1, "bedrag", 2030, None), (2, "bedrag", 2031, None), (3, "bedrag", 2032, None), (4, "bedrag", 2031, "baten")]
    names = {1: "2030", 2: "2031", 3: "2032", 4: "Baten 2031"}
    out, decided = context_kinds(columns, "begroting", 2031, names)
    assert [k for _, k, _, _ in out] == ["bedrag", "begroting", "raming", "begroting"]
    assert decided == {2, 3, 4}
    out, decided = context_kinds(columns, "jaarstukken", 2031, names)
    assert [k for _, k, _, _ in out] == ["bedrag", "realisatie", "bedrag", "realisatie"]
    out, decided = context_kinds(columns, "begroting", 2031, names, changes=True)  # "deze mutaties (+ = nadeel)"
    assert [k for _, k, _, _ in out] == ["bedrag"] * 4 and not decided
    out, decided = context_kinds(columns, "kadernota", 2031, names)
    assert [k for _, k, _, _ in out] == ["bedrag"] * 4 and not decided


def test_a_year_that_another_column_names_a_kind_for_stays_bedrag() -> None:
    columns = [(1, "rekening", 2031, "saldo"), (2, "bedrag", 2031, None), (3, "bedrag", 2031, None)]
    out, decided = context_kinds(columns, "jaarstukken", 2031, {1: "Rekening 2031 Saldo", 2: "Saldo 2031", 3: "Toelichting 2031"})
    assert [k for _, k, _, _ in out] == ["rekening", "bedrag", "bedrag"] and not decided


def test_year_columns_of_a_begroting_are_begroting_and_raming_from_context(tmp_path: Path) -> None:
    doc = _extract(tmp_path, YEAR_COLUMNS, "begroting_2031.txt")
    by_year = {(b.label, b.year): b for b in doc.budget_lines}
    assert len(doc.budget_lines) == 6
    assert (by_year[("Bomen", 2031)].kind, by_year[("Bomen", 2031)].kind_from) == ("begroting", "context")
    assert (by_year[("Vijvers", 2033)].kind, by_year[("Vijvers", 2033)].amount) == ("raming", 99_000)


def test_gold_of_the_older_convention_agrees_with_a_context_kind(tmp_path: Path) -> None:
    doc = _extract(tmp_path, YEAR_COLUMNS, "begroting_2031.txt")
    lines = [{"programme": None, "label": b.label, "column": b.column, "kind": "bedrag", "year": b.year, "amount": b.amount}
             for b in doc.budget_lines]
    assert _strict_precision(doc, lines) == 1.0
    lines[0]["amount"] += 1000  # the amount still counts
    assert _strict_precision(doc, lines) == 5 / 6


def _strict_precision(doc: Document, lines: list[dict]) -> float:
    from extractor.evaluate.gold import GoldDocument
    from extractor.evaluate.score import score_document

    gold = GoldDocument.model_validate({"gold_version": "1", "source": {"file": "x.txt", "sha256": "0" * 64},
                                        "annotator": "test", "checked_by": "test", "budget_lines": lines,
                                        "coverage": {"budget_lines": {"pages": None}}})
    return score_document(gold, doc)["budget_lines"].strict.counts.precision


PROGRAMME_WORD_ROW = """Programmabegroting 2031 gemeente Voorbeeld

Bedragen in duizenden euro's
2031 | Baten | Lasten | Saldo | |
---|---|---|---|---|
Programma | ||||
11 | Alfa en beta | 120 | -1.450 | -1.330 |
12 | Gamma | 35 | -610 | -575 |
13 | Delta | 2.210 | -2.300 | -90 |
* | Onvoorzien | 0 | -75 | -75 |
Saldo van baten en lasten | 2.365 | -4.435 | -2.070 | |
Reserves per programma | ||||
11 | Alfa en beta | 10 | -4 | 6 |
"""


def test_a_header_word_row_is_no_programme_and_the_rows_below_name_their_own(tmp_path: Path) -> None:
    doc = _extract(tmp_path, PROGRAMME_WORD_ROW, "begroting_2031.txt")
    programmes = {(b.label, b.amount): b.programme for b in doc.budget_lines}
    assert len(doc.budget_lines) == 18
    assert programmes[("12 Gamma", -610_000)] == "12 Gamma"
    assert programmes[("11 Alfa en beta", 6_000)] == "11 Alfa en beta"  # the reserves block: the programme's mutations
    assert programmes[("Saldo van baten en lasten", -2_070_000)] is None
    assert not any(b.programme == "Programma" for b in doc.budget_lines)
    assert {(b.kind, b.kind_from, b.year) for b in doc.budget_lines} == {("begroting", "context", 2031)}


def test_generic_header_labels() -> None:
    from extractor.parse.budget import generic_header_label

    assert generic_header_label("Programma") and generic_header_label("Programma's") and generic_header_label("Taakvelden")
    assert not generic_header_label("Programma 3 Wonen") and not generic_header_label("Reserves per programma")


def _cells(cells: list[str]) -> str:
    return "\n\n".join(cells) + "\n"


TITLED_PAGE = ["Overzicht", "Algemene middelen", "(Bedragen x € 1.000)",
               "Rekening", "Begroting", "2030", "2031",
               "Lasten", "10", "11", "Baten", "1.210", "1.220",
               "Een specificatie volgt hieronder.", "Specificatie algemene middelen", "(Bedragen x € 1.000)",
               "Rekening", "Begroting", "2030", "2031",
               "Belasting op honden", "110", "120", "Totaal baten", "1.210", "1.220"]


def test_a_page_title_right_over_the_first_table_is_the_programme_of_its_tables(tmp_path: Path) -> None:
    doc = _extract(tmp_path, _cells(TITLED_PAGE), "begroting_2031.txt")
    assert len(doc.budget_lines) == 8
    assert {b.programme for b in doc.budget_lines} == {"Algemene middelen"}


def test_a_title_over_a_caption_of_its_own_or_a_generic_title_names_no_programme(tmp_path: Path) -> None:
    own_caption = ["Algemene middelen", "Specificatie algemene middelen", *TITLED_PAGE[2:13]]
    doc = _extract(tmp_path, _cells(own_caption), "begroting_2031.txt")
    assert len(doc.budget_lines) == 4 and {b.programme for b in doc.budget_lines} == {None}
    generic = ["Overzicht", "Reserves en voorzieningen", *TITLED_PAGE[2:13]]
    doc = _extract(tmp_path, _cells(generic), "begroting_2031.txt")
    assert len(doc.budget_lines) == 4 and {b.programme for b in doc.budget_lines} == {None}


def test_a_caption_repeating_the_page_title_with_the_scale_names_the_programme(tmp_path: Path) -> None:
    """"Stad en haven x € 1.000" over the table, the page printing "Stad en haven" as its title above other
    headings: the caption names whose amounts these are. A caption name the page does not print as a title, or a
    generic one, names nothing."""
    body = TITLED_PAGE[3:13]
    titled = ["Groene gemeente", "Stad en haven", "Wat kost het?", "Stad en haven x € 1.000", *body]
    doc = _extract(tmp_path, _cells(titled), "begroting_2031.txt")
    assert len(doc.budget_lines) == 4 and {b.programme for b in doc.budget_lines} == {"Stad en haven"}
    assert {b.amount for b in doc.budget_lines if b.label == "Baten"} == {1_210_000, 1_220_000}
    untitled = ["Groene gemeente", "Wat kost het?", "Stad en haven x € 1.000", *body]
    assert {b.programme for b in _extract(tmp_path, _cells(untitled), "begroting_2031.txt").budget_lines} == {None}
    generic = ["Financiën", "Overzicht lasten", "Overzicht lasten x € 1.000", *body]
    assert {b.programme for b in _extract(tmp_path, _cells(generic), "begroting_2031.txt").budget_lines} == {None}


COLLAPSED_TOP_ROW = """Lasten en baten per programma
Een overzicht van de lasten en baten per programma.
bedrag x € 1.000 | Rekening | Begroting 2033 | Rekening 2033 | Saldo | |||||
---|---|---|---|---|---|---|---|---|---|
Programma | 2032 | Primitief | Lasten | Baten | Saldo | Lasten | Baten | Saldo | 2033 |
01 Alfa | -50 | -40 | 100 | 55 | -45 | 98 | 60 | -38 | 7 |
02 Beta en gamma | -20 | -22 | 30 | 6 | -24 | 31 | 6 | -25 | -1 |
03 Delta | 15 | 10 | 5 | 20 | 15 | 4 | 22 | 18 | 3 |
Totaal saldo van baten en lasten | -55 | -52 | 135 | 81 | -54 | 133 | 88 | -45 | 9 |
Reservemutatie | 2 | 1 | 10 | 12 | 2 | 9 | 12 | 3 | 1 |
"""


def test_groups_over_a_sub_row_are_decided_when_one_reading_fits() -> None:
    from extractor.layout.header_groups import groups_over_sub_row

    subs = ["2032", "Primitief", "Lasten", "Baten", "Saldo", "Lasten", "Baten", "Saldo", "2033"]
    assert groups_over_sub_row(["Rekening", "Begroting 2033", "Rekening 2033", "Saldo"], subs) == [
        "Rekening", *["Begroting 2033"] * 4, *["Rekening 2033"] * 3, "Saldo"]
    assert groups_over_sub_row(["Begroting 2033", "Rekening 2033"], ["Lasten", "Baten", "Lasten", "Baten"]) == [
        "Begroting 2033", "Begroting 2033", "Rekening 2033", "Rekening 2033"]
    assert groups_over_sub_row(["Begroting 2033", "Rekening 2033"], ["Lasten", "Baten", "Saldo"]) is None  # two ways
    assert groups_over_sub_row(["Rekening", "Begroting"], ["2032", "2033", "2034"]) is None  # years split two ways


def test_a_collapsed_top_header_row_is_spread_over_its_sub_columns(tmp_path: Path) -> None:
    doc = _extract(tmp_path, COLLAPSED_TOP_ROW, "jaarstukken_2033_programmas.txt")
    got = {(b.label, b.column): (b.kind, b.year, b.amount) for b in doc.budget_lines}
    assert len(doc.budget_lines) == 45
    assert got[("01 Alfa", "Rekening 2032")] == ("rekening", 2032, -50_000)
    assert got[("01 Alfa", "Begroting 2033 Primitief")] == ("begroting", 2033, -40_000)
    # beside its own "Primitief" column, the group's side columns are the budget after wijziging
    assert got[("02 Beta en gamma", "Begroting 2033 Baten")] == ("begroting_na_wijziging", 2033, 6_000)
    assert got[("03 Delta", "Rekening 2033 Saldo")] == ("rekening", 2033, 18_000)
    # "Saldo" over "2033" equals rekening saldo minus begroting saldo in every row: a difference
    assert got[("Totaal saldo van baten en lasten", "Saldo 2033")] == ("verschil", 2033, 9_000)
    programmes = {b.label: b.programme for b in doc.budget_lines}
    assert programmes["02 Beta en gamma"] == "02 Beta en gamma"
    assert programmes["Reservemutatie"] is None and programmes["Totaal saldo van baten en lasten"] is None


def test_a_bare_side_year_column_that_is_no_difference_keeps_its_kind(tmp_path: Path) -> None:
    text = COLLAPSED_TOP_ROW.replace("| -38 | 7 |", "| -38 | 70 |")
    doc = _extract(tmp_path, text, "jaarstukken_2033_programmas.txt")
    assert not any(b.kind == "verschil" for b in doc.budget_lines)
    assert any(b.column == "Saldo 2033" and b.amount == 70_000 for b in doc.budget_lines)


def test_a_name_right_of_a_code_in_the_label_column_is_part_of_the_label(tmp_path: Path) -> None:
    short = PROGRAMME_WORD_ROW.replace("13 | Delta | 2.210 | -2.300 | -90 |\n", "").replace("* | Onvoorzien | 0 | -75 | -75 |\n", "")
    doc = _extract(tmp_path, short, "begroting_2031.txt")
    assert len(doc.budget_lines) == 12
    assert {b.label for b in doc.budget_lines} == {"11 Alfa en beta", "12 Gamma", "Saldo van baten en lasten"}
