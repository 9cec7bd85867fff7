"""A statement of reserves whose movement columns print no vocabulary word ("Rente", "Bij", "Af", a hyphen-broken
"Afschrij-vingen"), between two balance columns (synthetic pipe table with invented names and figures). The
arithmetic proves them: the balance before plus the movements is the balance after in every row."""

from __future__ import annotations

from pathlib import Path

from extractor.layout.tables import TableRow
from extractor.parse.total_parts import mutations_between

from tests.helpers import extract_text

_TEXT = """Bijlage - Staat van reserves
Bedragen x € 1
Progr. | Nr. | Naam reserve | Boekwaarde 01-01-2038 | Rente | Bij | Af | Afschrij-vingen | Boekwaarde 31-12-2038 | Boekwaarde 31-12-2039 |
---|---|---|---|---|---|---|---|---|---|
1 | Q100 | Reserve dorpshuizen | 500.000 | 0 | 20.000 | -100.000 | 0 | 420.000 | 400.000 |
1 | Q110 | Reserve speeltuinen | 80.000 | 1.200 | 0 | 0 | -3.000 | 78.200 | 76.000 |
2 | Q120 | Reserve fietspaden | 250.000 | 0 | 0 | -50.000 | 0 | 200.000 | 150.000 |
"""


def test_movements_between_balances_are_read(tmp_path: Path) -> None:
    document = extract_text(tmp_path, "begroting_2038_reserves.txt", _TEXT)
    got = {(b.label, b.column): (b.year, b.amount) for b in document.budget_lines}
    assert got[("Reserve dorpshuizen", "Bij")] == (None, 20_000)
    assert got[("Reserve dorpshuizen", "Af")] == (None, -100_000)
    assert got[("Reserve speeltuinen", "Rente")] == (None, 1_200)
    assert got[("Reserve speeltuinen", "Afschrij-vingen")] == (None, -3_000)
    assert got[("Reserve fietspaden", "Boekwaarde 31-12-2039")] == (2039, 150_000)
    assert len(got) == 3 * 7


def _row(*cells: str) -> TableRow:
    return TableRow(cells=list(cells), page=0, bbox=(0.0, 0.0, 0.0, 0.0))


def test_only_movements_that_carry_one_balance_into_the_other() -> None:
    body = [_row("a", "100", "5", "-20", "85"), _row("b", "50", "0", "10", "60"), _row("c", "70", "0", "0", "70")]
    assert mutations_between(body, [1, 4], [2, 3]) == [2, 3]
    assert mutations_between(body[:1] + body[2:], [1, 4], [2, 3]) == []  # one proving row: could be chance
    wrong = [_row("a", "100", "5", "-20", "90"), *body[1:]]
    assert mutations_between(wrong, [1, 4], [2, 3]) == []  # 100 + 5 - 20 is not 90
    assert mutations_between(body, [1, 4], [2]) == []  # a column between that is no candidate breaks the run
