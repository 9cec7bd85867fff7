"""Two-level table headers whose rows a text copy flattened into one run of cells.

A web page prints a budget table's header in two rows: group cells on top ("Begroting 2020", "Rekening",
"Verschil"), sub-cells under some of them ("Lasten" / "Baten", "Primitief" / "Na wijziging", or the year
of a kind printed without one). Copied one cell per line, both rows come out as one run:

    Begroting 2039 | Rekening 2039 | Verschil 2039 | Lasten | Baten | Lasten | Baten | Lasten | Baten | Totaal
    Begroot 2039 | Rekening | Afwijking | Primitief | Definitief | 2039

Which sub-cells stand under which group is not printed; it is decided here only where exactly one way fits
the number of value columns the table's rows prove and these rules of such headers:

* a group without sub-cells spans both rows (one column);
* a group's sub-cells are two or more distinct words (beneath a group naming a kind, no other kind than the
  begroting's stages: "Primitief" / "Na wijziging" under "Begroting 2039", never "Afwijking"),
  or two or more ascending bare years beneath a kind without a year ("Realisatie" over 2038 | 2039);
* a single sub-cell is a bare year completing a kind printed without one ("Rekening" over "2039");
* a word that is a sub-cell is no group cell, and every group cell names a kind or a year.

Where several ways fit and differ only in which kind a lone year completes, a budget kind takes it before a
difference column ("Afwijking" compares the columns before it and gets its year from them). Anything else that
stays ambiguous gives None: the caller reads nothing rather than put figures under the wrong header.
Pure functions over cell texts, so they are property-tested on their own.
"""

from __future__ import annotations

import re
from itertools import combinations
from typing import Iterator, Optional

from extractor.layout.header_vocabulary import budget_kind_of, kind_word, side_of

_YEAR = re.compile(r"^\(?(19|20)\d{2}\)?$")
_HAS_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")
_MAX_CELLS = 24  # a header longer than this is not enumerated (cheap and never a real two-row header)
_MAX_STEPS = 4000


def _is_year(text: str) -> bool:
    return bool(_YEAR.match(text.strip()))


def _names_kind(text: str) -> bool:
    """A budget kind, a side or an indicator value type, from the shared header vocabulary."""
    return bool(budget_kind_of(text) or side_of(text) or kind_word(text))


def _group_cell(text: str) -> bool:
    """A cell that can head a group: a kind and/or a year, short."""
    t = text.strip()
    return 0 < len(t) <= 50 and (bool(_HAS_YEAR.search(t)) or _names_kind(t))


def _sub_cell(text: str) -> bool:
    """A cell that can stand in the lower header row: a word cell without figures, or a bare year. A narrow column
    breaks a long sub-cell over lines ("Beoogd saldo toevoegin- gen en ont- trekkingen"): up to fifty characters."""
    t = text.strip()
    return _is_year(t) or (0 < len(t) <= 50 and not re.search(r"\d", t))


def _fits(group: str, subs: list[str]) -> bool:
    """`subs` can stand under `group` (see the module's rules)."""
    if not subs:
        return True
    years = [s for s in subs if _is_year(s)]
    if years and len(years) != len(subs):
        return False  # years and words mixed under one group
    if years:
        if _HAS_YEAR.search(group):
            return False  # a year under a group that prints its own
        values = [int(y.strip("()")) for y in years]
        return values == sorted(set(values))
    if len(subs) < 2 or len({s.lower() for s in subs}) != len(subs):
        return False
    kinds = {budget_kind_of(s) for s in subs} - {None}
    own = budget_kind_of(group)
    if own in _BEGROTING_STAGES:
        kinds -= {"raming"}  # "Geraamd resultaat" under "Begroting 2039": the figure the begroting estimates
    return not kinds or not own or {own, *kinds} <= _BEGROTING_STAGES


_BEGROTING_STAGES = {"begroting", "begroting_na_wijziging"}  # "Primitief" / "Na wijziging" under a begroting group


class _Budget(Exception):
    """The search for readings took too many steps: the header is no plain two-row header."""


