"""Goal lists in plain text as users paste online begrotingen and jaarstukken (issue 9, part 1).

Each test writes a page in one of the shapes the web pages print — a BBV page with an effect and
unnumbered doelstellingen, a single "Doel" with an activity table, coded lists — and checks the
tree that comes back (titles, parents, labels), not only that something was found.
"""

from __future__ import annotations

from pathlib import Path

from extractor.layout import lay_out
from extractor.layout.outline import split_label
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read import read_document

GOALS_ONLY = ExtractOptions(tables=False, enrich=False)

BBV_PAGE = """Sport en Cultuur
Voor de gemeente staat een actieve en creatieve samenleving centraal. Daarom investeren we in accommodaties.
In dit programma leest u over sport, cultuur en erfgoed.

Beleidskader
Vastgestelde beleidsnota's:
Wat willen we bereiken?
Maatschappelijk effect
Inwoners bewegen meer en doen mee aan cultuur. Verenigingen zijn financieel gezond. We staan open voor initiatieven.
Doelstellingen
Meer inwoners sporten wekelijks in verenigingsverband of daarbuiten.
Het cultuuraanbod is bereikbaar voor inwoners met een kleine beurs.
Het erfgoed in de binnenstad blijft zichtbaar en toegankelijk.
Wat gaan we daarvoor doen?
Doelstelling 1 en 2: Voorzieningen voor iedereen
We verlagen de drempels voor deelname met een jeugdfonds en een cultuurpas voor minima.
Wat mag het kosten?
De lasten en baten staan in de tabel hieronder.
"""


