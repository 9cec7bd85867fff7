"""A programme's web page copied as text: a second table of bare years whose only money cue is the sign
convention of the sentence above it ("+ = nadeel, - = voordeel") is a budget table, and it belongs to the page's
one programme title even though that title stands above the first table, not above it.

Synthetic text (invented labels and figures), one cell per line as such pages are copied.
"""

from __future__ import annotations

from pathlib import Path

from extractor.pipeline import ExtractOptions, extract_document

_FIRST = ["Wat gaat het kosten?", "Programma 7: Alfa en beta", "Exploitatie (bedragen x € 1.000)",
          "Rekening 2037", "Begroting 2038", "Begroting 2039",
          "Lasten", "PG Alfa", "1.200", "1.300", "1.250", "PG Beta", "400", "420", "430",
          "Baten", "PG Alfa", "-20", "-30", "-30", "PG Beta", "0", "0", "0"]
_SECOND = ["Toelichting op de exploitatie",
           "De tweede begrotingswijziging 2038 leidt tot deze mutaties (+ = nadeel, - = voordeel):",
           "Productgroep", "Maatregel", "2039", "2040", "2041",
           "Alfa", "Hogere huur", "12", "12", "13",
           "Beta", "Lagere bijdrage", "-40", "-41", "-42",
           "Totaal mutaties", "-28", "-29", "-29"]


def _document(tmp_path: Path, cells: list[str]):
    path = tmp_path / "begroting_2039_alfa.txt"
    path.write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    return extract_document(path, ExtractOptions(enrich=False))


def test_a_mutation_table_signed_as_nadeel_and_voordeel_is_read_under_the_pages_programme(tmp_path: Path) -> None:
    document = _document(tmp_path, _FIRST + _SECOND)
    read = {(b.label, b.year): (b.programme, b.kind, b.amount) for b in document.budget_lines if b.label != "PG Alfa"
            and b.label != "PG Beta"}
    assert read == {
        ("Hogere huur", 2039): ("Programma 7: Alfa en beta", "bedrag", 12), ("Hogere huur", 2040): ("Programma 7: Alfa en beta", "bedrag", 12),
        ("Hogere huur", 2041): ("Programma 7: Alfa en beta", "bedrag", 13),
        ("Lagere bijdrage", 2039): ("Programma 7: Alfa en beta", "bedrag", -40),
        ("Lagere bijdrage", 2040): ("Programma 7: Alfa en beta", "bedrag", -41),
        ("Lagere bijdrage", 2041): ("Programma 7: Alfa en beta", "bedrag", -42),
        ("Totaal mutaties", 2039): ("Programma 7: Alfa en beta", "bedrag", -28),
        ("Totaal mutaties", 2040): ("Programma 7: Alfa en beta", "bedrag", -29),
        ("Totaal mutaties", 2041): ("Programma 7: Alfa en beta", "bedrag", -29),
    }
    assert any(e.code == "table_uncertain" and "prints no unit" in e.message for e in document.errors)


def test_with_two_programme_titles_on_the_page_the_table_gets_no_programme_from_them(tmp_path: Path) -> None:
    document = _document(tmp_path, _FIRST + ["Programma 8: Gamma", "Tekst over programma gamma zonder tabel."] + _SECOND)
    programmes = {b.programme for b in document.budget_lines if b.label == "Hogere huur"}
    assert programmes == {None}
