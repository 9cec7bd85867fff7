"""Indicator and budget tables (filled in by the table work; see issue 3)."""

from __future__ import annotations


def parse_tables(laid_out, goals, metadata):
    return [], [], []
