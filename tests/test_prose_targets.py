"""Targets written in sentences: which sentences state the publisher's own quantified target, and which do not.

Every case is a sentence of the kind Dutch plans print; each negative stands for a class of figures that look like
targets but are not (realised, forecast, estimated, another body's, a legal rule, a financial parameter)."""

from __future__ import annotations

import pytest

from extractor.layout import lay_out
from extractor.model import Metadata
from extractor.parse.prose_targets import _target, _tidy, prose_targets
from extractor.read.types import Line, Page, RawDocument


def values(sentence: str, doc_year: int = 2024) -> tuple:
    """(year, [(value, unit, comparator), …]) or None."""
    found = _target(sentence, doc_year)
    return None if found is None else (found[0], [a[:3] for a in found[1]])


@pytest.mark.parametrize("sentence, expected", [
    ("In 2030 willen we 500 huurwoningen bouwen.", (2030, [(500.0, "huurwoningen", None)])),  # a compound noun
    ("Het doel is het opleiden van 72 sleutelpersonen in 2025.", (2025, [(72.0, "sleutelpersonen", None)])),
    ("Zo is het streven dat de wijkverpleging in 2026 vijftig patiënten thuis behandelt.",
     (2026, [(50.0, "patiënten", None)])),  # a number word
    ("Uiterlijk 2027 moeten minimaal 200 laadpunten beschikbaar zijn.", (2027, [(200.0, "laadpunten", ">=")])),
    ("Wij willen jaarlijks 14% minder restafval.", (None, [(14.0, "%", None)])),
    ("In 2028 zullen 40 vrijwilligers de buurtteams versterken.", (2028, [(40.0, "vrijwilligers", None)])),
])
def test_own_quantified_targets_are_read(sentence: str, expected: tuple) -> None:
    assert values(sentence) == expected


@pytest.mark.parametrize("sentence", [
    # a forecast: only a future tense with a verb of development
    "De zorgvraag zal tot 2032 met 32 procent stijgen.",
    "Het budget zal in 2026 met circa 10% afnemen.",
    "In 2030 neemt het aantal inwoners naar verwachting toe tot 250.000 inwoners.",
    # an estimate or the assumption of a calculation
    "We veronderstellen dat in 2026 het aantal opnames met 20 procent daalt, wat we willen bereiken.",
    "Naar schatting moeten in 2030 1.200 woningen worden gebouwd.",
    # another body's target, a national average or a legal rule
    "De landelijke doelstelling is 35 TWh in 2030, die moet worden gehaald.",
    "Het Klimaatakkoord streeft naar 49% minder uitstoot in 2030.",
    "In 2030 willen we boven het gemiddelde van 60% uitkomen.",
    "Vanaf 2026 moet elk windpark volgens artikel 3.2 minimaal 50% lokaal eigendom hebben.",
    # a financial parameter of the budget
    "Voor 2026 moeten we rekening houden met een inflatie van 3%.",
    "In 2027 moet de indexatie van de lonen 3,0% bedragen.",
    # realised figures
    "In 2025 realiseerden we 350 laadpunten, zoals we wilden.",
    "In 2024 was 38 procent van de woningen duurzaam; we willen meer.",
])
def test_figures_that_are_not_own_targets_are_skipped(sentence: str) -> None:
    assert values(sentence) is None


def test_a_future_tense_without_a_trend_verb_is_an_aim_and_with_one_a_forecast() -> None:
    assert values("In 2027 zullen er 30 woonplekken bij komen.") == (2027, [(30.0, "woonplekken", None)])
    assert values("In 2027 zullen er 30 woonplekken bij komen, want de vraag groeit.") is None


def test_a_number_word_needs_a_unit_and_an_article_is_no_number() -> None:
    assert values("In 2026 willen we drie in de wijken hebben.") is None
    assert values("In 2026 willen we een woningen-pilot starten.") is None


