"""Each audit rule on small constructed documents: one that must trigger it, one that must not."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

import pytest

from extractor.audit.documents import AuditDocument
from extractor.audit.finding import Finding
from extractor.audit.matching import Links
from extractor.audit.registry import RULES, Pair
from extractor.audit.run import pair_documents, run_rules
from extractor.model import BudgetLine, Document, GoalNode, Indicator, IndicatorValue, Metadata, Source


def make_doc(name: str, kind: str, year: int, *, lines: list[BudgetLine] = (), indicators: list[Indicator] = (),
             goals: list[GoalNode] = (), source: Optional[Path] = None, publisher: str = "Testdorp") -> AuditDocument:
    document = Document(
        extractor_version="test",
        source=Source(file=str(source) if source else f"{name}.pdf", format="text" if source else "pdf"),
        metadata=Metadata(municipality=publisher, document_type=kind, year=year),
        budget_lines=list(lines), indicators=list(indicators), goals=list(goals),
    )
    return AuditDocument(name=name, document=document, aliases={name})


def cell(label: str, column: str, kind: str, year: int, amount_k: float, *, programme: Optional[str] = "P1",
         row: float = 0.0, page: int = 10) -> BudgetLine:
    """A budget cell printed "x € 1.000" at vertical position `row` on `page`."""
    raw = f"{amount_k:,.0f}".replace(",", ".")
    return BudgetLine(programme=programme, label=label, column=column, kind=kind, year=year,
                      amount=amount_k * 1000, raw=raw, page=page, bbox=(50, 100 + 20 * row, 500, 115 + 20 * row))


def value(kind: str, year: int, number: float, raw: Optional[str] = None, comparator=None) -> IndicatorValue:
    return IndicatorValue(type=kind, year=year, value=number, raw=raw or str(number).replace(".", ","),
                          comparator=comparator)


def indicator(ind_id: str, name: str, values: list[IndicatorValue], **extra) -> Indicator:
    return Indicator(id=ind_id, name=name, values=values, page=extra.pop("page", 30), **extra)


def jaarstukken_table(lasten_actual: float = -980, verschil_lasten: float = 20, saldo_bnw: float = -700,
                      mutaties_actual: float = 50, resultaat_actual: float = -610) -> list[BudgetLine]:
    """A programme table as jaarstukken print it: begroting na wijziging, realisatie, verschil."""
    columns = [("Begroting 2023 na wijziging", "begroting_na_wijziging"), ("Realisatie 2023", "realisatie"),
               ("Verschil 2023", "verschil")]
    rows = {
        "Totaal baten": (300, 320, 20),
        "Totaal lasten": (-1000, lasten_actual, verschil_lasten),
        "Saldo van baten en lasten": (saldo_bnw, 320 + lasten_actual, 40),
        "Onttrekking reserves": (100, 80, -20),
        "Toevoeging reserves": (-30, -30, 0),
        "Mutaties reserves": (70, mutaties_actual, -20),
        "Programma resultaat": (-630, resultaat_actual, 20),
    }
    lines = []
    for index, (label, amounts) in enumerate(rows.items()):
        for (column, kind), amount in zip(columns, amounts):
            lines.append(cell(label, column, kind, 2023, amount, row=index))
    return lines


def rule_findings(rule_id: str, target) -> list[Finding]:
    return list(RULES[rule_id].check(target))


# ---------------------------------------------------------------- cases per rule: (trigger, clean)

def _rows_sum(total: float) -> AuditDocument:
    lines = [cell("Personeelskosten", "Begroting 2025", "begroting", 2025, 400, programme=None, row=0),
             cell("Huisvestingskosten", "Begroting 2025", "begroting", 2025, 250, programme=None, row=1),
             cell("Overige kosten", "Begroting 2025", "begroting", 2025, 100, programme=None, row=2),
             cell("Totaal lasten", "Begroting 2025", "begroting", 2025, total, programme=None, row=3)]
    # A second column that adds up confirms the rows above the total are its parts.
    lines += [cell(label, "Begroting 2024", "begroting", 2024, amount, programme=None, row=row)
              for row, (label, amount) in enumerate([("Personeelskosten", 380), ("Huisvestingskosten", 240),
                                                     ("Overige kosten", 90), ("Totaal lasten", 710)])]
    return make_doc("gr_begroting_2025", "begroting", 2025, lines=lines)


def test_a_total_that_matches_in_no_column_is_a_misread_table_not_a_finding():
    lines = [cell(label, "Begroting 2025", "begroting", 2025, amount, programme=None, row=row)
             for row, (label, amount) in enumerate([("Vaste activa", 400), ("Vlottende activa", 250),
                                                    ("Totaal passiva", 2000)])]
    assert rule_findings("budget_rows_sum_to_total", make_doc("b", "begroting", 2025, lines=lines)) == []


def _saldo(saldo: float) -> AuditDocument:
    lines = [cell("Kosten", "2023 realisatie", "realisatie", 2023, 900, row=0),
             cell("Baten derden", "2023 realisatie", "realisatie", 2023, 950, row=1),
             cell("Baten totaal", "2023 realisatie", "realisatie", 2023, 950, row=2),
             cell("Resultaat", "2023 realisatie", "realisatie", 2023, saldo, row=3)]
    return make_doc("burap", "voortgangsrapportage", 2024, lines=lines)


def _overview(amount: float) -> AuditDocument:
    lines = jaarstukken_table() + [
        cell("Programma 1 Veiligheid", "Lasten realisatie", "realisatie", 2023, amount, programme=None, page=120)]
    return make_doc("jaarstukken_2023", "jaarstukken", 2023, lines=lines)


def _breakdown(child: float) -> AuditDocument:
    parent = indicator("i1", "Aantal meldingen", [value("realisatie", 2023, 100, "100")])
    kids = [indicator("i2", "waarvan jeugd", [value("realisatie", 2023, child, str(int(child)))], parent_indicator="i1"),
            indicator("i3", "waarvan volwassenen", [value("realisatie", 2023, 30, "30")], parent_indicator="i1")]
    return make_doc("jaarverslag", "jaarstukken", 2023, indicators=[parent, *kids])


def _target(actual: float) -> AuditDocument:
    ind = indicator("i1", "% inwoners met schuldenproblematiek",
                    [value("streefwaarde", 2023, 6.0, "6,0%"), value("realisatie", 2023, actual, f"{actual:.1f}".replace(".", ","))])
    return make_doc("jaarstukken_2023", "jaarstukken", 2023, indicators=[ind])


def _claim(tmp_path: Path, text: str, lines: list[BudgetLine]) -> AuditDocument:
    source = tmp_path / "rapportage.txt"
    source.write_text("Voortgang programma 1\n\n" + text + "\n", encoding="utf-8")
    return make_doc("rapportage", "jaarstukken", 2023, lines=lines, source=source)


def _pair(kind: str, earlier: AuditDocument, later: AuditDocument) -> Pair:
    return Pair(kind, earlier, later)


def _primitive(amount: float, baten: float = 300) -> Pair:
    begroting = make_doc("begroting_2023", "begroting", 2023,
                         lines=[cell("Baten", "Begroting 2023", "begroting", 2023, 300, row=0),
                                cell("Lasten", "Begroting 2023", "begroting", 2023, -1000, row=1)])
    jaarstukken = make_doc("jaarstukken_2023", "jaarstukken", 2023,
                           lines=[cell("Totaal baten", "Begroting 2023 primair", "begroting", 2023, baten, row=0),
                                  cell("Totaal lasten", "Begroting 2023 primair", "begroting", 2023, amount, row=1)])
    return _pair("realisation", begroting, jaarstukken)


def _rekening(amount: float, baten: float = 320) -> Pair:
    jaarstukken = make_doc("jaarstukken_2023", "jaarstukken", 2023, lines=jaarstukken_table())
    begroting = make_doc("begroting_2025", "begroting", 2025,
                         lines=[cell("Baten", "Rekening 2023", "rekening", 2023, baten, page=44, row=0),
                                cell("Onttrekking reserves", "Rekening 2023", "rekening", 2023, amount, page=44, row=1)])
    return _pair("rekening", jaarstukken, begroting)


def _indicator_pair(kind_a: str, a: IndicatorValue, b: IndicatorValue, code: Optional[str] = None,
                    pair_kind: str = "publisher") -> Pair:
    first = make_doc("begroting_2024", "begroting", 2024, indicators=[indicator("a1", "Restafval per inwoner", [a], code=code),
                                                                      _anchor("a2")])
    second = make_doc("begroting_2025", kind_a, 2025, indicators=[indicator("b1", "Restafval per inwoner", [b], code=code),
                                                                  _anchor("b2")])
    return _pair(pair_kind, first, second)


def _anchor(ind_id: str, number: float = 44.2) -> Indicator:
    """An indicator both documents print with the same value: they are about the same place."""
    return indicator(ind_id, "Niet-sporters", [value("realisatie", 2022, number, f"{number:g} %".replace(".", ","))], code="20")


def _dropped(tmp_path: Path, later_text: str, later_name: str) -> Pair:
    source = tmp_path / "begroting_2025.txt"
    source.write_text(later_text, encoding="utf-8")
    first = make_doc("begroting_2024", "begroting", 2024, indicators=[
        indicator("a1", "Aantal inbraken per 1.000 woningen", [value("streefwaarde", 2025, 3)]),
        indicator("a2", "Tevredenheid over de dienstverlening", [value("streefwaarde", 2025, 7)])])
    second = make_doc("begroting_2025", "begroting", 2025, source=source, indicators=[
        indicator(later_name.lower()[:3], later_name, [value("streefwaarde", 2025, 7)])])
    return _pair("next", first, second)


def _goals(title_2025: str, code_2025: str = "2") -> Pair:
    def tree(year: int, goals: list[tuple[str, str]]) -> list[GoalNode]:
        nodes = [GoalNode(id="P1", code="P1", title="Veiligheid", level="programma", page=10)]
        nodes += [GoalNode(id=f"P1/{code}", code=code, title=title, level="doel", parent="P1", page=10) for code, title in goals]
        return nodes

    first = make_doc("begroting_2024", "begroting", 2024, goals=tree(2024, [("1", "Stellen van veiligheidsprioriteiten"),
                                                                         ("2", "Handhaving van de openbare orde")]))
    second = make_doc("begroting_2025", "begroting", 2025, goals=tree(2025, [("1", "Stellen van veiligheidsprioriteiten"),
                                                                          (code_2025, title_2025)]))
    return _pair("next", first, second)


def _toelichting(tmp_path: Path, explained_pages: tuple[int, ...]) -> AuditDocument:
    pages = []
    for number in range(1, 6):
        text = f"Pagina {number}\n"
        if number in explained_pages:
            text += "Toelichting op verschillen tussen begroot actueel/werkelijk >= € 50.000\n"
        pages.append(text)
    source = tmp_path / "jaarstukken.txt"
    source.write_text("\f".join(pages), encoding="utf-8")
    lines = [cell("Totaal lasten", "Begroting 2023 na wijziging", "begroting_na_wijziging", 2023, -1000, page=2),
             cell("Totaal lasten", "Realisatie 2023", "realisatie", 2023, -1020, page=2),
             cell("Totaal lasten", "Begroting 2023 na wijziging", "begroting_na_wijziging", 2023, -500, programme="P2", page=4),
             cell("Totaal lasten", "Realisatie 2023", "realisatie", 2023, -700, programme="P2", page=4)]
    return make_doc("jaarstukken_2023", "jaarstukken", 2023, lines=lines, source=source)


CASES: dict[str, tuple[Callable[[Path], object], Callable[[Path], object]]] = {
    "large_difference_without_toelichting": (lambda p: _toelichting(p, (2,)), lambda p: _toelichting(p, (2, 4))),
    "budget_rows_sum_to_total": (lambda p: _rows_sum(760), lambda p: _rows_sum(750)),
    "saldo_equals_baten_minus_lasten": (lambda p: _saldo(150), lambda p: _saldo(50)),
    "verschil_equals_budget_minus_realisation": (
        lambda p: make_doc("j", "jaarstukken", 2023, lines=jaarstukken_table(verschil_lasten=200)),
        lambda p: make_doc("j", "jaarstukken", 2023, lines=jaarstukken_table())),
    "resultaat_equals_saldo_plus_reserves": (
        lambda p: make_doc("j", "jaarstukken", 2023, lines=jaarstukken_table(resultaat_actual=-700)),
        lambda p: make_doc("j", "jaarstukken", 2023, lines=jaarstukken_table())),
    "reserve_mutations_add_up": (
        lambda p: make_doc("j", "jaarstukken", 2023, lines=jaarstukken_table(mutaties_actual=80, resultaat_actual=-580)),
        lambda p: make_doc("j", "jaarstukken", 2023, lines=jaarstukken_table())),
    "programme_totals_match_overview": (lambda p: _overview(-990), lambda p: _overview(-980)),
    "indicator_breakdown_within_total": (lambda p: _breakdown(80), lambda p: _breakdown(60)),
    "target_not_met": (lambda p: _target(6.9), lambda p: _target(6.0)),
    "overspending_programme": (
        lambda p: make_doc("j", "jaarstukken", 2023, lines=jaarstukken_table(lasten_actual=-1100, verschil_lasten=-100)),
        lambda p: make_doc("j", "jaarstukken", 2023, lines=jaarstukken_table())),
    "text_claim_contradicted": (
        lambda p: _claim(p, "Er zijn geen afwijkingen ten opzichte van de begroting.", jaarstukken_table()),
        lambda p: _claim(p, "Er zijn afwijkingen ten opzichte van de begroting, zie de tabel.", jaarstukken_table())),
    "text_claim_unchecked": (
        lambda p: _claim(p, "Er zijn geen afwijkingen ten opzichte van de begroting.", []),
        lambda p: _claim(p, "Er zijn geen afwijkingen ten opzichte van de begroting.", jaarstukken_table())),
    "begroting_matches_jaarstukken_budget": (lambda p: _primitive(-1100), lambda p: _primitive(-1000)),
    "rekening_matches_realisatie": (lambda p: _rekening(120), lambda p: _rekening(80)),
    "streefwaarde_changed": (
        lambda p: _indicator_pair("begroting", value("streefwaarde", 2026, 180, "180 kg"), value("streefwaarde", 2026, 190, "190 kg")),
        lambda p: _indicator_pair("begroting", value("streefwaarde", 2026, 180, "180 kg"), value("streefwaarde", 2026, 180, "180 kg"))),
    "peilwaarde_matches_realisatie": (
        lambda p: _indicator_pair("begroting", value("realisatie", 2023, 9.2, "9,2%"), value("realisatie", 2023, 9.05, "9,05")),
        lambda p: _indicator_pair("begroting", value("realisatie", 2023, 9.2, "9,2%"), value("realisatie", 2023, 9.2, "9,2"))),
    "realisatie_revised": (
        lambda p: _indicator_pair("jaarstukken", value("realisatie", 2023, 4.4, "4,4"), value("realisatie", 2023, 3.9, "3,9"), code="9"),
        lambda p: _indicator_pair("jaarstukken", value("realisatie", 2023, 2.4, "2,4"), value("realisatie", 2023, 2, "2"), code="9")),
    "indicator_dropped": (
        lambda p: _dropped(p, "Effectindicatoren\nTevredenheid over de dienstverlening 7\n", "Tevredenheid over de dienstverlening"),
        lambda p: _dropped(p, "De indicator aantal inbraken per 1.000 woningen vervalt: de politie publiceert\nhem niet meer.\n",
                           "Tevredenheid over de dienstverlening")),
    "goal_missing_or_renamed": (lambda p: _goals("Meer groen in de wijken"),
                                lambda p: _goals("Handhaving van de openbare orde.")),
}


def test_every_rule_has_a_positive_and_a_negative_case():
    assert set(CASES) == set(RULES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_triggers(rule_id: str, tmp_path: Path):
    findings = rule_findings(rule_id, CASES[rule_id][0](tmp_path))
    assert len(findings) >= 1, f"{rule_id} found nothing on its positive case"
    for finding in findings:
        assert finding.rule == rule_id and finding.severity == RULES[rule_id].severity
        assert finding.message and finding.items and finding.documents


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_stays_silent(rule_id: str, tmp_path: Path):
    assert rule_findings(rule_id, CASES[rule_id][1](tmp_path)) == []


def test_rekening_message_names_both_documents_pages_and_amounts():
    finding = rule_findings("rekening_matches_realisatie", _rekening(120))[0]
    assert finding.message == ("Realisatie 2023 onttrekking reserves P1 in jaarstukken 2023 (p. 10): € 80.000; "
                               "begroting 2025 (p. 44) noemt als rekening 2023: € 120.000 — verschil € -40.000.")
    assert (finding.expected, finding.actual, finding.difference) == (120000, 80000, -40000)


def test_rounding_of_amounts_printed_in_thousands_is_tolerated():
    # 333 - 354 = -21, printed -22: three rounded numbers may be off by 1.5 (x € 1.000)
    lines = [cell("Onttrekking reserves", "Realisatie", "realisatie", 2023, 333, row=0),
             cell("Toevoeging reserves", "Realisatie", "realisatie", 2023, -354, row=1),
             cell("Mutaties reserves", "Realisatie", "realisatie", 2023, -22, row=2)]
    assert rule_findings("reserve_mutations_add_up", make_doc("j", "jaarstukken", 2023, lines=lines)) == []


def test_target_without_a_known_direction_is_not_judged():
    ind = indicator("i1", "% jongeren met jeugdhulp", [value("streefwaarde", 2023, 8.6, "8,6%"), value("realisatie", 2023, 9.2, "9,2%")])
    assert rule_findings("target_not_met", make_doc("j", "jaarstukken", 2023, indicators=[ind])) == []


def test_comparator_on_the_target_gives_the_direction():
    ind = indicator("i1", "Aantal brandstichtingen", [value("streefwaarde", 2017, 15, "<15", comparator="<"),
                                                      value("realisatie", 2017, 39, "39")])
    findings = rule_findings("target_not_met", make_doc("j", "jaarstukken", 2017, indicators=[ind]))
    assert [f.actual for f in findings] == [39]


def test_documents_pair_by_publisher_type_and_year():
    docs = [make_doc("b24", "begroting", 2024), make_doc("b25", "begroting", 2025), make_doc("j23", "jaarstukken", 2023),
            make_doc("other", "begroting", 2025, publisher="Elders")]
    kinds = sorted((p.kind, p.earlier.name, p.later.name) for p in pair_documents(docs) if p.kind != "publisher")
    assert kinds == [("next", "b24", "b25"), ("rekening", "j23", "b24"), ("rekening", "j23", "b25")]


def test_a_crashing_rule_is_reported_not_fatal(monkeypatch):
    from extractor.audit import registry

    def broken(doc):
        raise RuntimeError("boom")

    monkeypatch.setitem(registry.RULES, "broken_rule", registry.Rule("broken_rule", "error", "test", broken))
    result = run_rules([_target(6.9)], [])
    assert any("broken_rule" in message for message in result.rule_errors)
    assert [f.rule for f in result.findings] == ["target_not_met"]


def test_an_expectation_is_not_a_claim(tmp_path: Path):
    doc = _claim(tmp_path, "Er wordt geen budgetoverschrijding verwacht.", [])
    assert rule_findings("text_claim_unchecked", doc) == []
    assert rule_findings("text_claim_unchecked", _claim(tmp_path, "Er was geen budgetoverschrijding.", [])) != []


def test_links_file_pairs_indicators_whose_names_differ(tmp_path: Path):
    import json

    from extractor.audit.matching import Links

    first = make_doc("begroting_2024", "begroting", 2024, indicators=[
        indicator("a1", "Kg restafval per inwoner", [value("streefwaarde", 2026, 180, "180 kg")]), _anchor("a2")])
    second = make_doc("begroting_2025", "begroting", 2025, indicators=[
        indicator("b1", "Totaal kg huishoudelijk restafval per inwoner", [value("streefwaarde", 2026, 190, "190 kg")]),
        _anchor("b2")])
    assert rule_findings("streefwaarde_changed", Pair("publisher", first, second)) == []
    row = {"kind": "indicator", "from_doc": "begroting_2024", "from_id": "a1", "to_doc": "begroting_2025", "to_id": "b1",
           "from_title": "Kg restafval per inwoner", "to_title": "Totaal kg huishoudelijk restafval per inwoner",
           "relation": "renamed", "score": 0.93, "method": "fuzzy name", "evidence": "token_set_ratio 93"}
    (tmp_path / "links.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    links = Links.read([tmp_path / "links.jsonl"])
    findings = rule_findings("streefwaarde_changed", Pair("publisher", first, second, links))
    assert [(f.expected, f.actual) for f in findings] == [(180, 190)]
    row["relation"] = "unit_changed"
    (tmp_path / "links.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    unit_changed = Links.read([tmp_path / "links.jsonl"])
    assert rule_findings("streefwaarde_changed", Pair("publisher", first, second, unit_changed)) == []


def test_budget_columns_that_agree_nowhere_are_not_compared():
    # no row of the programme agrees: the columns are probably different versions, so nothing is said
    assert rule_findings("rekening_matches_realisatie", _rekening(120, baten=400)) == []
    assert rule_findings("begroting_matches_jaarstukken_budget", _primitive(-1100, baten=350)) == []


def test_rows_under_a_subtotal_or_waarvan_are_not_counted_twice():
    column = ("Begroting 2025", "begroting", 2025)
    rows = [("Salarissen", 300), ("waarvan inhuur", 50), ("Sociale lasten", 100), ("Subtotaal personeel", 400),
            ("Huisvesting", 250), ("Overige kosten", 100), ("Totaal lasten", 750)]
    lines = [cell(label, *column, amount, programme=None, row=i) for i, (label, amount) in enumerate(rows)]
    lines += [cell(label, "Begroting 2024", "begroting", 2024, amount, programme=None, row=i)  # adds up: confirms the rows
              for i, (label, amount) in enumerate(rows)]
    assert rule_findings("budget_rows_sum_to_total", make_doc("gr", "begroting", 2025, lines=lines)) == []
    lines[len(rows) - 1] = cell("Totaal lasten", *column, 800, programme=None, row=6)
    assert len(rule_findings("budget_rows_sum_to_total", make_doc("gr", "begroting", 2025, lines=lines))) == 1


def test_names_that_differ_a_little_pair_but_other_numbers_do_not():
    from extractor.audit.matching import pair_indicators

    def doc(name: str, ind_name: str) -> AuditDocument:
        return make_doc(name, "begroting", 2025, indicators=[indicator("x", ind_name, [value("streefwaarde", 2025, 1)])])

    a = doc("a", "Aantal inwoners met bijstandsuitkering per 1.000 inwoners")
    assert len(pair_indicators(a, doc("b", "Aantal inwoners met bijstandsuitkering (per 1.000 inw)"), Links())) == 1
    assert pair_indicators(a, doc("c", "Aantal inwoners met bijstandsuitkering per 10.000 inwoners"), Links()) == []
    assert pair_indicators(a, doc("d", "Aantal huishoudens met bijstandsuitkering per 1.000 inwoners"), Links()) == []


def test_a_total_indicator_with_a_full_breakdown_must_add_up():
    def doc(first: int) -> AuditDocument:
        parent = indicator("t", "Totaal aantal meldingen", [value("realisatie", 2023, 100, "100")])
        kids = [indicator("k1", "Jeugd", [value("realisatie", 2023, first, str(first))], parent_indicator="t"),
                indicator("k2", "Volwassenen", [value("realisatie", 2023, 30, "30")], parent_indicator="t")]
        return make_doc("j", "jaarstukken", 2023, indicators=[parent, *kids])

    assert rule_findings("indicator_breakdown_within_total", doc(70)) == []
    findings = rule_findings("indicator_breakdown_within_total", doc(60))
    assert [(f.expected, f.actual) for f in findings] == [(100, 90)]
    assert "minder dan het totaal 100" in findings[0].message


def test_a_rewritten_programme_gives_one_finding_not_one_per_goal():
    def tree(goals: list[str]) -> list[GoalNode]:
        nodes = [GoalNode(id="P1", code="P1", title="Veiligheid", level="programma", page=10)]
        return nodes + [GoalNode(id=f"P1/{i}", code=str(i), title=t, level="doel", parent="P1", page=10)
                        for i, t in enumerate(goals, start=1)]

    first = make_doc("b24", "begroting", 2024, goals=tree(["Minder woninginbraken", "Veilig uitgaan", "Snelle hulpdiensten"]))
    second = make_doc("b25", "begroting", 2025, goals=tree(["Sterke wijken", "Digitale veiligheid", "Aanpak ondermijning"]))
    findings = rule_findings("goal_missing_or_renamed", Pair("next", first, second))
    assert len(findings) == 1 and "van de 3 doelen" in findings[0].message and "herschreven" in findings[0].message


def test_documents_that_share_no_value_are_not_compared():
    pair = _indicator_pair("begroting", value("streefwaarde", 2026, 180, "180 kg"), value("streefwaarde", 2026, 190, "190 kg"))
    pair.later.document.indicators[1] = _anchor("b2", 51.0)  # the anchor disagrees too: another gemeente?
    assert rule_findings("streefwaarde_changed", pair) == []


def test_reserve_mutation_printed_only_in_the_saldo_column_is_not_checked_per_side():
    # "Mutaties reserves | 0 | 0 | -490": the table prints the mutation only under saldo; the 0 under
    # baten and lasten is no claim that withdrawals and additions cancel out there
    rows = [("Saldo van baten en lasten", (80_999, -80_509, 490)), ("Onttrekking aan reserves", (5_052, 0, 5_052)),
            ("Toevoeging aan reserves", (0, -5_542, -5_542)), ("Mutaties reserves", (0, 0, -490)),
            ("Geraamde resultaat", (86_052, -86_052, 0))]
    lines = []
    for index, (label, amounts) in enumerate(rows):
        for side, amount in zip(("baten", "lasten", "saldo"), amounts):
            line = cell(label, f"Rekening 2022 {side}", "rekening", 2022, amount, row=index, programme=None)
            lines.append(line.model_copy(update={"side": side}))
    doc = make_doc("b", "begroting", 2024, lines=lines)
    assert rule_findings("reserve_mutations_add_up", doc) == []
    assert rule_findings("resultaat_equals_saldo_plus_reserves", doc) == []
    wrong = [ln.model_copy(update={"amount": -400_000.0, "raw": "-400"})
             if ln.label == "Mutaties reserves" and ln.side == "saldo" else ln for ln in lines]
    assert [f.rule for f in rule_findings("reserve_mutations_add_up", make_doc("b", "begroting", 2024, lines=wrong))] == ["reserve_mutations_add_up"]


def test_withdrawals_printed_only_under_their_side_are_not_checked_in_the_saldo_column():
    # "Onttrekking aan reserves | 5.052 | 0 | 0" and "Toevoeging aan reserves | 0 | -5.542 | 0": the net mutation is
    # printed only in the saldo column of "Mutaties reserves | 0 | 0 | -490"
    rows = [("Onttrekking aan reserves", (5_052, 0, 0)), ("Toevoeging aan reserves", (0, -5_542, 0)), ("Mutaties reserves", (0, 0, -490))]
    lines = []
    for index, (label, amounts) in enumerate(rows):
        for side, amount in zip(("baten", "lasten", "saldo"), amounts):
            line = cell(label, f"Rekening 2022 {side}", "rekening", 2022, amount, row=index, programme=None)
            lines.append(line.model_copy(update={"side": side}))
    assert rule_findings("reserve_mutations_add_up", make_doc("b", "begroting", 2024, lines=lines)) == []
    nothing = [ln.model_copy(update={"amount": 0.0, "raw": "0"}) if ln.label != "Mutaties reserves" else ln for ln in lines]
    # with no withdrawal or addition printed anywhere, the saldo column's 0s do claim the mutation is 0
    assert [f.rule for f in rule_findings("reserve_mutations_add_up", make_doc("b", "begroting", 2024, lines=nothing))] == ["reserve_mutations_add_up"]


def test_reserve_mutation_zero_under_a_side_without_a_saldo_column_read_is_not_judged():
    lines = [cell("Onttrekking aan reserves", "Rekening 2022 lasten", "rekening", 2022, 0, row=0, programme=None),
             cell("Toevoeging aan reserves", "Rekening 2022 lasten", "rekening", 2022, -5_542, row=1, programme=None),
             cell("Mutaties reserves", "Rekening 2022 lasten", "rekening", 2022, 0, row=2, programme=None)]
    lines = [ln.model_copy(update={"side": "lasten"}) for ln in lines]
    assert rule_findings("reserve_mutations_add_up", make_doc("b", "begroting", 2024, lines=lines)) == []


def _side_line(label: str, side: str, amount_k: float, row: float) -> BudgetLine:
    line = cell(label, f"Rekening 2023 {side}", "rekening", 2023, amount_k, row=row, programme=None)
    line.side = side  # type: ignore[assignment]
    return line


def test_reserve_rows_printed_only_under_baten_and_lasten_are_not_checked_in_the_saldo_column():
    """'Onttrekking aan reserves | 3.500 | 0 | 0', 'Toevoeging | 0 | -964 | 0', 'Mutaties reserves | 0 | 0 | 2.536':
    the saldo is printed on the mutaties row only; the zeros above it are no saldo to add up."""
    lines = [_side_line("Onttrekking aan reserves", "baten", 3500, 0), _side_line("Onttrekking aan reserves", "lasten", 0, 0),
             _side_line("Onttrekking aan reserves", "saldo", 0, 0),
             _side_line("Toevoeging aan reserves", "baten", 0, 1), _side_line("Toevoeging aan reserves", "lasten", -964, 1),
             _side_line("Toevoeging aan reserves", "saldo", 0, 1),
             _side_line("Mutaties reserves", "baten", 0, 2), _side_line("Mutaties reserves", "lasten", 0, 2),
             _side_line("Mutaties reserves", "saldo", 2536, 2)]
    assert rule_findings("reserve_mutations_add_up", make_doc("b", "begroting", 2025, lines=lines)) == []
    lines[-1] = _side_line("Mutaties reserves", "saldo", 2536, 2)
    lines[2] = _side_line("Onttrekking aan reserves", "saldo", 3500, 0)  # saldo printed on the parts: checked again
    lines[5] = _side_line("Toevoeging aan reserves", "saldo", -1964, 1)
    assert len(rule_findings("reserve_mutations_add_up", make_doc("b", "begroting", 2025, lines=lines))) == 1


def test_an_item_list_with_a_row_starting_with_a_programme_holds_no_programme_totals():
    """Incidentele lasten listed per item, one row starting with its programme ("Programma 1 Veiligheid Cameratoezicht"):
    that row's amount is the item's, not the programme's lasten, so the recapitulatie rule does not compare it."""
    items = [cell(label, "Lasten 2023", "realisatie", 2023, amount, programme=None, page=120, row=k)
             for k, (label, amount) in enumerate([("Programma 1 Veiligheid Cameratoezicht", -40), ("Verkiezingen", -60),
                                                  ("Archief op orde", -25), ("Subtotaal incidenteel", -125)])]
    for line in items:
        line.table = "t7"
    doc = make_doc("jaarstukken_2023", "jaarstukken", 2023, lines=jaarstukken_table() + items)
    assert rule_findings("programme_totals_match_overview", doc) == []
