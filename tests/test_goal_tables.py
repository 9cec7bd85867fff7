"""Goal tables: rows of a table whose label column or caption names goals become goal nodes."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from fpdf import FPDF

from extractor.layout.tables import Table, TableRow
from extractor.parse.goal_tables import goals_from_tables
from extractor.pipeline import ExtractOptions, extract_document

GOALS_ONLY = ExtractOptions(tables=False, enrich=False, reader="pdfium")
Row = tuple[str, ...]


def _ruled_pdf(path: Path, caption: Optional[str], header: Row, rows: list[tuple[Row, bool]]) -> Path:
    """One page: a heading, a caption and a ruled table; (cells, bold label) per body row."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 10, "2 Voortgang van de afspraken", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, "In deze rapportage staat per onderdeel hoe het ervoor staat. De kleur geeft de stand aan.")
    pdf.ln(4)
    if caption:
        pdf.cell(0, 6, caption, new_x="LMARGIN", new_y="NEXT")
    widths = (90, 90)[: len(header)] if len(header) == 2 else (90, 45, 45)
    pdf.set_font("Helvetica", "B", 10)
    for width, text in zip(widths, header):
        pdf.cell(width, 7, text, border=1)
    pdf.ln()
    for cells, bold in rows:
        for index, (width, text) in enumerate(zip(widths, cells[: len(widths)])):
            pdf.set_font("Helvetica", "B" if bold and index == 0 else "", 10)
            pdf.cell(width, 7, text, border=1)
        pdf.ln()
    pdf.output(str(path))
    return path


def _tree(path: Path) -> list[tuple[str, str, Optional[str], str]]:
    document = extract_document(path, GOALS_ONLY)
    return [(g.id, g.title, g.parent, g.level) for g in document.goals]


def test_caption_names_the_set_and_bold_rows_group_the_goals(tmp_path: Path) -> None:
    rows = [(("Wonen", "", ""), True), (("Meer betaalbare huurwoningen", "2026", "op schema"), False),
            (("Doorstroming van ouderen bevorderen", "2027", "knelpunt"), False),
            (("Mobiliteit", "", ""), True), (("Veilige fietsroutes naar school", "2025", "op schema"), False),
            (("Minder autoverkeer in de kern", "2028", "op schema"), False)]
    path = _ruled_pdf(tmp_path / "opgaven.pdf", "Tabel 1 - Overzicht opgaven", ("Thema", "Datum", "Stand"), rows)
    assert _tree(path) == [
        ("1", "Wonen", None, "beleidsterrein"),
        ("1/1", "Meer betaalbare huurwoningen", "1", "doel"),
        ("1/2", "Doorstroming van ouderen bevorderen", "1", "doel"),
        ("2", "Mobiliteit", None, "beleidsterrein"),
        ("2/1", "Veilige fietsroutes naar school", "2", "doel"),
        ("2/2", "Minder autoverkeer in de kern", "2", "doel"),
    ]


def test_goal_cue_as_label_header_without_caption(tmp_path: Path) -> None:
    rows = [(("Schone lucht in alle wijken", "provincie", "groen"), False),
            (("Minder zwerfafval", "gemeente", "oranje"), False),
            (("Meer groen op schoolpleinen", "scholen", "groen"), False)]
    path = _ruled_pdf(tmp_path / "ambities.pdf", None, ("Ambitie", "Trekker", "Stand"), rows)
    tree = _tree(path)
    assert [t[1] for t in tree] == ["Schone lucht in alle wijken", "Minder zwerfafval", "Meer groen op schoolpleinen"]
    assert all(parent is None for _, _, parent, _ in tree)


def test_a_second_cue_column_gives_the_row_goal_its_children(tmp_path: Path) -> None:
    rows = [(("Goed onderwijs voor alle", "Minder schoolverzuim", ""), False),
            (("inwoners", "Meer leraren", ""), False),
            (("", "Minder zwakke scholen", ""), False),
            (("Minder eenzaamheid", "Meer ontmoetingsplekken", ""), False)]
    path = _ruled_pdf(tmp_path / "doelen.pdf", "Overzicht van de doelstellingen", ("Doelstelling/ambitie", "Resultaat"), rows)
    assert _tree(path) == [
        ("1", "Goed onderwijs voor alle inwoners", None, "doel"),
        ("1/1", "Minder schoolverzuim", "1", "prestatie"),
        ("1/2", "Meer leraren", "1", "prestatie"),
        ("1/3", "Minder zwakke scholen", "1", "prestatie"),
        ("2", "Minder eenzaamheid", None, "doel"),
        ("2/1", "Meer ontmoetingsplekken", "2", "prestatie"),
    ]


def test_a_table_without_a_goal_cue_gives_no_goals(tmp_path: Path) -> None:
    rows = [(("Gemeentehuis", "2026", "open"), False), (("Sporthal Noord", "2027", "dicht"), False),
            (("Bibliotheek", "2025", "open"), False)]
    path = _ruled_pdf(tmp_path / "gebouwen.pdf", "Tabel 3 - Gebouwen", ("Gebouw", "Jaar", "Stand"), rows)
    assert _tree(path) == []


def test_a_table_of_figures_is_no_goal_table(tmp_path: Path) -> None:
    rows = [(("Aantal woningen", "120", "140"), False), (("Aantal inwoners", "9.500", "9.800"), False),
            (("Banen", "3.100", "3.300"), False)]
    path = _ruled_pdf(tmp_path / "cijfers.pdf", "Tabel 2 - Doelen in cijfers", ("Doelen", "2024", "2025"), rows)
    assert _tree(path) == []


def _row(cells: list[str], bold: bool = False) -> TableRow:
    return TableRow(cells=cells, page=0, bbox=(0.0, 0.0, 0.0, 0.0), cell_boxes=[None] * len(cells),
                    spans=[1] * len(cells), bold=bold)


def test_codes_give_ids_and_parents_and_wrapped_cells_are_joined() -> None:
    rows = [_row(["Nr", "Doel", "Stand"], bold=True), _row(["1", "Een gezonde bevolking", "loopt"]),
            _row(["1.1", "Minder inwoners met", "loopt"]), _row(["", "overgewicht", ""]),
            _row(["1.2", "Meer sporters", "gereed"]), _row(["2", "Een veilige gemeente", "loopt"])]
    table = Table(page=0, bbox=(0.0, 0.0, 0.0, 0.0), rows=rows, columns=[0.0, 1.0, 2.0, 3.0])
    nodes = goals_from_tables([table])
    assert [(n.id, n.title, n.parent) for n in nodes] == [
        ("1", "Een gezonde bevolking", None), ("1.1", "Minder inwoners met overgewicht", "1"),
        ("1.2", "Meer sporters", "1"), ("2", "Een veilige gemeente", None)]
