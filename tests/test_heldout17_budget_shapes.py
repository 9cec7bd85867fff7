"""Shapes of the seventeenth held-out check: a multi-year budget of changes with no unit and no money word but
its caption; a row label that ends in a year. Synthetic texts with invented names and figures."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import extract_text

_MUTATIONS = """Financieel beeld

Hieronder staat het verloop van de meerjarenbegroting met de nieuwe mutaties.

Meerjarenbegroting 2041 - 2044
2041 2042 2043 2044
DOORLOPENDE MUTATIES
Saldo vorige begroting -71.000 12.345 -8.210 -402.118
Wijzigingen op het saldo:
Nieuwe wensen -20.000 -81.000 -93.000 -110.000
Wensen uit kaderbrief 2040 -55.000 -31.000 -17.000 -
Loonontwikkeling -2.0"""


def test_a_meerjarenbegroting_of_changes_without_unit_is_read_as_printed(tmp_path: Path) -> None:
    doc = extract_text(tmp_path, "begroting_2041_hoofdlijnen.txt", _MUTATIONS)
    lines = {(b.label, b.year): (b.kind, b.amount) for b in doc.budget_lines}
    assert lines[("Saldo vorige begroting", 2044)] == ("bedrag", -402_118)  # a table of changes: bedrag, as printed
    assert lines[("Nieuwe wensen", 2042)] == ("bedrag", -81_000)
    # the year ends the label: one figure more than the four columns, the others amounts
    assert lines[("Wensen uit kaderbrief 2040", 2041)] == ("bedrag", -55_000)
    assert lines[("Wensen uit kaderbrief 2040", 2043)] == ("bedrag", -17_000)
    assert not [b for b in doc.budget_lines if b.label.startswith("Loon")]  # cut off in its first figure
    assert len(doc.budget_lines) == 11
    assert any("prints no unit" in e.message for e in doc.errors)


def test_a_year_among_years_stays_a_figure(tmp_path: Path) -> None:
    text = "Meerjarenbegroting 2041 - 2044\n2041 2042 2043\nJaar van oplevering 2040 2041 2042 2043\n" \
           "Nieuwe wensen -20.000 -81.000 -93.000\n"
    doc = extract_text(tmp_path, "begroting_2041_hoofdlijnen.txt", text)
    assert not [b for b in doc.budget_lines if b.label.startswith("Jaar")]


def _statement() -> str:
    # a narrow web column keeps the line-break hyphen ("stor-tingen")
    head = ["Verloopstaat potten (x € 1.000)", "1-1-2041", "stor-tingen", "onttrek-kingen", "1-1-2042",
            "stor-tingen", "onttrek-kingen", "1-1-2043"]
    rows = ["Vrije pot", "9.100", "-", "200", "8.900", "-", "-", "8.900",
            "Geoormerkte potten:",
            "Pot Noord", "3.000", "500", "-", "3.500", "250", "100", "3.650",
            "Pot Zuid", "75", "-", "75", "-", "-", "-", "-",
            "Totaal potten", "12.175", "500", "275", "12.400", "250", "100", "12.550",
            "Hieronder lichten wij de potten toe."]
    return "Meerjarig verloop van de potten\n\n" + "\n\n".join(head + rows) + "\n"


def test_a_statement_headed_by_bare_dates_and_repeated_mutations_one_cell_per_line(tmp_path: Path) -> None:
    doc = extract_text(tmp_path, "begroting_2041_potten.txt", _statement())
    got = {(b.label, b.column, b.year): (b.kind, b.amount) for b in doc.budget_lines}
    # a balance headed only by its date keeps bedrag with the date's year (the project's convention)
    assert got[("Vrije pot", "1-1-2041", 2041)] == ("bedrag", 9_100_000)
    assert got[("Pot Noord", "1-1-2043", 2043)] == ("bedrag", 3_650_000)
    # the repeated mutation columns take the year of the balances around them; the figure-less heading is no row
    assert got[("Pot Noord", "stortingen", 2041)] == ("bedrag", 500_000)
    assert got[("Pot Noord", "stortingen", 2042)] == ("bedrag", 250_000)
    assert got[("Pot Noord", "onttrekkingen", 2042)] == ("bedrag", 100_000)
    assert got[("Totaal potten", "onttrekkingen", 2041)] == ("bedrag", 275_000)
    assert not [k for k in got if k[0].startswith("Geoormerkte")]
    assert len(got) == 19


def test_repeated_mutation_columns_without_balances_around_them_are_left_out(tmp_path: Path) -> None:
    cells = ["Verloopstaat potten (x € 1.000)", "1-1-2041", "Stortingen", "Onttrekkingen", "Stortingen", "Onttrekkingen",
             "Vrije pot", "9.100", "50", "200", "60", "10", "Pot Noord", "3.000", "500", "-", "250", "100"]
    doc = extract_text(tmp_path, "begroting_2041_potten.txt", "\n\n".join(cells) + "\n")
    assert not [b for b in doc.budget_lines if b.column.lower() != "1-1-2041"]
    assert any("stortingen" in e.message.lower() for e in doc.errors)


_INCIDENTAL = ["Incidentele posten (bedragen x € 1.000)", "Lasten (per programma)", "Omschrijving", "2041", "2042", "2043",
               "2044", "Uit het begrotingssaldo", "Zorg en welzijn", "Tijdelijke inhuur", "120", "Zorg en welzijn",
               "Extra toezicht", "20", "Wegen en water", "Onderhoud sluizen", "30", "Totaal uit het begrotingssaldo", "170",
               "0", "0", "0", "Uit nieuwe voorstellen", "Groen", "Bomenplan", "15", "Groen", "Maaibeleid", "5",
               "Totaal uit nieuwe voorstellen", "20", "0", "0", "0", "Kosten van de storm*", "300",
               "Totaal incidentele lasten", "490", "0", "0", "0",
               "Baten (per programma)", "Omschrijving", "2041", "2042", "2043", "2044", "Uit het begrotingssaldo",
               "Zorg en welzijn", "Bijdrage fonds", "80", "Groen", "Verkoop hout", "10", "Totaal uit het begrotingssaldo",
               "90", "0", "0", "0", "Vergoeding storm*", "300", "Totaal incidentele baten", "390", "0", "0", "0",
               "Deze pagina is gemaakt op een dag."]


def test_incidental_posts_per_programme_with_one_figure_per_row_placed_by_the_zero_totals(tmp_path: Path) -> None:
    doc = extract_text(tmp_path, "begroting_2041_incidenteel.txt", "\n\n".join(_INCIDENTAL) + "\n")
    got = {(b.programme, b.label, b.year): (b.kind, b.amount) for b in doc.budget_lines}
    # the name cell before each description is its programme; "Omschrijving" heads the description
    assert got[("Zorg en welzijn", "Extra toezicht", 2041)] == ("begroting", 20_000)
    assert got[("Groen", "Verkoop hout", 2041)] == ("begroting", 10_000)  # the baten table takes the unit above
    # the totals print 0 for the later years and the one figures add up to the first: each stands under 2041
    assert got[(None, "Kosten van de storm*", 2041)] == ("begroting", 300_000)
    assert got[(None, "Totaal incidentele lasten", 2042)] == ("raming", 0)
    assert not [k for k in got if k[1].startswith("Uit ")]  # group headings give no lines
    assert len(doc.budget_lines) == 6 + 3 * 4 + 3 + 2 * 4  # lasten: 6 details, 3 totals; baten: 3 details, 2 totals
    assert not [b for b in doc.budget_lines if b.amount and b.year != 2041]


def test_one_figure_rows_stay_out_when_the_totals_do_not_prove_their_year(tmp_path: Path) -> None:
    cells = list(_INCIDENTAL[:41])
    cells[cells.index("490")] = "495"  # the one figures no longer add up to the total
    doc = extract_text(tmp_path, "begroting_2041_incidenteel.txt", "\n\n".join(cells) + "\n")
    assert not [b for b in doc.budget_lines if b.label in ("Kosten van de storm*", "Bomenplan")]
    assert any(e.code == "table_uncertain" and "fewer figures" in e.message for e in doc.errors)
