"""Partner candidates (issue 12): one small text fixture per candidate kind and per filter, with golden output.

The fixtures are invented sentences in the style of the documents; the golden file records, per fixture,
the partners found (name, canonical, kind, aliases, role), so a change in any rule shows up as a diff.
"""

from __future__ import annotations

from extractor.enrich import enrich_document
from extractor.enrich.candidates import acronym_start, is_acronym
from extractor.enrich.reading import reading_lines
from extractor.layout import LaidOutDocument
from extractor.model import Document, Metadata, Source
from extractor.read.types import Line, Page, RawDocument, Word
from tests.helpers import assert_golden

FIXTURES: dict[str, list[str]] = {
    "acronym_pair": [
        "De Noordwijkse Reddingsbrigade (NRB) bewaakt het strand.",
        "In de zomer zet de NRB extra posten in; ook de NRB-leden helpen bij evenementen.",
        "Het Servicebureau Jeugdhulp Haaglanden (SbJH) koopt jeugdhulp in.",
    ],
    "acronym_first": ["De BSGR (Belastingsamenwerking Gouwe Rijnland) int de gemeentelijke belastingen."],
    "head_words": [
        "De lessen worden gegeven door het Rijnlands Lyceum en de Stichting Kinderopvang Wassenaar.",
        "Het toezicht ligt bij de Inspectie Gezondheidszorg en Jeugd en bij de Autoriteit Persoonsgegevens.",
        "Voor de jeugd werken we met Zorggroep Almere en GGD Flevoland in de Coöperatieve vereniging Jeugdzorg Almere U.A.",
        "Het Paramedisch Platform Flevoland coördineert de groepen.",
    ],
    "cue_single_token": [
        "Dit doen we samen met Avalex en Humanitas.",
        "De gemeente verleent subsidie aan Welzijnskwartier voor het buurtwerk.",
        "Ook netbeheerder Enexis sluit de nieuwe wijk aan.",
        "Het college sprak met Jansen over de begroting.",
    ],
    "coordinated_plural": ["Met de Veiligheidsregio's Flevoland en Gooi en Vechtstreek is een convenant gesloten."],
    "member_gemeenten": [
        "Het bestuur bestaat uit de portefeuillehouders van de deelnemende gemeenten:",
        "▪ Gemeente Almere",
        "Wethouder mw. A. de Vries",
        "▪ Gemeente Dronten:",
        "Wethouder dhr. B. Jansen",
    ],
    "filters": [
        "Renovatie Sporthal De Kikker wordt in 2025 uitgevoerd.",
        "De toetsing gebeurt volgens de Wet Bibob en de Verordening Stichting Fonds.",
        "Huisarts X X X",
        "Het Regionaal College van de politie vergadert.",
        "PARTNERS",
        "Stichting Present",
    ],
    "colophon_and_cued_sector": [
        "Colofon",
        "Uitgave van provincie Overijssel",
        "In samenwerking met netbeheerders en gemeenten stemmen we af hoe het energiesysteem groeit.",
        "De provincie stelt kaders; woningcorporaties bouwen.",
    ],
    "self_and_units": [
        "GGD Flevoland voert de taken uit. De GHOR is een onderdeel van de GGD Flevoland.",
        "De GGD werkt samen met de Veiligheidsregio Flevoland.",
    ],
}


def _laid_out(lines: list[str]) -> LaidOutDocument:
    page = Page(number=0, lines=[Line(text=t, line_no=i) for i, t in enumerate(lines, start=1)])
    raw = RawDocument(path="mem.txt", format="text", pages=[page], page_count=None, sha256="0", size=1)
    return LaidOutDocument(raw=raw, pages=[page])


def _partners(lines: list[str], municipality: str | None = None) -> list[dict[str, object]]:
    document = Document(extractor_version="test", source=Source(file="x"), metadata=Metadata(municipality=municipality))
    enrich_document(document, _laid_out(lines))
    return [{"name": p.name, "canonical": p.canonical, "kind": p.kind, "aliases": p.aliases, "role": p.role} for p in document.partners]


