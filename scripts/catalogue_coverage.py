"""How many rows of BBV indicator tables get a catalogue id, over a folder of document JSON.

    PYTHONPATH=. python scripts/catalogue_coverage.py output/corpus

A table counts as a BBV table when at least half of its rows match the catalogue; its other rows are
the misses (a BBV row the matcher did not recognise, or a local indicator printed in the BBV table).
Rows outside such tables that still match are listed too, to spot false matches.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from extractor.enrich.catalogue import match_indicator
from extractor.model import Document


def main(folder: str) -> None:
    in_tables = matched = outside = 0
    misses: list[str] = []
    for path in sorted(Path(folder).rglob("*.json")):
        if any(part.startswith("_") for part in path.relative_to(folder).parts):
            continue
        try:
            document = Document.model_validate_json(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        tables = defaultdict(list)
        for indicator in document.indicators:
            tables[indicator.table or f"p{indicator.page}"].append(
                (indicator, indicator.catalogue_id or match_indicator(indicator.name, indicator.unit)))
        for rows in tables.values():
            hits = sum(cid is not None for _, cid in rows)
            if hits * 2 >= len(rows) and hits >= 3:
                in_tables += len(rows)
                matched += hits
                misses += [f"{path.name}: {ind.name!r} ({ind.unit})" for ind, cid in rows if cid is None]
            else:
                outside += hits
                misses += [f"{path.name}: outside a BBV table: {ind.name!r} -> {cid}" for ind, cid in rows if cid]
    share = matched / in_tables if in_tables else 0.0
    print(f"BBV table rows: {in_tables}, with catalogue id: {matched} ({share:.1%}); matches outside BBV tables: {outside}")
    for line in misses:
        print("  " + line)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "output/corpus")
