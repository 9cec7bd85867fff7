"""Linking: normalisation, code comparison, assignment, split/merge, the CLI and the Wassenaar triple."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from extractor.enrich.catalogue import match_indicator, normalise_name, singular, unit_kind
from extractor.link import link_loaded
from extractor.link.documents import LoadedDocument
from extractor.link.match import Scored, assign, link_pair, normalise_code, split_merge
from extractor.model import Document, GoalNode, Indicator, IndicatorValue, Source

ROOT = Path(__file__).resolve().parent.parent


def test_dutch_normalisation_folds_plural_prefix_and_rate_suffix():
    assert normalise_name("Winkeldiefstallen") == normalise_name("Winkeldiefstal per 1.000 inwoners")
    assert normalise_name("Aantal verwijzingen Halt") == normalise_name("Verwijzingen Halt")
    assert normalise_name("% niet-sporters") == normalise_name("Niet-sporter")
    assert normalise_name("Cliënten met een maatwerkarrangement WMO") == normalise_name("Clienten met maatwerkarrangement Wmo")
    assert normalise_name("Vernielingen (in de openbare ruimte)", drop_parentheses=True) == normalise_name("Vernielingen")
    assert normalise_name("Geweldsmisdrijven") != normalise_name("Diefstallen uit woning")


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=20))
def test_singular_is_idempotent_on_its_output_stem_class(word):
    assert len(singular(word)) <= len(word) and singular(word) == singular(word.lower())


def test_catalogue_ids_for_renamed_and_rewritten_bbv_names():
    assert match_indicator("Gewelds- en seksuele misdrijven", "per 1.000 inwoners") == "bbv.geweldsmisdrijven"
    assert match_indicator("Geweldsmisdrijven per 1.000 inwoners") == "bbv.geweldsmisdrijven"
    assert match_indicator("Verwijzingen naar Halt (per 1.000 inwoners in de leeftijd 12-17 jaar)") == "bbv.verwijzingen_halt"
    assert match_indicator("Omvang absoluut verzuim (niet ingeschreven op een school) (per 1.000 leerlingen)",
                           "per 1.000 leerlingen") == "bbv.absoluut_verzuim"
    assert match_indicator("Hardekern jongeren per 10.000 inwoners") == "bbv.harde_kern_jongeren"
    assert match_indicator("Aantal inwoners met schuldenproblematiek", "%") is None
    assert unit_kind("Aantal per 1.000 inwoners") == "per_n" and unit_kind("% van totale lasten") == "percent"


def test_codes_are_compared_as_codes():
    assert normalise_code("1.02.") == normalise_code("1.2")
    assert normalise_code("2 A 1") == normalise_code("2a1")
    assert normalise_code("2A1") != normalise_code("2A1.1")
    assert normalise_code("") is None


def test_assignment_is_one_to_one_and_optimal():
    scored = [Scored(0, 0, 0.9, []), Scored(0, 1, 0.8, []), Scored(1, 0, 0.85, []), Scored(1, 1, 0.3, [])]
    chosen = assign(scored, 2, 2)
    assert sorted((s.i, s.j) for s in chosen) == [(0, 1), (1, 0)]  # 0.8 + 0.85 beats 0.9 + nothing


def test_split_and_merge_are_detected_within_the_margin():
    scored = [Scored(0, 0, 0.9, []), Scored(0, 1, 0.85, []), Scored(1, 2, 0.95, []), Scored(2, 2, 0.9, [])]
    chosen = assign(scored, 3, 3)
    splits, merges = split_merge(scored, chosen)
    assert [(s.i, s.j) for s in splits] == [(0, 1)]
    assert [(s.i, s.j) for s in merges] == [(2, 2)]


def _doc(name: str, year: int, goals: list[GoalNode], indicators: list[Indicator]) -> Document:
    return Document(extractor_version="t", source=Source(file=f"town/{name}"), goals=goals, indicators=indicators,
                    metadata={"year": year, "municipality": "Town"})


def _indicator(i: str, name: str, unit: str, values: list[tuple[int, float]]) -> Indicator:
    return Indicator(id=i, name=name, unit=unit,
                     values=[IndicatorValue(year=y, type="realisatie", value=v, raw=str(v)) for y, v in values])


def test_renumbered_goals_and_renamed_bbv_indicator_link_with_relations():
    goals_a = [GoalNode(id="1", code="1", title="Veiligheid", level="programma"),
               GoalNode(id="1.1", code="1.1", title="Minder woninginbraken", level="doel", parent="1"),
               GoalNode(id="1.2", code="1.2", title="Veilig uitgaan in de binnenstad", level="doel", parent="1")]
    goals_b = [GoalNode(id="1", code="1", title="Veiligheid", level="programma"),
               GoalNode(id="1.1", code="1.1", title="Veilig uitgaan in de binnenstad", level="doel", parent="1"),
               GoalNode(id="1.2", code="1.2", title="Minder woninginbraken", level="doel", parent="1"),
               GoalNode(id="1.3", code="1.3", title="Aanpak ondermijning", level="doel", parent="1")]
    a = _doc("begroting_2019.json", 2019, goals_a, [_indicator("i1", "Geweldsmisdrijven", "per 1.000 inwoners", [(2017, 4.1)])])
    b = _doc("begroting_2020.json", 2020, goals_b, [_indicator("j1", "Gewelds- en seksuele misdrijven", "per 1.000 inwoners",
                                                               [(2017, 4.1), (2018, 3.9)])])
    for doc in (a, b):
        for indicator in doc.indicators:
            indicator.catalogue_id = match_indicator(indicator.name, indicator.unit)
    rows = link_pair("town/a", a, "town/b", b, consecutive=True)
    relations = {(r.kind, r.from_id, r.to_id): r.relation for r in rows}
    assert relations[("goal", "1.1", "1.2")] == "renumbered"
    assert relations[("goal", "1.2", "1.1")] == "renumbered"
    assert relations[("goal", None, "1.3")] == "new"
    indicator = next(r for r in rows if r.kind == "indicator")
    assert indicator.relation == "renamed" and "catalogue id" in indicator.method and "value continuity" in indicator.method
    assert 0.9 < indicator.score <= 1.0


def test_series_keeps_conflicting_values():
    a = _doc("jaarstukken_2019.json", 2019, [], [_indicator("i1", "Winkeldiefstallen", "per 1.000 inwoners", [(2018, 1.7)])])
    b = _doc("begroting_2020.json", 2020, [], [_indicator("j1", "Winkeldiefstallen", "per 1.000 inwoners", [(2018, 1.9)])])
    docs = [LoadedDocument(f"town/{d.source.file.split('/')[-1]}", d, "town", d.metadata.year, "x") for d in (a, b)]
    result = link_loaded(docs)
    cell = next(row for row in result.series if row.year == 2018)
    assert cell.conflict and cell.value is None and sorted(v.value for v in cell.values) == [1.7, 1.9]
    assert cell.indicator == "bbv.winkeldiefstallen"


def test_cli_link_writes_links_and_series(tmp_path):
    a = _doc("begroting_2019.pdf", 2019, [GoalNode(id="1", code="1", title="Veiligheid", level="programma")],
             [_indicator("i1", "Winkeldiefstallen", "per 1.000 inwoners", [(2017, 1.2)])])
    b = _doc("begroting_2020.pdf", 2020, [GoalNode(id="1", code="1", title="Veiligheid", level="programma")],
             [_indicator("j1", "Winkeldiefstal", "per 1.000 inwoners", [(2017, 1.2), (2018, 1.4)])])
    for doc, name in ((a, "a.json"), (b, "b.json")):
        (tmp_path / name).write_text(doc.model_dump_json(), encoding="utf-8")
    out = tmp_path / "links"
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-m", "extractor", "link", str(tmp_path / "a.json"), str(tmp_path / "b.json"),
                           "--out", str(out)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in (out / "links.jsonl").read_text().splitlines()]
    kinds = sorted((r["kind"], r["relation"]) for r in rows)
    assert kinds == [("goal", "same"), ("indicator", "same")]
    assert set(rows[0]) == {"kind", "from_doc", "from_id", "to_doc", "to_id", "from_title", "to_title", "relation",
                            "score", "method", "evidence"}
    assert (out / "_tables" / "links.parquet").exists() and (out / "_tables" / "series.csv").exists()
    usage = subprocess.run([sys.executable, "-m", "extractor", "link", str(tmp_path / "missing.json")],
                           capture_output=True, text=True, env=env, cwd=tmp_path)
    assert usage.returncode == 2


@pytest.mark.corpus
@pytest.mark.slow
def test_wassenaar_triple_links_against_gold(corpus_dir):
    from tests.helpers import extract_cached
    from extractor.evaluate.links import load_gold_links, score_links
    from extractor.link.documents import document_key

    golds = [g for g in load_gold_links(ROOT / "tests" / "gold_links") if g["file"].startswith("wassenaar")]
    documents = {}
    for name in ("begroting_2024", "begroting_2025", "Jaarstukken_2023"):
        document = extract_cached(corpus_dir / "wassenaar" / f"{name}.pdf", tables=True, enrich=False)
        documents[f"wassenaar/{name}.pdf"] = document

    def predict(source_a, source_b, consecutive, kinds):
        a, b = document_key(source_a), document_key(source_b)
        return link_pair(a, documents[a], b, documents[b], consecutive, kinds)

    scores = score_links(golds, predict).as_dict()
    assert scores["kinds"]["indicator"]["f1"] >= 0.95 and scores["kinds"]["indicator"]["tp"] >= 100
    assert scores["kinds"]["budget_line"]["f1"] >= 0.98 and scores["kinds"]["budget_line"]["tp"] >= 100
    assert scores["kinds"]["goal"]["f1"] >= 0.9 and scores["kinds"]["goal"]["tp"] >= 50


@pytest.mark.slow
def test_dask_engine_gives_the_same_links_as_local(tmp_path):
    pytest.importorskip("dask.distributed", reason="the optional 'cluster' extra is not installed")
    from extractor.link import link_documents

    for town in ("north", "south"):
        folder = tmp_path / town
        folder.mkdir()
        for year, name in ((2019, "Winkeldiefstallen"), (2020, "Winkeldiefstal")):
            doc = _doc(f"begroting_{year}.pdf", year, [GoalNode(id="1", code="1", title="Veiligheid", level="programma")],
                       [_indicator("i1", name, "per 1.000 inwoners", [(2018, 1.5)])])
            doc.source.file = f"{town}/begroting_{year}.pdf"
            (folder / f"b{year}.json").write_text(doc.model_dump_json(), encoding="utf-8")
    local = link_documents([tmp_path])
    distributed = link_documents([tmp_path], engine="dask")
    key = lambda row: (row.kind, row.from_doc, row.from_id, row.to_doc, row.to_id)  # noqa: E731
    assert sorted(map(key, local.links)) == sorted(map(key, distributed.links))
    assert len(local.links) == 4


def test_across_publishers_only_through_catalogue_or_near_identical_name():
    from extractor.link import link_publishers

    north = _doc("begroting_2020.pdf", 2020, [], [_indicator("n1", "Geweldsmisdrijven", "per 1.000 inwoners", [(2019, 4.0)]),
                                                  _indicator("n2", "Tevredenheid over het groen", "%", [(2019, 71.0)])])
    south = _doc("begroting_2020.pdf", 2020, [], [_indicator("s1", "Gewelds- en seksuele misdrijven", "per 1.000 inwoners",
                                                             [(2019, 5.0)]),
                                                  _indicator("s2", "Tevredenheid over het openbaar groen", "%", [(2019, 60.0)])])
    for doc in (north, south):
        for indicator in doc.indicators:
            indicator.catalogue_id = match_indicator(indicator.name, indicator.unit)
    docs = [LoadedDocument(f"{town}/begroting_2020.pdf", doc, town, 2020, "begroting")
            for town, doc in (("north", north), ("south", south))]
    rows = link_publishers(docs)
    assert [(r.from_id, r.to_id, r.relation) for r in rows] == [("n1", "s1", "renamed")]
    assert "catalogue id" in rows[0].method


def test_publisher_is_the_municipality_when_the_file_name_confirms_it(tmp_path):
    from extractor.link.documents import load_document

    folder = tmp_path / "samples"
    folder.mkdir()
    for name, municipality in (("leiden_jaarstukken_2017.txt", "Leiden"), ("begroting_2024.pdf", "Rotterdam")):
        doc = Document(extractor_version="t", source=Source(file=f"samples/{name}"),
                       metadata={"municipality": municipality, "year": 2017})
        (folder / f"{name}.json").write_text(doc.model_dump_json(), encoding="utf-8")
    assert load_document(folder / "leiden_jaarstukken_2017.txt.json").publisher == "Leiden"
    assert load_document(folder / "begroting_2024.pdf.json").publisher == "samples"  # content says Rotterdam: not trusted
    assert load_document(folder / "begroting_2024.pdf.json", "metadata").publisher == "Rotterdam"


def test_cli_link_evaluate_scores_a_small_gold(tmp_path):
    pred = tmp_path / "pred"
    pred.mkdir()
    goals_a = [GoalNode(id="1", code="1", title="Minder woninginbraken", level="doel"),
               GoalNode(id="2", code="2", title="Veilig uitgaan", level="doel")]
    goals_b = [GoalNode(id="1", code="1", title="Veilig uitgaan", level="doel"),
               GoalNode(id="2", code="2", title="Aanpak ondermijning", level="doel")]
    for name, goals in (("plan_2019.txt", goals_a), ("plan_2020.txt", goals_b)):
        doc = Document(extractor_version="t", source=Source(file=f"town/{name}"), goals=goals)
        (pred / f"{name}.json").write_text(doc.model_dump_json(), encoding="utf-8")
    gold = {"pairs": [{"from": "x/town/plan_2019.txt", "to": "x/town/plan_2020.txt", "consecutive": True,
                       "kinds": ["goal"], "complete": ["goal"], "links": [
                           {"kind": "goal", "from": {"code": "2", "title": "Veilig uitgaan"},
                            "to": {"code": "1", "title": "Veilig uitgaan"}, "relation": "renumbered"},
                           {"kind": "goal", "from": {"title": "Minder woninginbraken"}, "to": None, "relation": "dropped"},
                           {"kind": "goal", "from": None, "to": {"title": "Aanpak ondermijning"}, "relation": "new"}]}]}
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "g.json").write_text(json.dumps(gold), encoding="utf-8")
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-m", "extractor", "evaluate", "--links", "--gold", str(tmp_path / "gold"),
                           "--pred", str(pred), "--json"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    scores = json.loads(proc.stdout)
    assert scores["kinds"]["goal"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 3, "fp": 0, "fn": 0}
    assert scores["relations"]["goal/renumbered"]["tp"] == 1


def test_budget_rows_of_two_publishers_link_through_the_iv3_taakveld():
    from extractor.link import link_publishers
    from extractor.model import BudgetLine

    def doc(label: str, taakveld: str) -> Document:
        lines = [BudgetLine(programme="P1", taakveld=taakveld, label=label, column="Begroting 2024", kind="begroting",
                            year=2024, amount=1000.0, raw="1.000", side="lasten"),
                 BudgetLine(programme="P1", taakveld="9.99", label="Lasten onbekend", column="Begroting 2024",
                            kind="begroting", year=2024, amount=5.0, raw="5", side="lasten")]
        return Document(extractor_version="t", source=Source(file="x/begroting_2024.pdf"), budget_lines=lines)

    docs = [LoadedDocument(f"{town}/begroting_2024.pdf", doc(label, "1.2"), town, 2024, "begroting")
            for town, label in (("north", "Openbare orde en veiligheid"), ("south", "Lasten OOV"))]
    rows = link_publishers(docs)
    assert [(r.kind, r.from_title, r.to_title, r.method) for r in rows] == [
        ("budget_line", "Openbare orde en veiligheid", "Lasten OOV", "taakveld+side")]  # 9.99 is no Iv3 taakveld


@pytest.mark.corpus
@pytest.mark.slow
def test_iv3_taakvelden_csv_is_what_the_reader_finds_in_the_informatievoorschrift(corpus_dir):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from build_iv3_taakvelden import read_taakvelden
    finally:
        sys.path.pop(0)
    from extractor.enrich.catalogue import IV3_FILE
    from extractor.enrich.data import read_csv

    rows, pages = read_taakvelden(corpus_dir / "iv3" / "Iv3-informatievoorschrift-gemeenten-en-gr-en-2026-1-0.pdf")
    stored = [(r["code"], r["name"]) for r in read_csv(IV3_FILE) if not r["valid_to"]]
    assert [(code, name) for code, name, _, _ in rows] == stored
    assert pages == "7-8" and ("1.2", "Openbare orde en veiligheid") in stored and len(stored) == 69
