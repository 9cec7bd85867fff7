"""Enrich layer: partner organisations and safety themes, tagged with a rule-based Dutch spaCy pipeline.

`enrich_document` fills `document.partners`, `document.themes` and `fields`/`themes` of every goal node
and indicator in place. The pipeline (models/pipeline, built from models/data by `extractor model
build`) is loaded once per process; an installed nl_core_news_* pipeline adds NER candidates.
Output is deterministic for a given pipeline and input.
"""

from __future__ import annotations

from typing import Any, Optional

from extractor.model import Document


def enrich_document(document: Document, laid_out: Any) -> None:
    from extractor.enrich.analysis import Places, analyse
    from extractor.enrich.loader import get_nlp, trained_ner
    from extractor.enrich.partners import collect_partners
    from extractor.enrich.themes import ThemeIndex, document_themes, tag_goals, tag_indicators

    nlp = get_nlp()
    meta: dict[str, Any] = nlp.meta.get("extractor", {})
    index = ThemeIndex(nlp.get_pipe("policy_theme_tagger").taxonomy)
    lines = _content_lines(laid_out)
    municipality = document.metadata.municipality if document.metadata is not None else None
    places = Places([*meta.get("places", ()), municipality or ""])
    analysis = (
        analyse(nlp, lines, meta.get("partners", {}), ner=trained_ner(), places=places, gemeenten=meta.get("gemeenten"))
        if lines
        else None
    )
    if analysis is not None:
        title = document.metadata.title if document.metadata is not None else None
        document.partners = collect_partners(nlp, analysis, meta, municipality=municipality, title=title)
        document.themes = document_themes(analysis, index)
    else:
        document.partners = []
        document.themes = []
    tag_goals(nlp, document.goals, analysis, index)
    tag_indicators(nlp, document.indicators, document.goals, analysis, index)


def _content_lines(laid_out: Optional[Any]) -> list:
    if laid_out is None:
        return []
    try:
        lines = [line for line in laid_out.lines() if line.text and line.text.strip()]
    except AttributeError:
        return []
    from extractor.enrich.reading import reading_lines

    return [line for line in reading_lines(lines) if line.text.strip()]
