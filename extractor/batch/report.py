"""Live progress (rich) and the end-of-batch summary."""

from __future__ import annotations

import time
from typing import Optional

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from extractor.batch.runner import BatchResult, DocumentRecord


class RichReporter:
    """done/total, pages/s, failures and ETA on stderr; each failure printed above the bar."""

    def __init__(self, console: Optional[Console] = None) -> None:
        self.console = console or Console(stderr=True)
        self._progress: Optional[Progress] = None
        self._task: Optional[TaskID] = None
        self._pages = 0
        self._failures = 0
        self._started = time.monotonic()

    def start(self, total: int, already_done: int) -> None:
        self._started = time.monotonic()
        if already_done:
            self.console.print(f"resume: {already_done} documents already done with this extractor version; skipped")
        self._progress = Progress(
            TextColumn("[bold]extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[pages_per_s]:>6.1f} pages/s"),
            TextColumn("[red]{task.fields[failures]} failed"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self._progress.start()
        self._task = self._progress.add_task("batch", total=total, pages_per_s=0.0, failures=0)

    def advance(self, record: DocumentRecord) -> None:
        self._pages += record.pages or 0
        if record.status == "failure":
            self._failures += 1
            self.console.print(f"[red]FAILED[/red]  {escape('[' + str(record.error_code) + ']')} ", end="")
            self.console.print(record.error_message or record.rel_path, markup=False, highlight=False, soft_wrap=True)
        elapsed = max(time.monotonic() - self._started, 1e-6)
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=1, pages_per_s=self._pages / elapsed, failures=self._failures)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()


class QuietReporter:
    """No progress; failures only, one line each on stderr (for scripts and logs)."""

    def __init__(self, console: Optional[Console] = None) -> None:
        self.console = console or Console(stderr=True, highlight=False)

    def start(self, total: int, already_done: int) -> None:
        pass

    def advance(self, record: DocumentRecord) -> None:
        if record.status == "failure":
            self.console.print(f"FAILED  [{record.error_code}] {record.error_message or record.rel_path}", markup=False, soft_wrap=True)

    def stop(self) -> None:
        pass


def print_summary(result: BatchResult, console: Optional[Console] = None, slowest: int = 5) -> None:
    """Documents by status, pages, time, throughput, slowest documents, failures and skips."""
    console = console or Console()
    counts = result.by_status()
    resumed = sum(1 for r in result.records if r.resumed)
    processed = result.processed
    wall = max(result.wall_s, 1e-6)
    console.print(f"[bold]Batch finished[/bold] in {result.wall_s:.1f} s -> {result.out_dir}")
    status_line = ", ".join(f"{counts.get(s, 0)} {s}" for s in ("success", "partial", "failure", "skipped"))
    console.print(f"documents: {status_line}" + (f" ({resumed} already done, not redone)" if resumed else ""))
    if result.internal_errors:
        console.print(f"[red]{len(result.internal_errors)} partial because of an internal error[/red] (a bug: please report it with the file)")
    console.print(f"processed now: {len(processed)} documents, {result.pages} pages, "
                  f"{result.pages / wall:.1f} pages/s, {len(processed) / wall:.2f} documents/s")
    if result.ocr_pages or result.ocr_pages_left:
        console.print(ocr_summary(processed))
    peaks = result.stats.get("peak_rss_mb_per_worker")
    if peaks:
        console.print(f"peak memory per worker: {max(peaks):.0f} MB")
    timed = sorted((r for r in processed if r.duration_s is not None), key=lambda r: r.duration_s or 0.0, reverse=True)
    if timed:
        table = Table(title="slowest documents", show_edge=False)
        table.add_column("seconds", justify="right")
        table.add_column("pages", justify="right")
        table.add_column("status")
        table.add_column("document", overflow="fold")
        for record in timed[:slowest]:
            table.add_row(f"{record.duration_s:.1f}", str(record.pages or "-"), record.status, record.rel_path)
        console.print(table)
    failed = result.failed
    if failed:
        console.print(f"[red]{len(failed)} failed[/red] (details in manifest.sqlite and each document's JSON):")
        _print_records(console, [f"[{r.error_code}] {r.error_message or r.rel_path}" for r in failed], 20, "")
    empty = [r for r in processed if r.status != "failure" and r.extracted == 0]
    if empty:
        console.print(f"[yellow]{len(empty)} came out empty[/yellow] (no goals, indicators or budget lines; "
                      "manifest column warning_codes says why where known):")
        _print_records(console, [f"{r.rel_path}" + (f" [{r.warning_codes}]" if r.warning_codes else "") for r in empty],
                       20, " (see manifest.sqlite)")
    skipped = [r for r in result.records if r.status == "skipped"]
    if skipped:
        console.print(f"{len(skipped)} skipped (not a PDF or text document, or a symbolic link loop):")
        _print_records(console, [r.error_message or r.rel_path for r in skipped], 10, " (see manifest.sqlite)")
    if result.tables is not None:
        rows = ", ".join(f"{n} {name}" for name, n in result.tables.rows.items())
        console.print(f"tables: {rows} -> {result.tables.folder}")
    if result.removed_temp_files:
        console.print(f"removed {result.removed_temp_files} half-written files left by an interrupted run")


def ocr_summary(records: list[DocumentRecord]) -> str:
    """The summary's OCR line: OCR'd pages apart from text pages (they cost a hundred times more),
    their CPU time, and the pages that needed OCR but were left unread."""
    ocr_docs = [r for r in records if r.ocr_pages]
    pages = sum(r.ocr_pages for r in ocr_docs)
    wall = sum(r.duration_s or 0.0 for r in ocr_docs)
    cpu = sum(r.cpu_s or 0.0 for r in ocr_docs)
    line = f"OCR: {pages} pages in {len(ocr_docs)} documents ({wall:.1f} s in those documents"
    if cpu > 0 and pages:
        line += f", {cpu:.1f} CPU s: {pages / cpu:.2f} pages/s per core incl. their text pages"
    line += ")"
    left_docs = [r for r in records if r.ocr_pages_left]
    if left_docs:
        left = sum(r.ocr_pages_left for r in left_docs)
        line += (f"; {left} pages in {len(left_docs)} documents were not OCR'd and their content is missing "
                 "(the time for OCR ran out: use a longer --timeout; or --ocr-max-pages was reached)")
    return line


def _print_records(console, lines: list[str], limit: int, more_hint: str) -> None:
    """At most `limit` lines, printed literally (file names may contain rich markup characters)."""
    for line in lines[:limit]:
        console.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)
    if len(lines) > limit:
        console.print(f"  ... and {len(lines) - limit} more{more_hint}")
