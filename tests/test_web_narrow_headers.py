"""Pipe tables from web pages whose narrow columns broke header words: "Neder land" without a hyphen,
"Peri-ode" with a line-break hyphen kept, and the own gemeente's name in two pieces ("Zoeter meer").

The page is synthetic (invented indicators and figures): a caption row, the header, a rule, rows with a unit,
the gemeente's figure, the Nederland figure, a source, the period year and a description holding numbers.
"""

from __future__ import annotations

from pathlib import Path

from extractor.parse.table_semantics import classify_header, join_broken_words
from extractor.pipeline import ExtractOptions, extract_document

_PAGE = """Programma 4 Voorbeeldzaken | ||||||
Indicator | Eenheid | Zoeter meer | Neder land | Bron | Peri-ode | Beschrijving |
|---|---|---|---|---|---|---|
Alfa meldingen | Aantal per 1.000 inwoners | 3,6 | 5,1 | Bureau Alfa | 2023 | Het aantal meldingen per 10.000 inwoners van 4 t/m 11 jaar. |
Beta incidenten | Aantal per 1.000 inwoners | 7 | 6 | CBS - Beta | 2022 | Incidenten van 2 soorten. |
Bovenstaande indicatoren zijn voorgeschreven.
"""


def test_broken_header_words_are_joined_only_to_vocabulary_words_or_a_gemeente() -> None:
    assert join_broken_words("Neder land") == "Nederland"
    assert join_broken_words("Peri-ode") == "Periode"
    assert join_broken_words("Zoeter meer") == "Zoetermeer"
    assert join_broken_words("Jaar rekening") == "Jaar rekening"  # both pieces are header words
    assert join_broken_words("Noord-Brabant") == "Noord-Brabant"  # a hyphen of spelling
    assert join_broken_words("Oost zijde") == "Oost zijde"  # no gemeente, no header word
    assert classify_header("Peri-ode").role == "year"
    assert classify_header("Neder land").scope == "Nederland"


def test_the_gemeente_column_is_realisatie_and_nederland_referentie_of_the_rows_year(tmp_path: Path) -> None:
    path = tmp_path / "begroting_2025_beleidsindicatoren.txt"
    path.write_text(_PAGE, encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    read = {i.name: (i.unit, i.source, sorted((v.year, v.type, v.value, v.scope or "") for v in i.values))
            for i in document.indicators}
    assert read == {
        "Alfa meldingen": ("Aantal per 1.000 inwoners", "Bureau Alfa",
                           [(2023, "realisatie", 3.6, "Zoetermeer"), (2023, "referentie", 5.1, "Nederland")]),
        "Beta incidenten": ("Aantal per 1.000 inwoners", "CBS - Beta",
                            [(2022, "realisatie", 7.0, "Zoetermeer"), (2022, "referentie", 6.0, "Nederland")]),
    }
