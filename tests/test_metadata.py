"""Document metadata: issuer, kind of document and year on every real document, and the rules behind them.

The expected values below were determined by reading each document (cover, title page, colofon, running
headers), not from the extractor's output. Run this file as a script for the accuracy per field:
    PYTHONPATH=. python tests/test_metadata.py
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple, Optional, Union

import pytest
from hypothesis import given, strategies as st

from extractor.errors import ExtractionError
from extractor.layout import lay_out
from extractor.model import Metadata
from extractor.parse.doctype import term_hits
from extractor.parse.metadata import metadata_from_filename, parse_metadata
from extractor.parse.vocab import gemeente_named
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read import read_document

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"

Choice = Union[str, None, frozenset]


class Expected(NamedTuple):
    issuer: Choice
    kind: Choice
    type: Choice
    year: Optional[int]
    period: Optional[tuple[int, int]] = None
    known_miss: str = ""  # why the extractor gets this one wrong (the test is an expected failure)


EXPECTED: dict[str, Expected] = {
    "almere/mun_almere_2024_2026_brede_spuk_gala_plan_van_aanpak.pdf": Expected("Almere", "gemeente", "beleidsplan", None, (2024, 2026)),
    "almere/mun_almere_2024_2034_maatschappelijke_agenda_beleidstekst.pdf": Expected("Almere", "gemeente", "beleidsplan", None, (2024, 2034)),
    "almere/mun_almere_2024_2034_maatschappelijke_agenda_opzet_evaluatie.pdf": Expected(
        "Almere", "gemeente", "monitor", 2024, None,
        known_miss="the text prints no date of its own (written early 2024); the file name's 2024-2034 is taken as period"),
    "almere/mun_almere_2026_stevige_lokale_teams_raadsvoorstel.pdf": Expected("Almere", "gemeente", "raadsvoorstel", 2026),
    # A study 'in opdracht van gemeente Almere': the commissioning gemeente is the issuer.
    "flevoland/almere_naar_een_positief_gezond_almere_2024.pdf": Expected("Almere", "gemeente", "rapport", 2024),
    # The foundation is named only by its acronym ('De VMCA in de digitaliserende wereld'), the text says 'Almere' often.
    "flevoland/mun_vmca_meerjarenvisie_2022_2025.pdf": Expected("VMCA", "organisatie", "beleidsplan", None, (2022, 2025)),
    "flevoland/reg_ggd_flevoland_2024_ouderen_gemeenten.pdf": Expected("GGD Flevoland", "regio", "tabellenboek", 2024),
    # Written by GGD Flevoland (author's address on the cover) for the chain of care in Lelystad.
    "flevoland/reg_ggd_flevoland_valpreventie_lelystad_2025.pdf": Expected(
        frozenset({"GGD Flevoland", "Lelystad"}), frozenset({"regio", "gemeente"}), None, 2025),
    "flevoland/reg_noordoostpolder_iza_status_memo_2024.pdf": Expected("Noordoostpolder", "gemeente", "memo", 2024),
    "flevoland/reg_npz_almere_jaarplan_2025.pdf": Expected("Netwerk Palliatieve Zorg Almere", "organisatie", "jaarplan", 2025),
    "flevoland/reg_woonzorg_flevoland_beleidsplan_2026.pdf": Expected("Woonzorg Flevoland", "organisatie", "beleidsplan", 2026),
    "ggd_flevoland/reg_ggd_flevoland_2024_volwassenen_gemeenten.pdf": Expected("GGD Flevoland", "regio", "tabellenboek", 2024),
    # A meeting bundle of 7 November 2024 holding the begroting 2025 and the bestuursrapportage 2024.
    "ggd_flevoland/reg_ggd_flevoland_bestuursrapportage_aug_2024.pdf": Expected(
        "GGD Flevoland", "regio", frozenset({"begroting", "voortgangsrapportage"}), 2024),
    "ggd_flevoland/reg_ggd_flevoland_kadernota_2025.pdf": Expected("GGD Flevoland", "regio", "kadernota", 2025),
    "ggd_flevoland/reg_ggd_flevoland_kadernota_2027.pdf": Expected("GGD Flevoland", "regio", "kadernota", 2027),
    "iv3/Iv3-informatievoorschrift-gemeenten-en-gr-en-2026-1-0.pdf": Expected(
        "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "rijk", "informatievoorschrift", 2026),
    "overijssel/programma_energiestrategie_2023.pdf": Expected("Provincie Overijssel", "provincie", "programma", 2023),
    "overijssel/programma_energiestrategie_2024.pdf": Expected("Provincie Overijssel", "provincie", "programma", 2024),
    # The stand per 1 juli 2022 (voorwoord, chapter 3); the file name's 2023 is the publication.
    "overijssel/tussenstand_res2_2023.pdf": Expected("Regio West-Overijssel", "regio", "voortgangsrapportage", 2022),
    "wassenaar/CDA_Wassenaar_verkiezingsprogramma_2026.pdf": Expected("Wassenaar", "partij", "verkiezingsprogramma", None, (2026, 2030)),
    "wassenaar/Jaarstukken_2023.pdf": Expected("Wassenaar", "gemeente", "jaarstukken", 2023),
    "wassenaar/begroting_2024.pdf": Expected("Wassenaar", "gemeente", "begroting", 2024),
    "wassenaar/begroting_2025.pdf": Expected("Wassenaar", "gemeente", "begroting", 2025),
    # Unreadable (image only, or glyph ids without a character map): only the file name speaks.
    "wassenaar/image_only/Jaarstukken_2021.pdf": Expected(None, None, "jaarstukken", 2021),
    "wassenaar/image_only/Jaarstukken_2022.pdf": Expected(None, None, "jaarstukken", 2022),
    "wassenaar/image_only/Jaarstukken_2023.pdf": Expected(None, None, "jaarstukken", 2023),
    "wassenaar/image_only/Jaarstukken_2024.pdf": Expected(None, None, "jaarstukken", 2024),
    "wassenaar/image_only/Jaarstukken_2025.pdf": Expected(None, None, "jaarstukken", 2025),
    "wassenaar/jaarrekening-2019-wassenaar.pdf": Expected("Wassenaar", "gemeente", "jaarstukken", 2019),
    "zuid-holland/omgevingsvisie_deel1_2023.pdf": Expected("Provincie Zuid-Holland", "provincie", "omgevingsvisie", 2023),
    "zuid-holland/programma_ruimte_2019.pdf": Expected("Provincie Zuid-Holland", "provincie", "programma", 2019),
    "zuid-holland/programma_ruimte_2020.pdf": Expected("Provincie Zuid-Holland", "provincie", "programma", 2020),
    # Web pages of online P&C documents: the gemeente is named only in the address (file name).
    "web_pages/bergendal_jaarstukken_2019_verplichte-beleidsindicatoren.txt": Expected("Berg en Dal", "gemeente", "jaarstukken", 2019),
    "web_pages/bronckhorst_jaarstukken_2023_overzicht-baten-en-lasten-per-taakveld.txt": Expected("Bronckhorst", "gemeente", "jaarstukken", 2023),
    "web_pages/drimmelen_jaarstukken_2021_toelichting-overzicht-baten-en-lasten.txt": Expected("Drimmelen", "gemeente", "jaarstukken", 2021),
    "web_pages/heemskerk_begroting_2020_prestatie-indicatoren.txt": Expected("Heemskerk", "gemeente", "begroting", 2020),
    "web_pages/heerde_begroting_2026_sport-cultuur-en-recreatie.txt": Expected("Heerde", "gemeente", "begroting", 2026),
    "web_pages/helmond_jaarstukken_2017_wat-heeft-het-gekost.txt": Expected("Helmond", "gemeente", "jaarstukken", 2017),
    "web_pages/hengelo_begroting_2024_verplichte-kengetallen.txt": Expected("Hengelo", "gemeente", "begroting", 2024),
    "web_pages/houten_begroting_2019_wonen.txt": Expected("Houten", "gemeente", "begroting", 2019),
    "web_pages/maassluis_jaarstukken_2017_beleidsindicatoren.txt": Expected("Maassluis", "gemeente", "jaarstukken", 2017),
    "web_pages/middelburg_begroting_2026_bestuur-en-ondersteuning.txt": Expected("Middelburg", "gemeente", "begroting", 2026),
    "web_pages/renkum_jaarstukken_2022_1e-zorg-en-veiligheid.txt": Expected("Renkum", "gemeente", "jaarstukken", 2022),
    "web_pages/s-hertogenbosch_jaarstukken_2019_evenwichtige-woningmarkt.txt": Expected("'s-Hertogenbosch", "gemeente", "jaarstukken", 2019),
    "web_pages/tiel_begroting_2019_algemene-baten-en-lasten.txt": Expected("Tiel", "gemeente", "begroting", 2019),
    "web_pages/zaanstad_begroting_2021_indicatoren.txt": Expected("Zaanstad", "gemeente", "begroting", 2021),
}
FIELDS = ("issuer", "kind", "type", "year", "period")


def corpus_files() -> list[str]:
    if not CORPUS.is_dir():
        return sorted(EXPECTED)
    found = [p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*") if p.suffix.lower() in (".pdf", ".txt")]
    return sorted(found)


def metadata_of(path: Path) -> Metadata:
    """As the pipeline does it; unreadable documents go through the pipeline's failure path.

    Without OCR: these expectations are about the text layer and the file name (OCR'd pages are
    covered by tests/test_ocr_corpus.py), and OCR'ing the 203-page jaarrekening would take minutes.
    """
    try:
        raw = read_document(str(path), ocr="never")
    except ExtractionError:
        return extract_document(path, ExtractOptions(ocr="never", tables=False, enrich=False)).metadata
    return parse_metadata(lay_out(raw))


def _field_values(meta: Metadata) -> dict[str, object]:
    return {"issuer": meta.municipality, "kind": meta.issuer_kind, "type": meta.document_type,
            "year": meta.year, "period": tuple(meta.period) if meta.period else None}


def _matches(expected: object, got: object) -> bool:
    return got in expected if isinstance(expected, frozenset) else got == expected


def mismatches(expected: Expected, meta: Metadata) -> list[str]:
    got = _field_values(meta)
    return [f"{name}: expected {getattr(expected, name)!r}, got {got[name]!r}"
            for name in FIELDS if not _matches(getattr(expected, name), got[name])]


def _param(name: str) -> object:
    expected = EXPECTED.get(name)
    if expected and expected.known_miss:
        return pytest.param(name, marks=pytest.mark.xfail(reason=expected.known_miss, strict=True))
    return name


@pytest.mark.slow
@pytest.mark.parametrize("name", [_param(n) for n in corpus_files()])
def test_corpus_document_metadata(corpus_dir, name):
    assert name in EXPECTED, f"{name}: new corpus document without expected metadata; read it and add it to EXPECTED"
    problems = mismatches(EXPECTED[name], metadata_of(corpus_dir / name))
    assert not problems, f"{name}: " + "; ".join(problems)


@pytest.mark.slow
def test_unreadable_documents_say_their_metadata_came_from_the_file_name(corpus_dir):
    meta = metadata_of(corpus_dir / "wassenaar/jaarrekening-2019-wassenaar.pdf")
    assert set(meta.from_filename) == {"municipality", "issuer_kind", "document_type", "year"}


# --- the rules, on small documents ----------------------------------------------------------------

def _text_metadata(tmp_path: Path, name: str, text: str) -> Metadata:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_metadata(lay_out(read_document(str(path))))


@pytest.mark.parametrize("text, kind", [
    ("Gezondheidsmonitor volwassenen 2024", "monitor"),
    ("Programmabegroting 2024-2027", "begroting"),
    ("Verkiezingsprogramma CDA", "verkiezingsprogramma"),
    ("Omgevingsvisie Zuid-Holland", "omgevingsvisie"),
    ("Voorstel aan de raad", "raadsvoorstel"),
    ("Jaarplan 2025", "jaarplan"),
])
def test_document_words_match_whole_words_and_compounds(text, kind):
    assert [h.term.type for h in term_hits(text)] == [kind]


@pytest.mark.parametrize("text", ["monitoring van de aanpak", "de monitors", "begrotingswijziging", "programmatisch werken",
                                  "een memorabele dag", "het jaarplannetje"])
def test_a_longer_word_is_not_a_document_word(text):
    assert [h.term.type for h in term_hits(text) if h.term.type] == []


def test_neutral_phrase_hides_the_word_inside_it():
    assert [h.term.type for h in term_hits("Voorgesteld raadsbesluit") if h.term.type] == []


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8))
def test_monitor_followed_by_letters_is_never_a_monitor(suffix):
    assert all(h.term.type != "monitor" for h in term_hits(f"de monitor{suffix} van 2024"))


def test_a_jaarplan_mentioning_the_jaarverslag_stays_a_jaarplan(tmp_path):
    text = ("Jaarplan 2025\n\nInleiding\n\nVoor u ligt het jaarplan van het netwerk.\n\n"
            "Er is een jaarverslag 2024 dat op de website geplaatst wordt.\nEr is een financieel jaarverslag over 2024.\n"
            "De jaarrekening wordt verantwoord.\n")
    meta = _text_metadata(tmp_path, "notes.txt", text)
    assert (meta.document_type, meta.year, meta.from_filename) == ("jaarplan", 2025, [])


def test_content_decides_before_the_file_name(tmp_path):
    text = "Jaarstukken 2021\n\nGemeente Tiel\n\nWat hebben we bereikt?\n\nDe gemeente Tiel heeft veel bereikt.\n"
    meta = _text_metadata(tmp_path, "houten_begroting_2019_wonen.txt", text)
    assert (meta.municipality, meta.issuer_kind, meta.document_type, meta.year) == ("Tiel", "gemeente", "jaarstukken", 2021)
    assert meta.from_filename == []


def test_the_file_name_fills_what_the_content_leaves_open_and_says_so(tmp_path):
    meta = _text_metadata(tmp_path, "bergendal_jaarstukken_2019_indicatoren.txt", "Beleidsindicatoren\n\nIndicator | Eenheid | Waarde |\n")
    assert (meta.municipality, meta.document_type, meta.year) == ("Berg en Dal", "jaarstukken", 2019)
    assert set(meta.from_filename) == {"municipality", "issuer_kind", "document_type", "year"}


def test_the_cover_names_the_issuer_not_the_most_frequent_gemeente(tmp_path):
    body = "\n".join(["Met de gemeente Katwijk zijn afspraken gemaakt over de gemeente Katwijk."] * 6)
    text = f"CDA 2026-2030\nSterk en toegankelijk Wassenaar\nProgramma voor de verkiezingen op 18 maart 2026\n\n{body}\n"
    meta = _text_metadata(tmp_path, "programma.txt", text)
    assert (meta.municipality, meta.issuer_kind, meta.document_type, meta.period) == ("Wassenaar", "partij", "verkiezingsprogramma", (2026, 2030))


@pytest.mark.parametrize("text, issuer, kind", [
    ("Kadernota GGD Flevoland 2025", "GGD Flevoland", "regio"),
    ("Uitgave van provincie Overijssel", "Provincie Overijssel", "provincie"),
    ("Voorstel aan de raad van de gemeente Almere", "Almere", "gemeente"),
    ("Veiligheidsregio Hollands Midden Jaarplan 2024", "Veiligheidsregio Hollands Midden", "regio"),
    ("Waterschap Vallei en Veluwe Jaarverslag 2023", "Waterschap Vallei en Veluwe", "waterschap"),
])
def test_issuer_from_the_title(tmp_path, text, issuer, kind):
    meta = _text_metadata(tmp_path, "document.txt", f"{text}\n\nInleiding\n")
    assert (meta.municipality, meta.issuer_kind) == (issuer, kind)


@pytest.mark.parametrize("text, expected", [
    ("Jaarverslag 2023\nHoogheemraadschap van Rijnland\n\nVoorwoord\n",
     ("Hoogheemraadschap van Rijnland", "waterschap", "jaarstukken", 2023, None)),
    ("Coalitieakkoord 2022-2026\nGemeente Leiden\n\nSamen verder\n", ("Leiden", "gemeente", "coalitieakkoord", None, (2022, 2026))),
    ("Raadsbesluit\n\nDe raad van de gemeente Oss;\ngelezen het voorstel van burgemeester en wethouders;\nbesluit:\n",
     ("Oss", "gemeente", "raadsbesluit", None, None)),
    ("Memo\nAan: gemeenteraad\nVan: college van burgemeester en wethouders van Hilversum\nDatum: 3 maart 2024\n",
     ("Hilversum", "gemeente", "memo", 2024, None)),
    ("Programmabegroting 2025-2028\nGemeente Utrecht\n\nInleiding\n", ("Utrecht", "gemeente", "begroting", 2025, None)),
])
def test_small_documents_of_other_kinds(tmp_path, text, expected):
    meta = _text_metadata(tmp_path, "document.txt", text)
    assert (meta.municipality, meta.issuer_kind, meta.document_type, meta.year, meta.period) == expected


def test_file_name_alone():
    meta = metadata_from_filename("/data/s-hertogenbosch_jaarstukken_2019_evenwichtige-woningmarkt.txt")
    assert (meta.municipality, meta.document_type, meta.year) == ("'s-Hertogenbosch", "jaarstukken", 2019)
    assert metadata_from_filename("reg_ggd_flevoland_kadernota_2025.pdf").municipality == "GGD Flevoland"
    assert metadata_from_filename("reg_woonzorg_flevoland_beleidsplan_2026.pdf").municipality is None  # a place, no issuer


@pytest.mark.parametrize("spelling, official", [("bergendal", "Berg en Dal"), ("Den Haag", "'s-Gravenhage"),
                                                 ("s-hertogenbosch", "'s-Hertogenbosch"), ("Sudwest-Fryslan", "Súdwest-Fryslân"),
                                                 ("Bergen", "Bergen"), ("Katwijk", "Katwijk")])
def test_gemeente_spellings(spelling, official):
    assert gemeente_named(spelling) == official


def test_not_a_gemeente():
    assert gemeente_named("Flevoland") is None and gemeente_named("Gemeente") is None


def _accuracy() -> None:
    """Per-field accuracy over the corpus, printed for the README's figure."""
    right = dict.fromkeys(FIELDS, 0)
    names = [n for n in corpus_files() if n in EXPECTED]
    for name in names:
        got = _field_values(metadata_of(CORPUS / name))
        for field in FIELDS:
            right[field] += _matches(getattr(EXPECTED[name], field), got[field])
        wrong = [f for f in FIELDS if not _matches(getattr(EXPECTED[name], f), got[f])]
        if wrong:
            print(f"  {name}: wrong {', '.join(wrong)}")
    total = len(names)
    print(f"{total} documents; " + ", ".join(f"{f} {right[f]}/{total}" for f in FIELDS)
          + f"; all fields {sum(right.values())}/{total * len(FIELDS)}")


