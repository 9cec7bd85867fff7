"""Accuracy measurement: score extracted documents against hand-made gold files (GROBID style).

Extraction and scoring are separate steps: `evaluate_predictions` scores JSON files written
earlier, `evaluate_run` extracts the gold documents itself and records pages and seconds.
"""

from extractor.evaluate.collect import evaluate_predictions, evaluate_run
from extractor.evaluate.gold import GoldDocument, GoldError, gold_schema_text, load_gold_dir, load_gold_file
from extractor.evaluate.match import Counts, Item, match_items, normalise
from extractor.evaluate.score import FIELDS, MODES, DocumentResult, score_document, summarise

__all__ = [
    "Counts", "DocumentResult", "FIELDS", "GoldDocument", "GoldError", "Item", "MODES", "evaluate_predictions",
    "evaluate_run", "gold_schema_text", "load_gold_dir", "load_gold_file", "match_items", "normalise",
    "score_document", "summarise",
]
