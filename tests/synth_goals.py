"""Synthetic policy documents with goal trees of known shape, in randomised house styles.

`write_pdf` draws a document with fpdf2 (real fonts, bold, sizes, indents, frames, automatic
page breaks — also inside lists — and, in a two-column style, text that flows from the left
column into the right one and on to the next page); `write_text` writes the same tree as plain text. Both return
the expected goal tree as (title, parent title) pairs, so a test can score what the extractor
reads back without knowing its ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from fpdf import FPDF

VERBS = ["Verbeteren van", "Versterken van", "Vergroten van", "Verminderen van", "Behouden van", "Stimuleren van",
         "Ontwikkelen van", "Beschermen van", "Verduurzamen van", "Ondersteunen van"]
SUBJECTS = ["de verkeersveiligheid", "het aanbod van sociale huurwoningen", "de sportdeelname van jongeren",
            "de luchtkwaliteit", "het aantal banen", "de biodiversiteit", "de dienstverlening aan inwoners",
            "de mantelzorg", "de energiebesparing", "het cultureel erfgoed", "de schuldhulpverlening",
            "de bereikbaarheid", "het groen in de wijk", "de digitale vaardigheden", "de veiligheid op straat"]
PLACES = ["in de binnenstad", "in alle kernen", "in de wijken", "voor ouderen", "bij scholen", "in het buitengebied",
          "samen met partners", "voor gezinnen", "op bedrijventerreinen", "in de regio"]
ACTIONS = ["We organiseren", "We subsidiëren", "We starten", "We evalueren", "We ontwikkelen", "We plaatsen"]
ACTION_OBJECTS = ["een campagne", "een pilot", "twee bijeenkomsten", "een nieuw loket", "extra controles",
                  "een werkgroep", "een onderzoek", "vijf laadpalen", "een wijkplan", "een netwerk"]
TAIL = ("waarbij we samenwerken met maatschappelijke organisaties, ondernemers en inwoners zodat de aanpak "
        "breed wordt gedragen")

GOAL_CONTAINERS = ["Doelen", "Onze ambities", "Wat willen we bereiken?", "Speerpunten", "Doelstellingen",
                   "Onze prioriteiten", "Strategische doelen"]
GOAL_LABELS = ["Doel", "Hoofddoel", "Ambitie", "Speerpunt", "Operationeel doel", "Prioriteit", "Doelstelling"]
ACTION_CUES = ["Wat gaan we daarvoor doen?", "Activiteiten", "Acties", "Prestaties", "Resultaten"]
BULLETS = ["-", "·", "o", "*"]
FONTS = ["Helvetica", "Times", "Courier"]
PROSE = ("Deze paragraaf beschrijft de achtergrond van het beleid en de ontwikkelingen van de afgelopen jaren. "
         "De gemeente werkt hierin samen met inwoners, ondernemers en maatschappelijke partners.")


@dataclass
class Goal:
    title: str
    prestaties: list[str] = field(default_factory=list)


@dataclass
class Style:
    """One house style; every field is drawn at random by the test."""

    layout: str  # "headings" | "list" | "labels"
    font: str
    body_size: float
    heading_size: float
    sub_size: float
    bold_headings: bool
    numbering: str  # "1." | "1.1" | "2A1" | "a)" | "none"
    container: str
    label: Optional[str]
    action_cue: str
    action_as_label: bool
    bullet: str
    numbered_prestaties: bool
    indent: float
    boxed: bool
    spacer: float  # white before the goal chapter, to push lists over a page break
    wrap: list[bool]  # per goal: give it a long title that wraps
    columns: int = 1  # 2: the body flows through two columns (the title stays full width)


def make_tree(n_goals: int, n_prestaties: list[int], seed: int) -> list[Goal]:
    """Distinct goal and prestatie titles from word lists (seed picks the combination)."""
    goals: list[Goal] = []
    for index in range(n_goals):
        k = seed + index * 7
        title = f"{VERBS[k % len(VERBS)]} {SUBJECTS[(k // 3 + index) % len(SUBJECTS)]} {PLACES[(k + index) % len(PLACES)]}"
        goal = Goal(title=title)
        for p in range(n_prestaties[index % len(n_prestaties)]):
            j = seed + index * 5 + p
            goal.prestaties.append(f"{ACTIONS[j % len(ACTIONS)]} {ACTION_OBJECTS[(j + index) % len(ACTION_OBJECTS)]} "
                                   f"voor doel {index + 1} onderdeel {p + 1}")
        goals.append(goal)
    return goals


def expected_pairs(goals: list[Goal], wrap: list[bool]) -> set[tuple[str, Optional[str]]]:
    pairs: set[tuple[str, Optional[str]]] = set()
    for index, goal in enumerate(goals):
        title = _goal_title(goal, wrap, index)
        pairs.add((title, None))
        for prestatie in goal.prestaties:
            pairs.add((prestatie, title))
    return pairs


def _goal_title(goal: Goal, wrap: list[bool], index: int) -> str:
    return f"{goal.title} {TAIL}" if wrap[index % len(wrap)] else goal.title


def _number(scheme: str, index: int, sub: Optional[int] = None) -> str:
    if scheme == "none":
        return ""
    if scheme == "1.":
        return f"{index + 1}." if sub is None else f"{index + 1}.{sub + 1}"
    if scheme == "1.1":
        return f"3.{index + 1}" if sub is None else f"3.{index + 1}.{sub + 1}"
    if scheme == "2A1":
        return f"2A{index + 1}" if sub is None else f"2A{index + 1}.{sub + 1}"
    return f"{'abcdefghij'[index]})" if sub is None else f"{sub + 1}."


# --------------------------------------------------------------------------- PDF


MARGIN = 60.0
GUTTER = 28.0


class _ColumnPDF(FPDF):
    """An FPDF whose automatic page break moves to the next column first (two-column styles)."""

    columns = 1
    column = 0
    column_top = MARGIN

    def column_width(self) -> float:
        return (self.w - 2 * MARGIN - (self.columns - 1) * GUTTER) / self.columns

    def column_left(self) -> float:
        return MARGIN + self.column * (self.column_width() + GUTTER)

    def set_column(self, column: int, indent: float = 0.0) -> None:
        self.column = column
        left = self.column_left()
        self.set_right_margin(self.w - left - self.column_width())
        self.set_left_margin(left + indent)
        self.set_x(left + indent)

    def accept_page_break(self) -> bool:
        if self.columns == 1:
            return True
        indent = self.l_margin - self.column_left()  # a hanging indent goes on in the next column
        if self.column + 1 < self.columns:
            self.set_column(self.column + 1, indent)
            self.set_y(self.column_top)
            return False
        self.set_column(0, indent)
        self.column_top = MARGIN
        return True

    def next_column(self) -> None:
        """Start the next column (or page) now, as a break before a heading near the bottom does."""
        if self.accept_page_break():
            self.add_page()


class _Writer:
    def __init__(self, style: Style) -> None:
        self.style = style
        self.pdf = _ColumnPDF(format="A4", unit="pt")
        self.pdf.set_auto_page_break(True, margin=MARGIN)
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.add_page()

    @property
    def left(self) -> float:
        """Where the current column's text starts."""
        return self.pdf.l_margin if self.pdf.columns == 1 else self.pdf.column_left()

    def start_columns(self) -> None:
        if self.style.columns > 1:
            self.pdf.columns = self.style.columns
            self.pdf.column_top = self.pdf.get_y()
            self.pdf.set_column(0)

    def text(self, text: str, size: float, bold: bool = False, gap: float = 4) -> None:
        pdf = self.pdf
        pdf.set_font(self.style.font, "B" if bold else "", size)
        pdf.multi_cell(0, size * 1.25, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    def item(self, marker: str, text: str, indent: float) -> None:
        """A list item `indent` points into the column, with a hanging indent: wrapped lines start under the text."""
        pdf = self.pdf
        size = self.style.body_size
        pdf.set_font(self.style.font, "", size)
        if pdf.get_y() > pdf.h - 60 - size * 1.3:
            pdf.next_column()
        left = self.left
        pdf.set_x(left + indent)
        width = max(pdf.get_string_width(marker) + 6, 16)
        pdf.cell(width, size * 1.25, marker)
        pdf.set_left_margin(left + indent + width)
        pdf.multi_cell(0, size * 1.25, text, new_x="LMARGIN", new_y="NEXT")
        left = self.left if pdf.columns > 1 else left  # the item may have flowed into the next column
        pdf.set_left_margin(left)
        pdf.set_x(left)
        pdf.ln(2)

    def heading(self, text: str, size: float) -> None:
        if self.pdf.get_y() > self.pdf.h - 140:
            self.pdf.next_column()
        self.pdf.ln(6)
        self.text(text, size, bold=self.style.bold_headings or size <= self.style.body_size + 1, gap=6)


def write_pdf(path: Path, goals: list[Goal], style: Style) -> None:
    writer = _Writer(style)
    s = style
    writer.text("Beleidsplan Veilig en Gezond 2026-2030", s.heading_size + 6, bold=True, gap=10)
    writer.start_columns()
    writer.heading("1. Inleiding" if s.numbering != "none" else "Inleiding", s.heading_size)
    writer.text(PROSE, s.body_size)
    writer.text("Het plan is besproken met de raad. Wat er verder in staat:", s.body_size)
    for bullet_text in ("de analyse van de huidige situatie", "de financiële kaders"):
        writer.item(s.bullet, bullet_text, s.indent)
    writer.pdf.ln(s.spacer)
    container = s.container if s.numbering == "none" else f"2. {s.container}"
    writer.heading(container, s.heading_size)
    if s.layout == "list":
        _list_layout(writer, goals)
    else:
        for index, goal in enumerate(goals):
            _goal_block(writer, goals, index)
    writer.heading("4. Financiën" if s.numbering != "none" else "Financiën", s.heading_size)
    writer.text(PROSE, s.body_size)
    for bullet_text in ("de kosten van de uitvoering", "de dekking uit de algemene reserve"):
        writer.item(s.bullet, bullet_text, s.indent)
    writer.pdf.output(str(path))


def _goal_block(writer: _Writer, goals: list[Goal], index: int) -> None:
    s = writer.style
    goal = goals[index]
    title = _goal_title(goal, s.wrap, index)
    number = _number(s.numbering, index)
    top = writer.pdf.get_y()
    page, column = writer.pdf.page, writer.pdf.column
    if s.layout == "labels":
        label = s.label or "Doel"
        writer.text(f"{label} {index + 1}: {title}", s.body_size, bold=True, gap=3)
    else:
        prefix = f"{s.label} {index + 1}: " if s.label else (f"{number} " if number else "")
        writer.heading(f"{prefix}{title}", s.sub_size)
    writer.text("Toelichting op dit doel: " + PROSE[:90].lower(), s.body_size)
    if goal.prestaties:
        cue = f"{s.action_cue}:" if s.action_as_label else s.action_cue
        writer.text(cue, s.body_size, bold=True, gap=2)
        for p, prestatie in enumerate(goal.prestaties):
            marker = _number(s.numbering, index, p) if s.numbered_prestaties and s.numbering != "none" else s.bullet
            writer.item(marker, prestatie, s.indent)
    if s.boxed and writer.pdf.page == page and writer.pdf.column == column:
        width = writer.pdf.w - 108 if writer.pdf.columns == 1 else writer.pdf.column_width() + 12
        writer.pdf.rect(writer.left - 6, top - 4, width, writer.pdf.get_y() - top + 4)
    writer.pdf.ln(6)


def _list_layout(writer: _Writer, goals: list[Goal]) -> None:
    """Goals as the items of one list, their prestaties as nested items."""
    s = writer.style
    for index, goal in enumerate(goals):
        marker = _number(s.numbering, index) or s.bullet
        writer.item(marker if s.numbering not in ("1.1", "2A1") else f"{index + 1}.", _goal_title(goal, s.wrap, index),
                    s.indent)
        for p, prestatie in enumerate(goal.prestaties):
            sub_marker = "-" if s.bullet != "-" else "o"
            writer.item(sub_marker, prestatie, s.indent + 22)


# --------------------------------------------------------------------------- text


def write_text(path: Path, goals: list[Goal], variant: str, container: str, wrap: list[bool]) -> None:
    """Goal lists as online begrotingen print them: numbered, bulleted, or one per line."""
    lines = [f"Programma 3 {PROGRAMME}", "", "Inleiding", "", PROSE, ""]
    if variant == "numbered":
        lines += [container, ""]
        for index, goal in enumerate(goals):
            lines.append(f"{index + 1}. {_goal_title(goal, wrap, index)}")
            for p, prestatie in enumerate(goal.prestaties):
                lines.append(f"   {index + 1}.{p + 1} {prestatie}")
        lines.append("")
    elif variant == "bulleted":
        lines += [container, ""]
        for index, goal in enumerate(goals):
            lines.append(f"- {_goal_title(goal, wrap, index)}")
            for prestatie in goal.prestaties:
                lines.append(f"    o {prestatie}")
        lines.append("")
    else:  # one goal per line under a heading, prestaties per goal under "Wat gaan we daarvoor doen?"
        lines.append(container)
        for index, goal in enumerate(goals):
            lines.append(_goal_title(goal, wrap, index) + ".")
        lines.append("")
    lines += ["Wat mag het kosten?", "", "De lasten staan in de tabel hieronder.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


PROGRAMME = "Wonen en leefomgeving"  # the text variants open with "Programma 3 Wonen en leefomgeving"


def expected_text_pairs(goals: list[Goal], variant: str, wrap: list[bool]) -> set[tuple[str, Optional[str]]]:
    """The programme heading is the root; its goals hang under it."""
    if variant == "per_line":
        pairs = {(_goal_title(g, wrap, i) + ".", None) for i, g in enumerate(goals)}
    else:
        pairs = expected_pairs(goals, wrap)
    return {(title, PROGRAMME if parent is None else parent) for title, parent in pairs} | {(PROGRAMME, None)}
