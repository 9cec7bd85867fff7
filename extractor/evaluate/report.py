"""Rendering evaluation results: a human table (rich when it is a terminal), JSON, and Markdown for README."""

from __future__ import annotations

import io
import re
from typing import Any, Optional

from extractor.evaluate.match import Counts
from extractor.evaluate.score import FIELDS, MODES, DocumentResult, Summary, summarise

MARK_START = "<!-- evaluate:start -->"
MARK_END = "<!-- evaluate:end -->"


def _round(value: Optional[float]) -> Optional[float]:
    return None if value is None else round(value, 4)


def counts_json(counts: Counts) -> dict[str, Any]:
    return {
        "tp": counts.tp, "fp": counts.fp, "fn": counts.fn, "support": counts.support,
        "precision": _round(counts.precision), "recall": _round(counts.recall), "f1": _round(counts.f1),
    }


def to_json(results: list[DocumentResult], details: bool = False) -> dict[str, Any]:
    documents = []
    for r in results:
        entry: dict[str, Any] = {
            "name": r.name, "source": r.source, "document_type": r.document_type, "status": r.status,
            "message": r.message, "pages": r.pages, "seconds": r.seconds, "errors": r.errors, "warnings": r.warnings,
            "grids_unread": r.grids_unread, "fields": {},
        }
        for name, score in r.fields.items():
            entry["fields"][name] = {mode: counts_json(score.counts(mode)) for mode in MODES}
            if details:
                entry["fields"][name]["missed"] = [i.label for i in score.soft.missed]
                entry["fields"][name]["spurious"] = [i.label for i in score.soft.spurious]
        documents.append(entry)
    summary = summarise(results)
    return {
        "documents": documents,
        "overall": _summary_json(summary),
        "by_document_type": {
            t: _summary_json(summarise(results, lambda r, t=t: (r.document_type or "other") == t))
            for t in sorted({r.document_type or "other" for r in results if r.scored})
        },
        "failures": sum(1 for r in results if r.status in ("failure", "missing_prediction")),
        "skipped": [r.name for r in results if not r.scored],
        "seconds": _round(sum(r.seconds or 0.0 for r in results)),
        "pages": sum(r.pages or 0 for r in results),
        "grids_unread": sum(r.grids_unread for r in results),
    }


def _summary_json(summary: Summary) -> dict[str, Any]:
    return {
        "micro": {f: {m: counts_json(c) for m, c in modes.items()} for f, modes in summary.micro.items()},
        "macro": {f: {m: {k: _round(v) for k, v in vals.items()} for m, vals in modes.items()} for f, modes in summary.macro.items()},
    }


def _fmt(value: Optional[float]) -> str:
    return "-" if value is None else f"{value:.3f}"


def _rows(fields: dict[str, dict[str, Counts]]) -> list[list[str]]:
    rows = []
    for name in FIELDS:
        if name not in fields:
            continue
        s, f = fields[name]["strict"], fields[name]["soft"]
        rows.append([name, _fmt(s.precision), _fmt(s.recall), _fmt(s.f1), _fmt(f.precision), _fmt(f.recall), _fmt(f.f1), str(s.support)])
    return rows


HEADER = ["field", "P strict", "R strict", "F1 strict", "P soft", "R soft", "F1 soft", "support"]


