"""Figure grids that no table reader used or reported ("silent" tables) over a corpus, and the time the check costs.

Extracts every document of the folder (tables on, no tagging, no OCR by default) with `extract_document`, or
reads the JSON of an earlier batch (`--from-batch`), and prints each document's unread grids (page and box)
and the total. The count should be 0 or each remaining grid explained (docs/tables.md).

    python benchmarks/silent_grids.py                                 # ../shared/corpus
    python benchmarks/silent_grids.py ../shared/seeds
    python benchmarks/silent_grids.py --from-batch output/corpus      # the JSON of `extractor batch`
    python benchmarks/silent_grids.py --exclude 'web_pages/heerde_' --exclude 'ruimte_2020'
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from extractor.evaluate.silent import load_documents, silent_grids  # noqa: E402
from extractor.model import Document  # noqa: E402


def _extract(folder: Path, excluded: list[re.Pattern[str]], ocr: str) -> tuple[list[Document], float, float]:
    """Every document of `folder`, and the seconds spent in the grid check alone and in all."""
    import extractor.pipeline as pipeline
    from extractor.pipeline import ExtractOptions, extract_document

    spent = [0.0]
    check = pipeline.unread_grids

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return check(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start

    pipeline.unread_grids = timed
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in (".pdf", ".txt", ".md")
                   and not any(x.search(str(p)) for x in excluded))
    started = time.perf_counter()
    documents = [extract_document(p, ExtractOptions(enrich=False, ocr=ocr)) for p in files]
    return documents, spent[0], time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--from-batch", metavar="DIR", help="count from the JSON of an earlier `extractor batch` run")
    parser.add_argument("--exclude", action="append", default=[], metavar="REGEX", help="skip input paths matching REGEX")
    parser.add_argument("--ocr", default="never", choices=("auto", "never"), help="OCR pages without text (default never)")
    args = parser.parse_args()
    excluded = [re.compile(x) for x in args.exclude]
    if args.from_batch:
        documents = [d for d in load_documents(Path(args.from_batch)) if not any(x.search(d.source.file) for x in excluded)]
        check = total = None
    else:
        documents, check, total = _extract(Path(args.folder), excluded, args.ocr)
    grids = silent_grids(documents)
    for grid in grids:
        print(f"{grid.file}  page {grid.page}  {[round(v) for v in grid.bbox]}  {grid.reason}")
    pages = sum(d.source.pages or 0 for d in documents)
    print(f"{len(grids)} unread figure grids in {len({g.file for g in grids})} of {len(documents)} documents ({pages} pages)")
    if check is not None and total:
        print(f"grid check: {check:.2f} s of {total:.1f} s extraction ({1000 * check / max(1, pages):.2f} ms per page)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