if __name__ == "__main__":
    sys.exit(_accuracy())


def _self_describing(title: str, mentions: int) -> str:
    body = "\n".join(["Wij helpen inwoners van Almere. De ZVCB doet dat al jaren in de stad Almere."] * mentions)
    return f"{title}\n\nInleiding\n\n{body}\nVoor de gemeente Almere is de ZVCB een partner.\n"


def test_an_organisation_named_by_its_acronym_in_the_title_is_the_issuer(tmp_path):
    meta = _text_metadata(tmp_path, "visie.txt", _self_describing("Meerjarenvisie 2022 - 2025 De ZVCB in de stad", 6))
    assert (meta.municipality, meta.issuer_kind) == ("ZVCB", "organisatie")


@pytest.mark.parametrize("title, mentions", [
    ("Meerjarenvisie 2022 - 2025 De ZVCB in de stad", 2),  # named too seldom to be the writer
    ("Meerjarenvisie 2022 - 2025 ZVCB in de stad", 6),  # no article: an acronym, not an organisation's name
    ("Meerjarenvisie 2022 - 2025 De MEMO in de stad", 6),  # a document-kind word
])
def test_an_acronym_in_the_title_alone_does_not_make_an_issuer(tmp_path, title, mentions):
    meta = _text_metadata(tmp_path, "visie.txt", _self_describing(title, mentions).replace("ZVCB", title.split()[-4]))
    assert meta.municipality != title.split()[-4]


