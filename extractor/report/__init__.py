"""The HTML report and results.sqlite: what a batch found, and the page behind every number.

Reads only the JSON outputs (documents, `links.jsonl`, `series.jsonl`, `findings.jsonl`), so it
works on any batch folder. `build_report(["output/corpus"], "output/corpus/report")`.
"""

from extractor.report.collect import ReportInputError
from extractor.report.site import ReportResult, build_report

__all__ = ["ReportInputError", "ReportResult", "build_report"]