def test_candidate_kinds_and_filters_golden():
    issuers = {"self_and_units": "GGD Flevoland", "member_gemeenten": "GGD Flevoland", "cue_single_token": "Wassenaar"}
    result = {name: _partners(lines, issuers.get(name)) for name, lines in FIXTURES.items()}
    assert_golden("enrich_candidates.json", result)


def test_each_kind_finds_its_partner():
    names = lambda key: {p["name"] for p in _partners(FIXTURES[key])}  # noqa: E731
    assert "Noordwijkse Reddingsbrigade" in names("acronym_pair")
    assert "Paramedisch Platform Flevoland" in names("head_words") and "Zorggroep Almere" in names("head_words")
    assert {"Avalex", "Welzijnskwartier"} <= names("cue_single_token") and "Jansen" not in names("cue_single_token")
    assert {p["canonical"] for p in _partners(FIXTURES["coordinated_plural"])} == {"Veiligheidsregio Flevoland", "Veiligheidsregio Gooi en Vechtstreek"}
    assert {"Gemeente Almere", "Gemeente Dronten"} <= {p["canonical"] for p in _partners(FIXTURES["member_gemeenten"])}


def test_acronym_counts_later_mentions():
    partners = {p.canonical: p for p in _documents(FIXTURES["acronym_pair"]).partners}
    brigade = partners["Noordwijkse Reddingsbrigade"]
    assert brigade.aliases == ["NRB"] and brigade.mentions >= 2


def _documents(lines: list[str]) -> Document:
    document = Document(extractor_version="test", source=Source(file="x"))
    enrich_document(document, _laid_out(lines))
    return document


def test_filters_reject_projects_laws_rows_and_bodies():
    names = {p["name"] for p in _partners(FIXTURES["filters"])}
    assert not any(n.startswith(("Renovatie", "Wet", "Verordening", "Huisarts", "Regionaal College")) for n in names)
    assert "Stichting Present" in names


def test_publisher_and_its_units_are_self():
    partners = {p["canonical"]: p for p in _partners(FIXTURES["self_and_units"], "GGD Flevoland")}
    assert partners["GGD Flevoland"]["kind"] == "self" and partners["GHOR"]["kind"] == "self"
    assert partners["Veiligheidsregio Flevoland"]["kind"] == "veiligheidsregio"


def test_acronym_matching():
    assert acronym_start("SbJH", ["Servicebureau", "Jeugdhulp", "Haaglanden"]) == 0
    assert acronym_start("BSGR", ["Regeling", "Belasting", "Samenwerking", "Gouwe", "Rijnland"]) == 1
    assert acronym_start("RES", ["Gemeente", "Almere"]) is None
    assert is_acronym("GGD") and is_acronym("SbJH") and not is_acronym("Gemeente") and not is_acronym("X")


def _word(text: str, x0: float, top: float) -> Word:
    return Word(text=text, x0=x0, top=top, x1=x0 + 6 * len(text), bottom=top + 9, size=9)


def test_reading_lines_split_columns_and_keep_cells_together():
    """Two glued columns become two columns again; a cell name wrapped over lines stays consecutive."""
    rows = [[("Belasting", 40), ("Namens", 300)], [("Samenwerking", 40), ("de", 300)], [("(BSGR)", 40), ("gemeente", 300)]]
    lines = []
    for number, row in enumerate(rows):
        words = [_word(text, x0, 100 + 12 * number) for text, x0 in row]
        lines.append(Line(text=" ".join(w.text for w in words), x0=40, top=words[0].top, x1=words[-1].x1, bottom=words[0].bottom,
                          words=words, size=9, page=1))
    assert [line.text for line in reading_lines(lines)] == ["Belasting", "Samenwerking", "(BSGR)", "Namens", "de", "gemeente"]


def test_colophon_names_the_publisher_and_a_cue_makes_a_sector_word_a_partner():
    partners = {p["canonical"]: p for p in _partners(FIXTURES["colophon_and_cued_sector"])}
    assert partners["Provincie Overijssel"]["kind"] == "self"
    assert "Netbeheerders" in partners and partners["Netbeheerders"]["kind"] == "overig"
    assert "Woningcorporaties" not in partners  # lower case, no cue: a sector, not a partner
