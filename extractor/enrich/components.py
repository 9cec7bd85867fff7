"""spaCy components of the policy pipeline, registered as factories so a saved pipeline can be loaded.

Import this module before `spacy.load(models/pipeline)`: the factories `policy_lemma_fallback` and
`policy_theme_tagger` live here, and so does the `Doc._.theme_hits` extension the tagger fills; importing it
also registers `partner_candidates` (extractor/enrich/candidates.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Optional

import numpy
from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from extractor.enrich import candidates as _candidates  # noqa: F401,E402  (registers partner_candidates)

if not Doc.has_extension("theme_hits"):
    Doc.set_extension("theme_hits", default=None)

ThemeHit = tuple[int, int, str, float]
"""(start token, end token, theme id, weight) of one trigger-term match."""

_CACHE_LIMIT = 200_000
_VERB_PREFIXES = frozenset({"ver", "ont", "her", "mis", "aan", "toe", "uit", "ge", "be"})
_VOWELS = frozenset("aeiouyéèëïöü")


def norm_key(text: str) -> str:
    """The form trigger terms are compared in: lower case, no hyphens, straight apostrophes."""
    return text.lower().replace("-", "").replace("\u2019", "'").replace("\u2010", "")


# --------------------------------------------------------------------------- lemma fallback


class LemmaFallback:
    """Lemmas for plurals and compounds the lookup table lacks ("woninginbraken" -> "woninginbraak").

    Hand-made exceptions (models/data/lemma_exceptions.csv) win; otherwise, when the lookup left a word
    unchanged, regular Dutch plural rules are tried on the whole word. Because a Dutch compound inflects
    on its last part, the rules also work for compounds that are in no dictionary.
    """

    def __init__(self, name: str, min_length: int) -> None:
        self.name = name
        self.min_length = min_length
        self.exceptions: dict[str, str] = {}
        self._cache: dict[tuple[int, int], int] = {}

    def set_exceptions(self, exceptions: dict[str, str]) -> None:
        self.exceptions = {k.lower(): v.lower() for k, v in exceptions.items()}
        self._cache = {}

    def __call__(self, doc: Doc) -> Doc:
        # Work on the LOWER/LEMMA hash arrays: creating a Token object per word costs more than the rules.
        if not len(doc):
            return doc
        strings = doc.vocab.strings
        cache = self._cache
        lemmas: list[int] = []
        changed = False
        for lower_hash, lemma_hash in doc.to_array([LOWER, LEMMA]).tolist():
            new_hash = cache.get((lower_hash, lemma_hash))
            if new_hash is None:
                lower = strings[lower_hash]
                lemma = self.exceptions.get(lower)
                if lemma is None:
                    lemma = self.guess(lower) if lemma_hash in (lower_hash, 0) else strings[lemma_hash]
                new_hash = strings.add(lemma)
                if len(cache) < _CACHE_LIMIT:
                    cache[(lower_hash, lemma_hash)] = new_hash
            changed = changed or new_hash != lemma_hash
            lemmas.append(new_hash)
        if changed:
            doc.from_array([LEMMA], numpy.asarray(lemmas, dtype="uint64").reshape(-1, 1))
        return doc

    def guess(self, word: str) -> str:
        """Singular of a regular Dutch plural, or the word itself."""
        if len(word) < self.min_length or not word[-1].isalpha():
            return word
        if word.endswith("'s"):
            return word[:-2]
        if word.endswith("ën"):
            return word[:-2] + "e"
        if word.endswith("en") and not word.endswith("ieen"):
            stem = word[:-2]
            if len(stem) < 3:
                return word
            last, before = stem[-1], stem[-2]
            if last in _VOWELS:
                return word
            if last == before:
                return stem[:-1]  # diefstallen -> diefstal
            if last == "v":
                stem = stem[:-1] + "f"  # bedrijven -> bedrijf
            elif last == "z":
                stem = stem[:-1] + "s"  # huizen -> huis
            if before in "aou" and stem[-3] not in _VOWELS:
                return stem[:-1] + before + stem[-1]  # inbraken -> inbraak, personen -> persoon
            return stem
        if word.endswith("s") and not word.endswith("ss"):
            stem = word[:-1]
            if stem.endswith(("er", "el", "em", "ie", "je", "eau", "or", "ar")) or stem[-1] in "aoiuy":
                return stem  # ondernemers -> ondernemer, organisaties -> organisatie
        return word

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "exceptions.json").write_text(json.dumps(self.exceptions, ensure_ascii=False, sort_keys=True), encoding="utf-8")

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> "LemmaFallback":
        self.set_exceptions(json.loads((Path(path) / "exceptions.json").read_text(encoding="utf-8")))
        return self


@Language.factory("policy_lemma_fallback", default_config={"min_length": 6})
def make_lemma_fallback(nlp: Language, name: str, min_length: int) -> LemmaFallback:
    return LemmaFallback(name, min_length)


# --------------------------------------------------------------------------- theme tagger


class ThemeTagger:
    """Marks trigger terms of the theme taxonomy in `doc._.theme_hits`.

    Tokens are compared by their lemma and their lower-case form. A term word may be exact, a prefix
    ("horeca*" matches "horecaregelgeving") or a compound head ("*inbraak" matches "woninginbraak").
    Multi-word terms are matched first, longest first; matches never overlap, so "georganiseerde
    criminaliteit" is one integrity hit and not also a generic "criminaliteit" hit.
    """

    def __init__(self, name: str, min_modifier: int) -> None:
        self.name = name
        self.min_modifier = min_modifier
        self.taxonomy: dict[str, Any] = {"fields": [], "themes": []}
        self.compiled: list[dict[str, Any]] = []
        self._exact: dict[str, tuple[str, int]] = {}
        self._suffix: dict[str, str] = {}
        self._prefix: dict[str, str] = {}
        self._multi: dict[str, list[tuple[tuple[str, ...], bool, str]]] = {}
        self._weights: dict[str, float] = {}
        self._cache: dict[str, Optional[tuple[str, int]]] = {}
        self._key_cache: dict[tuple[int, int], tuple[str, str]] = {}

    # ---- set-up

    def set_terms(self, taxonomy: dict[str, Any], compiled: list[dict[str, Any]]) -> None:
        """`compiled`: one {"theme", "words", "mode"} per term, words already tokenised by the pipeline."""
        self.taxonomy = taxonomy
        self.compiled = compiled
        self._index()

    def _index(self) -> None:
        self._exact.clear()
        self._suffix.clear()
        self._prefix.clear()
        self._multi.clear()
        self._cache.clear()
        self._weights = {t["id"]: float(t.get("weight", 1.0)) for t in self.taxonomy.get("themes", [])}
        for term in self.compiled:
            words = tuple(term["words"])
            theme = term["theme"]
            mode = term.get("mode", "exact")
            if not words:
                continue
            if len(words) == 1:
                word = words[0]
                if mode == "suffix":
                    self._suffix.setdefault(word, theme)
                elif mode == "prefix":
                    self._prefix.setdefault(word, theme)
                self._exact.setdefault(word, (theme, len(word)))
            else:
                self._multi.setdefault(words[0], []).append((words, mode == "prefix", theme))
        for options in self._multi.values():
            options.sort(key=lambda item: (-len(item[0]), -sum(len(w) for w in item[0])))

    # ---- matching

    def single(self, key: str) -> Optional[tuple[str, int]]:
        """(theme, matched length) for one token key, longest matching term first; cached."""
        found = self._cache.get(key, False)
        if found is not False:
            return found  # type: ignore[return-value]
        best: Optional[tuple[str, int]] = self._exact.get(key)
        if best is None and len(key) >= 4:
            for start in range(self.min_modifier, len(key) - 2):
                if key[:start] in _VERB_PREFIXES:
                    continue
                theme = self._suffix.get(key[start:])
                if theme is not None:
                    best = (theme, len(key) - start)
                    break
            for end in range(len(key) - 1, 2, -1):
                theme = self._prefix.get(key[:end])
                if theme is not None:
                    if best is None or end > best[1]:
                        best = (theme, end)
                    break
        if len(self._cache) < _CACHE_LIMIT:
            self._cache[key] = best
        return best

    def _keys(self, doc: Doc) -> list[tuple[str, str]]:
        """(normalised text, normalised lemma) per token, from the hash arrays with a per-hash cache."""
        if not len(doc):
            return []
        strings = doc.vocab.strings
        cache = self._key_cache
        keys = []
        for orth_hash, lemma_hash in doc.to_array([ORTH, LEMMA]).tolist():
            pair = cache.get((orth_hash, lemma_hash))
            if pair is None:
                text = norm_key(strings[orth_hash])
                lemma = norm_key(strings[lemma_hash]) if lemma_hash else text
                pair = (text, lemma)
                if len(cache) < _CACHE_LIMIT:
                    cache[(orth_hash, lemma_hash)] = pair
            keys.append(pair)
        return keys

    @staticmethod
    def _word_matches(keys: tuple[str, str], word: str, prefix: bool) -> bool:
        if prefix:
            return keys[0].startswith(word) or keys[1].startswith(word)
        return keys[0] == word or keys[1] == word

    def match(self, doc: Doc) -> list[ThemeHit]:
        keys = self._keys(doc)
        hits: list[ThemeHit] = []
        n = len(keys)
        i = 0
        multi = self._multi
        weights = self._weights
        while i < n:
            lower, lemma = keys[i]
            if not lower or not lower[0].isalnum():
                i += 1
                continue
            matched = False
            for first in (lower, lemma) if lemma != lower else (lower,):
                for words, last_prefix, theme in multi.get(first, ()):
                    size = len(words)
                    if i + size > n:
                        continue
                    if all(
                        self._word_matches(keys[i + j], words[j], last_prefix and j == size - 1) for j in range(1, size)
                    ):
                        hits.append((i, i + size, theme, weights.get(theme, 1.0)))
                        i += size
                        matched = True
                        break
                if matched:
                    break
            if matched:
                continue
            best = self.single(lower)
            if lemma != lower:
                other = self.single(lemma)
                if other is not None and (best is None or other[1] > best[1]):
                    best = other
            if best is not None:
                hits.append((i, i + 1, best[0], weights.get(best[0], 1.0)))
            i += 1
        return hits

    def __call__(self, doc: Doc) -> Doc:
        doc._.theme_hits = self.match(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    # ---- serialisation

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        payload = {"taxonomy": self.taxonomy, "terms": self.compiled}
        (path / "themes.json").write_text(json.dumps(payload, ensure_ascii=False, sort_keys=True), encoding="utf-8")

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> "ThemeTagger":
        payload = json.loads((Path(path) / "themes.json").read_text(encoding="utf-8"))
        self.set_terms(payload["taxonomy"], payload["terms"])
        return self


@Language.factory("policy_theme_tagger", default_config={"min_modifier": 3})
def make_theme_tagger(nlp: Language, name: str, min_modifier: int) -> ThemeTagger:
    return ThemeTagger(name, min_modifier)
