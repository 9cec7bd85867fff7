"""Read layer: a file on disk becomes pages of positioned lines (`RawDocument`).

Nothing here knows about goals, tables or municipalities; it only reads faithfully and
reports why a file cannot be read.
"""

from extractor.read.dispatch import read_document
from extractor.read.types import Line, Page, RawDocument, Rule, Word

__all__ = ["read_document", "Line", "Page", "RawDocument", "Rule", "Word"]
