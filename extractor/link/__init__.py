"""Link goals, indicators and budget lines across documents; follow indicators over years.

Sits above the per-document pipeline and reads only document JSON (`extractor.model.Document`), so it
works on the output of any run::

    from extractor.link import link_documents, write_outputs
    result = link_documents(["output/corpus"])            # folders and/or .json files
    for row in result.series:
        if row.catalogue_id == "bbv.verwijzingen_halt":
            print(row.publisher, row.year, row.type, row.value, row.documents)
    write_outputs(result, "links/")                      # links.jsonl, series.jsonl, _tables/*.parquet|csv

See docs/linking.md for the signals, the score calibration and the output columns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Literal, Optional, Union

from extractor.link.catalogue import fill_catalogue_ids
from extractor.link.documents import LoadedDocument, PublisherFrom, document_pairs, find_document_files, load_document
from extractor.enrich.catalogue import iv3_taakvelden
from extractor.link.match import link_across, link_budget_across, link_pair, normalise_code
from extractor.link.records import LinkRow, SeriesRow
from extractor.link.series import build_series

__all__ = ["LinkResult", "LinkError", "link_documents", "link_loaded", "link_publishers", "write_outputs", "LinkRow", "SeriesRow"]

Engine = Literal["local", "dask"]


class LinkError(Exception):
    """Bad input for linking (no documents, unreadable JSON, missing optional dependency)."""


@dataclass
class LinkResult:
    documents: list[str]
    links: list[LinkRow] = field(default_factory=list)
    series: list[SeriesRow] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Files that were not document JSON (with the reason)."""


def link_documents(inputs: Iterable[Union[str, Path]], publisher_from: PublisherFrom = "auto",
                   max_year_gap: int = 2, engine: Engine = "local", scheduler: Optional[str] = None,
                   across_publishers: bool = False) -> LinkResult:
    """Load the document JSON files in `inputs` (files or folders) and link every eligible pair."""
    files = find_document_files(Path(item) for item in inputs)
    docs, skipped = [], []
    for path in files:
        try:
            docs.append(load_document(path, publisher_from))
        except (ValueError, OSError) as exc:
            skipped.append(f"{path}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    if not docs:
        raise LinkError("no document JSON files found in " + ", ".join(str(i) for i in inputs))
    result = link_loaded(docs, max_year_gap, engine, scheduler)
    if across_publishers:
        result.links += link_publishers(docs)
    result.skipped = skipped
    return result


def link_loaded(docs: list[LoadedDocument], max_year_gap: int = 2, engine: Engine = "local",
                scheduler: Optional[str] = None) -> LinkResult:
    for doc in docs:
        fill_catalogue_ids(doc.document)
    pairs = document_pairs(docs, max_year_gap)
    if engine == "dask":
        links = _link_with_dask(pairs, scheduler)
    else:
        links = [row for a, b, consecutive in pairs for row in link_pair(a.key, a.document, b.key, b.document, consecutive)]
    return LinkResult(documents=[d.key for d in docs], links=links, series=build_series(docs, links))


def link_publishers(docs: list[LoadedDocument]) -> list[LinkRow]:
    """Indicators (through the BBV catalogue) and budget rows (through the Iv3 taakvelden) across publishers:
    documents of one year are chained in
    publisher order (each publisher's first such document to the next publisher's), so the number of
    pairs grows linearly with the number of publishers; follow the chain (or the series table) to compare."""
    groups: dict[tuple, dict[str, LoadedDocument]] = {}
    for doc in sorted(docs, key=lambda d: (d.publisher, d.key)):
        if doc.document.indicators or doc.document.budget_lines:
            groups.setdefault((doc.year,), {}).setdefault(doc.publisher, doc)
    known = {normalise_code(code) for code in iv3_taakvelden()}
    rows: list[LinkRow] = []
    for by_publisher in groups.values():
        chain = list(by_publisher.values())
        for a, b in zip(chain, chain[1:]):
            rows += link_across(a.key, a.document, b.key, b.document)
            rows += link_budget_across(a.key, a.document, b.key, b.document, known)
    return rows


def _link_publisher(pairs: list[tuple]) -> list[dict]:
    """One Dask task: all pairs of one publisher (the block); rows go back as plain dicts."""
    return [row.model_dump() for a, b, consecutive in pairs
            for row in link_pair(a.key, a.document, b.key, b.document, consecutive)]


def _link_with_dask(pairs: list[tuple], scheduler: Optional[str]) -> list[LinkRow]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise LinkError("--engine dask needs the 'cluster' extra: pip install 'extractor[cluster]'") from exc
    by_publisher: dict[str, list[tuple]] = {}
    for pair in pairs:
        by_publisher.setdefault(pair[0].publisher, []).append(pair)
    cluster = None if scheduler else LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        with Client(scheduler or cluster) as client:
            futures = client.map(_link_publisher, list(by_publisher.values()), pure=False)
            return [LinkRow(**row) for rows in client.gather(futures) for row in rows]
    finally:
        if cluster is not None:
            cluster.close()


def write_outputs(result: LinkResult, out: Union[str, Path]) -> dict[str, Path]:
    """links.jsonl and series.jsonl in `out`, and the same as Parquet and CSV under `out/_tables/`."""
    import pandas as pd

    out = Path(out)
    tables = out / "_tables"
    tables.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, rows in (("links", result.links), ("series", result.series)):
        path = out / f"{name}.jsonl"
        path.write_text("".join(json.dumps(row.model_dump(), ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
        written[name] = path
        records = [row.model_dump() for row in rows]
        if name == "series":
            for record in records:
                record["values"] = json.dumps(record["values"], ensure_ascii=False)
                record["documents"] = "|".join(record["documents"])
                record["pages"] = "|".join(str(p) for p in record["pages"])
        columns = list((LinkRow if name == "links" else SeriesRow).model_fields)
        frame = pd.DataFrame.from_records(records, columns=columns)
        if name == "series":
            frame["year"] = frame["year"].astype("Int64")  # missing years stay missing, not 2023.0
        frame.to_csv(tables / f"{name}.csv", index=False)
        frame.to_parquet(tables / f"{name}.parquet", index=False)
    return written
