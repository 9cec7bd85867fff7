"""Enrich layer: partners and themes of real documents, goal/indicator fields, edge cases.

Golden partner lists live in tests/golden/enrich_partners_*.json; regenerate them on purpose with
UPDATE_GOLDEN=1 (and review the diff). Hand annotations (goal fields, expected partners) are in
tests/golden/enrich_annotations.json and are never regenerated.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.enrich import enrich_document
from extractor.enrich.loader import get_nlp, reset_trained_ner, set_trained_ner
from extractor.layout import lay_out
from extractor.layout.cleanup import LaidOutDocument
from extractor.model import Document, GoalNode, Indicator, Metadata, Source
from extractor.parse.metadata import parse_metadata
from extractor.read import read_document
from extractor.read.types import Line, Page, RawDocument

from tests.helpers import assert_golden

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"
SEED_000_FILE = SAMPLES / "leiden_jaarstukken_2017_veiligheid.txt"
SEED_001_FILE = SAMPLES / "leiden_voortgangsrapportage_2022_veiligheid.txt"
SEED_004_FILE = SAMPLES / "leiderdorp_integraal_veiligheidsbeleid_2015_2018.txt"

ANNOTATIONS = json.loads((GOLDEN / "enrich_annotations.json").read_text(encoding="utf-8"))
ANY_SAFETY = "any_safety"
SAFETY_FIELDS = {
    "veilige_woon_en_leefomgeving", "bedrijvigheid_en_veiligheid", "jeugd_en_veiligheid", "fysieke_veiligheid", "integriteit_en_veiligheid",
}
SEED_000 = [tuple(g.values()) for g in ANNOTATIONS["goal_fields"][SEED_000_FILE.name]]
SEED_001 = [tuple(g.values()) for g in ANNOTATIONS["goal_fields"][SEED_001_FILE.name]]
PARTNERS_000 = {k: set(v) for k, v in ANNOTATIONS["partners"][SEED_000_FILE.name].items()}
PARTNERS_004 = {k: set(v) for k, v in ANNOTATIONS["partners"][SEED_004_FILE.name].items()}


@pytest.fixture(autouse=True, scope="module")
def _no_trained_ner():
    """Tests describe the rule pipeline; an nl_core_news_* that happens to be installed must not change them."""
    set_trained_ner(None)
    yield
    reset_trained_ner()


def _enriched(path: Path, goals: list[GoalNode] | None = None, indicators: list[Indicator] | None = None) -> Document:
    """Metadata is parsed first, as in the pipeline: the own municipality is no partner of itself."""
    laid_out = lay_out(read_document(path))
    document = Document(
        extractor_version="test", source=Source(file=path.name), metadata=parse_metadata(laid_out), goals=goals or [], indicators=indicators or []
    )
    enrich_document(document, laid_out)
    return document


def _laid_out_text(lines: list[str]) -> LaidOutDocument:
    page = Page(number=0, lines=[Line(text=t, line_no=i) for i, t in enumerate(lines, start=1)])
    raw = RawDocument(path="mem.txt", format="text", pages=[page], page_count=None, sha256="0", size=1)
    return lay_out(raw)


# ------------------------------------------------------------------ goal fields (hand annotated)


def _goal_nodes(path: Path, table) -> list[GoalNode]:
    """GoalNodes for the annotated titles, with the text line each title is printed on as provenance."""
    lines = read_document(path).all_lines()
    nodes = []
    for goal_id, level, parent, title, _expected in table:
        found = None
        for line in lines:
            text = " ".join(line.text.split())
            if goal_id in text and title.split()[0] in text and (level != "programma"):
                found = line.line_no
                break
        nodes.append(GoalNode(id=goal_id, code=goal_id, title=title, level=level, parent=parent, lines=(found, found) if found else None))
    return nodes


@pytest.mark.parametrize("path, table", [(SEED_000_FILE, SEED_000), (SEED_001_FILE, SEED_001)], ids=["seed000", "seed001"])
def test_first_field_of_every_goal_node(path, table):
    document = _enriched(path, goals=_goal_nodes(path, table))
    wrong = []
    for goal, (goal_id, _level, _parent, title, expected) in zip(document.goals, table):
        assert goal.id == goal_id
        assert goal.fields, f"{goal_id} {title!r} got no field"
        assert set(goal.fields) <= SAFETY_FIELDS | {"overig"}
        first = goal.fields[0]
        if (expected == ANY_SAFETY and first not in SAFETY_FIELDS) or (expected != ANY_SAFETY and first != expected):
            wrong.append((goal_id, title, expected, goal.fields))
    assert not wrong, f"{len(wrong)} of {len(table)} goal nodes got the wrong first field: {wrong}"


@pytest.mark.parametrize(
    "title, field",
    [
        ("Preventie woninginbraken", "veilige_woon_en_leefomgeving"),
        ("Risicoscan, coördinatie vergunningverlening evenementen", "bedrijvigheid_en_veiligheid"),
        ("Optimale preventie brandveiligheid", "fysieke_veiligheid"),
        ("Aanpak ondermijning", "integriteit_en_veiligheid"),
        ("Stedelijke jeugdaanpak", "jeugd_en_veiligheid"),
        ("Terugdringen fietsendiefstallen", "veilige_woon_en_leefomgeving"),
        ("Minder overlast van jongeren", "jeugd_en_veiligheid"),
        ("Schuldhulpverlening en armoedebestrijding", "overig"),
    ],
)
def test_issue_examples_from_the_title_alone(title, field):
    document = Document(extractor_version="test", source=Source(file="x"), goals=[GoalNode(id="1", title=title, level="doel")])
    enrich_document(document, None)
    assert document.goals[0].fields[0] == field
    assert document.goals[0].themes


def test_short_title_falls_back_to_description_then_neighbouring_lines():
    laid_out = _laid_out_text(["Doel 3 Samen sterker", "Inzet buurtpreventie en whatsapp-groepen tegen woninginbraak", "", "Doel 4 Iets anders"])
    goals = [
        GoalNode(id="d1", title="Samen sterker", level="doel", description="Aanpak huiselijk geweld met Veilig Thuis"),
        GoalNode(id="d2", title="Samen sterker", level="doel", lines=(1, 1)),
        GoalNode(id="d3", title="Iets anders", level="doel", lines=(40, 40)),
    ]
    document = Document(extractor_version="test", source=Source(file="x"), goals=goals)
    enrich_document(document, laid_out)
    assert document.goals[0].fields[0] == "integriteit_en_veiligheid"
    assert document.goals[1].fields[0] == "veilige_woon_en_leefomgeving"
    assert document.goals[2].fields == [] and document.goals[2].themes == []  # nothing to go on: no guess


def test_pdf_goal_falls_back_to_lines_printed_near_its_box():
    texts = [(100.0, "Doel 2 Samen sterker"), (114.0, "We zetten in op cameratoezicht en buurtpreventie."), (400.0, "Brandweerzorg en rampenbestrijding")]
    page = Page(number=7, lines=[Line(text=t, page=7, x0=50, top=top, x1=400, bottom=top + 10) for top, t in texts])
    raw = RawDocument(path="mem.pdf", format="pdf", pages=[page], page_count=7, sha256="0", size=1)
    goals = [GoalNode(id="2", title="Samen sterker", level="doel", page=7, bbox=(50.0, 100.0, 300.0, 110.0))]
    document = Document(extractor_version="test", source=Source(file="mem.pdf"), goals=goals)
    enrich_document(document, lay_out(raw))
    assert document.goals[0].fields == ["veilige_woon_en_leefomgeving"]  # not the fire text lower on the page
    assert set(document.goals[0].themes) == {"openbare_orde", "buurtveiligheid"}


def test_generic_parent_takes_fields_of_its_children():
    goals = [
        GoalNode(id="2", title="Veiligheid", level="programma"),
        GoalNode(id="2A1", title="Aanpak ondermijning", level="doel", parent="2"),
        GoalNode(id="2A2", title="Bibob-toetsen bij vergunningen", level="doel", parent="2"),
        GoalNode(id="2A3", title="Preventie woninginbraken", level="doel", parent="2"),
    ]
    document = Document(extractor_version="test", source=Source(file="x"), goals=goals)
    enrich_document(document, None)
    assert document.goals[0].fields[:2] == ["integriteit_en_veiligheid", "veilige_woon_en_leefomgeving"]


def test_indicators_from_name_then_goal():
    goals = [GoalNode(id="2B1", title="Beperken overlast", level="doel")]
    indicators = [
        Indicator(id="i1", name="Diefstallen uit woning (per 1.000 inwoners)", goal="2B1"),
        Indicator(id="i2", name="Verwijzingen Halt (per 1.000 jongeren 12-18 jaar)"),
        Indicator(id="i3", name="Aantal meldingen", goal="2B1"),
        Indicator(id="i4", name="Aantal meldingen"),
    ]
    document = Document(extractor_version="test", source=Source(file="x"), goals=goals, indicators=indicators)
    enrich_document(document, None)
    by_id = {i.id: i for i in document.indicators}
    assert by_id["i1"].fields[0] == "veilige_woon_en_leefomgeving" and "woninginbraak" in by_id["i1"].themes
    assert by_id["i2"].fields[0] == "jeugd_en_veiligheid"
    assert by_id["i3"].fields == document.goals[0].fields == ["veilige_woon_en_leefomgeving"]
    assert by_id["i4"].fields == []


# ------------------------------------------------------------------ partners (golden + hand annotated)


def _partner_payload(document: Document) -> list[dict]:
    return [p.model_dump() for p in document.partners]


@pytest.mark.parametrize(
    "path, annotation, golden",
    [(SEED_004_FILE, PARTNERS_004, "enrich_partners_004.json"), (SEED_000_FILE, PARTNERS_000, "enrich_partners_000.json")],
    ids=["seed004", "seed000"],
)
def test_partners_of_seed_documents(path, annotation, golden):
    document = _enriched(path)
    canonicals = {p.canonical for p in document.partners}
    missing = annotation["must"] - canonicals
    assert not missing, f"partners not found: {sorted(missing)}"
    wrong = {p.canonical for p in document.partners if p.canonical in annotation["not"] or p.name in annotation["not"]}
    assert not wrong, f"not partners: {sorted(wrong)}"
    allowed = annotation["must"] | annotation.get("also", set())
    precision = len(canonicals & allowed) / len(canonicals)
    assert precision >= 0.85, f"precision {precision:.2f}; unexpected: {sorted(canonicals - allowed)}"
    for partner in document.partners:
        assert partner.pages == []  # a text file without form feeds has no pages; line numbers are not pages
        assert partner.mentions >= 1
    assert_golden(golden, _partner_payload(document))


def test_unknown_organisations_from_partner_lists_are_marked_unknown():
    document = _enriched(SEED_004_FILE)
    by_canonical = {p.canonical: p for p in document.partners}
    assert by_canonical["Jeugd Preventie Team"].known is False
    assert by_canonical["Pluspunt"].known is False
    assert by_canonical["Openbaar Ministerie"].known is True and by_canonical["Openbaar Ministerie"].kind == "justitie"
    assert by_canonical["Rijnhart Wonen"].kind == "woningcorporatie"


def _partners_of(lines: list[str], municipality: str | None = None) -> dict[str, object]:
    document = Document(extractor_version="test", source=Source(file="x"), metadata=Metadata(municipality=municipality))
    enrich_document(document, _laid_out_text(lines))
    return {p.canonical: p for p in document.partners}


def test_acronyms_are_case_sensitive():
    partners = _partners_of(["Jongeren worden naar HALT verwezen; ook Halt en het OM doen mee.", "Hij bleef halt houden om negen uur."])
    assert partners["HALT"].mentions == 2
    assert partners["Openbaar Ministerie"].mentions == 1
    assert "HALT" not in _partners_of(["De stoet hield halt bij het gemeentehuis om te kijken."])
    assert "Openbaar Ministerie" not in _partners_of(["We komen om twaalf uur bijeen om te overleggen."])


def test_generic_words_and_laws_are_not_partners():
    partners = _partners_of(["Samen met ketenpartners, bewoners, inwoners en partners.", "De wet Bibob en de Wet veiligheidsregio's gelden."])
    assert partners == {}


def test_regional_variants_and_generic_followed_by_a_name():
    partners = _partners_of(
        [
            "Met de politie-eenheid Den Haag, de GGD Hollands Midden en de Veiligheidsregio Hollands-Midden.",
            "Woningcorporatie Rijnhart Wonen en Stichting Buurtwerk Oost werken mee.",
        ]
    )
    assert {"Politie Den Haag", "GGD Hollands Midden", "Veiligheidsregio Hollands Midden", "Rijnhart Wonen"} <= set(partners)
    assert "Woningcorporaties" not in partners  # "woningcorporatie" only introduces the name that follows
    assert partners["Stichting Buurtwerk Oost"].known is False


def test_a_generic_word_is_the_one_named_organisation_of_its_family():
    partners = _partners_of(["De politie en de veiligheidsregio overleggen.", "Politie Eenheid Den Haag en Veiligheidsregio Hollands Midden tekenen."])
    assert set(partners) == {"Politie Den Haag", "Veiligheidsregio Hollands Midden"}
    assert partners["Politie Den Haag"].mentions == 2 and partners["Politie Den Haag"].name == "Politie Eenheid Den Haag"
    assert partners["Veiligheidsregio Hollands Midden"].mentions == 2
    # with no member named, the generic word stays a partner of its own
    assert set(_partners_of(["De politie handhaaft."])) == {"Politie"}
    # two members: the generic word cannot be attributed, so it is kept apart
    two = _partners_of(["De politie, Politie Eenheid Den Haag en Politie Eenheid Rotterdam."])
    assert set(two) == {"Politie", "Politie Den Haag", "Politie Rotterdam"}


def test_police_sub_units_count_as_their_eenheid_and_governance_bodies_are_no_partner():
    partners = _partners_of(["Het Politieteam Leiden-Noord en de politie-eenheid Den Haag werken samen met de politie."])
    assert set(partners) == {"Politie Den Haag"}
    assert partners["Politie Den Haag"].mentions == 3
    assert partners["Politie Den Haag"].name == "politie-eenheid Den Haag"  # its own name before a sub-unit's
    assert _partners_of(["De burgemeester zit in het Districtscollege van de Politie Hollands Midden."]) == {}


def test_lower_case_service_words_are_partners_only_when_named_or_listed():
    assert _partners_of(["Nazorg via slachtofferhulp, het welzijnswerk en de woningcorporaties."]) == {}
    assert set(_partners_of(["Wij werken samen met Slachtofferhulp Nederland."])) == {"Slachtofferhulp Nederland"}
    listed = _partners_of(["Partners in de aanpak", "De partners zijn: Welzijnswerk, Horeca, mogelijke VVE's en inwoners.", "", "Het welzijnswerk helpt."])
    assert set(listed) == {"Welzijnswerk", "Horeca"}  # a hedged item ("mogelijke VVE's") and people are no partner
    assert listed["Welzijnswerk"].mentions == 2


def test_a_generic_word_tied_to_a_place_or_name_is_one_organisation():
    partners = _partners_of(
        ["De Leiderdorpse ondernemersvereniging (LOV) en de Ondernemersvereniging Leiderdorp zijn een.", "De ondernemersvereniging praat mee."],
        municipality="Leiderdorp",
    )
    assert set(partners) == {"Ondernemersvereniging Leiderdorp"}
    partner = partners["Ondernemersvereniging Leiderdorp"]
    assert partner.name == "Leiderdorpse ondernemersvereniging" and partner.known is False and partner.kind == "ondernemers"
    assert partner.mentions == 3
    named = _partners_of(["Woningbouwvereniging St. Willibrordus bouwt 62 woningen."])
    assert set(named) == {"Woningbouwvereniging St. Willibrordus"} and named["Woningbouwvereniging St. Willibrordus"].kind == "woningcorporatie"
    # a plural is several organisations: "Leiderdorpse schoolbesturen" is not one partner
    assert not any("Leiderdorp" in c for c in _partners_of(["Met de Leiderdorpse schoolbesturen."], municipality="Leiderdorp"))


def test_cooperating_municipalities_in_an_enumeration():
    lines = ["Onder deze naam hebben de gemeenten Leiderdorp, Oegstgeest, Alphen aan den Rijn en Leiden één gemeenschappelijke crisisorganisatie."]
    partners = _partners_of(lines, municipality="Leiden")
    assert set(partners) == {"Gemeente Leiderdorp", "Gemeente Oegstgeest", "Gemeente Alphen aan den Rijn"}
    assert all(p.kind == "gemeente" and p.known is False for p in partners.values())
    assert "Gemeente Leiden" in _partners_of(lines, municipality="Leiderdorp")
    # a comparison is no cooperation
    assert _partners_of(["Het aantal inbraken ligt lager dan in de gemeenten Leiderdorp en Oegstgeest."], municipality="Leiden") == {}
    # a partner list naming another municipality; the own one (with its departments) is no partner
    listed = _partners_of(["Partners in de aanpak", "De partners zijn: gemeente Leiden (afdeling Beleid), Gemeente Oegstgeest, HALT."], municipality="Leiden")
    assert set(listed) == {"Gemeente Oegstgeest", "HALT"}


def test_pdf_partner_list_without_bullet_characters():
    """PDF bullets are often drawn, not text: a run of short lines under the heading is the list; it ends
    at the next line in another style (the bold heading "Doelstelling")."""
    texts = ["Partners in de aanpak", "De belangrijkste partners zijn:", "Stichting Kwadraat", "Bureau Jeugdzorg",
             "Jeugd Preventie Team", "GGD", "Inwoners", "Doelstelling", "Lopende tekst, met komma's, die niet bij de lijst hoort."]
    bold = {"Partners in de aanpak", "Doelstelling"}
    page = Page(number=3, lines=[Line(text=t, page=3, top=12.0 * i, bottom=12.0 * i + 9, size=10, bold=t in bold) for i, t in enumerate(texts)])
    raw = RawDocument(path="mem.pdf", format="pdf", pages=[page], page_count=3, sha256="0", size=1)
    document = Document(extractor_version="test", source=Source(file="mem.pdf"))
    enrich_document(document, lay_out(raw))
    partners = {p.canonical: p for p in document.partners}
    assert set(partners) == {"Stichting Kwadraat", "Bureau Jeugdzorg", "Jeugd Preventie Team", "GGD"}
    assert partners["Jeugd Preventie Team"].known is False and partners["GGD"].known is True
    assert all(p.pages == [3] for p in partners.values())


def test_pages_of_a_text_file_with_form_feeds(tmp_path):
    path = tmp_path / "paged.txt"
    path.write_text("Inleiding over de gemeente.\fSamen met de politie en het OM.\fDe politie handhaaft.\n", encoding="utf-8")
    document = _enriched(path)
    partners = {p.canonical: p for p in document.partners}
    assert partners["Politie"].pages == [2, 3] and partners["Politie"].mentions == 2
    assert partners["Openbaar Ministerie"].pages == [2]


def test_trained_ner_is_optional_and_adds_candidates():
    """Without nl_core_news_* (the case here) nothing changes; an installed one adds unknown ORG candidates."""
    import spacy

    from extractor.enrich.loader import find_trained_pipeline, trained_ner

    lines = ["Acme Beveiliging en de politie surveilleren in het centrum."]
    set_trained_ner(None)
    assert trained_ner() is None
    assert set(_partners_of(lines)) == {"Politie"}

    fake = spacy.blank("nl")
    fake.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "Acme Beveiliging"}, {"label": "ORG", "pattern": "politie"}])
    set_trained_ner(fake)
    try:
        partners = _partners_of(lines)
    finally:
        set_trained_ner(None)
    assert partners["Acme Beveiliging"].known is False
    assert partners["Politie"].mentions == 1  # the NER's politie overlaps the gazetteer match: not counted twice
    if find_trained_pipeline() is None:
        reset_trained_ner()
        assert trained_ner() is None  # the real fallback path on this machine
        set_trained_ner(None)


# ------------------------------------------------------------------ document themes, robustness


def test_document_themes_are_sorted_and_complete():
    document = _enriched(SEED_004_FILE)
    scores = [t.score for t in document.themes]
    assert scores == sorted(scores, reverse=True)
    ids = {t.id for t in document.themes}
    assert {"woninginbraak", "huiselijk_geweld", "alcohol_en_drugs", "jeugdoverlast", "veilig_in_en_om_school"} <= ids
    taxonomy = get_nlp().get_pipe("policy_theme_tagger").taxonomy
    field_of = {t["id"]: t["field"] for t in taxonomy["themes"]}
    for theme in document.themes:
        assert theme.field == field_of[theme.id] and theme.mentions >= 1 and theme.score > 0


def test_lemma_fallback_for_plurals_and_compounds():
    nlp = get_nlp()
    doc = nlp("woninginbraken jongeren fietsendiefstallen geweldsdelicten ondernemers organisaties huizen bedrijven")
    assert [t.lemma_ for t in doc] == [
        "woninginbraak", "jongere", "fietsendiefstal", "geweldsdelict", "ondernemer", "organisatie", "huis", "bedrijf",
    ]


@pytest.mark.parametrize(
    "lines",
    [[], [""], ["   "], ["\t\t"], ["(((", ")))"], ["-" * 5000], ["Stichting"], ["Partners in de aanpak"], ["EXTERNE PARTNERS", "-", "- ", "-  (x)"]],
)
def test_odd_documents_do_not_crash(lines):
    goals = [GoalNode(id="x", title="", level="doel", parent="x"), GoalNode(id="y", title="???", level="doel", parent="missing", lines=(5, 2))]
    indicators = [Indicator(id="i", name="", goal="nope")]
    document = Document(extractor_version="test", source=Source(file="x"), goals=goals, indicators=indicators)
    enrich_document(document, _laid_out_text(lines))
    assert document.goals[0].fields == [] and document.indicators[0].fields == []


_PARTNER_WORDS = ["de politie", "Politie Eenheid Den Haag", "Politieteam Leiden-Noord", "de veiligheidsregio", "VRHM", "welzijnswerk",
                  "Leiderdorpse ondernemersvereniging", "ondernemersvereniging", "de gemeenten", "Leiden", "Leiderdorp", "Oegstgeest",
                  "samen", "en", ",", ".", "Partners in de aanpak", "mogelijke VVE's", "Districtscollege van de Politie Hollands Midden"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(_PARTNER_WORDS), max_size=12).map(" ".join), max_size=6), st.sampled_from([None, "Leiden", "Leiderdorp"]))
def test_one_partner_per_organisation_and_never_the_own_municipality(lines, municipality):
    document = Document(extractor_version="t", source=Source(file="x"), metadata=Metadata(municipality=municipality))
    enrich_document(document, _laid_out_text(lines))
    canonicals = [p.canonical.lower() for p in document.partners]
    assert len(canonicals) == len(set(canonicals))
    if municipality:
        assert f"gemeente {municipality.lower()}" not in canonicals
    for partner in document.partners:
        assert partner.mentions >= 1 and partner.name.strip() and partner.canonical.strip()
    # a generic word never stands beside the one member of its family the text names
    if "Politie Den Haag" in {p.canonical for p in document.partners}:
        assert "Politie" not in {p.canonical for p in document.partners}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=st.sampled_from("abcdefHALTOMGGDpolitie- ,.:()\t•jeugdoverlastVeiligThuis"), max_size=60), max_size=12))
def test_any_text_is_tagged_deterministically(lines):
    first = Document(extractor_version="t", source=Source(file="x"), goals=[GoalNode(id="g", title=" ".join(lines)[:80], level="doel")])
    second = first.model_copy(deep=True)
    enrich_document(first, _laid_out_text(lines))
    enrich_document(second, _laid_out_text(list(lines)))
    assert first.model_dump() == second.model_dump()
    Document.model_validate(first.model_dump())  # still valid against the output contract


# ------------------------------------------------------------------ a real PDF from the corpus


@pytest.fixture(scope="module")
def wassenaar(corpus_dir):
    path = corpus_dir / "wassenaar" / "begroting_2024.pdf"
    if not path.exists():
        pytest.skip(f"{path} not in the corpus")
    laid_out = lay_out(read_document(path))
    document = Document(extractor_version="test", source=Source(file=path.name))
    enrich_document(document, laid_out)
    return document


@pytest.mark.corpus
@pytest.mark.slow
def test_partners_of_a_corpus_pdf(wassenaar):
    partners = {p.canonical: p for p in wassenaar.partners}
    # "de provincie" and "de GGD" fold into the one provincie and GGD the begroting names
    expected = {"Veiligheidsregio Haaglanden", "GGD Haaglanden", "Veilig Thuis", "Politie", "Provincie Zuid-Holland", "Rijksoverheid", "HALT", "Openbaar Ministerie"}
    assert expected <= set(partners), sorted(expected - set(partners))
    for partner in partners.values():
        assert partner.pages and all(1 <= page <= 121 for page in partner.pages)
        assert partner.pages == sorted(set(partner.pages))
    assert partners["Veiligheidsregio Haaglanden"].kind == "veiligheidsregio"
    assert not {"Partners", "Ketenpartners", "Inwoners", "Bewoners", "Provincie", "GGD", "Veiligheidsregio"} & set(partners)
    assert partners["Woningbouwvereniging St. Willibrordus"].kind == "woningcorporatie"  # a generic word followed by its name


@pytest.mark.corpus
@pytest.mark.slow
def test_themes_of_a_corpus_pdf(wassenaar):
    themes = {t.id: t for t in wassenaar.themes}
    # a programmabegroting: money and the social domain dominate, safety themes are present but smaller
    assert wassenaar.themes[0].id == "financien"
    assert {"sociaal_domein", "crisisbeheersing", "openbare_orde", "huiselijk_geweld"} <= set(themes)
    assert themes["financien"].score > themes["crisisbeheersing"].score


# ------------------------------------------------------------------ the publisher's own units


def _partner_kinds(lines: list[str], title: str, municipality: str | None = None) -> dict[str, str]:
    """Partner name -> kind ("self" for the publisher and its own units), for a document with this title."""
    metadata = Metadata(municipality=municipality, title=title)
    document = Document(extractor_version="test", source=Source(file="x"), metadata=metadata)
    enrich_document(document, _laid_out_text(lines))
    return {p.name: p.kind for p in document.partners}


def test_units_the_publisher_says_it_set_up_are_its_own():
    kinds = _partner_kinds(
        ["De afgelopen jaren bouwde de ZVCB veel expertise op. Hierdoor zijn het Expertisecentrum Vrijwillige Inzet,",
         "het Wijkteam Oost en de Vrijwilligersacademie Noord gestart.",
         "Voor de gemeente Almere is de ZVCB een strategische partner."],
        title="Meerjarenvisie 2022 - 2025 De ZVCB in de stad", municipality="Almere")
    assert kinds.get("Expertisecentrum Vrijwillige Inzet") == "self"
    assert kinds.get("Wijkteam Oost") == "self"
    assert kinds.get("Vrijwilligersacademie Noord") == "self"
    assert kinds.get("Almere", kinds.get("Gemeente Almere")) == "gemeente"  # the gemeente stays a partner


TITLE = "Jaarplan 2025 De ZVCB in de stad"


@pytest.mark.parametrize("text, name, own", [
    pytest.param("Het Wijkteam Oost is samen met Stichting Welzijn Oost gestart.", "Wijkteam Oost", False, id="with-a-partner"),
    pytest.param("Het Wijkteam Oost is samen met Stichting Welzijn Oost gestart.", "Stichting Welzijn Oost", False,
                 id="the-partner-itself"),
    pytest.param("Wij hebben in 2019 de Stichting Buurtwerk Oost opgericht.", "Stichting Buurtwerk Oost", False,
                 id="a-legal-body"),
    pytest.param("De ZVCB groeide. In 2020 werkte het Wijkteam Oost mee aan de campagne.", "Wijkteam Oost", False,
                 id="nothing-founded"),
    pytest.param("De ZVCB Vrijwilligersacademie en het Wijkteam Oost werken samen.", "ZVCB Vrijwilligersacademie", True,
                 id="named-with-the-publisher"),
    pytest.param("De ZVCB Vrijwilligersacademie en het Wijkteam Oost werken samen.", "Wijkteam Oost", False,
                 id="named-beside-it"),
    pytest.param("Voor de sturing hebben de ZVCB en het Wijkteam Oost in 2021 een nieuw Wijkteam Noord opgericht.",
                 "Wijkteam Oost", False, id="a-co-founder"),
    pytest.param("Voor de sturing hebben de ZVCB en het Wijkteam Oost in 2021 een nieuw Wijkteam Noord opgericht.",
                 "Wijkteam Noord", True, id="what-they-founded"),
])
def test_own_units_and_partners_around_the_publisher(text, name, own):
    kinds = _partner_kinds([text], title=TITLE)
    assert name in kinds, f"{name} not found at all: {kinds}"
    assert (kinds[name] == "self") is own


def test_catalogue_id_does_not_depend_on_the_hash_seed() -> None:
    """Two entries share a name without brackets ("Gemeentelijke woonlasten"); which one a printed name gets
    must not change from run to run."""
    import os  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    code = ("from extractor.enrich.catalogue import match_indicator as m; "
            "print(m('Gemeentelijke woonlasten (meerpersoonshuishouden)'), m('Gemeentelijke woonlasten (eenpersoonshuishouden)'))")
    answers = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout.strip()
               for seed in range(6)}
    assert answers == {"bbv.woonlasten_meerpersoons bbv.woonlasten_eenpersoons"}
