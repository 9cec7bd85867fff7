"""Score the table reader on synthetic tables (shared by the test and a quick manual run)."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from extractor.layout import lay_out
from extractor.parse.tables import read_tables
from extractor.read import read_document
from tests.table_factory import Spec, expected, make_table, render


def predicted(path: Path) -> set[tuple]:
    result = read_tables(lay_out(read_document(str(path))), [], None, use_camelot=False, prose=False)
    out: set[tuple] = set()
    for indicator in result.indicators:
        for v in indicator.values:
            out.add((" ".join(indicator.name.split()), v.year, v.type, None, round(v.value, 4)))
    for line in result.budget_lines:
        out.add((" ".join(line.label.split()), line.year, line.kind, line.side, round(line.amount, 4)))
    return out


def score(specs: list[Spec]) -> tuple[int, int, int, list[tuple[Spec, set, set]]]:
    """(hits, predicted, expected, failures) over all specs."""
    hits = found = wanted = 0
    failures = []
    with tempfile.TemporaryDirectory() as folder:
        for number, spec in enumerate(specs):
            path = Path(folder) / f"t{number}.pdf"
            path.write_bytes(render(spec))
            got, want = predicted(path), expected(spec)
            hits += len(got & want)
            found += len(got)
            wanted += len(want)
            if got != want:
                failures.append((spec, got - want, want - got))
    return hits, found, wanted, failures


if __name__ == "__main__":
    import sys

    specs = [make_table(random.Random(seed)) for seed in range(int(sys.argv[1]) if len(sys.argv) > 1 else 200)]
    hits, found, wanted, failures = score(specs)
    p, r = hits / max(1, found), hits / max(1, wanted)
    print(f"tables {len(specs)}  precision {p:.3f}  recall {r:.3f}  F1 {2 * p * r / max(1e-9, p + r):.3f}  imperfect {len(failures)}")
    for spec, extra, missing in failures[: int(sys.argv[2]) if len(sys.argv) > 2 else 5]:
        print("---", spec.kind, spec.style, "two_row" if spec.two_row_header else "", "split", spec.split_at, spec.repeat_header,
              spec.label_header, [c.top + "/" + c.bottom for c in spec.columns])
        print("  extra  ", sorted(extra, key=str)[:4])
        print("  missing", sorted(missing, key=str)[:4])
