"""Outline goal reading: cases that made goals go missing or come out wrong in real house styles."""

from __future__ import annotations

from pathlib import Path

from extractor.parse.goal_cues import read_cue, singular
from extractor.parse.goal_outline import _statement, _title
from extractor.pipeline import ExtractOptions, extract_document

GOALS_ONLY = ExtractOptions(tables=False, enrich=False)


def _goals(tmp_path: Path, text: str) -> list[tuple[str, str, str | None]]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return [(g.id, g.title, g.parent) for g in extract_document(path, GOALS_ONLY).goals]


def test_a_label_with_one_letter_wrong_is_still_a_cue() -> None:
    match = read_cue("Operatoneel doel")
    assert match is not None and match.cue.phrase == "operationeel doel" and match.whole
    assert read_cue("Realisatiemix") is None
    assert read_cue("Programma ruimte") is None


def test_singular_of_a_plural_cue() -> None:
    match = read_cue("Onze zes speerpunten")
    assert match is not None and singular(match) == "speerpunt"


def test_statement_ends_after_a_two_letter_word_and_after_initials_not() -> None:
    assert _statement("Wassenaar voert het turbo bouwen in. Verkort de plannen.") == (
        "Wassenaar voert het turbo bouwen in.", "Verkort de plannen.")
    assert _statement("Gesprekken vastleggen in het dossier (HIX). Zowel in de eerste lijn als daarna.")[0] == \
        "Gesprekken vastleggen in het dossier (HIX)."
    assert _statement("Overleg met wethouder J. de Vries over de nieuwe aanpak")[1] is None


def test_an_accent_printed_as_a_glyph_of_its_own_is_joined() -> None:
    assert _title("Deugdelijk bestuur & financi ë n") == "Deugdelijk bestuur & financiën"
    assert _title("Café à la carte") == "Café à la carte"


def test_statement_stops_at_a_colon_that_opens_an_explanation() -> None:
    title, description = _statement("Informatie op de website actueel houden: Aanvullen met nieuws over het bestuur en de "
                                    "netwerkorganisaties van de regio.")
    assert title == "Informatie op de website actueel houden"
    assert description is not None and description.startswith("Aanvullen")
    assert _statement("Omgaan met bodemdaling: inzetten op behoud van veen in de polders")[1] is None


def _pdf(path: Path, blocks: list[tuple[str, str]]) -> Path:
    """One block per (style, text): 'h' chapter heading, 's' sub-heading, 'p' paragraph, 'n' page break."""
    from fpdf import FPDF  # noqa: PLC0415

    pdf = FPDF(format="A4")
    pdf.add_page()
    for style, text in blocks:
        if style == "n":
            pdf.add_page()
            continue
        pdf.set_font("Helvetica", "B" if style in "hs" else "", 18 if style == "h" else 13 if style == "s" else 10)
        pdf.multi_cell(0, 9 if style == "h" else 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(path))
    return path


def test_two_numberings_side_by_side_keep_apart(tmp_path: Path) -> None:
    blocks = [("s", "Onze drie speerpunten"), ("p", "1. Meer betaalbare woningen bouwen."), ("p", "2. Een veilig centrum."),
              ("p", "3. Goede zorg dichtbij."), ("n", ""),
              ("h", "01. Wonen"), ("p", "We bouwen door in alle kernen van de gemeente."), ("s", "Concrete voorstellen:"),
              ("p", "1. Flexwoningen bij het station"), ("p", "2. Splitsen van grote panden"), ("n", ""),
              ("h", "02. Veiligheid"), ("p", "Het centrum wordt veiliger voor iedereen."), ("s", "Concrete voorstellen:"),
              ("p", "1. Meer cameratoezicht"), ("p", "2. Betere verlichting")]
    document = extract_document(_pdf(tmp_path / "programma.pdf", blocks), GOALS_ONLY)
    goals = {g.id: (g.title, g.parent) for g in document.goals}
    assert goals["speerpunt 1"] == ("Meer betaalbare woningen bouwen.", None)
    assert goals["01"] == ("Wonen", None) and goals["01/2"] == ("Splitsen van grote panden", "01")


