"""Score links against hand-made gold links (tests/gold_links/*.json; format in its README).

Gold items are named by title (and code, page or programme where given), not by the extractor's ids, so
the gold survives id changes. A predicted link is judged when the gold covers its pair and kind and
(unless the gold says it is complete) when one of its two items is a gold item. A link counts as found
when both items match; per relation, the relation must match too.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from extractor.enrich.catalogue import normalise_name
from extractor.link.documents import document_key
from extractor.link.match import name_similarity, normalise_code
from extractor.link.records import LinkRow

TITLE_MIN = 0.9


class LinkGoldError(ValueError):
    """A gold link file is malformed."""


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def scores(self) -> dict[str, float]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class LinkScores:
    by_kind: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_relation: dict[tuple[str, str], Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_file: dict[tuple[str, str], Counts] = field(default_factory=lambda: defaultdict(Counts))
    misses: list[str] = field(default_factory=list)
    calibration: list[tuple[float, bool]] = field(default_factory=list)
    """(score, correct) of every judged predicted link, to check the score calibration."""

    def as_dict(self) -> dict[str, Any]:
        return {"kinds": {k: c.scores() for k, c in sorted(self.by_kind.items())},
                "relations": {f"{k}/{r}": c.scores() for (k, r), c in sorted(self.by_relation.items())},
                "files": {f"{f}/{k}": c.scores() for (f, k), c in sorted(self.by_file.items())}}


def load_gold_links(folder: Path) -> list[dict[str, Any]]:
    files = sorted(Path(folder).glob("*.json"))
    if not files:
        raise LinkGoldError(f"no gold link files in {folder}")
    golds = []
    for path in files:
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise LinkGoldError(f"{path.name}: not valid JSON ({exc.msg})") from exc
        for pair in gold.get("pairs", []):
            if not {"from", "to", "kinds", "links"} <= pair.keys():
                raise LinkGoldError(f"{path.name}: each pair needs from, to, kinds and links")
        gold["file"] = path.name
        golds.append(gold)
    return golds


def item_matches(gold: Optional[dict], doc: Optional[str], item_id: Optional[str], title: Optional[str]) -> bool:
    if gold is None or item_id is None:
        return gold is None and item_id is None
    if gold.get("id") == item_id:
        return True
    if "programme" in gold and item_id.split("/")[0] != gold["programme"]:
        return False
    own = item_id.split("/")[-1]
    if "code" in gold and re.fullmatch(r"[\dA-Za-z.]*\d[\dA-Za-z.]*", own) and normalise_code(gold["code"]) != normalise_code(own):
        return False  # goal ids carry their code ("P1/1.2", "2A1"); other ids do not
    if "page" in gold and f"p{gold['page']}" not in item_id and f"/{gold['page']}/" not in item_id:
        return False
    return name_similarity(normalise_name(gold["title"]), normalise_name(title or "")) >= TITLE_MIN


def score_links(golds: list[dict], predict: Callable[[str, str, bool, list[str]], list[LinkRow]]) -> LinkScores:
    """`predict(from_source, to_source, consecutive, kinds)` returns the predicted rows of one pair."""
    scores = LinkScores()
    for gold in golds:
        for pair in gold["pairs"]:
            rows = predict(pair["from"], pair["to"], bool(pair.get("consecutive")), pair["kinds"])
            _score_pair(pair, rows, scores, gold["file"])
    return scores


def _score_pair(pair: dict, rows: list[LinkRow], scores: LinkScores, file: str) -> None:
    from_key, to_key = document_key(pair["from"]), document_key(pair["to"])
    for kind in pair["kinds"]:
        gold_links = [g for g in pair["links"] if g["kind"] == kind]
        gold_items_a = [g["from"] for g in gold_links if g.get("from")]
        gold_items_b = [g["to"] for g in gold_links if g.get("to")]
        complete = kind in pair.get("complete", [])
        predicted = [r for r in rows if r.kind == kind and r.from_doc in (from_key, None) and r.to_doc in (to_key, None)]
        matched_gold: set[int] = set()
        for row in predicted:
            judged = complete or any(item_matches(g, from_key, row.from_id, row.from_title) for g in gold_items_a) \
                or any(item_matches(g, to_key, row.to_id, row.to_title) for g in gold_items_b)
            if not judged:
                continue
            hit = next((k for k, g in enumerate(gold_links) if k not in matched_gold
                        and item_matches(g.get("from"), from_key, row.from_id, row.from_title)
                        and item_matches(g.get("to"), to_key, row.to_id, row.to_title)), None)
            scores.calibration.append((row.score, hit is not None))
            if hit is None:
                scores.by_file[(file, kind)].fp += 1
                scores.by_kind[kind].fp += 1
                scores.by_relation[(kind, row.relation)].fp += 1
                scores.misses.append(f"{file}: spurious {kind} {row.relation}: {row.from_title!r} → {row.to_title!r}")
                continue
            matched_gold.add(hit)
            scores.by_kind[kind].tp += 1
            scores.by_file[(file, kind)].tp += 1
            relation = gold_links[hit]["relation"]
            if relation == row.relation:
                scores.by_relation[(kind, relation)].tp += 1
            else:
                scores.by_relation[(kind, row.relation)].fp += 1
                scores.by_relation[(kind, relation)].fn += 1
                scores.misses.append(f"{file}: {kind} relation {row.relation} should be {relation}: "
                                     f"{row.from_title!r} → {row.to_title!r}")
        for k, g in enumerate(gold_links):
            if k not in matched_gold:
                scores.by_kind[kind].fn += 1
                scores.by_file[(file, kind)].fn += 1
                scores.by_relation[(kind, g["relation"])].fn += 1
                scores.misses.append(f"{file}: missed {kind} {g['relation']}: {(g.get('from') or {}).get('title')!r} "
                                     f"→ {(g.get('to') or {}).get('title')!r}")


def render_link_scores(scores: LinkScores, by_file: bool = False) -> str:
    lines = ["| kind / relation | precision | recall | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    rows = [(k, c) for k, c in sorted(scores.by_kind.items())] + \
        [(f"{k} / {r}", c) for (k, r), c in sorted(scores.by_relation.items())]
    if by_file:
        rows += [(f"{f}: {k}", c) for (f, k), c in sorted(scores.by_file.items())]
    for name, counts in rows:
        s = counts.scores()
        lines.append(f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['tp']} | {s['fp']} | {s['fn']} |")
    return "\n".join(lines)


def calibration_table(scores: LinkScores, edges: tuple[float, ...] = (0.0, 0.5, 0.7, 0.9, 0.99, 1.01)) -> str:
    lines = ["| score | links | share correct |", "|---|---|---|"]
    for low, high in zip(edges, edges[1:]):
        inside = [ok for score, ok in scores.calibration if low <= score < high]
        if inside:
            lines.append(f"| {low:.2f}–{min(high, 1.0):.2f} | {len(inside)} | {sum(inside) / len(inside):.2f} |")
    return "\n".join(lines)