def _goals(tmp_path: Path, text: str, name: str = "page.txt") -> dict[str, tuple[str, str | None, str | None, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    document = extract_document(path, GOALS_ONLY)
    titles = {g.id: g.title for g in document.goals}
    return {g.title: (g.level, titles.get(g.parent) if g.parent else None, g.label, g.id) for g in document.goals}


def test_bbv_page_effect_doelstellingen_and_activities_by_reference(tmp_path: Path) -> None:
    goals = _goals(tmp_path, BBV_PAGE)
    effect = "Inwoners bewegen meer en doen mee aan cultuur."
    doelstellingen = ["Meer inwoners sporten wekelijks in verenigingsverband of daarbuiten.",
                      "Het cultuuraanbod is bereikbaar voor inwoners met een kleine beurs.",
                      "Het erfgoed in de binnenstad blijft zichtbaar en toegankelijk."]
    assert goals["Sport en Cultuur"][:2] == ("programma", None)  # the page's title names its programme
    assert goals[effect][1:3] == ("Sport en Cultuur", "Maatschappelijk effect")
    for title in doelstellingen:
        assert goals[title][:2] == ("doel", effect)
    # "Doelstelling 1 en 2: …" groups activities for two doelstellingen: it hangs under their common parent
    activity = goals["Voorzieningen voor iedereen"]
    assert activity[:3] == ("prestatie", effect, "Doelstelling 1 en 2")
    assert activity[3].endswith("/1,2")
    assert len(goals) == 6


def test_reference_to_one_goal_hangs_under_it(tmp_path: Path) -> None:
    text = BBV_PAGE.replace("Doelstelling 1 en 2:", "Doelstelling 3:")
    goals = _goals(tmp_path, text)
    assert goals["Voorzieningen voor iedereen"][:2] == (
        "prestatie", "Het erfgoed in de binnenstad blijft zichtbaar en toegankelijk.")


def test_single_doel_paragraph_and_activity_table_rows(tmp_path: Path) -> None:
    text = ("Doel\nWij zijn een gemeente waar inwoners zich thuis voelen in hun wijk. Daarvoor werken we samen.\n---|\n"
            "Voortgang\nHet doel is grotendeels behaald in het afgelopen jaar.\n---|\nActiviteiten\n"
            "Prod. | Activiteit | I | P | F |\n---|---|---|---|---|\n2C | Opzetten van wijkteams in alle kernen | |||\n"
            "2D | Uitbreiden van de buurtbemiddeling | |||\nToelichting: | ||||\nDe wijkteams zijn gestart.\n")
    goals = _goals(tmp_path, text)
    doel = "Wij zijn een gemeente waar inwoners zich thuis voelen in hun wijk."
    assert goals[doel][:3] == ("doel", None, "Doel")
    assert goals["Opzetten van wijkteams in alle kernen"] == ("prestatie", doel, "Activiteit", "2C")
    assert goals["Uitbreiden van de buurtbemiddeling"][:3] == ("prestatie", doel, "Activiteit")
    assert len(goals) == 3


def test_one_doel_without_anything_under_it_is_no_tree(tmp_path: Path) -> None:
    assert _goals(tmp_path, "Doel\nWe willen dat inwoners veilig kunnen wonen in alle kernen.\n\nVoortgang\nDat ging goed.\n") == {}


def test_numbered_coded_and_bulleted_goal_lists(tmp_path: Path) -> None:
    text = ("Programma 2 Wonen\n\nWat willen we bereiken?\n\nDoelen\n\n1. Voldoende betaalbare woningen in alle kernen\n"
            "   1.1 We bouwen tweehonderd sociale huurwoningen\n   1.2 We maken afspraken met corporaties\n"
            "2. Een duurzame woningvoorraad\n   2.1 We isoleren vijfhonderd woningen\n\nWat mag het kosten?\n\nZie tabel.\n")
    goals = _goals(tmp_path, text)
    assert goals["We bouwen tweehonderd sociale huurwoningen"][1] == "Voldoende betaalbare woningen in alle kernen"
    assert goals["We isoleren vijfhonderd woningen"][1] == "Een duurzame woningvoorraad"
    assert goals["Een duurzame woningvoorraad"][1] == "Wonen"
    bulleted = ("Speerpunten\n\n- Schone lucht in de binnenstad voor iedereen\n- Meer groen in alle wijken van de stad\n"
                "    o We planten duizend bomen in de wijken\n")
    goals = _goals(tmp_path, bulleted, "bullets.txt")
    assert goals["We planten duizend bomen in de wijken"][1] == "Meer groen in alle wijken van de stad"
    assert goals["Schone lucht in de binnenstad voor iedereen"][1] is None


def test_text_headings_nest_under_bbv_question(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(BBV_PAGE, encoding="utf-8")
    outline = lay_out(read_document(str(path))).outline()
    levels = {s.title: (s.level, s.parent.title if s.parent else None) for s in outline.sections}
    assert levels["Maatschappelijk effect"] == (2, "Wat willen we bereiken?")
    assert levels["Doelstellingen"] == (2, "Wat willen we bereiken?")
    assert levels["Wat gaan we daarvoor doen?"][0] == levels["Wat willen we bereiken?"][0] == 1
    rows = [b for b in outline.blocks if b.kind == "item"]
    assert rows == []  # '---|' table rules are no list items


def test_split_label_reads_number_ranges() -> None:
    assert split_label("Doelstelling 1 t/m 4: Betrekken van inwoners") == ("Doelstelling", "1 t/m 4", "Betrekken van inwoners")
    assert split_label("Doel 2 en 3: Veilige wijken") == ("Doel", "2 en 3", "Veilige wijken")
    assert split_label("Doel 2: Veilige wijken") == ("Doel", "2", "Veilige wijken")


def test_member_label_is_the_singular_of_a_set_heading() -> None:
    from extractor.parse.goal_cues import member_label
    assert member_label("Doelstellingen") == "Doelstelling"
    assert member_label("Belangrijkste resultaten") == "Resultaat"
    assert member_label("Operationele doelen") == "Operationeel doel"
    assert member_label("Hoofddoel") == "Hoofddoel"
    assert member_label("Toelichting") is None


def test_coded_tree_labels_only_the_level_words_it_prints(tmp_path: Path) -> None:
    coded = ("Programmanummer 3\n\nBeleidsterrein 3A Groen\n\n3A1 Meer bomen in de wijken\n\n"
             "3A1.1 Planten van vierhonderd bomen\n\n3A2 Schone parken en pleinen\n")
    goals = _goals(tmp_path, coded)
    assert {title: label for title, (level, _, label, _) in goals.items() if level != "programma"} == {
        "Groen": "Beleidsterrein", "Meer bomen in de wijken": None, "Planten van vierhonderd bomen": None,
        "Schone parken en pleinen": None}
    goals = _goals(tmp_path, coded.replace("3A1 Meer", "Doel Prestatie\n\n3A1 Meer"), "with_header.txt")
    assert goals["Meer bomen in de wijken"][2] == "Doel" and goals["Planten van vierhonderd bomen"][2] == "Prestatie"
    assert goals["Meer bomen in de wijken"][3] == "3A1"  # ids and titles as before
