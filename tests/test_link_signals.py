"""Scoring signals of the linker on small hand-made cases (no corpus needed)."""

from __future__ import annotations

from extractor.enrich.catalogue import normalise_name
from extractor.link.items import align_compounds, compound_similarity, name_similarity
from extractor.link.match import link_pair
from extractor.link.signals import _values_continue
from extractor.model import Document, GoalNode, Indicator, IndicatorValue, OutlineItem, Source


def _norm(text: str) -> str:
    return normalise_name(text)


def test_compound_parts_align_only_when_the_rest_recurs():
    woon, omgeving = _norm("Inzet beperken woonoverlast"), _norm("Beperken van overlast in de woonomgeving")
    assert compound_similarity(woon, omgeving) > name_similarity(woon, omgeving) + 0.1
    jeugd = _norm("Inzet beperken jeugdoverlast")
    verward = _norm("Beperken van overlast van personen die verward gedrag vertonen")
    assert compound_similarity(jeugd, verward) == name_similarity(jeugd, verward)  # "jeugd" is not elsewhere
    elided = _norm("Handhaven prostitutie- en coffeeshopbeleid")
    assert align_compounds(elided, _norm("Handhaven prostitutiebeleid")).split()[1] == "prostitutiebeleid"
    assert align_compounds(_norm("Onder inwoners"), _norm("Ondermijningsaanpak")) == _norm("Onder inwoners")


def test_undated_realisatie_continues_a_dated_one_of_the_other_document():
    dated = {(2022, "realisatie", None): 30.4, (2023, "streefwaarde", None): 20.0}
    undated = {(None, "realisatie", None): 30.4, (2024, "streefwaarde", None): 7.5}
    assert _values_continue(dated, undated) and _values_continue(undated, dated)
    assert not _values_continue(dated, {(None, "realisatie", None): 18.0})
    assert not _values_continue({(None, "realisatie", None): 0.0}, {(2022, "realisatie", None): 0.0})


def _doc(name: str, year: int, goals: list[GoalNode], indicators: list[Indicator] = ()) -> Document:
    return Document(extractor_version="t", source=Source(file=f"town/{name}"), goals=goals, indicators=list(indicators),
                    metadata={"year": year, "municipality": "Town"})


def test_a_goal_whose_name_is_divided_over_two_successors_is_a_split():
    def prestatie(code: str, title: str) -> GoalNode:
        return GoalNode(id=code, code=code, title=title, level="prestatie", parent="4")
    parent = GoalNode(id="4", code="4", title="Handhaven openbare orde", level="doel")
    a = _doc("plan_2017.json", 2017, [parent, prestatie("4.1", "Handhaven prostitutie- en coffeeshopbeleid"),
                                       prestatie("4.2", "Handhaven bij evenementen")])
    b = _doc("plan_2022.json", 2022, [parent, prestatie("4.1", "Handhaven bij evenementen"),
                                       prestatie("4.4", "Handhaven coffeeshopbeleid / Regulering wietteelt"),
                                       prestatie("4.7", "Handhaven prostitutiebeleid")])
    rows = link_pair("town/a", a, "town/b", b, consecutive=True)
    split = {(r.from_id, r.to_id) for r in rows if r.relation == "split"}
    assert split == {("4.1", "4.4"), ("4.1", "4.7")}
    assert "aligning compound words" in next(r.method for r in rows if r.to_id == "4.7")
    assert not [r for r in rows if r.relation == "new"]


def test_an_indicator_renamed_with_an_undated_realisatie_column_links_by_value():
    def indicator(i: str, name: str, values: list[tuple]) -> Indicator:
        return Indicator(id=i, name=name, values=[IndicatorValue(year=y, type=t, value=v, raw=str(v)) for y, t, v in values])
    a = _doc("jaarstukken_2023.json", 2023, [], [indicator("i1", "Rekening-courant bij het Rijk blijft positief",
                                                            [(2022, "realisatie", 30.4), (2023, "streefwaarde", 20.0)])])
    renamed = "Rekening-courant verhouding met het Rijk blijft tot 2026 positief"
    b = _doc("begroting_2024.json", 2024, [],
             [indicator("j1", renamed, [(None, "realisatie", 30.4), (2024, "streefwaarde", 7.5)])])
    rows = [r for r in link_pair("town/a", a, "town/b", b, consecutive=False) if r.kind == "indicator"]
    assert [(r.from_id, r.to_id, r.relation) for r in rows] == [("i1", "j1", "renamed")]
    assert "value continuity" in rows[0].method


def _outline(*entries: tuple) -> list[OutlineItem]:
    return [OutlineItem(id=i, title=t, level=lvl, number=n, parent=p) for i, t, lvl, n, p in entries]