@pytest.mark.parametrize("text, issuer", [
    ("Uitgave van provincie Overijssel oktober 2024 Foto's: provincie Overijssel Opmaak: Studio Vorm", "Provincie Overijssel"),
    ("Vastgesteld door Gedeputeerde Staten van Friesland", "Provincie Fryslân"),
])
def test_a_province_is_named_by_the_vocabulary_never_by_the_words_after_it(tmp_path, text, issuer):
    meta = _text_metadata(tmp_path, "document.txt", f"Programma Energie 2024\n{text}\n\nInleiding\n")
    assert meta.municipality == issuer


def test_words_after_provincie_that_name_no_province_are_no_issuer(tmp_path):
    meta = _text_metadata(tmp_path, "document.txt", "Programma Energie 2024\nDe provincie Opmaak Studio\n\nInleiding\n")
    assert meta.municipality is None


def test_a_row_of_amounts_is_no_title() -> None:
    """OCR gives a table row the same (or a larger) font size as the title: a line of amounts is passed over."""
    from extractor.parse.metadata import _largest_text
    from extractor.read.types import Word, make_line

    def line(texts: list[str], top: float, size: float, x0: float = 20.0) -> "object":
        words, x = [], x0
        for text in texts:
            words.append(Word(text, x, top, x + 6 * len(text), top + size, size=size, confidence=0.9))
            x += 6 * len(text) + 4
        return make_line(words, 1)

    title = line(["Overzicht", "baten", "en", "lasten"], 20, 11.0)
    row = line(["0.61", "OZB", "Woningen", "7.821.310", "-273.005", "7.548.305"], 60, 12.0)
    assert _largest_text([title, row]) == "Overzicht baten en lasten"
    beside = line(["Overzicht", "baten", "en", "lasten"], 20, 12.0)
    beside.words.extend(line(["Begroting", "2021"], 20, 9.0, x0=400).words)  # a table header on the same OCR line
    beside.words.sort(key=lambda w: w.x0)
    assert _largest_text([make_line(beside.words, 1), row]) == "Overzicht baten en lasten"
