"""Time of `extractor report` against the batch that produced its input (target: ≤ 20 %).

Runs `extractor batch` on a folder (default ../shared/corpus) into a temporary output folder,
then `extractor report` on that output twice: cold (page images rendered) and warm (images
cached), and once with --no-images. Prints seconds, documents, page images and the ratios.

    python benchmarks/bench_report.py
    python benchmarks/bench_report.py ../shared/corpus --workers 2
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_RATIO = 0.20


def timed(command: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 3):
        sys.exit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr[-2000:]}")
    return elapsed, result.stdout.strip().splitlines()[-2] if result.stdout.strip() else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--workers", default="2")
    args = parser.parse_args()
    cli = [sys.executable, "-m", "extractor"]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        batch_s, _ = timed(cli + ["batch", args.corpus, "--out", str(out), "--workers", args.workers, "--quiet"])
        cold_s, cold = timed(cli + ["report", str(out), "--out", str(out / "report"), "--workers", args.workers])
        warm_s, _ = timed(cli + ["report", str(out), "--out", str(out / "report"), "--workers", args.workers])
        bare_s, _ = timed(cli + ["report", str(out), "--out", str(Path(tmp) / "bare"), "--workers", args.workers,
                                 "--no-images"])
    print(f"batch:                 {batch_s:7.1f} s  ({args.corpus}, {args.workers} workers)")
    print(f"report, cold images:   {cold_s:7.1f} s  = {cold_s / batch_s:.0%} of the batch   [{cold}]")
    print(f"report, cached images: {warm_s:7.1f} s  = {warm_s / batch_s:.0%} of the batch")
    print(f"report, --no-images:   {bare_s:7.1f} s  = {bare_s / batch_s:.0%} of the batch")
    print(f"target: report ≤ {TARGET_RATIO:.0%} of the batch time")


if __name__ == "__main__":
    main()