def test_outline_headings_link_as_sections_with_chapter_numbers_read_from_the_title():
    a = _doc("programma_2023.json", 2023, [])
    a.outline = _outline(("h1", "Hoofdstuk 1. Context en rollen provincie", 2, None, None),
                         ("h2", "Inleiding", 3, "1.1", "h1"),
                         ("h3", "We halen de ambitie niet in het huidige tempo", 3, "1.2", "h1"),
                         ("h4", "Mijlpalen en planning", 2, "2", None))
    b = _doc("programma_2024.json", 2024, [])
    b.outline = _outline(("h1", "Context en bevoegdheid provincie", 1, "1", None),
                         ("h2", "Inleiding", 2, "1.1", "h1"),
                         ("h3", "Windladder", 2, "1.2", "h1"),
                         ("h4", "Monitoring, mijlpalen en planning", 1, "3", None))
    rows = [r for r in link_pair("p/a", a, "p/b", b, consecutive=True) if r.kind == "section"]
    found = {(r.from_title, r.to_title): r.relation for r in rows}
    assert found[("Context en rollen provincie", "Context en bevoegdheid provincie")] == "renamed"
    assert found[("Inleiding", "Inleiding")] == "same"
    assert found[("Mijlpalen en planning", "Monitoring, mijlpalen en planning")] == "renamed"
    assert found[(None, "Windladder")] == "new"
    assert found[("We halen de ambitie niet in het huidige tempo", None)] == "dropped"
    assert all(r.score <= 0.8 for r in rows if r.relation in ("new", "dropped"))
    assert next(r.from_id for r in rows if r.from_title == "Context en rollen provincie") == "h1/1"
    assert not [r for r in link_pair("p/a", a, "p/b", b, consecutive=True, kinds=["goal"]) if r.kind == "section"]
    assert not [r for r in link_pair("p/a", a, "p/b", b, consecutive=False) if r.kind == "section"]
    for doc in (a, b):  # with a goal tree on both sides the goals are the structure: no section rows
        doc.goals = [GoalNode(id="1", code="1", title="Meer duurzame energie", level="doel")]
    assert not [r for r in link_pair("p/a", a, "p/b", b, consecutive=True) if r.kind == "section"]


def test_measurements_that_differ_throughout_keep_namesakes_apart():
    def monitor(name: str, shares: dict[str, float]) -> Document:
        values = [IndicatorValue(year=2024, type="realisatie", scope=town, value=v, raw=str(v)) for town, v in shares.items()]
        values.append(IndicatorValue(year=2024, type="referentie", scope="Nederland", value=shares["Almere"] + 1, raw="x"))
        return _doc(name, 2024, [], [Indicator(id="i1", name="Ernstig eenzaam", unit="%", values=values)])
    elderly = monitor("monitor_ouderen_2024.json", {"Almere": 11.0, "Urk": 7.0, "Zeewolde": 9.0, "Lelystad": 12.0})
    adults = monitor("monitor_volwassenen_2024.json", {"Almere": 14.0, "Urk": 7.0, "Zeewolde": 10.0, "Lelystad": 13.0})
    assert not [r for r in link_pair("g/a", elderly, "g/b", adults, consecutive=False) if r.kind == "indicator"]
    revised = monitor("monitor_ouderen_2025.json", {"Almere": 11.5, "Urk": 7.0, "Zeewolde": 9.0, "Lelystad": 12.0})
    rows = [r for r in link_pair("g/a", elderly, "g/c", revised, consecutive=False) if r.kind == "indicator"]
    assert [r.relation for r in rows] == ["same"] and "value continuity" in rows[0].method


def test_sections_are_scored_as_their_own_kind_and_their_ids_carry_the_number():
    from extractor.evaluate.links import score_links
    from extractor.link.records import LinkRow

    gold = {"file": "plan.json", "pairs": [{"from": "p/a.pdf", "to": "p/b.pdf", "kinds": ["section"], "links": [
        {"kind": "section", "from": {"code": "1.1", "title": "Inleiding"}, "to": {"code": "1.1", "title": "Inleiding"},
         "relation": "same"}]}]}

    def row(from_id: str) -> LinkRow:
        return LinkRow(kind="section", from_doc="p/a.pdf", from_id=from_id, to_doc="p/b.pdf", to_id="h3/1.1",
                       from_title="Inleiding", to_title="Inleiding", relation="same", score=0.9, method="code", evidence="same")
    right = score_links([gold], lambda *_: [row("h2/1.1")])
    assert right.by_kind["section"].tp == 1 and "goal" not in right.by_kind
    wrong = score_links([gold], lambda *_: [row("h9/2.1")])  # another "Inleiding" (chapter 2's) is not this one
    assert (wrong.by_kind["section"].tp, wrong.by_kind["section"].fp, wrong.by_kind["section"].fn) == (0, 1, 1)