def _spreads(groups: list[str], subs: list[str], n_values: int, steps: list[int]) -> Iterator[list[tuple[str, list[str]]]]:
    """Ways to give the sub-cells, in order, to the groups (each group its fitting run) making `n_values` columns."""
    steps[0] += 1
    if steps[0] > _MAX_STEPS:
        raise _Budget
    if not groups:
        if not subs and n_values == 0:
            yield []
        return
    if n_values < len(groups):
        return
    group, rest = groups[0], groups[1:]
    for c in range(len(subs) + 1):
        if not _fits(group, subs[:c]):
            if c >= 2 and not _is_year(subs[c - 1]) and subs[c - 1].lower() in {s.lower() for s in subs[:c - 1]}:
                break  # a repeated word: no longer run can fit either
            continue
        for tail in _spreads(rest, subs[c:], n_values - max(c, 1), steps):
            yield [(group, subs[:c]), *tail]


def _readings(texts: list[str], n_values: int) -> list[tuple[list[str], list[tuple[str, list[str]]]]]:
    """Readings of `texts` as groups over sub-cells giving `n_values` columns: (column names, groups); at most a few."""
    found: list[tuple[list[str], list[tuple[str, list[str]]]]] = []
    steps = [0]
    for g in range(1, len(texts)):
        groups, subs = texts[:g], texts[g:]
        if not all(_group_cell(t) for t in groups):
            break  # the groups are a prefix of group cells
        if not all(_sub_cell(s) for s in subs) or {t.lower() for t in groups} & {s.lower() for s in subs}:
            continue
        for spread in _spreads(groups, subs, n_values, steps):
            names = [name for group, under in spread for name in ([f"{group} {s}" for s in under] or [group])]
            found.append((names, spread))
            if len(found) > 8:
                return found
    return found


def two_level_columns(texts: list[str], n_values: int) -> Optional[list[str]]:
    """Column names of a flattened two-row header (`texts`: its value cells in print order) for a table whose
    rows print `n_values` figures, or None when no reading, or more than one, fits (see the module docstring)."""
    found = two_level_header(texts, n_values)
    return found[0] if found else None


def two_level_header(texts: list[str], n_values: int) -> Optional[tuple[list[str], list[str]]]:
    """(column names, the lower row's cells in print order) of the one reading of `texts` as a two-row header
    with `n_values` columns; None when none or several fit. The lower row is what a long table repeats inside."""
    texts = [" ".join(t.split()) for t in texts]
    if len(texts) < 3 or len(texts) > _MAX_CELLS or n_values < 2 or len(texts) == n_values:
        return None
    try:
        readings = _readings(texts, n_values)
    except _Budget:
        return None
    distinct = {tuple(names): spread for names, spread in readings}
    if len(distinct) > 1:
        preferred = {names: spread for names, spread in distinct.items() if not _year_on_difference(spread)}
        distinct = preferred if preferred else distinct
    if len(distinct) > 1:
        in_step = {names: spread for names, spread in distinct.items() if _runs_in_step(spread)}
        distinct = in_step if in_step else distinct
    if len(distinct) != 1:
        return None
    names, spread = next(iter(distinct.items()))
    return list(names), [s for _, under in spread for s in under]


_MAX_SPAN = 4  # unnamed sub-columns per group: lasten | baten | saldo and perhaps one more
_MAX_WIDE_GROUPS = 8  # at most C(8, 4) = 70 ways to give the second lines to the groups


def _continues(group: str, rest: str) -> bool:
    """`rest` can be the second line of the header cell `group` ("Begroting 2019" / "Primitief", "Verschil begroting" /
    "(na wijz.) - realisatie"): no year or figure, no side, no word of the group again; a kind it names is a stage of
    a begroting group, or anything under a difference column (which names what it compares); under another kind none."""
    if re.search(r"\d", rest) or len(rest) > 30 or side_of(rest):
        return False
    words = {w for w in re.findall(r"[^\W\d_]{3,}", group.lower())}
    if words & set(re.findall(r"[^\W\d_]{3,}", rest.lower())):
        return False
    kind, own = budget_kind_of(rest), budget_kind_of(group)
    return kind is None or own == "verschil" or {own, kind} <= _BEGROTING_STAGES


