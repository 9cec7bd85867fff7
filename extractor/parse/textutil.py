"""Small text helpers shared by the parsers."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_HYPHEN_WRAP = re.compile(r"(\w)- (?=[a-zà-ÿ])")


def normalise_space(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def clean_title(text: str) -> str:
    """A title as printed: whitespace collapsed, wrapped hyphenation joined, list punctuation dropped."""
    text = normalise_space(text)
    text = _HYPHEN_WRAP.sub(r"\1", text) if re.search(r"\w- [a-zà-ÿ]", text) and not re.search(r"\w- (en|of) ", text) else text
    return text.rstrip(" ;,").strip()


def is_blank(text: str) -> bool:
    return not text or not text.strip()