def render_text(results: list[DocumentResult], use_rich: bool, details: bool = False) -> str:
    """Per document and overall tables, with pages, seconds and failures beside the scores."""
    blocks: list[tuple[str, list[list[str]], list[str]]] = []
    for r in results:
        info = [f"status {r.status}"]
        if r.pages is not None:
            info.append(f"{r.pages} pages")
        if r.seconds is not None:
            info.append(f"{r.seconds:.2f} s")
        if r.scored:
            info.append(f"{r.errors} errors, {r.warnings} warnings")
            if r.grids_unread:
                info.append(f"{r.grids_unread} figure grids unread")
        if r.message:
            info.append(r.message)
        notes: list[str] = []
        if details:
            for name, score in r.fields.items():
                notes += [f"  {name} missed:   {i.label}" for i in score.soft.missed]
                notes += [f"  {name} spurious: {i.label}" for i in score.soft.spurious]
        fields = {n: {m: s.counts(m) for m in MODES} for n, s in r.fields.items()}
        blocks.append((f"{r.name} ({r.document_type or 'other'}) — " + "; ".join(info), _rows(fields) if r.scored else [], notes))
    summary = summarise(results)
    blocks.append(("All documents, micro average (counts summed)", _rows(summary.micro), []))
    macro_rows = []
    for name in FIELDS:
        if name in summary.macro:
            s, f = summary.macro[name]["strict"], summary.macro[name]["soft"]
            macro_rows.append([name, _fmt(s["precision"]), _fmt(s["recall"]), _fmt(s["f1"]),
                               _fmt(f["precision"]), _fmt(f["recall"]), _fmt(f["f1"]), str(summary.micro[name]["strict"].support)])
    blocks.append(("All documents, macro average (mean of per-document scores)", macro_rows, []))
    failures = sum(1 for r in results if r.status in ("failure", "missing_prediction"))
    skipped = sum(1 for r in results if not r.scored)
    footer = (f"{len(results)} gold documents, {failures} failed or without prediction, {skipped} skipped; "
              f"{sum(r.pages or 0 for r in results)} pages, {sum(r.seconds or 0.0 for r in results):.1f} s extraction; "
              f"{sum(r.grids_unread for r in results)} figure grids no table reader used or reported (numeric_grid_unread)")
    return _render_rich(blocks, footer) if use_rich else _render_plain(blocks, footer)


def _render_plain(blocks, footer: str) -> str:
    out: list[str] = []
    for title, rows, notes in blocks:
        out.append(title)
        if rows:
            table = [HEADER] + rows
            widths = [max(len(row[i]) for row in table) for i in range(len(HEADER))]
            for row in table:
                out.append("  " + "  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)))
        out.extend(notes)
        out.append("")
    out.append(footer)
    return "\n".join(out) + "\n"


def _render_rich(blocks, footer: str) -> str:
    from rich.console import Console
    from rich.table import Table

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=120)
    for title, rows, notes in blocks:
        if rows:
            table = Table(title=title, title_justify="left")
            for i, head in enumerate(HEADER):
                table.add_column(head, justify="left" if i == 0 else "right")
            for row in rows:
                table.add_row(*row)
            console.print(table)
        else:
            console.print(title)
        for note in notes:
            console.print(note, markup=False)
    console.print(footer)
    return buffer.getvalue()


def render_markdown(results: list[DocumentResult]) -> str:
    """The README results table: F1 per document type and field, strict / soft, with support."""
    types = sorted({r.document_type or "other" for r in results if r.scored})
    per_type = {t: summarise(results, lambda r, t=t: (r.document_type or "other") == t) for t in types}
    overall = summarise(results)
    lines = [
        "| field | " + " | ".join(types) + " | all (micro) |",
        "|---|" + "---|" * (len(types) + 1),
    ]
    for name in FIELDS:
        if name not in overall.micro:
            continue
        cells = []
        for summary in [*(per_type[t] for t in types), overall]:
            modes = summary.micro.get(name)
            cells.append("" if not modes else f"{_fmt(modes['strict'].f1)} / {_fmt(modes['soft'].f1)} (n={modes['strict'].support})")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    docs = ", ".join(f"`{r.name}`" for r in results if r.scored)
    skipped = [r.name for r in results if not r.scored]
    lines.append("")
    lines.append(f"F1 strict / soft (n = gold items) over {len([r for r in results if r.scored])} gold documents ({docs}); "
                 f"{sum(r.pages or 0 for r in results)} pages extracted in {sum(r.seconds or 0.0 for r in results):.1f} s; "
                 f"{sum(1 for r in results if r.status == 'failure')} failures"
                 + (f"; skipped (source absent): {', '.join(skipped)}" if skipped else "") + ".")
    return "\n".join(lines) + "\n"


def replace_marked_block(text: str, block: str) -> str:
    """Put `block` between the evaluate markers of a Markdown file (README): generated, not typed."""
    pattern = re.compile(re.escape(MARK_START) + r".*?" + re.escape(MARK_END), re.DOTALL)
    if not pattern.search(text):
        raise ValueError(f"markers {MARK_START} ... {MARK_END} not found")
    return pattern.sub(lambda _: f"{MARK_START}\n{block}{MARK_END}", text, count=1)
