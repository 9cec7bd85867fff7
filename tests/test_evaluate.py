"""The scorer of `extractor evaluate`: exact P/R/F1 on small synthetic gold/prediction pairs, the gold format, the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.cli.evaluate import parse_min_f1
from extractor.evaluate import Counts, GoldDocument, GoldError, Item, load_gold_dir, match_items, score_document, summarise
from extractor.evaluate.gold import gold_schema_text
from extractor.evaluate.match import normalise
from extractor.evaluate.report import MARK_END, MARK_START, render_markdown, render_text, replace_marked_block, to_json
from extractor.evaluate.score import DocumentResult
from extractor.model import BudgetLine, Document, GoalNode, Indicator, IndicatorValue, Metadata, Partner, Source

REPO = Path(__file__).resolve().parent.parent
GOLD_DIR = REPO / "tests" / "gold"
SHA = "0" * 64


# --- counts and matching -------------------------------------------------------------------------

def test_counts_precision_recall_f1():
    c = Counts(tp=2, fp=1, fn=3)
    assert c.precision == pytest.approx(2 / 3)
    assert c.recall == pytest.approx(2 / 5)
    assert c.f1 == pytest.approx(4 / 8)
    assert c.support == 5


def test_counts_undefined_when_nothing_to_compare():
    c = Counts()
    assert (c.precision, c.recall, c.f1) == (None, None, None)
    assert Counts(fp=3).f1 == 0.0  # gold is empty, every prediction is an error
    assert Counts(fn=2).f1 == 0.0 and Counts(fn=2).precision is None


def test_normalise_whitespace_and_case():
    assert normalise("  Handhaven  prostitutie-\n en COFFEESHOPbeleid ") == "handhaven prostitutie- en coffeeshopbeleid"


def _names(*names: str) -> list[Item]:
    return [Item((), ((normalise(n),),), n) for n in names]


def test_strict_versus_soft_titles():
    gold = _names("Aanpak fietsendiefstal", "Inzet Veilig Thuis")
    pred = _names("Aanpak fietsendiefstallen", "inzet   veilig thuis")
    strict = match_items(gold, pred, soft=False).counts
    soft = match_items(gold, pred, soft=True).counts
    assert (strict.tp, strict.fp, strict.fn) == (1, 1, 1)  # only the whitespace/case variant is equal
    assert (soft.tp, soft.fp, soft.fn) == (2, 0, 0)  # ratio 0.936 >= 0.9


def test_soft_threshold_rejects_different_names():
    result = match_items(_names("Aantal branden"), _names("Aantal brandstichtingen"), soft=True)
    assert (result.counts.tp, result.counts.fp, result.counts.fn) == (0, 1, 1)


def test_numbers_are_always_exact():
    def value(v: float) -> Item:
        return Item((2017, "realisatie", round(v, 6), None), (("aantal branden",),))

    assert match_items([value(224.0)], [value(224.0000000001)], soft=True).counts.tp == 1
    assert match_items([value(224.0)], [value(224.1)], soft=True).counts.tp == 0
    assert match_items([value(224.0)], [value(225.0)], soft=True).counts.tp == 0


def test_one_to_one_greedy_best_first():
    gold = _names("Schoolverzuim", "Schoolverzuim", "Overig")
    pred = _names("Schoolverzuim", "Overige")
    result = match_items(gold, pred, soft=True)
    # one Schoolverzuim matches; 'Overige' vs 'Overig' scores 0.923 and is the only candidate for 'Overig'
    assert (result.counts.tp, result.counts.fp, result.counts.fn) == (2, 0, 1)
    assert [i.label for i in result.missed] == ["Schoolverzuim"]


def test_greedy_prefers_the_better_pair():
    gold = _names("Inzet bij rampen en crisis", "Inzet bij rampen en crises")
    pred = _names("Inzet bij rampen en crises")
    result = match_items(gold, pred, soft=True)
    assert result.counts.tp == 1
    assert [i.label for i in result.missed] == ["Inzet bij rampen en crisis"]


def test_optional_gold_items_neither_reward_nor_punish():
    required = Item((2023, "streefwaarde", 190.0, None), (("restafval",),), "required")
    optional = Item((2021, "streefwaarde", 190.0, None), (("restafval",),), "optional", optional=True)
    pred_optional = Item((2021, "streefwaarde", 190.0, None), (("restafval",),))
    assert match_items([optional], [pred_optional], soft=False).counts == Counts(0, 0, 0)
    assert match_items([optional], [], soft=False).counts == Counts(0, 0, 0)
    assert match_items([required, optional], [pred_optional], soft=False).counts == Counts(0, 0, 1)


@given(st.lists(st.text(alphabet="abcdefgh ", min_size=1, max_size=12), max_size=15),
       st.lists(st.text(alphabet="abcdefgh ", min_size=1, max_size=12), max_size=15), st.booleans())
def test_counts_always_add_up(gold_names, pred_names, soft):
    counts = match_items(_names(*gold_names), _names(*pred_names), soft=soft).counts
    assert counts.tp + counts.fn == len(gold_names)
    assert counts.tp + counts.fp == len(pred_names)
    perfect = match_items(_names(*gold_names), _names(*gold_names), soft=soft).counts
    assert perfect.fp == perfect.fn == 0


# --- scoring a document --------------------------------------------------------------------------

def _gold(**overrides) -> GoldDocument:
    data = {
        "source": {"file": "samples/example.txt", "sha256": SHA},
        "annotator": "test", "checked_by": "test",
        "coverage": {"metadata": {}, "goals": {}, "indicators": {"pages": [3]}, "budget_lines": {}, "partners": {}, "goal_fields": {}},
        "metadata": {"municipality": "Leiden", "document_type": "jaarstukken", "year": 2017, "period": None},
        "goals": [
            {"id": "2", "code": "2", "title": "Veiligheid", "level": "programma", "parent": None},
            {"id": "2A", "code": "2A", "title": "Fysieke veiligheid", "level": "beleidsterrein", "parent": "2"},
            {"id": "2A1", "code": "2A1", "title": "Optimale preventie en aanpak branden, rampen en crises", "level": "doel", "parent": "2A"},
            {"id": "2A1.1", "code": "2A1.1", "title": "Inzet bij rampen en crisis", "level": "prestatie", "parent": "2A1"},
        ],
        "indicators": [
            {"name": "Aantal brandstichtingen", "values": [
                {"year": 2016, "type": "realisatie", "value": 37},
                {"year": 2017, "type": "streefwaarde", "value": 15, "comparator": "<"},
            ]},
            {"name": "Verwijzingen naar Bureau Halt", "aliases": ["Verwijzingen Halt"], "values": []},
        ],
        "budget_lines": [
            {"programme": "P1 Veiligheid", "programme_aliases": ["P1"], "label": "Baten", "column": "Begroting 2024",
             "kind": "begroting", "year": 2024, "amount": 102000},
            {"programme": "P1 Veiligheid", "programme_aliases": ["P1"], "label": "Lasten", "column": "Begroting 2024",
             "kind": "begroting", "year": 2024, "amount": -4204000},
        ],
        "partners": [{"name": "Openbaar Ministerie", "aliases": ["OM"]}, {"name": "HALT"}],
        "goal_fields": {"2": None, "2A": "fysieke_veiligheid", "2A1": "fysieke_veiligheid", "2A1.1": "fysieke_veiligheid"},
    }
    data.update(overrides)
    return GoldDocument.model_validate(data)


def _prediction() -> Document:
    return Document(
        extractor_version="test",
        source=Source(file="samples/example.txt", sha256=SHA),
        metadata=Metadata(municipality="leiden", document_type="begroting", year=2017, period=(2015, 2018)),
        goals=[
            GoalNode(id="2", title="Veiligheid", level="programma", fields=["overig"]),
            GoalNode(id="2A", title="Fysieke  veiligheid", level="beleidsterrein", parent="2", fields=["fysieke_veiligheid"]),
            GoalNode(id="2A1", title="Optimale preventie en aanpak branden, rampen en crisis", level="doel", parent="2",
                     fields=["veilige_woon_en_leefomgeving", "fysieke_veiligheid"]),
            GoalNode(id="2B", title="Sociale veiligheid", level="beleidsterrein", parent="2"),
        ],
        indicators=[
            Indicator(id="i1", name="Aantal brandstichtingen", page=3, values=[
                IndicatorValue(year=2016, type="realisatie", value=37, raw="37"),
                IndicatorValue(year=2017, type="streefwaarde", value=15, raw="15"),  # comparator lost
            ]),
            Indicator(id="i2", name="Verwijzingen Halt", page=3),
            Indicator(id="i3", name="Aantal branden", page=9),  # outside the covered pages: ignored
        ],
        budget_lines=[
            BudgetLine(programme="P1", label="Baten", column="Begroting 2024", kind="begroting", year=2024, amount=102000, raw="102"),
            BudgetLine(programme="P1", label="Lasten", column="Begroting 2024", kind="begroting", year=2024, amount=-4204, raw="-4.204"),
        ],
        partners=[
            Partner(name="OM", canonical="Openbaar Ministerie", kind="justitie", known=True, mentions=2),
            Partner(name="bewoners", canonical="bewoners", kind="overig", known=False, mentions=1),
        ],
    )


def _counts(scores, name, mode="strict") -> tuple[int, int, int]:
    c = scores[name].counts(mode)
    return (c.tp, c.fp, c.fn)


def test_score_document_field_by_field():
    scores = score_document(_gold(), _prediction())
    assert _counts(scores, "goal_nodes") == (2, 2, 2)  # 2A (whitespace) and 2 match; 2A1 title differs; 2B spurious
    assert _counts(scores, "goal_nodes", "soft") == (3, 1, 1)  # 'crisis' vs 'crises' passes the 0.9 ratio
    assert _counts(scores, "goal_links") == (1, 2, 2)  # 2A->2 right; 2A1->2 wrong (gold 2A1->2A); 2B->2 spurious
    assert _counts(scores, "indicator_names") == (2, 0, 0)  # alias 'Verwijzingen Halt'; page-9 indicator not scored
    assert _counts(scores, "indicator_values") == (1, 1, 1)  # the '<' comparator is part of the value
    assert _counts(scores, "budget_lines") == (1, 1, 1)  # -4204 is not -4204000: scale not applied
    assert _counts(scores, "partners") == (1, 1, 1)  # OM via canonical name; 'bewoners' spurious; HALT missed
    assert _counts(scores, "themes") == (1, 1, 2)  # goal 2 has no gold field (not scored); 2A1's first field is wrong
    assert _counts(scores, "metadata") == (2, 1, 1)  # municipality (case), year; document_type wrong; period not scored


def test_uncovered_sections_are_not_scored():
    gold = _gold(coverage={"goals": {}})
    assert set(score_document(gold, _prediction())) == {"goal_nodes", "goal_links"}


def test_missing_prediction_scores_recall_zero():
    scores = score_document(_gold(), None)
    assert _counts(scores, "goal_nodes") == (0, 0, 4)
    assert scores["goal_nodes"].strict.counts.f1 == 0.0


def test_summary_micro_and_macro():
    first = DocumentResult("a", "a.txt", "jaarstukken", "scored", fields=score_document(_gold(), _prediction()))
    second = DocumentResult("b", "b.txt", "begroting", "scored", fields=score_document(_gold(), None))
    skipped = DocumentResult("c", "c.pdf", "begroting", "missing_source")
    summary = summarise([first, second, skipped])
    micro = summary.micro["goal_nodes"]["strict"]
    assert (micro.tp, micro.fp, micro.fn) == (2, 2, 6)
    assert micro.f1 == pytest.approx(4 / 12)
    assert summary.macro["goal_nodes"]["strict"]["f1"] == pytest.approx((0.5 + 0.0) / 2)
    assert summary.macro["goal_nodes"]["strict"]["precision"] == pytest.approx(0.5)  # document b has no precision


# --- the gold format -----------------------------------------------------------------------------

@pytest.mark.parametrize("change, message", [
    ({"goals": [{"id": "2A", "title": "x", "level": "doel", "parent": "9"}]}, "not a goal id"),
    ({"goals": [{"id": "2", "title": "x", "level": "doel"}, {"id": "2", "title": "y", "level": "doel"}]}, "occurs twice"),
    ({"goal_fields": {"nope": "overig"}, "goals": []}, "not a goal id"),
    ({"indicators": [{"name": "a", "parent_indicator": "b"}]}, "not an indicator name"),
    ({"surprise": 1}, "Extra inputs"),
])
def test_invalid_gold_is_rejected_with_a_reason(change, message):
    with pytest.raises(ValueError, match=message):
        _gold(**change)


def test_gold_schema_file_is_current():
    committed = (GOLD_DIR / "gold.schema.json").read_text(encoding="utf-8")
    assert committed == gold_schema_text(), "run `extractor evaluate --gold tests/gold --write-schema`"


def test_gold_files_are_valid():
    golds = load_gold_dir(GOLD_DIR)
    assert len(golds) >= 5
    for path, gold in golds:
        assert gold.coverage, f"{path.name} covers no section"
        assert gold.annotator and gold.checked_by and gold.notes, f"{path.name} must say who annotated and checked it, and how"


def test_gold_files_validate_against_json_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((GOLD_DIR / "gold.schema.json").read_text(encoding="utf-8"))
    for path in sorted(GOLD_DIR.glob("*.json")):
        if path.name in ("gold.schema.json", "thresholds.json"):
            continue
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)


def test_gold_sources_have_the_recorded_sha256(request):
    from extractor.checksums import file_sha256
    from extractor.evaluate.collect import resolve_source

    for _, gold in load_gold_dir(GOLD_DIR):
        source = resolve_source(gold, GOLD_DIR, REPO)
        if source is None:
            assert gold.source.file.startswith("../shared/corpus/"), f"{gold.source.file} missing from the repository"
            request.getfixturevalue("corpus_dir")  # skips outside CI when the corpus is absent, fails on CI
            continue
        assert file_sha256(source) == gold.source.sha256, f"{gold.source.file} changed since it was annotated"


def test_load_gold_dir_errors(tmp_path):
    with pytest.raises(GoldError, match="not found"):
        load_gold_dir(tmp_path / "absent")
    with pytest.raises(GoldError, match="no gold files"):
        load_gold_dir(tmp_path)
    (tmp_path / "bad.json").write_text('{"gold_version": "1"}', encoding="utf-8")
    with pytest.raises(GoldError, match="not a valid gold file"):
        load_gold_dir(tmp_path)


# --- reports and the command ---------------------------------------------------------------------

def test_text_report_plain_and_rich():
    result = DocumentResult("a", "a.txt", None, "scored", pages=3, seconds=1.5,
                            fields=score_document(_gold(), _prediction()))
    skipped = DocumentResult("b", "b.pdf", "begroting", "missing_source", message="b.pdf not found; skipped")
    plain = render_text([result, skipped], use_rich=False, details=True)
    assert "a (other)" in plain and "3 pages" in plain and "1.50 s" in plain
    assert "goal_nodes missed:   2A1.1 Inzet bij rampen en crisis" in plain
    assert "b.pdf not found; skipped" in plain and "1 skipped" in plain
    rich = render_text([result], use_rich=True)
    assert "goal_nodes" in rich and "All documents, micro average" in rich
    assert to_json([result])["by_document_type"]["other"]["micro"]["goal_nodes"]["strict"]["tp"] == 2


def test_min_f1_specs():
    assert parse_min_f1(["goal_nodes=0.9"]) == {"goal_nodes": 0.9}
    everything = parse_min_f1(["0.5", "themes=0.8"])
    assert everything["themes"] == 0.8 and everything["metadata"] == 0.5
    for bad in ["x=0.5", "1.5", "goal_nodes=abc"]:
        with pytest.raises(ValueError):
            parse_min_f1([bad])


def test_markdown_block_replacement():
    result = DocumentResult("a", "a.txt", "jaarstukken", "scored", fields=score_document(_gold(), _prediction()))
    table = render_markdown([result])
    assert table.startswith("| field | jaarstukken | all (micro) |")
    assert "| goal_nodes | 0.500 / 0.750 (n=4) | 0.500 / 0.750 (n=4) |" in table
    text = f"intro\n{MARK_START}\nold table\n{MARK_END}\noutro\n"
    assert replace_marked_block(text, table) == f"intro\n{MARK_START}\n{table}{MARK_END}\noutro\n"
    with pytest.raises(ValueError):
        replace_marked_block("no markers", table)
    payload = to_json([result], details=True)
    assert payload["overall"]["micro"]["goal_nodes"]["strict"]["f1"] == 0.5
    assert payload["documents"][0]["fields"]["goal_nodes"]["missed"]


def _cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "extractor", "evaluate", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture()
def gold_and_pred(tmp_path):
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    (gold_dir / "example.json").write_text(_gold().model_dump_json(), encoding="utf-8")
    (pred_dir / "whatever.json").write_text(_prediction().model_dump_json(), encoding="utf-8")
    return gold_dir, pred_dir


def test_cli_scores_predictions_as_json(gold_and_pred):
    gold_dir, pred_dir = gold_and_pred
    done = _cli("--gold", str(gold_dir), "--pred", str(pred_dir), "--json")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    fields = payload["documents"][0]["fields"]
    assert fields["indicator_names"]["strict"] == {"tp": 2, "fp": 0, "fn": 0, "support": 2, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert fields["budget_lines"]["soft"]["f1"] == 0.5


def test_cli_min_f1_exit_code(gold_and_pred):
    gold_dir, pred_dir = gold_and_pred
    assert _cli("--gold", str(gold_dir), "--pred", str(pred_dir), "--min-f1", "indicator_names=1.0").returncode == 0
    done = _cli("--gold", str(gold_dir), "--pred", str(pred_dir), "--min-f1", "0.9", "--plain")
    assert done.returncode == 4
    assert "below threshold" in done.stderr and "goal_nodes" in done.stderr
    assert "goal_nodes" in done.stdout  # the table is still printed


def test_cli_missing_prediction_and_bad_usage(gold_and_pred, tmp_path):
    gold_dir, _ = gold_and_pred
    empty = tmp_path / "empty"
    empty.mkdir()
    done = _cli("--gold", str(gold_dir), "--pred", str(empty), "--plain")
    assert done.returncode == 3 and "missing_prediction" in done.stdout
    assert _cli("--gold", str(tmp_path / "nope"), "--pred", str(empty)).returncode == 2
    assert _cli("--gold", str(gold_dir)).returncode == 2  # neither --pred nor --run
    assert _cli("--gold", str(gold_dir), "--pred", str(empty), "--min-f1", "bogus=1").returncode == 2


def test_cli_markdown_rewrites_marked_block(gold_and_pred, tmp_path):
    gold_dir, pred_dir = gold_and_pred
    readme = tmp_path / "README.md"
    readme.write_text(f"# Tool\n{MARK_START}\n(stale)\n{MARK_END}\n", encoding="utf-8")
    done = _cli("--gold", str(gold_dir), "--pred", str(pred_dir), "--markdown", str(readme))
    assert done.returncode == 0, done.stderr
    text = readme.read_text(encoding="utf-8")
    assert "(stale)" not in text and "| goal_nodes |" in text and text.startswith("# Tool\n")


def test_cli_run_extracts_text_documents(tmp_path):
    """--run on a one-document gold set made from a seed: extraction and scoring through the real entry point."""
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    seed = GOLD_DIR / "leiden_voortgangsrapportage_2022_veiligheid.json"
    (gold_dir / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    done = _cli("--gold", str(gold_dir), "--run", "--json", "--root", str(REPO), cwd=tmp_path)
    assert done.returncode in (0, 3), done.stderr
    document = json.loads(done.stdout)["documents"][0]
    assert document["status"] in ("scored", "failure")
    assert document["seconds"] is not None
    assert document["fields"]["goal_nodes"]["strict"]["support"] == 30


def test_cli_help_has_examples():
    done = _cli("--help")
    assert done.returncode == 0 and "examples:" in done.stdout and "--min-f1" in done.stdout
