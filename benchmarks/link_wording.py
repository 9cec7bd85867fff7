"""Share of the hand-made gold links whose wording changed a lot that the linker finds.

    PYTHONPATH=. python benchmarks/link_wording.py --pred DIR [--pred DIR] [--max-ratio 70]

A gold link (both sides present) has a large wording change when rapidfuzz's token_set_ratio of the two
normalised titles is below --max-ratio. It is found when a predicted link (not new/dropped) of its kind
joins the same two items. DIR holds document JSON made by `extractor extract` for the gold documents.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rapidfuzz import fuzz

from extractor.enrich.catalogue import normalise_name
from extractor.evaluate.links import item_matches, load_gold_links
from extractor.link.catalogue import fill_catalogue_ids
from extractor.link.documents import document_key
from extractor.link.match import link_pair
from extractor.model import Document


def load_predictions(folders: list[str]) -> dict[str, Document]:
    documents = {}
    for folder in folders:
        for path in Path(folder).rglob("*.json"):
            try:
                document = Document.model_validate_json(path.read_text(encoding="utf-8"))
            except ValueError:
                continue
            fill_catalogue_ids(document)
            documents[document_key(document.source.file)] = document
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pred", action="append", required=True)
    parser.add_argument("--gold", default="tests/gold_links")
    parser.add_argument("--max-ratio", type=float, default=70.0)
    args = parser.parse_args()
    documents = load_predictions(args.pred)
    hard = found = 0
    for gold in load_gold_links(Path(args.gold)):
        for pair in gold["pairs"]:
            a, b = document_key(pair["from"]), document_key(pair["to"])
            if a not in documents or b not in documents:
                continue
            rows = [r for r in link_pair(a, documents[a], b, documents[b], bool(pair.get("consecutive")), pair["kinds"])
                    if r.from_id and r.to_id]
            for link in pair["links"]:
                if not link.get("from") or not link.get("to"):
                    continue
                ratio = fuzz.token_set_ratio(normalise_name(link["from"]["title"]), normalise_name(link["to"]["title"]))
                if ratio >= args.max_ratio:
                    continue
                hard += 1
                hit = any(r.kind == link["kind"] and item_matches(link["from"], a, r.from_id, r.from_title)
                          and item_matches(link["to"], b, r.to_id, r.to_title) for r in rows)
                found += hit
                print(f"{'found' if hit else 'MISSED'} {gold['file']} {link['kind']} ({ratio:.0f}): "
                      f"{link['from']['title'][:60]!r} -> {link['to']['title'][:60]!r}")
    share = found / hard if hard else 0.0
    print(f"gold links with token_set_ratio < {args.max_ratio:.0f}: {hard}, found: {found} ({share:.0%})")


if __name__ == "__main__":
    main()
