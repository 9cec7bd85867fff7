"""Link 10,000 × 10,000 synthetic indicators between two documents and print the seconds taken.

    PYTHONPATH=. python benchmarks/bench_link.py [N]

Names are drawn from a vocabulary so blocks have realistic sizes; a fifth of the second document's
names are reworded, a tenth are new. Prints items, links, seconds and items/s.
"""

from __future__ import annotations

import random
import sys
import time

from extractor.link.match import link_pair
from extractor.model import Document, Indicator, IndicatorValue, Source

WORDS = ("aantal inwoners woningen jongeren bedrijven leerlingen banen uitkering afval energie verkeer ongevallen "
         "overlast meldingen inbraken diefstallen sporters vrijwilligers mantelzorgers bezoekers klanten subsidies "
         "aanvragen vergunningen controles boetes bomen fietspaden laadpalen zonnepanelen").split()
UNITS = ("%", "aantal", "per 1.000 inwoners", "euro", "kg per inwoner")


def make(n: int, seed: int, reword: float = 0.0, fresh: float = 0.0) -> Document:
    rng = random.Random(seed)
    base = random.Random(1)
    indicators = []
    for k in range(n):
        words = [base.choice(WORDS) for _ in range(4)] + [f"w{k}"]
        if rng.random() < fresh:
            words = [rng.choice(WORDS) for _ in range(4)] + [f"x{k}"]
        elif rng.random() < reword:
            words.insert(2, rng.choice(WORDS))
        values = [IndicatorValue(year=2020, type="realisatie", value=float(k % 97), raw=str(k % 97))]
        indicators.append(Indicator(id=f"i{k}", name=" ".join(words), unit=UNITS[k % len(UNITS)], values=values))
    return Document(extractor_version="bench", source=Source(file=f"bench/doc{seed}.json"), indicators=indicators)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    a, b = make(n, 1), make(n, 2, reword=0.2, fresh=0.1)
    start = time.perf_counter()
    rows = link_pair("bench/a", a, "bench/b", b, consecutive=True, kinds=("indicator",))
    seconds = time.perf_counter() - start
    linked = sum(row.relation not in ("new", "dropped") for row in rows)
    print(f"{n} x {n} indicators: {linked} links, {len(rows) - linked} new/dropped rows, "
          f"{seconds:.2f} s ({2 * n / seconds:,.0f} items/s)")


if __name__ == "__main__":
    main()
