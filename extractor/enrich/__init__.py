"""Enrich layer: themes and partner organisations (spaCy; see issue 4)."""


def enrich_document(document, laid_out) -> None:
    return None
