"""Goal trees (doelenbomen) — in progress."""

from __future__ import annotations


def parse_goals(laid_out, metadata):
    return [], []
