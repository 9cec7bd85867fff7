"""Is a page's text layer usable, or must the page be read by OCR? Decided page by page.

A page needs OCR when it has no text at all, when it carries much less text than the images on
it suggest (a scan with a title stamped on), or when its text is garbage: glyph ids without a
character map, private-use or control characters, or letters in a distribution no Dutch (or
English) text has. The thresholds are deliberately loose: OCR is slow and a little less exact
than a good text layer, so a page is only sent there when its text layer is clearly not usable.
"""

from __future__ import annotations

import re
from typing import Optional

from extractor.read.types import Page

MIN_USABLE_CHARS = 5  # below this a page has "no text"
MIN_IMAGE_COVER = 0.05  # a page without text needs this much image to be worth OCR
SCAN_IMAGE_COVER = 0.9  # an image covering (nearly) the whole page ... (covers and infographics in a
# digital document cover less, and their pictures give more noise than text: they are left alone)
SCAN_MAX_CHARS = 100  # ... with fewer characters than this: a scan with a few words on it
GARBAGE_SHARE = 0.3  # unmapped / private-use / control characters above this share
SCANNED = "scanned image"  # the reason's prefix for a scan that has some real text on it
_RARE = re.compile(r"[!#$*+<=>?@\[\\\]^_{|}~]")  # rare in Dutch prose and tables alike
_ODD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff]")  # control, private use
_SPACE = re.compile(r"\s")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-záéíóúàèëïöüäâêîôûÁÉÍÓÚÀÈËÏÖÜÄÂÊÎÔÛ]")
_VOWEL = re.compile(r"[aeiouyAEIOUYáéíóúàèëïöüäâêîôûÁÉÍÓÚÀÈËÏÖÜÄÂÊÎÔÛ]")


def ocr_reason(page: Page) -> Optional[str]:
    """Why `page` needs OCR ("no text layer", "scanned image", "garbage text: ..."), or None."""
    usable = page.char_count - page.unmapped_chars
    if page.char_count and page.unmapped_chars / page.char_count > GARBAGE_SHARE:
        return "garbage text: glyphs without a character map"
    if page.char_count >= 40:
        # glyphs mapped to the wrong characters come out as a soup of rare ASCII symbols ("!#$*+<")
        text = page.text
        rare = len(_RARE.findall(text)) + len(_ODD.findall(text))
        if (page.unmapped_chars + rare) / page.char_count > GARBAGE_SHARE:
            return "garbage text: glyphs without a character map or mapped to symbols"
    if usable < MIN_USABLE_CHARS:
        # an empty page (no images either) has nothing to read; vector-outlined text is not caught here
        return f"no text layer ({page.image_cover:.0%} of the page is image)" if page.image_cover >= MIN_IMAGE_COVER else None
    if page.image_cover >= SCAN_IMAGE_COVER and usable < SCAN_MAX_CHARS:
        return f"{SCANNED} ({page.image_cover:.0%} of the page) with only {usable} characters of text"
    return garbage_reason(page.text)


def garbage_reason(text: str) -> Optional[str]:
    """A reason when the characters of `text` are not those of Dutch or English text, else None.

    Counted with regular expressions (C speed): this runs on every page of every PDF.
    """
    total = len(text) - len(_SPACE.findall(text))
    if total < 40:
        return None
    odd = len(_ODD.findall(text))
    if odd / total > GARBAGE_SHARE:
        return f"garbage text: {odd / total:.0%} private-use, control or replacement characters"
    letters = len(_LETTER.findall(text))
    if letters < 100:
        return None  # a page of figures: too few letters to judge by
    latin = len(_LATIN.findall(text))
    if latin / letters < 0.8:
        return f"garbage text: only {latin / letters:.0%} of the letters are Latin"
    vowels = len(_VOWEL.findall(text)) / max(1, latin)
    if not 0.2 <= vowels <= 0.6:  # Dutch prose has ~38% vowels, tables of abbreviations a bit fewer
        return f"garbage text: {vowels:.0%} vowels among the letters, unlike Dutch"
    return None
