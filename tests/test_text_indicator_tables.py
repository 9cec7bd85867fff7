"""The text indicator table shapes (tab, flattened, stacked, packed sub-rows) as `Table` grids of the layout layer.

Expected grids are written by hand from the example lines in each test; the seed tests check that
the one meaning layer (`judge_table`) classifies every seed grid as an indicator table.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.layout import lay_out
from extractor.layout.header_vocabulary import is_header_word, kind_word
from extractor.layout.table_grid import text_tables
from extractor.layout.text_indicator_tables import indicator_text_tables
from extractor.parse.table_semantics import judge_table
from extractor.read import read_document
from extractor.read.types import Line

REPO = Path(__file__).resolve().parent.parent


def lines_of(text: str) -> list[Line]:
    return [Line(text=t, line_no=n, page=0) for n, t in enumerate(text.split("\n"), start=1)]


def test_tab_table_spanning_header_caption_source_and_notes() -> None:
    text = "\n".join([
        "Doelstelling (SMART)",
        "Bron: Politie",
        "Indicator*\tBron\tNulmeting\t\t\tStreefwaarde 2015",
        "\t\t'11\t'12\t'13\t",
        "Diefstal woning\tPolitie (BVH 1.3.1)\t116\t141\t122\t100 (-)",
        "",
        "* In het algemeen wordt opgemerkt",
        "dat de politie verantwoordelijk is.",
    ])
    (table,) = indicator_text_tables(lines_of(text))
    assert table.rows[0].cells == ["Indicator*", "Bron", "Nulmeting '11", "Nulmeting '12", "Nulmeting '13", "Streefwaarde 2015"]
    assert table.header_rows == 1 and table.rows[0].lines == (3, 4)
    assert table.rows[1].cells == ["Diefstal woning", "Politie (BVH 1.3.1)", "116", "141", "122", "100 (-)"]
    assert table.rows[1].lines == (5, 5)
    assert table.caption == "Doelstelling (SMART)"
    assert [ln.text for ln in table.above] == ["Bron: Politie"]
    assert [(n.text, n.line_no) for n in table.notes] == [
        ("* In het algemeen wordt opgemerkt dat de politie verantwoordelijk is.", 7)]
    assert judge_table(table).kind == "indicator"


def test_flattened_rows_with_codes_wrapped_cells_and_group_row() -> None:
    text = "\n".join([
        "Effectindicatoren bij 2A Fysieke veiligheid",
        "",
        "RealisatieEffectindicator",
        "",
        "2014 2015",
        "",
        "Streefwaarde",
        "2017",
        "",
        "Bron",
        "",
        "Doel 2A1 Optimale preventie",
        "",
        "2A1.a Aantal branden (geen brandstichting) 252 232 230 Politie-eenheid Den",
        "Haag",
        "",
        "2A1.b Aantal brandstichtingen 34 15 12",
    ])
    (table,) = indicator_text_tables(lines_of(text))
    assert table.rows[0].cells == ["Nr", "Indicator", "Realisatie 2014", "Realisatie 2015", "Streefwaarde 2017", "Bron"]
    assert table.rows[1].cells[:2] == ["", "Doel 2A1 Optimale preventie"]
    assert table.rows[2].cells == ["2A1.a", "Aantal branden (geen brandstichting)", "252", "232", "230", "Politie-eenheid Den Haag"]
    assert table.rows[2].lines == (14, 15)
    assert table.rows[3].cells == ["2A1.b", "Aantal brandstichtingen", "34", "15", "12", ""]
    assert table.caption == "Effectindicatoren bij 2A Fysieke veiligheid"


def test_flattened_row_with_wrong_number_of_values_keeps_its_name_and_says_why() -> None:
    text = "\n".join(["RealisatieEffectindicator", "2014 2015 2016", "Streefwaarde", "2017", "Bron", "",
                      "3B1.b Aantal incidenten 5 6 Politie"])
    (table,) = indicator_text_tables(lines_of(text))
    row = table.rows[1]
    assert row.cells[:2] == ["3B1.b", "Aantal incidenten"] and not any(row.cells[2:])
    assert row.problem and "exactly 4 values" in row.problem


def test_stacked_rows_one_cell_per_line() -> None:
    text = "\n".join(["Indicator", "", "2022", "realisatie", "", "2023", "begroting", "",
                      "Aantal verzuimconsulten (uniek", "aantal kinderen)", "", "544", "", "600"])
    (table,) = indicator_text_tables(lines_of(text))
    assert table.rows[0].cells == ["Nr", "Indicator", "realisatie 2022", "begroting 2023"]
    assert table.rows[1].cells == ["", "Aantal verzuimconsulten (uniek aantal kinderen)", "544", "600"]
    assert table.rows[1].lines == (9, 14)


def test_packed_sub_rows_point_at_their_total() -> None:
    text = "\n".join([
        "Indicator\tBron\tRealisatie 2022\tRealisatie 2023\tStreefwaarde 2024",
        "Verwijzingen Halt\tHalt - Waarvan jongens - Waarvan meisjes\t22 15 7\t30 27 3\t25",
    ])
    (table,) = indicator_text_tables(lines_of(text))
    total, boys, girls = table.rows[1:]
    assert total.cells == ["Verwijzingen Halt", "Halt", "22", "30", "25"] and total.sub_of is None
    assert boys.cells == ["Waarvan jongens", "Halt", "15", "27", ""] and boys.sub_of == 1
    assert girls.cells == ["Waarvan meisjes", "Halt", "7", "3", ""] and girls.sub_of == 1


def test_packed_cells_that_do_not_match_the_names_are_not_split() -> None:
    text = "\n".join([
        "Indicator\tBron\tRealisatie 2022\tRealisatie 2023\tStreefwaarde 2024",
        "Verwijzingen Halt\tHalt - Waarvan jongens - Waarvan meisjes\t22 15 7\t30 27\t25",
    ])
    (table,) = indicator_text_tables(lines_of(text))
    (row,) = table.rows[1:]
    assert row.cells[2:] == ["22 15 7", "30 27", "25"]  # kept as printed; the reader reads none of them
    assert row.problem and "packs several values" in row.problem


def test_pipe_table_gets_the_footnotes_right_under_it() -> None:
    text = "\n".join([
        "Indicator | 2022 | 2023 |", "---|---|---|", "Aantal bijstand* | 12 | 13 |", "Aantal meldingen | 4 | 5 |", "",
        "* Aantal uitkeringen aan huishoudens op grond van de", "Participatiewet.", "Een gewone zin daarna.",
        "* Een lijstje verderop",
    ])
    (table,) = text_tables(lines_of(text))
    assert [(n.text, n.line_no) for n in table.notes] == [
        ("* Aantal uitkeringen aan huishoudens op grond van de Participatiewet.", 6)]


def test_seed_grids_are_indicator_tables_for_the_meaning_layer() -> None:
    laid_out = lay_out(read_document(REPO / "samples" / "leiderdorp_integraal_veiligheidsbeleid_2015_2018.txt"))
    tables = indicator_text_tables(laid_out.lines())
    assert len(tables) == 3
    assert [judge_table(t).kind for t in tables] == ["indicator"] * 3
    halt = [r for r in tables[1].rows if r.sub_of is not None]
    assert len(halt) == 9 and {r.sub_of for r in halt} == {2}


def test_header_words_come_from_the_vocabulary_file() -> None:
    for word in ("indicator", "effectindicator", "bron", "nulmeting", "streefwaarde", "peilwaarde", "eenheid", "(jaar)"):
        assert is_header_word(word), word
    assert not is_header_word("woning")
    assert (kind_word("Realisatie"), kind_word("streefwaarde"), kind_word("begroting")) == ("realisatie", "streefwaarde", "streefwaarde")
    assert kind_word("Bron") is None and kind_word("Indicator") is None


_CELLS = st.sampled_from(["Indicator", "Bron", "Nulmeting", "Streefwaarde 2015", "'11", "2024", "realisatie",
                          "12", "1.234,5", "<15", "- (-/+)", "20 ** (-)", "n.b.", "22 15 7", "Naam*", "x", "",
                          "2A1.a Aantal 1 2 3", "Doel 2A1 Iets", "* Voetnoot", "Bron: CBS", "Tabel 1", "Halt - Waarvan a"])
_LINES = st.lists(_CELLS, min_size=1, max_size=6).map("\t".join) | _CELLS


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINES, max_size=25))
def test_grids_are_rectangular_and_sub_rows_point_back(rows: list[str]) -> None:
    for table in indicator_text_tables(lines_of("\n".join(rows))):
        width = table.n_cols
        assert all(len(r.cells) == width for r in table.rows)
        assert table.rows[0].lines is not None
        for k, row in enumerate(table.rows):
            assert row.sub_of is None or (0 < row.sub_of < k and table.rows[row.sub_of].sub_of is None)


def test_a_tab_grid_the_meaning_layer_calls_money_goes_to_the_budget_reader() -> None:
    from extractor.model import Metadata
    from extractor.parse.tables import read_tables
    from tests.test_indicators_text import laid_out_text

    text = "\n".join([
        "Wat mag het kosten? (bedragen x € 1.000)",
        "Omschrijving\tBron\tBegroting 2024\tRealisatie 2024",
        "Lasten\tAdministratie\t1.234\t1.300",
        "Baten\tAdministratie\t200\t210",
    ])
    assert judge_table(indicator_text_tables(lines_of(text))[0]).kind == "budget"
    result = read_tables(laid_out_text(text), [], Metadata(document_type="jaarstukken", year=2024), prose=False)
    assert result.indicators == []
    assert sorted((b.label, b.kind, b.amount) for b in result.budget_lines) == [
        ("Baten", "begroting", 200_000.0), ("Baten", "realisatie", 210_000.0),
        ("Lasten", "begroting", 1_234_000.0), ("Lasten", "realisatie", 1_300_000.0)]