def _wide_spreads(groups: list[str], rests: list[str]) -> list[list[str]]:
    """Ways to give each second line, in order, to its own group (a group gets at most one) so that every group's
    name is complete and no two groups print the same name: the column names, one per group."""
    found = []
    for chosen in combinations(range(len(groups)), len(rests)):
        names = list(groups)
        for g, rest in zip(chosen, rests):
            names[g] = f"{groups[g]} {rest}"
        if len({n.lower() for n in names}) == len(names) and all(_continues(groups[g], r) for g, r in zip(chosen, rests)):
            found.append(names)
    return found


def wide_group_header(texts: list[str], n_values: int) -> Optional[tuple[list[str], int]]:
    """(one name per value column, the run of columns under each group) of a header of G kind cells, some broken over
    two lines ("Begroting 2019" … "Verschil begroting" / "Primitief" / "(Na wijzigingen)" / …), whose rows print m
    figures under every group (n_values = m x G, m >= 2): each group heads m sub-columns whose names (which side)
    are not printed; they all take the group's name. None unless exactly one reading fits."""
    texts = [" ".join(t.split()) for t in texts]
    if len(texts) > _MAX_CELLS or n_values < 4:
        return None
    readings = []
    for g in range(2, min(len(texts), _MAX_WIDE_GROUPS) + 1):
        groups, rests = texts[:g], texts[g:]
        if not all(_group_cell(t) and len(t) <= 30 and not side_of(t) and not t.startswith("(") for t in groups):
            break  # a bracketed cell ("(Na wijzigingen)") qualifies the cell above it, it heads no group
        if n_values % g or not 2 <= n_values // g <= _MAX_SPAN or len(rests) > g or not rests:
            continue  # without a second line the kind cells may head years printed after them: not this shape
        readings.extend((names, n_values // g) for names in _wide_spreads(groups, rests))
    if len(readings) != 1:
        return None
    names, span = readings[0]
    return [name for name in names for _ in range(span)], span


def _runs_in_step(spread: list[tuple[str, list[str]]]) -> bool:
    """Every group with two or more word sub-cells starts its run with the same word: a lower row repeated under each
    group starts over at its first cell ("Lasten | Baten | Saldo" then "Lasten | Baten", never "Lasten | Baten" then
    "Saldo | Lasten | Baten")."""
    firsts = {under[0].lower() for _, under in spread if len(under) >= 2 and not _is_year(under[0])}
    return len(firsts) <= 1


def lower_row_corner(texts: list[str]) -> Optional[int]:
    """The index of the lower header row's corner in a flattened two-row header: a short cell with words naming no
    kind, side or year ("(BBV art 17)", "Omschrijving") after the group cells ("2039 (in €)" …) and before two or
    more side cells (the lower row). It heads the label column, so it is no value column. None when there is none
    (a "%" between kind cells is a column of its own)."""
    texts = [" ".join(t.split()) for t in texts]
    for i in range(1, len(texts) - 2):
        cell = texts[i]
        if _group_cell(cell) or len(cell) > 40 or not re.search(r"[^\W\d_]{2}", cell) \
                or not all(_group_cell(t) for t in texts[:i]):
            continue
        below = texts[i + 1:]
        return i if len(below) >= 2 and all(_sub_cell(t) and side_of(t) for t in below) else None
    return None


def groups_over_sub_row(groups: list[str], subs: list[str]) -> Optional[list[str]]:
    """The group cell each sub-cell stands under, for a header printed as two rows whose top row lost its spans (its
    cells packed to the left: "Rekening | Begroting 2024 | Rekening 2024 | Saldo" over "2023 | Primitief | Lasten |
    Baten | Saldo | Lasten | Baten | Saldo | 2024"). Here the rows are known, so a group may print a word that also
    stands below ("Saldo" over "2024"); the sub-cells go in order to the groups, every group over at least one,
    under this module's rules (`_fits`: distinct words, or a lone year completing a kind or side without one).
    None when no way, or more than one, fits."""
    groups = [" ".join(g.split()) for g in groups]
    subs = [" ".join(s.split()) for s in subs]
    if len(groups) < 2 or len(subs) <= len(groups) or len(groups) + len(subs) > _MAX_CELLS \
            or not all(_group_cell(g) for g in groups) or not all(_sub_cell(t) for t in subs):
        return None
    try:
        spreads = list(_spreads(groups, subs, len(subs), [0]))
    except _Budget:
        return None
    if len(spreads) != 1:
        return None
    return [group for group, under in spreads[0] for _ in under]


def _year_on_difference(spread: list[tuple[str, list[str]]]) -> bool:
    """A lone year given to a difference column ("Afwijking" over "2039") while a kind column went without."""
    return any(len(under) == 1 and budget_kind_of(group) == "verschil" for group, under in spread)


_MULTI_YEAR = re.compile(r"^meerjaren|ramingen$|prognoses$", re.IGNORECASE)


def kinds_over_years(kinds: list[str], years: list[str]) -> Optional[list[str]]:
    """A row of kind cells over a row of rising bare years ("Rekening | Gewijzigde begroting | Begroting |
    Meerjarenbegroting" over 2016 … 2021): one kind per year from the left, and a last multi-year kind
    ("Meerjarenbegroting", "Meerjarenraming") over the years that remain. None when that does not fit exactly
    (one kind over all years stays a group word of the table)."""
    numbers = [int(y.strip().strip("()")) if _is_year(y) else None for y in years]
    if len(kinds) < 2 or len(kinds) > len(years) or None in numbers \
            or numbers != list(range(numbers[0], numbers[0] + len(numbers))):  # type: ignore[operator]
        return None  # "'19" or years that do not rise one by one: no pairing
    if len(kinds) < len(years):
        if not _MULTI_YEAR.search(kinds[-1].strip()) or any(_MULTI_YEAR.search(k.strip()) for k in kinds[:-1]):
            return None
        kinds = kinds[:-1] + [kinds[-1]] * (len(years) - len(kinds) + 1)
    return [f"{k} {y}" for k, y in zip(kinds, years)]


def join_broken_kind_years(texts: list[str]) -> list[str]:
    """Header cells broken over two lines among whole ones: a kind word cell followed by exactly one bare year
    ("Rekening" / "2039" before "Rekening 2040" / "Begroting 2041") is one column "Rekening 2039". Only when every
    other cell prints its own year, so a kind over a run of bare years (a group) is never read as a pair."""
    out: list[str] = []
    k = 0
    joined = False
    while k < len(texts):
        here = texts[k].strip()
        nxt = texts[k + 1].strip() if k + 1 < len(texts) else ""
        after = texts[k + 2].strip() if k + 2 < len(texts) else ""
        if _names_kind(here) and not _HAS_YEAR.search(here) and len(here) <= 30 and _is_year(nxt) and not _is_year(after):
            out.append(f"{here} {nxt}")
            k += 2
            joined = True
            continue
        out.append(here)
        k += 1
    if not joined or not all(_HAS_YEAR.search(t) and not _is_year(t) for t in out):
        return texts
    return out


_BROKEN_END = re.compile(r"^(?P<head>[^\W\d_]{3,})-$")
_WORD_PIECE = re.compile(r"^[a-zà-ÿ]{2,}$")


def joined_broken_cell(top: str, piece: str) -> Optional[str]:
    """A header cell broken by a line-break hyphen into two rows ("Streef-" over "waarde"): the joined word when it
    names a kind in the vocabulary ("Streefwaarde"), else None."""
    head = _BROKEN_END.match(top.strip())
    if head is None or not _WORD_PIECE.match(piece.strip()):
        return None
    word = head.group("head") + piece.strip()
    return word if _names_kind(word) else None


def stacked_header_rows(texts: list[str]) -> Optional[list[str]]:
    """A two-row header printed one cell per line, the upper row first: N kind cells ("Meting" … "Streef-"), then N
    cells under them, each a bare year or the rest of a word the cell above broke with a hyphen ("waarde"). The
    columns pair them in order ("Meting 2015", "Streefwaarde"); None unless every pair fits and two years are
    printed."""
    n = len(texts) // 2
    if n < 2 or len(texts) % 2:
        return None
    top, bottom = [t.strip() for t in texts[:n]], [t.strip() for t in texts[n:]]
    if sum(1 for b in bottom if _is_year(b)) < 2 or any(_HAS_YEAR.search(t) for t in top):
        return None
    out: list[str] = []
    for upper, lower in zip(top, bottom):
        if _is_year(lower) and _names_kind(upper) and not upper.endswith("-"):
            out.append(f"{upper} {lower}")
            continue
        joined = joined_broken_cell(upper, lower)
        if joined is None:
            return None
        out.append(joined)
    return out