def test_a_chapter_heading_repeated_on_a_later_page_is_one_chapter_named_by_the_first(tmp_path: Path) -> None:
    blocks = [("s", "Onze twee speerpunten"), ("p", "1. Een groen dorp."), ("p", "2. Zorg dichtbij."), ("n", ""),
              ("h", "03 Leefbaarheid en klimaat"), ("p", "Wassenaar is een groen dorp en dat willen we zo houden."),
              ("n", ""), ("h", "03 Leefbaarheid en duurzaamheid"), ("s", "Concrete voorstellen:"),
              ("p", "1. Meer bomen in de wijken"), ("p", "2. Zonnepanelen op alle scholen"),
              ("n", ""), ("h", "04 Zorg"), ("s", "Concrete voorstellen:"), ("p", "1. Een huisartsenpost in het dorp"),
              ("p", "2. Mantelzorgers ontlasten")]
    document = extract_document(_pdf(tmp_path / "programma.pdf", blocks), GOALS_ONLY)
    goals = {g.id: (g.title, g.parent) for g in document.goals}
    assert goals["03"] == ("Leefbaarheid en klimaat", None)
    assert goals["03/1"] == ("Meer bomen in de wijken", "03") and goals["04/2"] == ("Mantelzorgers ontlasten", "04")


def test_a_cue_label_on_a_line_of_its_own_introduces_the_next_block(tmp_path: Path) -> None:
    blocks = [("h", "4.2 Bodem en ondergrond"), ("p", "Operationeel doel"),
              ("p", "Omgaan met bodemdaling: inzetten op behoud van veen in de polders"),
              ("p", "Veengebieden hebben last van bodemdaling. De provincie werkt daarom samen met de waterschappen."),
              ("p", "Operationeel doel"), ("p", "Schone bodem: saneren van spoedlocaties"),
              ("p", "Er zijn nog enkele locaties over waar de bodem sterk verontreinigd is.")]
    document = extract_document(_pdf(tmp_path / "programma.pdf", blocks), GOALS_ONLY)
    titles = [(g.title, g.label) for g in document.goals if g.level == "doel"]
    assert titles == [("Omgaan met bodemdaling: inzetten op behoud van veen in de polders", "Operationeel doel"),
                      ("Schone bodem: saneren van spoedlocaties", "Operationeel doel")]


def test_a_list_finishing_a_goal_statement_refines_it_and_items_with_an_action_label_are_activities(tmp_path: Path) -> None:
    text = ("Jaarplan 2025\n\nActiviteiten gepland voor 2025\n\n1. Netwerkzorg\n\n"
            "Doel: De zorg in de wijk beter op elkaar afstemmen zodat\n"
            "- meer inwoners weten waar ze terecht kunnen\n- minder patiënten onnodig in het ziekenhuis liggen\n\n"
            "• Informatieavonden in de wijken. Actie: we organiseren vijf avonden in het voorjaar.\n"
            "• Een folder voor huisartsen\n\n"
            "2. Scholing\n\nDoel: Hulpverleners kennen de nieuwe richtlijn.\n\nActie:\n• Een symposium in oktober\n"
            "• Intervisie in het platform\n")
    goals = {title: (node_id, parent) for node_id, title, parent in _goals(tmp_path, text)}
    goal_id = goals["De zorg in de wijk beter op elkaar afstemmen zodat"][0]
    assert goals["meer inwoners weten waar ze terecht kunnen"] == (f"{goal_id}.1", goal_id)
    assert goals["minder patiënten onnodig in het ziekenhuis liggen"] == (f"{goal_id}.2", goal_id)
    assert goals["Informatieavonden in de wijken."] == (f"{goal_id}/1", goal_id)
    assert goals["Een folder voor huisartsen"] == (f"{goal_id}/2", goal_id)
