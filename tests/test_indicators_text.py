"""Indicator tables in text input, checked against hand-written golden files for the seeds.

The golden files (tests/golden/indicators_seed_000.json, indicators_seed_004.json) were typed
by hand from the seed texts, not produced by the parser; they are never regenerated
automatically. Each holds the goal nodes given to the parser (`input_goals`) so the test does
not depend on the goal parser's progress.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.layout import lay_out
from extractor.model import GoalNode, Indicator, Metadata
from extractor.parse.tables import read_tables
from extractor.read import read_document
from extractor.read.types import Line, Page, RawDocument

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden"
# The seeds of ../shared/seeds ship byte-identical in samples/ under readable names.
SEED_SAMPLES = {
    "000_763960166f8a7e5b.txt": "leiden_jaarstukken_2017_veiligheid.txt",
    "001_1fe58a4c34a0eb57.txt": "leiden_voortgangsrapportage_2022_veiligheid.txt",
    "004_8cb80b99f9105f5e.txt": "leiderdorp_integraal_veiligheidsbeleid_2015_2018.txt",
}


def seed_path(name: str) -> Path:
    return REPO / "samples" / SEED_SAMPLES[name]


def load_golden(name: str) -> dict:
    return json.loads((GOLDEN / name).read_text(encoding="utf-8"))


def read_text_indicators(laid_out, goals: list[GoalNode]) -> tuple[list[Indicator], list]:
    """The table indicators and warnings of a text document, through the public dispatcher (no prose targets)."""
    result = read_tables(laid_out, goals, Metadata(), use_camelot=False, prose=False)
    return result.indicators, result.errors


def run_seed(golden: dict) -> tuple[list[Indicator], list]:
    laid_out = lay_out(read_document(seed_path(golden["seed"])))
    goals = [GoalNode(**g) for g in golden["input_goals"]]
    return read_text_indicators(laid_out, goals)


def value_tuples(indicators: list[dict]) -> Counter:
    return Counter(
        (ind["name"], v["year"], v["type"], v["value"], v["comparator"]) for ind in indicators for v in ind["values"]
    )


def f1(expected: Counter, found: Counter) -> tuple[float, float, float]:
    hits = sum((expected & found).values())
    precision = hits / max(1, sum(found.values()))
    recall = hits / max(1, sum(expected.values()))
    return precision, recall, (2 * precision * recall / (precision + recall) if hits else 0.0)


GOLDEN_FILES = ["indicators_seed_000.json", "indicators_seed_004.json"]


@pytest.mark.parametrize("golden_name", GOLDEN_FILES)
def test_seed_matches_golden_exactly(golden_name: str) -> None:
    golden = load_golden(golden_name)
    indicators, errors = run_seed(golden)
    found = [ind.model_dump(mode="json") for ind in indicators]
    assert [i["id"] for i in found] == [i["id"] for i in golden["indicators"]]
    for got, want in zip(found, golden["indicators"]):
        assert _project(got, want) == want, f"indicator {want['id']} differs"
    assert errors == []


def _project(got, want):
    """`got` limited to the keys the golden file has: fields added to the schema later are not compared."""
    if isinstance(want, dict) and isinstance(got, dict):
        return {k: _project(got.get(k), v) for k, v in want.items()}
    if isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        return [_project(g, w) for g, w in zip(got, want)]
    return got


@pytest.mark.parametrize("golden_name", GOLDEN_FILES)
def test_seed_value_f1(golden_name: str) -> None:
    golden = load_golden(golden_name)
    indicators, _ = run_seed(golden)
    found = [ind.model_dump(mode="json") for ind in indicators]
    precision, recall, score = f1(value_tuples(golden["indicators"]), value_tuples(found))
    print(f"{golden_name}: precision {precision:.3f} recall {recall:.3f} F1 {score:.3f}")
    assert score >= 0.97
    names_p, names_r, names_f1 = f1(Counter(i["name"] for i in golden["indicators"]), Counter(i["name"] for i in found))
    assert names_f1 >= 0.97


def test_halt_breakdown_is_linked_to_its_total() -> None:
    golden = load_golden("indicators_seed_004.json")
    indicators, _ = run_seed(golden)
    total = next(i for i in indicators if i.name.startswith("Verwijzingen naar Bureau Halt"))
    subs = [i for i in indicators if i.parent_indicator == total.id]
    assert [s.name for s in subs][:2] == ["Waarvan jongens", "Waarvan meisjes"]
    assert len(subs) == 9
    assert all(v.type == "realisatie" for s in subs for v in s.values)
    assert [v.type for v in total.values].count("streefwaarde") == 1
    assert total.source == "Bureau Halt Haaglanden Hollands Midden"


def test_ids_are_unique() -> None:
    golden = load_golden("indicators_seed_004.json")
    indicators, _ = run_seed(golden)
    ids = [i.id for i in indicators]
    assert len(ids) == len(set(ids))


# ---------------------------------------------------------------- synthetic variants


def laid_out_text(text: str):
    """A laid-out text document from a string (line numbers from 1), without touching the disk."""
    lines = [Line(text=t, line_no=n, page=0) for n, t in enumerate(text.split("\n"), start=1)]
    raw = RawDocument(path="x.txt", format="text", pages=[Page(number=0, lines=lines)], page_count=None, sha256="", size=0)
    return lay_out(raw)


def parse(text: str, goals: list[GoalNode] | None = None):
    return read_text_indicators(laid_out_text(text), goals or [])


def test_tab_table_with_four_digit_years_and_two_targets() -> None:
    text = "\n".join([
        "Effectindicatoren",
        "",
        "Indicator\tBron\tRealisatie 2022\tRealisatie 2023\tStreefwaarde 2025\tStreefwaarde 2026 (%)",
        "Inwoners die zich veilig voelen (%)\tCBS\t81,5%\tn.b.\t≥ 80%\tminimaal 82",
        "Aantal woninginbraken\tPolitie\t1.234\t1.102\t<1.000\t-",
    ])
    indicators, errors = parse(text)
    assert errors == []
    first, second = indicators
    assert first.table == "Effectindicatoren"
    assert first.unit == "%"
    assert [(v.year, v.type, v.value, v.comparator) for v in first.values] == [
        (2022, "realisatie", 81.5, None), (2025, "streefwaarde", 80.0, ">="), (2026, "streefwaarde", 82.0, ">="),
    ]
    assert [(v.year, v.value, v.comparator) for v in second.values] == [(2022, 1234.0, None), (2023, 1102.0, None),
                                                                        (2025, 1000.0, "<")]
    assert second.unit is None
    assert (first.id, second.id) == ("ind-l4-t1-r1", "ind-l5-t1-r2")
    assert first.lines == (4, 4) and first.page is None


def test_flat_row_with_wrong_number_of_values_is_warned_not_guessed() -> None:
    text = "\n".join([
        "RealisatieEffectindicator",
        "2014 2015 2016",
        "Streefwaarde",
        "2017",
        "Bron",
        "",
        "3B1.a Aantal meldingen 12 13 14 Politie",
        "",
        "3B1.b Aantal incidenten 5 6 Politie",
    ])
    indicators, errors = parse(text)
    assert [i.code for i in indicators] == ["3B1.a", "3B1.b"]
    assert [i.id for i in indicators] == ["ind-l7-t1-r1", "ind-l9-t1-r2"]
    assert [v.value for v in indicators[0].values] == []  # 3 numbers for 4 columns: not read
    assert indicators[1].values == []
    assert [e.code for e in errors] == ["table_uncertain", "table_uncertain"]
    assert "line 7" in errors[0].message and errors[0].severity == "warning"


def test_flat_table_reads_wrapped_name_and_source() -> None:
    text = "\n".join([
        "Effectindicatoren bij 1A Openbare orde",
        "",
        "Effectindicator Realisatie 2021 2022 Streefwaarde 2023 Bron",
        "",
        "1A1.a Percentage inwoners dat zich",
        "veilig voelt 78% 80% ≥ 80% Veiligheids-",
        "monitor",
    ])
    indicators, errors = parse(text, [GoalNode(id="1A1", code="1A1", title="Veilig", level="doel")])
    assert errors == []
    (indicator,) = indicators
    assert indicator.name == "Percentage inwoners dat zich veilig voelt"
    assert indicator.source == "Veiligheids-monitor"  # a hyphen at a line break is kept: it may be real
    assert indicator.goal == "1A1"
    assert indicator.unit == "%"
    assert indicator.lines == (5, 7)
    assert [(v.year, v.type, v.value, v.comparator) for v in indicator.values] == [
        (2021, "realisatie", 78.0, None), (2022, "realisatie", 80.0, None), (2023, "streefwaarde", 80.0, ">="),
    ]


def test_goal_falls_back_to_preceding_doel_and_none_without_goals() -> None:
    text = "\n".join([
        "Doel A",
        "Indicator\tBron\tNulmeting\tStreefwaarde 2030",
        "Iets\tCBS\t3\t2 (-)",
    ])
    goals = [GoalNode(id="A", title="Doel A", level="doel", lines=(1, 1)),
             GoalNode(id="B", title="Doel B", level="doel", lines=(9, 9))]
    (with_goals,), _ = parse(text, goals)
    assert with_goals.goal == "A"
    assert with_goals.direction == "decrease"
    assert [(v.year, v.type) for v in with_goals.values] == [(None, "realisatie"), (2030, "streefwaarde")]
    (without,), _ = parse(text)
    assert without.goal is None


def test_unreadable_cell_is_left_out_with_warning() -> None:
    text = "Indicator\tBron\tRealisatie 2023\tStreefwaarde 2024\nAantal\tCBS\t10-15\tstijging"
    (indicator,), errors = parse(text)
    assert indicator.values == []
    assert len(errors) == 1 and "10-15" in errors[0].message


def test_prose_and_budget_tables_are_not_indicators() -> None:
    text = "\n".join([
        "Begroting 2025",
        "Lasten\t1.234\t1.300",
        "Baten\t200\t210",
        "Initiatiefase\t- Projectopdracht\t√",
        "De realisatie in 2024 was 12 en in 2025 13.",
    ])
    indicators, errors = parse(text)
    assert indicators == []
    # the dispatcher reports the numeric grid it did not use; no reader warned about its cells
    assert [e.code for e in errors] == ["tables_not_used"]


def test_text_indicator_grid_is_read_once_and_counted() -> None:
    """A tab indicator table is one table in coverage, read by the one indicator reader, not again by the generic grids."""
    text = "Indicator\tBron\tRealisatie 2023\tStreefwaarde 2024\nAantal meldingen\tCBS\t12\t10"
    result = read_tables(laid_out_text(text), [], Metadata(), use_camelot=False, prose=False)
    assert (result.tables_found, result.tables_indicators, result.detectors) == (1, 1, {"text": 1})
    assert [(i.name, [v.value for v in i.values]) for i in result.indicators] == [("Aantal meldingen", [12.0, 10.0])]


def test_stacked_cells_with_year_type_header_pairs() -> None:
    """pdftotext without -layout prints some tables one cell per line, the year above its type."""
    text = "\n".join([
        "5. Publieke gezondheid", "", "Indicator", "", "2022", "realisatie", "", "2023", "realisatie", "",
        "2024", "begroting", "", "2025", "begroting", "",
        "Aantal PGO's BO, VO, SO en op indicatie (uniek", "aantal kinderen)", "", "21.974", "", "24.021", "",
        "22.000", "", "22.000", "",
        "Aantal verzuimconsulten (uniek aantal kinderen)", "", "544", "", "666", "", "600", "", "750", "",
        "2022", "realisatie", "", "2023", "realisatie", "", "2024", "prognose", "", "2025", "begroting", "",
        "Kosten", "", "18.679", "", "20.470", "", "21.643", "", "23.317",
    ])
    indicators, errors = parse(text)
    # the "Kosten" row is a budget table that prints no unit: its amounts are kept as printed, with that warning
    assert [e.message for e in errors] == ["budget table at line 50 prints no unit (euros or x € 1.000): its amounts are kept as printed"]
    assert [i.name for i in indicators] == [
        "Aantal PGO's BO, VO, SO en op indicatie (uniek aantal kinderen)",
        "Aantal verzuimconsulten (uniek aantal kinderen)",
    ]
    assert [(v.year, v.type, v.value) for v in indicators[0].values] == [
        (2022, "realisatie", 21974.0), (2023, "realisatie", 24021.0),
        (2024, "streefwaarde", 22000.0), (2025, "streefwaarde", 22000.0),
    ]
    assert indicators[0].lines == (17, 26)


def test_layout_text_with_years_above_types() -> None:
    """pdftotext -layout: years on one line, the type words on another, one row per line."""
    text = "\n".join([
        "                     2022         2023        2024        2025",
        " Indicator",
        "                realisatie   realisatie   begroting   begroting",
        "",
        " Aantal Reizigersvaccinaties       11.752       12.841      12.000      12.000",
        "",
        " Aantal PrEP consulten               820          698         900         n.b.",
    ])
    indicators, errors = parse(text)
    assert errors == []
    assert [(i.name, [(v.year, v.type, v.value) for v in i.values]) for i in indicators] == [
        ("Aantal Reizigersvaccinaties", [(2022, "realisatie", 11752.0), (2023, "realisatie", 12841.0),
                                         (2024, "streefwaarde", 12000.0), (2025, "streefwaarde", 12000.0)]),
        ("Aantal PrEP consulten", [(2022, "realisatie", 820.0), (2023, "realisatie", 698.0),
                                   (2024, "streefwaarde", 900.0)]),
    ]


def test_caption_table_source_peilwaarde_year_and_wrapped_footnotes() -> None:
    text = "\n".join([
        "Tabel 2.1 Effectindicatoren P2 Mens en",
        "Maatschappij",
        "Bron: CBS",
        "Effectindicator",
        "",
        "Peilwaarde",
        "",
        "Streefwaarde",
        "begroting 2023",
        "",
        "Resultaat",
        "2023",
        "",
        "% inwoners met schuldenproblematiek",
        "",
        "6,1% (2021)",
        "",
        "6,0%",
        "",
        "6,9",
        "",
        "Aantal inwoners met bijstandsuitkering per 1.000",
        "inwoners*",
        "",
        "27,1 (2021)",
        "",
        "26",
        "",
        "13,9",
        "",
        "* Aantal uitkeringen aan huishoudens op grond van de",
        "Participatiewet.",
    ])
    indicators, errors = parse(text)
    assert errors == []
    first, second = indicators
    assert first.table == "Tabel 2.1 Effectindicatoren P2 Mens en Maatschappij"
    assert first.source == "CBS"  # the "Bron:" line above the table, without the label (as for PDF tables)
    assert first.unit == "%"
    assert [(v.year, v.type, v.value, v.raw) for v in first.values] == [
        (2021, "realisatie", 6.1, "6,1% (2021)"), (2023, "streefwaarde", 6.0, "6,0%"), (2023, "realisatie", 6.9, "6,9"),
    ]
    assert second.name == "Aantal inwoners met bijstandsuitkering per 1.000 inwoners"
    assert second.footnotes == ["* Aantal uitkeringen aan huishoudens op grond van de Participatiewet."]
    assert second.unit == "per 1.000 inwoners"  # the unit the name states, as for every table


def test_packed_cell_that_does_not_match_sub_rows_is_warned() -> None:
    text = "\n".join([
        "Indicator\tBron\tRealisatie 2022\tRealisatie 2023\tStreefwaarde 2024",
        "Verwijzingen Halt\tHalt - Waarvan jongens - Waarvan meisjes\t22 15 7\t30 27\t25",
    ])
    (indicator,), errors = parse(text)
    assert indicator.values == [] and indicator.parent_indicator is None
    assert [e.code for e in errors] == ["table_uncertain"]


_CELLS = st.sampled_from(["Indicator", "Bron", "Nulmeting", "Streefwaarde 2015", "'11", "2024", "realisatie",
                          "12", "1.234,5", "<15", "- (-/+)", "20 ** (-)", "n.b.", "22 15 7", "Naam*", "x", "",
                          "2A1.a Aantal 1 2 3", "Doel 2A1 Iets", "* Voetnoot", "Bron: CBS", "Tabel 1"])
_LINES = st.lists(_CELLS, min_size=1, max_size=6).map("\t".join) | _CELLS


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINES, max_size=25))
def test_never_raises_and_ids_unique_on_arbitrary_tables(rows: list[str]) -> None:
    indicators, errors = parse("\n".join(rows))
    ids = [i.id for i in indicators]
    assert len(ids) == len(set(ids))
    table_warnings = ("table_uncertain", "tables_not_used", "glued_cells_ambiguous", "merged_cells")  # the dispatcher reports unused grids too
    assert all(e.severity == "warning" and e.code in table_warnings for e in errors)
    for indicator in indicators:
        assert indicator.parent_indicator is None or indicator.parent_indicator in ids


def test_bbv_style_tab_table_with_code_unit_and_reference_columns() -> None:
    text = "\n".join([
        "BBV beleidsindicatoren",
        "Progr\tNr\tNaam\tEenheid\tBron\tCijfer Wassenaar (jaar)\tVergelijkingscijfer Nederland (jaar)",
        "1\t6\tVerwijzingen Halt\tAantal per 10.000 jongeren\tBureau Halt\t92 (2021)\t112 (2021)",
        "1\t8\tWinkeldiefstallen\tAantal per 1.000 inwoners\tCBS\tn.b.\t1,9 (2022)",
    ])
    indicators, errors = parse(text)
    assert errors == []
    halt, winkel = indicators
    assert (halt.id, halt.code, halt.name, halt.unit, halt.source) == (
        "ind-l3-t1-r1", "6", "Verwijzingen Halt", "Aantal per 10.000 jongeren", "Bureau Halt")
    assert [(v.year, v.type, v.value, v.scope) for v in halt.values] == [
        (2021, "realisatie", 92.0, None), (2021, "referentie", 112.0, "Nederland")]
    assert [(v.year, v.type, v.value) for v in winkel.values] == [(2022, "referentie", 1.9)]
    assert halt.table == "BBV beleidsindicatoren"


def test_one_word_caption_is_not_swallowed_by_the_header() -> None:
    text = "\n".join([
        "Effectindicatoren",
        "",
        "Indicator Realisatie 2022 2023 Streefwaarde 2024",
        "Aantal meldingen overlast 120 110 100",
    ])
    (indicator,), errors = parse(text)
    assert errors == []
    assert indicator.table == "Effectindicatoren"
    assert [(v.year, v.type, v.value) for v in indicator.values] == [
        (2022, "realisatie", 120.0), (2023, "realisatie", 110.0), (2024, "streefwaarde", 100.0)]


def test_target_range_gives_two_bounds_and_keeps_the_row() -> None:
    """A streefwaarde printed as a range is read as >= low and <= high; the row's other cells are kept."""
    text = "Indicator\tNulmeting\tStreefwaarde 2024\tRealisatie 2023\nAantal bezoekers per jaar\t10 (2021)\t6 - 6,5\t7"
    (indicator,), errors = parse(text)
    got = {(v.type, v.year, v.comparator, v.value) for v in indicator.values}
    assert got == {("realisatie", 2021, None, 10.0), ("streefwaarde", 2024, ">=", 6.0),
                   ("streefwaarde", 2024, "<=", 6.5), ("realisatie", 2023, None, 7.0)}
    assert errors == []
