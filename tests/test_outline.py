"""The document outline (issue 9): headings with levels, lists with nesting, labelled blocks, coverage."""

from __future__ import annotations

from pathlib import Path

from extractor.layout import lay_out
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read import read_document
from tests.synth_goals import Style, make_tree, write_pdf

GOALS_ONLY = ExtractOptions(tables=False, enrich=False)

TEXT = """Programma 3 Wonen

3.1 Betaalbaar wonen

Wat willen we bereiken?

Concreet willen we de volgende doelen bereiken:
1. Meer sociale huurwoningen
   a. 600 woningen tot 2025
   b. 200 woningen voor starters
2. Kortere wachttijden
- een punt dat doorloopt
  over twee regels

Doel: Iedereen woont passend.
"""


def test_text_outline_levels_lists_and_labels(tmp_path: Path) -> None:
    path = tmp_path / "begroting.txt"
    path.write_text(TEXT, encoding="utf-8")
    outline = lay_out(read_document(str(path))).outline()
    headings = [(s.title, s.level, s.number) for s in outline.sections]
    assert headings[:3] == [("Wonen", 1, "3"), ("Betaalbaar wonen", 2, "3.1"), ("Wat willen we bereiken?", 3, None)]
    items = [(b.text, b.depth, b.number) for b in outline.blocks if b.kind == "item"]
    assert items[:4] == [("Meer sociale huurwoningen", 1, "1"), ("600 woningen tot 2025", 2, "a"),
                         ("200 woningen voor starters", 2, "b"), ("Kortere wachttijden", 1, "2")]
    labels = [(b.label, b.text) for b in outline.blocks if b.kind == "label"]
    assert ("Doel", "Iedereen woont passend.") in labels
    assert outline.sections[2].parent is outline.sections[1]


def test_text_goals_and_coverage(tmp_path: Path) -> None:
    path = tmp_path / "begroting.txt"
    path.write_text(TEXT, encoding="utf-8")
    document = extract_document(path, GOALS_ONLY)
    by_title = {g.title: g for g in document.goals}
    assert by_title["600 woningen tot 2025"].parent == by_title["Meer sociale huurwoningen"].id
    assert by_title["Kortere wachttijden"].lines == (11, 11)
    assert document.coverage.goal_nodes == len(document.goals) >= 4
    assert document.coverage.outline_headings == len(document.outline) == 3
    assert document.coverage.lists >= 1


def test_cue_headings_without_readable_goals_warn(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("Hoofddoel\n\nWe werken aan een gezonde stad, en dat doen we samen met de partners in de regio.\n\n"
                    "Ambitie\n\nDe ambitie is beschreven in het coalitieakkoord en wordt hier niet herhaald, zie daar.\n",
                    encoding="utf-8")
    document = extract_document(path, GOALS_ONLY)
    assert document.goals == []
    assert [e.code for e in document.errors] == ["no_goal_structure"]
    assert document.errors[0].severity == "warning" and document.status == "success"


def test_pdf_outline_from_fonts_with_boxes_and_page_break(tmp_path: Path) -> None:
    style = Style(layout="headings", font="Helvetica", body_size=10.0, heading_size=16.0, sub_size=13.0,
                  bold_headings=True, numbering="1.1", container="Onze ambities", label=None,
                  action_cue="Activiteiten", action_as_label=True, bullet="-", numbered_prestaties=False,
                  indent=12.0, boxed=True, spacer=470.0, wrap=[False])
    path = tmp_path / "plan.pdf"
    write_pdf(path, make_tree(3, [2], 7), style)
    outline = lay_out(read_document(str(path))).outline()
    levels = {s.title: s.level for s in outline.sections}
    assert levels["Onze ambities"] < levels[make_tree(3, [2], 7)[0].title]
    assert any(b.boxed for b in outline.blocks) and any(b.page == 2 for b in outline.blocks)
    document = extract_document(path, GOALS_ONLY)
    assert len(document.goals) == 3 + 3 * 2
    assert all(g.page is not None and g.bbox is not None for g in document.goals)


def _plan_without_cues(title: str, sections: int) -> str:
    body = "De gemeente werkt in dit onderdeel samen met inwoners en organisaties aan een sterke en gezonde stad."
    parts = [f"{n}. {name}\n\n{body}\n" for n, name in enumerate(
        ["Inleiding", "Context", "Wonen", "Zorg", "Sport", "Cultuur", "Werk", "Natuur", "Verkeer", "Financiën",
         "Organisatie", "Planning"][:sections], start=1)]
    return f"{title}\n\n" + "\n".join(parts)


def test_a_plan_with_many_headings_and_no_goals_warns(tmp_path: Path) -> None:
    """A beleidsplan is written to state goals: 12 headings and no goal read is reported, not a silent success."""
    path = tmp_path / "plan.txt"
    path.write_text(_plan_without_cues("Beleidsplan Samen Sterk 2026-2030", 12), encoding="utf-8")
    document = extract_document(path, GOALS_ONLY)
    assert document.goals == [] and len(document.outline) >= 10
    assert [e.code for e in document.errors] == ["no_goal_structure"]
    assert "headings" in document.errors[0].message and document.status == "success"


def test_a_short_plan_or_a_memo_without_goals_does_not_warn(tmp_path: Path) -> None:
    short = tmp_path / "plan.txt"
    short.write_text(_plan_without_cues("Beleidsplan Samen Sterk 2026-2030", 4), encoding="utf-8")
    memo = tmp_path / "memo.txt"
    memo.write_text(_plan_without_cues("Memo aan de gemeenteraad", 12), encoding="utf-8")
    for path in (short, memo):
        document = extract_document(path, GOALS_ONLY)
        assert document.goals == [] and document.errors == [], path.name
