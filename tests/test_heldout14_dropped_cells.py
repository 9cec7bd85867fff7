"""A kind word before a run of bare years in a table copied one cell per line, where the copy drops empty cells.
Synthetic texts with invented names and figures."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import cells_per_line, extract_text

_NBSP = "\u00a0"

# "Streefwaarde" may head the year columns (a group) or be a column of its own before them; the rows do not say
# which, because the copy drops empty cells: the first row has as many figures as years, the next one fewer
_TARGET_BEFORE_YEARS = ["Indicatoren:", "Streefwaarde", "2030", "2031", "2032", "2033",
                        "Aantal fietsenstallingen", _NBSP, "4.110", "4.160", "4.230", "4.380",
                        "- Groei t.o.v. vorig jaar", _NBSP, "1,2%", "1,7%", "3,5%",
                        "Aantal deelscooters", _NBSP, "Gemiddeld 40", "310", "290", "350", "375",
                        "Aantal laadpalen", _NBSP, "- 0,4%", "1,1%", "- 2,0%", "0,8%"]


def test_a_kind_word_before_years_is_no_group_where_the_copy_drops_cells(tmp_path: Path) -> None:
    doc = extract_text(tmp_path, "begroting_2035_mobiliteit.txt", cells_per_line(*_TARGET_BEFORE_YEARS))
    values = [(i.name, v.year, v.type, v.value) for i in doc.indicators for v in i.values]
    # no figure of a past year is a target, and the first row's four figures are not placed by guess
    assert not [v for v in values if v[2] == "streefwaarde" and v[1] is not None and v[1] <= 2033]
    assert not [v for v in values if v[0] == "Aantal fietsenstallingen"]
    assert any(e.code in ("numeric_grid_unread", "table_row_unplaced") or "empty cells" in e.message for e in doc.errors)


_TARGET_OVER_YEARS = ["Indicatoren:", "Streefwaarde", "2037", "2038", "2039",
                      "Aantal fietsenstallingen", "4.500", "4.700", "4.900",
                      "Aantal laadpalen", "120", "160", "200"]


def test_a_kind_word_over_years_stays_a_group_where_every_row_is_full(tmp_path: Path) -> None:
    doc = extract_text(tmp_path, "begroting_2036_mobiliteit.txt", cells_per_line(*_TARGET_OVER_YEARS))
    values = {(i.name, v.year): (v.type, v.value) for i in doc.indicators for v in i.values}
    assert values[("Aantal fietsenstallingen", 2038)] == ("streefwaarde", 4_700)
    assert values[("Aantal laadpalen", 2039)] == ("streefwaarde", 200)
