"""The shared table-meaning layer: cell joining, value columns with notes, prose splits, glued cells."""

from __future__ import annotations

from extractor.layout import lay_out
from extractor.layout.tables import join_wrapped
from extractor.model import Metadata
from extractor.parse.prose_targets import _target
from extractor.parse.tables import read_tables
from extractor.read.types import Line, Page, RawDocument


def laid_out_text(text: str):
    lines = [Line(text=t, line_no=n, page=0) for n, t in enumerate(text.split("\n"), start=1)]
    raw = RawDocument(path="x.txt", format="text", pages=[Page(number=0, lines=lines)], page_count=None, sha256="", size=0)
    return lay_out(raw)


def test_wrapped_cell_keeps_a_spelling_hyphen_and_drops_a_line_break_hyphen() -> None:
    assert join_wrapped("Aantal fte data-", "analyse") == "Aantal fte data-analyse"  # a-a: the hyphen is spelling
    assert join_wrapped("volwassen (ex-)", "gedetineerden") == "volwassen (ex-)gedetineerden"
    assert join_wrapped("aantal ziek-", "teverwekkers") == "aantal ziekteverwekkers"
    assert join_wrapped("re-", "integratie") == "re-integratie"
    assert join_wrapped("Aantal", "meldingen") == "Aantal meldingen"


def test_value_column_with_a_note_and_an_unknown_cell_is_still_read() -> None:
    """'Realisatie 2019' holds one figure, one figure with an explanation and one 'nog niet bekend': still a value column."""
    text = "\n".join([
        "Indicator", "", "Nulmeting", "", "Doelstelling 2019", "", "Realisatie 2019", "", "Ambitie 2022", "",
        "Aantal te bouwen woningen per jaar", "", "480", "", "850", "", "1.023 (nieuwbouw, transformatie en splitsing)", "", "850", "",
        "Aantal actief woningzoekenden", "", "9.813", "", "9.700", "", "nog niet bekend (volgt eind mrt)", "", "9.400", "",
        "Aantal vrijkomende sociale huurwoningen", "", "1.826", "", "1.850", "", "1.880", "", "1.900", "",
    ])
    result = read_tables(laid_out_text(text), [], Metadata(document_type="jaarstukken", year=2019), prose=False)
    values = {(i.name, v.year, v.type, v.value) for i in result.indicators for v in i.values}
    assert ("Aantal vrijkomende sociale huurwoningen", 2019, "realisatie", 1880.0) in values
    assert not any(v == 1023.0 for *_, v in values)  # a figure with an explanation is not read as the value ...
    assert any("1.023" in e.message for e in result.errors)  # ... but said so


def test_prose_target_with_a_split_keeps_every_share() -> None:
    sentence = ("Het bod voor duurzame opwek van elektriciteit in 2030 van 3,3TWh met een (streven) verhouding van "
                "60% opwek door windenergie en 40% door zonne-energie;")
    year, amounts = _target(sentence, 2023)
    assert year == 2030
    assert [a[0] for a in amounts] == [3.3, 60.0, 40.0]


def test_prose_percentages_that_are_no_split_give_only_the_quantity_after_the_year() -> None:
    year, amounts = _target("In 2030 willen we 60% wind en 30% zon.", 2023)  # 90 is not a split
    assert (year, [a[0] for a in amounts]) == (2030, [60.0])
    assert _target("Wij willen in de toekomst 60% wind en 30% zon en in 2030 meer.", 2023) is None
