"""Layout layer: running headers/footers, table-of-contents pages, the outline (headings, lists).

Takes a `RawDocument` from the read layer and returns a `LaidOutDocument`: the same pages
with page furniture removed and each line marked with what the layout says about it.
Parsers work on this, never on the raw reader output.
"""

from extractor.layout.cleanup import LaidOutDocument, lay_out

__all__ = ["LaidOutDocument", "lay_out"]