def test_a_compound_needs_the_counted_noun_at_its_end() -> None:
    assert values("In 2030 willen we 500 woningbouwprojecten.") is None  # 'woning' is not the head of the compound


def laid_out_text(text: str):
    lines = [Line(text=t, line_no=n, page=0) for n, t in enumerate(text.split("\n"), start=1)]
    raw = RawDocument(path="x.txt", format="text", pages=[Page(number=0, lines=lines)], page_count=None, sha256="", size=0)
    return lay_out(raw)


def test_a_target_in_text_becomes_a_prose_indicator_with_its_line_span() -> None:
    text = "\n".join([
        "Wonen",
        "",
        "De vraag naar woningen zal tot 2030 met 12% stijgen. Daarom willen we in 2030",
        "800 sociale huurwoningen hebben gebouwd.",
    ])
    targets = prose_targets(laid_out_text(text), Metadata(year=2024))
    assert len(targets) == 1
    target = targets[0]
    assert target.source_kind == "prose" and target.lines == (3, 4)
    assert target.description == "Daarom willen we in 2030 800 sociale huurwoningen hebben gebouwd."
    assert [(v.year, v.type, v.value, v.type_from) for v in target.values] == [(2030, "streefwaarde", 800.0, "prose")]


def test_the_sentence_loses_the_spacing_the_pdf_text_layer_adds() -> None:
    assert _tidy("CO 2 doelstelling 2030: 8 coaches (7,25 FTE) , die") == "CO2 doelstelling 2030: 8 coaches (7,25 FTE), die"
    assert _tidy("Om aan de IZA- doelstelling te voldoen") == "Om aan de IZA-doelstelling te voldoen"
    assert _tidy("hoog- en laagcomplexe zorg in fase B 2") == "hoog- en laagcomplexe zorg in fase B 2"  # no acronym, no formula


def test_a_long_target_sentence_is_named_whole() -> None:
    sentence = ("De belangrijkste activiteit van het project is het opleiden en aanstellen van welzijnscoaches in alle wijken "
                "van de stad, in nauwe samenwerking met de huisartsen, de praktijkondersteuners en de wijkteams, zodat "
                "we willen dat eind 2026 minimaal 40 vrijwilligers zijn opgeleid die samen met de coaches van de "
                "buurtteams inwoners met psychosociale klachten ondersteunen.")
    targets = prose_targets(laid_out_text(sentence), Metadata(year=2024))
    assert len(sentence) > 300 and [t.name for t in targets] == [sentence]


@pytest.mark.slow
def test_prose_gold_precision_is_at_least_095(corpus_dir, tmp_path) -> None:
    """The acceptance rule of prose targets on every `*_prose_targets.json` gold file (negatives included, where
    any prediction is a false positive): micro precision of indicator values >= 0.95, strict matching."""
    import json
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    gold = sorted((repo / "tests" / "gold").glob("*_prose_targets.json"))
    for path in [*gold, repo / "tests" / "gold" / "gold.schema.json"]:
        shutil.copy(path, tmp_path / path.name)
    done = subprocess.run([sys.executable, "-m", "extractor", "evaluate", "--gold", str(tmp_path), "--root", str(repo),
                           "--run", "--json"], cwd=repo, env=dict(os.environ, PYTHONPATH=str(repo)),
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode in (0, 3), done.stderr[-2000:]
    payload = json.loads(done.stdout)
    assert len(payload["documents"]) == len(gold) >= 7
    strict = payload["overall"]["micro"]["indicator_values"]["strict"]
    assert strict["tp"] >= 5 and strict["precision"] >= 0.95, strict


def test_a_target_sentence_that_names_nothing_measured_is_not_read() -> None:
    """Only pronouns and function words beside the aim, the figure and the year: what the 100% is of is said
    elsewhere (a table row above), so no indicator is made of the sentence."""
    from extractor.parse.prose_targets import _target

    assert _target("Wij streven naar 100% in 2045.", 2030) is None
    assert _target("We streven naar 40% minder restafval in 2035.", 2030) is not None
