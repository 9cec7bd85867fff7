"""The financial kengetallen's figures under a begroting column are projections (prognose), not targets; a norm
column and other indicators keep streefwaarde. Synthetic text with invented figures."""

from __future__ import annotations

from pathlib import Path

from extractor.parse.indicators import financial_kengetal

from tests.helpers import cells_per_line, extract_text

_TABLE = ["Verloop van de kengetallen", "Kengetallen", "Realisatie 2037", "Begroting 2038", "Begroting 2039", "Norm 2039",
          "Netto schuldquote", "71%", "74%", "77%", "90%",
          "Solvabiliteitsratio", "22%", "21%", "20%", "15%",
          "Aantal bezoekers zwembad", "410", "420", "430", "400"]


def _types(tmp_path: Path) -> dict[tuple[str, int | None, float], str]:
    doc = extract_text(tmp_path, "begroting_2038_paragraaf_weerstandsvermogen.txt", cells_per_line(*_TABLE))
    return {(i.name, v.year, v.value): v.type for i in doc.indicators for v in i.values}


def test_budgeted_kengetallen_are_prognoses_and_a_norm_stays_a_target(tmp_path: Path) -> None:
    types = _types(tmp_path)
    assert types[("Netto schuldquote", 2037, 71.0)] == "realisatie"
    assert types[("Netto schuldquote", 2038, 74.0)] == "prognose"
    assert types[("Solvabiliteitsratio", 2039, 20.0)] == "prognose"
    assert types[("Netto schuldquote", 2039, 90.0)] == "streefwaarde"  # the norm column
    assert types[("Aantal bezoekers zwembad", 2039, 430.0)] == "streefwaarde"  # no kengetal: the begroting's target


def test_the_kengetallen_vocabulary_names_the_five_and_not_their_neighbours() -> None:
    for name in ("Netto schuldquote gecorrigeerd voor alle verstrekte leningen", "Solvabiliteit", "Structurele exploitatieruimte",
                 "Grondexploitatie", "Belastingcapaciteit", "netto-schuldquote"):
        assert financial_kengetal(name), name
    for name in ("Aantal woningen", "Schuld per inwoner", "Weerstandsratio", ""):
        assert not financial_kengetal(name), name


def test_a_kerngegevens_table_under_begroting_columns_holds_prognoses(tmp_path: Path) -> None:
    """Descriptive key figures (inwoners, oppervlakte) in a "Kerngegevens" table: what the budget assumes, not
    targets. The same figures in a table of another name stay the begroting's targets."""
    rows = ["Aantal inwoners", "31.200", "31.350", "31.500", "31.650",
            "Oppervlakte (ha)", "4.400", "4.400", "4.400", "4.400"]
    header = ["Rekening 2036", "Rekening 2037", "Begroting 2038", "Begroting 2039"]
    doc = extract_text(tmp_path, "begroting_2039_bijlagen.txt",
                       cells_per_line("Bijlage A", "Sociale kerngegevens", *header, *rows))
    types = {(i.name, v.year): v.type for i in doc.indicators for v in i.values}
    assert types[("Aantal inwoners", 2037)] == "realisatie"
    assert types[("Aantal inwoners", 2038)] == "prognose" and types[("Oppervlakte (ha)", 2039)] == "prognose"
    other = extract_text(tmp_path, "begroting_2039_wonen.txt", cells_per_line("Indicatoren wonen", "Indicator", *header, *rows))
    assert {v.type for i in other.indicators for v in i.values if v.year == 2039} == {"streefwaarde"}
