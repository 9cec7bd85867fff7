"""Audit: consistency of begroting, jaarstukken and voortgangsrapportage, and of a report with itself.

Sits above the per-document pipeline and reads only the document JSON (plus, for claims in the
running text, the source file through the read layer when it is at hand).

    from extractor.audit import audit_files, audit_folder
    result = audit_folder("output/corpus")
    for finding in result.findings: print(finding.severity, finding.message)
"""

from extractor.audit.finding import Finding, FindingItem
from extractor.audit.registry import RULES, Pair, Rule
from extractor.audit.run import AuditResult, audit_files, audit_folder, summary_text, write_findings

__all__ = ["Finding", "FindingItem", "RULES", "Pair", "Rule", "AuditResult", "audit_files", "audit_folder",
           "summary_text", "write_findings"]
