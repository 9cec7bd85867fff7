"""Organisation-name candidates the gazetteer does not know: a registered spaCy component.

`partner_candidates` marks, in `doc._.partner_candidates`, four kinds of candidate (see docs/nlp.md):
- `acronym`: "Belasting Samenwerking Gouwe Rijnland (BSGR)" / "BSGR (Belastingsamenwerking …)": the long form is
  the name, the acronym (case-sensitive) an alias that counts later mentions;
- `head`: a run of capitalised words around an organisation head word from `org_heads.csv` ("Zorggroep
  Almere", "Paramedisch Platform Flevoland", "Coöperatieve vereniging … U.A.");
- `cue`: a name, possibly one word, right after a partner cue from `partner_cues.csv` ("samen met Avalex");
  `party` for the gemeente after "tussen" (a party to an agreement, so not the publisher);
- `plural`: one name per region of a coordinated plural ("Veiligheidsregio's Flevoland en Gooi en Vechtstreek").
Names never run past the end of a sentence or over a hard line start (`doc.user_data["hard_starts"]`,
character offsets set by the caller: a heading or bullet starts afresh). Filters from `partner_filters.csv`
drop project names, laws and instruments, person names and table rows ("Huisarts X X X").
`doc._.cued_spans` lists (start_char, end_char, role) of sentences with a partner cue, for sector words
written in lower case ("in samenwerking met netbeheerders").
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, NamedTuple, Optional

from spacy.attrs import IDX, ORTH
from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("partner_candidates"):
    Doc.set_extension("partner_candidates", default=None)
if not Doc.has_extension("cued_spans"):
    Doc.set_extension("cued_spans", default=None)
if not Doc.has_extension("acronym_tokens"):
    Doc.set_extension("acronym_tokens", default=None)


class Candidate(NamedTuple):
    start: int  # token index of the name's first token (-1 for a name built from a plural)
    end: int
    kind: str  # acronym | head | cue | plural
    name: str
    org_kind: str = "overig"
    alias: str = ""
    role: str = ""
    char: int = 0  # character offset of the mention (for its line)


_CONNECTORS = frozenset({"van", "voor", "de", "der", "den", "het", "op", "aan", "in", "'t", "en", "&", "a/d", "te"})
_SENTENCE_END = frozenset({".", "!", "?", ";", ":", "•", "▪", "●", "(", ")", "/", "–", "—", "|"})
_LEGAL_FORMS = frozenset({"u.a.", "u.a", "b.v.", "b.v", "n.v.", "n.v", "nv", "bv", "ua"})
_LEGAL_PREFIX = frozenset({"coöperatieve", "coöperatie", "vereniging", "stichting"})
_ARTICLES = frozenset({"de", "het", "der", "den", "'t"})
_PREPOSITIONS = frozenset({"van", "voor", "aan", "op", "in", "uit", "tot", "te", "over"})
_DETERMINERS = frozenset({"de", "het", "een", "onze", "ons", "haar", "hun", "alle", "beide", "diverse"})
MAX_NAME_TOKENS = 12


def is_acronym(text: str) -> bool:
    """"GGD", "SbJH", "VRH", "GR KDB" parts: 2-10 characters, starting upper case, at least two capitals."""
    if not 2 <= len(text) <= 10 or not text[0].isupper():
        return False
    capitals = sum(1 for ch in text if ch.isupper())
    return capitals >= 2 and all(ch.isalnum() or ch in "&-'" for ch in text) and not text.isdigit()


def is_name_token(text: str) -> bool:
    """A capitalised word, an acronym, or an abbreviation such as "R.K." or "St."."""
    first = text[:1]
    if not first.isupper() or text.endswith("-"):
        return False  # "PGA-" in "PGA- en IZA-doelen"
    if text.replace("-", "").replace("'", "").replace("’", "").isalpha():
        return True
    if is_acronym(text):
        return True
    return text.endswith(".") and text.replace(".", "").isalpha() and len(text) <= 6


def acronym_start(acronym: str, words: list[str]) -> Optional[int]:
    """Index of the first word of the long form `words` that `acronym` abbreviates, or None.

    Letters of the acronym are found right to left in the words (a letter may sit inside a compound:
    "Servicebureau" gives S and b of SbJH); the first letter must start a word (Schwartz & Hearst, 2003)."""
    letters = [ch.lower() for ch in acronym if ch.isalpha()]
    if len(letters) < 2:
        return None
    text = " ".join(words).lower()
    position = len(text) - 1
    for index in range(len(letters) - 1, -1, -1):
        letter = letters[index]
        while position >= 0 and (text[position] != letter or (index == 0 and position > 0 and text[position - 1].isalnum())):
            position -= 1
        if position < 0:
            return None
        position -= 1
    first_char = position + 1
    count = 0
    for number, word in enumerate(words):
        if count >= first_char:
            return number
        count += len(word) + 1
    return None


class PartnerCandidates:
    def __init__(self, name: str) -> None:
        self.name = name
        self._doc: Optional[Doc] = None
        self.config: dict[str, Any] = {}
        self._setup({})

    def set_data(self, heads: list[dict[str, str]], cues: list[dict[str, str]], filters: list[dict[str, str]],
                 places: list[tuple[str, str]]) -> None:
        self._setup({"heads": heads, "cues": cues, "filters": filters, "places": places})

    def _setup(self, config: dict[str, Any]) -> None:
        self.config = config
        self.heads: dict[str, tuple[str, str]] = {}
        self.compound_heads: list[tuple[str, str, str]] = []
        for row in config.get("heads", ()):
            self.heads[row["head"]] = (row["position"], row["kind"])
            if row.get("compound") == "yes":
                self.compound_heads.append((row["head"], row["position"], row["kind"]))
        self.before_cues: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.sentence_cues: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for row in config.get("cues", ()):
            words = tuple(row["cue"].lower().split())
            target = self.before_cues if row["position"] == "before" else self.sentence_cues
            target.setdefault(words[0], []).append((words, row.get("role", "")))
        filters: dict[str, set[str]] = {}
        for row in config.get("filters", ()):
            filters.setdefault(row["role"], set()).add(row["term"].lower())
        self.project = frozenset(filters.get("project", ()))
        self.law = frozenset(filters.get("law", ()))
        self.person = frozenset(filters.get("person", ()))
        self.lead = frozenset(filters.get("lead", ()))
        self.places: dict[tuple[str, ...], str] = {}
        for variant, name in config.get("places", ()):
            self.places[tuple(variant.replace("-", " - ").split())] = name
        self.not_org = tuple(filters.get("not_org", ()))
        self._head_cache: dict[str, Optional[tuple[str, str]]] = {}

    # ---- head words

    def head(self, lower: str) -> Optional[tuple[str, str]]:
        """(position, kind) when the word is an organisation head word (or a compound ending in one)."""
        found = self._head_cache.get(lower, False)
        if found is not False:
            return found  # type: ignore[return-value]
        result = self.heads.get(lower)
        if result is None and len(lower) > 5:
            for head, position, kind in self.compound_heads:
                if len(lower) >= len(head) + 3 and lower.endswith(head):
                    result = (position, kind)
                    break
        self._head_cache[lower] = result
        return result

    # ---- runs of name tokens

    def _right(self, texts: list[str], hard: list[bool], start: int, limit: int, split_and: bool = False) -> int:
        """End (exclusive) of the name that starts at token `start`."""
        end = index = start + 1
        n = len(texts)
        while index < n and index - start < limit:
            text = texts[index]
            if hard[index]:
                break
            if is_name_token(text):
                index += 1
                end = index
                continue
            lower = text.lower()
            if lower in _CONNECTORS and index + 1 < n and not hard[index + 1] and is_name_token(texts[index + 1]):
                if lower in ("en", "&") and (split_and or end == start + 1 or self._starts_other(texts, hard, index + 1)):
                    break  # "Flevoziekenhuis en Flevoburen" are two; "Inspectie Leefomgeving en Transport" is one
                exact_head = index - 1 == start and texts[start].lower() in self.heads
                if lower in _ARTICLES and not exact_head and texts[index - 1].lower() not in _PREPOSITIONS:
                    break  # "Flevoziekenhuis de SEH": an article follows a preposition ("Raad voor de …") or a head
                index += 1
                continue
            if text == "," and not split_and and end > start + 1 and index + 3 < n and is_name_token(texts[index + 1]) and texts[index + 2].lower() in ("en", "&") \
                    and is_name_token(texts[index + 3]) and not any(hard[index + 1 : index + 4]):
                index += 1  # "Werkbedrijven Kust, Duin en Bollenstreek", "Volksgezondheid, Welzijn en Sport"
                continue
            break
        return end

    def _starts_other(self, texts: list[str], hard: list[bool], index: int) -> bool:
        """After "en": another organisation starts ("Zorggroep Almere en GGD Flevoland", "… en Woonzorg
        Flevoland"), unlike one word closing a name ("Gooi en Vechtstreek", "Leefomgeving en Transport")."""
        text = texts[index]
        if is_acronym(text) or self.head(text.lower()) is not None:
            return True
        return index + 1 < len(texts) and not hard[index + 1] and is_name_token(texts[index + 1])

    def _left(self, texts: list[str], hard: list[bool], index: int) -> int:
        start = index
        while start > 0 and not hard[start] and index - start < 4:
            text = texts[start - 1]
            if not is_name_token(text) or doc_ent(self._doc, start - 1) or "-" in text and text.rsplit("-", 1)[1].islower():
                break  # nor over "SEH-stops"
            start -= 1
        while start < index and (texts[start].lower() in self.lead or texts[start].lower() in _DETERMINERS):
            start += 1
        return start

    # ---- filters

    def rejected(self, words: list[str], before: str) -> bool:
        lowered = [w.lower() for w in words]
        if lowered[0] in self.project or before.lower() in self.person:
            return True
        if " ".join(lowered).startswith(self.not_org):
            return True
        if any(w in self.law or w.endswith("wet") and len(w) > 5 for w in lowered):
            return True
        if len(words) == 1 and (lowered[0].endswith(("ers", "aren")) or lowered[0].endswith(("se", "sche")) and len(lowered[0]) > 5):
            return True  # inhabitants ("Wassenaarders") or a place adjective on its own ("Almeerse")
        if sum(1 for w in words if len(w) == 1 and w.isupper()) >= 2:
            return True  # a table row with check marks: "Huisarts X X X"
        return any(len(w) >= 3 and w.count(".") >= 2 and w.replace(".", "").isupper() for w in words[:-1]) and not any(
            w.lower() in _LEGAL_FORMS for w in words
        )  # initials of a person: "F.T. de Jonge"

    # ---- the component

    def __call__(self, doc: Doc) -> Doc:
        self._doc = doc
        # token texts and offsets from the arrays: creating a Token object per word costs more than the rules
        strings = doc.vocab.strings
        pairs = doc.to_array([ORTH, IDX]).tolist() if len(doc) else []
        texts = [strings[orth] for orth, _ in pairs]
        offsets = [idx for _, idx in pairs]
        starts = doc.user_data.get("hard_starts")
        hard = [offset in starts for offset in offsets] if starts else [False] * len(texts)
        for i, text in enumerate(texts):
            if text in _SENTENCE_END:
                hard[i] = True  # never part of a name; the next token starts afresh
                if i + 1 < len(hard):
                    hard[i + 1] = True
        found: list[Candidate] = []
        self._acronyms(doc, texts, hard, found)
        self._head_names(doc, texts, hard, found)
        self._cue_names(doc, texts, hard, found)
        self._plurals(doc, texts, hard, found)
        self._municipalities(doc, texts, hard, found)
        doc._.partner_candidates = found
        doc._.cued_spans = self._cued_sentences(doc, texts)
        doc._.acronym_tokens = [(t, offsets[i]) for i, t in enumerate(texts) if t[:1].isupper() and is_acronym(t)]
        return doc

    def _acronyms(self, doc: Doc, texts: list[str], hard: list[bool], found: list[Candidate]) -> None:
        n = len(texts)
        for i in range(1, n - 2):
            if texts[i] != "(" or texts[i + 2] != ")" or not is_acronym(texts[i + 1]):
                continue
            acronym = texts[i + 1]
            start = i
            while start > 0 and i - start < len(acronym) + 5:
                previous = texts[start - 1]
                if previous in _SENTENCE_END or not (is_name_token(previous) or previous.lower() in _CONNECTORS or previous == ","):
                    break
                start -= 1
                if hard[start]:
                    break
            words = texts[start:i]
            first = acronym_start(acronym, words) if words else None
            if first is None and words and words[-1][:1].lower() == acronym[0].lower() and self.head(words[-1].lower()):
                first = len(words) - 1  # "Metropoolregio (MRDH)": a head word standing for the whole name
            if first is None:
                continue
            begin = start + first
            if not is_name_token(texts[begin]) or self.rejected(texts[begin:i], texts[begin - 1] if begin else ""):
                continue
            head = next((self.head(t.lower()) for t in texts[begin:i] if self.head(t.lower())), None)
            if head is None:
                continue  # "Regionale Energiestrategie (RES)", "Jeugdgezondheidszorg (JGZ)": a plan or a task
            found.append(Candidate(begin, i, "acronym", doc[begin:i].text, head[1] if head else "overig", acronym, char=doc[begin].idx))
        for i in range(0, n - 3):
            if not is_acronym(texts[i]) or texts[i + 1] != "(":
                continue
            close = next((k for k in range(i + 2, min(n, i + 14)) if texts[k] == ")"), None)
            if close is None or close - i - 2 < 2 or not is_name_token(texts[i + 2]):
                continue
            words = texts[i + 2 : close]
            if acronym_start(texts[i], words) != 0 or self.rejected(words, "") or not any(self.head(w.lower()) for w in words):
                continue
            found.append(Candidate(i + 2, close, "acronym", doc[i + 2 : close].text, "overig", texts[i], char=doc[i].idx))

    def _head_names(self, doc: Doc, texts: list[str], hard: list[bool], found: list[Candidate]) -> None:
        i = 0
        n = len(texts)
        while i < n:
            text = texts[i]
            if not text[:1].isupper():
                i += 1
                continue
            head = self.head(text.lower())
            if head is None or doc[i].ent_type_ and text.lower() not in _LEGAL_PREFIX:
                i += 1
                continue
            position, kind = head
            start = self._left(texts, hard, i)
            end = self._legal_end(texts, hard, i) if text.lower() in _LEGAL_PREFIX else None
            if end is None:
                end = self._right(texts, hard, i, MAX_NAME_TOKENS)
            while end > i + 1 and texts[end - 1].lower() in _CONNECTORS:
                end -= 1
            if start == i and end == i + 1 or (position == "prefix" and end == i + 1) or (position == "suffix" and start == i):
                i += 1
                continue
            words = texts[start:end]
            if not self.rejected(words, texts[start - 1] if start else ""):
                found.append(Candidate(start, end, "head", doc[start:end].text, kind, char=doc[start].idx))
            i = max(end, i + 1)

    def _legal_end(self, texts: list[str], hard: list[bool], index: int) -> Optional[int]:
        """End of "Coöperatieve vereniging … U.A.": lower-case words allowed up to the legal form."""
        for k in range(index + 1, min(len(texts), index + MAX_NAME_TOKENS)):
            if texts[k].lower() in _LEGAL_FORMS:
                return k + 1
            if texts[k] in _SENTENCE_END or (hard[k] and k > index + 1 and texts[k - 1] in _SENTENCE_END):
                return None
        return None

    def _cue_names(self, doc: Doc, texts: list[str], hard: list[bool], found: list[Candidate]) -> None:
        n = len(texts)
        line_starts = doc.user_data.get("line_starts") or ()
        for i, text in enumerate(texts):
            options = self.before_cues.get(text.lower())
            if not options:
                continue
            for words, role in options:
                size = len(words)
                if i + size >= n or any(texts[i + k].lower() != words[k] for k in range(1, size)):
                    continue
                start = i + size
                while start < n and texts[start].lower() in _DETERMINERS:
                    start += 1
                if words == ("tussen",) and (start >= n or texts[start].lower() != "gemeente"):
                    break  # "tussen" only introduces the parties of an agreement when it names a gemeente
                if start < n and texts[start] in ("gemeente", "provincie") and start + 1 < n and is_name_token(texts[start + 1]):
                    texts_start = texts[start]
                    end = self._right(texts, hard, start + 1, 5)
                    name = f"{texts_start.capitalize()} {doc[start + 1 : end].text}"
                    found.append(Candidate(start + 1, end, "party" if words == ("tussen",) else "cue", name, "gemeente" if texts_start == "gemeente" else "overheid", role=role, char=doc[start].idx))
                    break
                if start >= n or hard[start] and texts[start - 1] in _SENTENCE_END or not is_name_token(texts[start]):
                    continue
                if texts[start].lower() in self.lead or texts[start].lower() in self.person or doc[start].idx in line_starts:
                    continue
                while True:  # "samen met Avalex, Humanitas en de Voedselbank": one name each
                    end = self._right(texts, hard, start, 8, split_and=True)
                    if not self.rejected(texts[start:end], ""):
                        head = self.head(texts[start].lower())
                        kind = "party" if words == ("tussen",) else "cue"  # the parties of an agreement
                        found.append(Candidate(start, end, kind, doc[start:end].text, head[1] if head else "overig", role=role, char=doc[start].idx))
                    if end >= n or texts[end] not in (",", "en", "&"):
                        break
                    start = end + 1
                    while start < n and texts[start].lower() in _DETERMINERS | {"en"}:
                        start += 1
                    if start >= n or hard[start] or not is_name_token(texts[start]):
                        break
                break

    def _municipalities(self, doc: Doc, texts: list[str], hard: list[bool], found: list[Candidate]) -> None:
        """"gemeente Almere" in lower case: a partner only in a sentence with a partner cue (decided later)."""
        for i, text in enumerate(texts[:-1]):
            if text == "gemeente" and is_name_token(texts[i + 1]) and not hard[i + 1]:
                end = self._right(texts, hard, i + 1, 5)
                found.append(Candidate(i + 1, end, "municipality", "Gemeente " + doc[i + 1 : end].text, "gemeente", char=doc[i].idx))

    def _plurals(self, doc: Doc, texts: list[str], hard: list[bool], found: list[Candidate]) -> None:
        for i, text in enumerate(texts):
            if not text[:1].isupper():
                continue
            after = i + 1
            if after < len(texts) and texts[after] in ("'s", "’s"):
                singular: Optional[str] = text
                after += 1
            else:
                singular = _singular(text)
            if singular is None or self.heads.get(singular.lower()) is None:
                continue
            parts = self._coordinated(texts, hard, after)
            if len(parts) < 2:
                continue
            if end_of(parts) < len(texts) and is_name_token(texts[end_of(parts)]):
                continue  # the list runs on into other names: not a plain coordination
            kind = self.heads[singular.lower()][1]
            for start, end in parts:
                place = self.places.get(tuple(texts[start:end]), doc[start:end].text)
                name = f"{singular} {place}"
                found.append(Candidate(start, end, "plural", name, kind, char=doc[i].idx))

    def _coordinated(self, texts: list[str], hard: list[bool], index: int) -> list[tuple[int, int]]:
        """Token ranges of "A, B en C" starting at `index` (known places first: "Gooi en Vechtstreek")."""
        parts: list[tuple[int, int]] = []
        n = len(texts)
        while index < n and not (hard[index] and parts):
            end = self._place_end(texts, index)
            if end is None:
                text = texts[index]
                if not is_name_token(text) or is_acronym(text) or self.head(text.lower()) or text.lower() in self.lead:
                    break
                end = index + 1
            parts.append((index, end))
            if end < n and texts[end] in (",", "en", "&"):
                index = end + 1
                if index < n and texts[index] in ("en", "&"):
                    index += 1
            else:
                break
        return parts

    def _place_end(self, texts: list[str], index: int) -> Optional[int]:
        for size in (5, 4, 3, 2, 1):
            key = tuple(texts[index : index + size])
            if len(key) == size and key in self.places:
                return index + size
        return None

    def _cued_sentences(self, doc: Doc, texts: list[str]) -> list[tuple[int, int, str]]:
        spans: list[tuple[int, int, str]] = []
        n = len(texts)
        for i, text in enumerate(texts):
            options = self.sentence_cues.get(text.lower())
            if not options:
                continue
            for words, role in options:
                if i + len(words) <= n and all(texts[i + k].lower() == words[k] for k in range(1, len(words))):
                    start = i
                    while start > 0 and texts[start - 1] not in (".", "!", "?"):
                        start -= 1
                    end = i
                    while end < n and texts[end] not in (".", "!", "?"):
                        end += 1
                    spans.append((doc[start].idx, doc[end - 1].idx + len(texts[end - 1]), role))
                    break
        return spans

    # ---- serialisation

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "candidates.json").write_text(json.dumps(self.config, ensure_ascii=False, sort_keys=True), encoding="utf-8")

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> "PartnerCandidates":
        self._setup(json.loads((Path(path) / "candidates.json").read_text(encoding="utf-8")))
        return self


def doc_ent(doc: Optional[Doc], index: int) -> bool:
    """Whether token `index` is part of a gazetteer name (a name is not extended over another organisation)."""
    return doc is not None and bool(doc[index].ent_type_)


def end_of(parts: list[tuple[int, int]]) -> int:
    return parts[-1][1]


def _singular(text: str) -> Optional[str]:
    """"Veiligheidsregio's" -> "Veiligheidsregio", "Omgevingsdiensten" -> "Omgevingsdienst"; None otherwise."""
    for ending in ("'s", "’s", "en", "s"):
        if text.endswith(ending) and len(text) > len(ending) + 3:
            return text[: -len(ending)]
    return None


@Language.factory("partner_candidates", default_config={})
def make_partner_candidates(nlp: Language, name: str) -> PartnerCandidates:
    return PartnerCandidates(name)
