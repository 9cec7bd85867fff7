"""One document's report page: outline, goal tree, indicators, budgets, partners, findings.

Every goal, value and amount links to the place it was read from: for PDFs the page image with
the item's box highlighted, for text input the source lines.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote, urlencode

from extractor.export import write_atomic
from extractor.model import BudgetLine, Document, Indicator
from extractor.report import html
from extractor.report.charts import Series, format_number, line_chart
from extractor.report.collect import LoadedDocument
from extractor.report.pages import PageImage, render_pages, used_pages

BUDGET_CHART_KINDS = ("begroting", "begroting_na_wijziging", "realisatie", "rekening")
VALUE_TYPE_LABEL = {"realisatie": "realisatie", "streefwaarde": "streefwaarde", "referentie": "referentie",
                    "prognose": "prognose"}


@dataclass
class DocumentSummary:
    """What the index needs of a document, and where its page images are (for the findings page)."""

    slug: str
    name: str
    status: str
    publisher: Optional[str]
    document_type: Optional[str]
    year: Optional[int]
    pages: Optional[int]
    goals: int
    indicators: int
    values: int
    budget_lines: int
    partners: int
    findings: int
    warning_codes: list[str]
    page_images: int = 0
    sha256: Optional[str] = None
    page_sizes: dict[int, tuple[str, float, float]] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)


class Provenance:
    """Builds the 'bron' link of an item, from the document page (one folder below the root)."""

    def __init__(self, loaded: LoadedDocument, images: dict[int, PageImage], root: str = "../") -> None:
        self.loaded = loaded
        self.images = images
        self.root = root
        self.is_text = loaded.document.source.format == "text"

    def href(self, page: Optional[int], bbox, lines, label: str) -> Optional[str]:
        if self.is_text and lines and self.loaded.source_path is not None:
            query = urlencode({"from": lines[0], "to": lines[1]})
            return f"{self.root}src/{quote(self.loaded.slug)}.html?{query}#L{lines[0]}"
        image = self.images.get(page or 0)
        if image is None or not bbox:
            return None
        query = urlencode({
            "img": image.path, "w": image.width, "h": image.height, "p": page,
            "b": ",".join(f"{v:.2f}" for v in bbox), "t": label, "d": self.loaded.name,
            "back": f"docs/{self.loaded.slug}.html",
        })
        return f"{self.root}view.html?{query}"

    def link(self, text: str, page: Optional[int], bbox, lines, label: str, css: str = "") -> str:
        href = self.href(page, bbox, lines, label)
        where = f"p. {page}" if page else (f"r. {lines[0]}" if lines else "")
        title = escape(f"{label} — {where}" if where else label)
        if href is None:
            return f'<span class="{css}" title="{title}">{text}</span>' if css else text
        return f'<a class="{css or "val"}" href="{escape(href)}" title="{title}">{text}</a>'


def build_document_page(loaded: LoadedDocument, series: list[dict[str, Any]], out_dir: Path,
                        images: bool) -> DocumentSummary:
    document = loaded.document
    page_images: dict[int, PageImage] = {}
    if images and loaded.source_path is not None and document.source.format == "pdf" and document.source.sha256:
        pages = used_pages(document) | _finding_pages(loaded)
        page_images = render_pages(loaded.source_path, document.source.sha256, pages, out_dir)
    if document.source.format == "text" and loaded.source_path is not None:
        _write_source_page(loaded, out_dir)
    prov = Provenance(loaded, page_images)
    body = "".join([
        _header(loaded), _contents_nav(), _errors(document), _outline(document), _goals(document, prov),
        _indicators(document, prov, series), _budgets(document, prov), _partners_themes(document),
        _findings(loaded),
    ])
    write_atomic(out_dir / "docs" / f"{loaded.slug}.html", html.page(loaded.name, body, "../").encode("utf-8"))
    return _summary(loaded, page_images)


def _summary(loaded: LoadedDocument, page_images: dict[int, PageImage]) -> DocumentSummary:
    d = loaded.document
    codes = sorted({str(e.code) for e in d.errors if e.severity == "warning" or str(e.code) in ("no_goal_structure", "tables_not_used")})
    return DocumentSummary(
        slug=loaded.slug, name=loaded.name, status=d.status, publisher=d.metadata.municipality,
        document_type=d.metadata.document_type, year=d.metadata.year, pages=d.source.pages,
        goals=len(d.goals), indicators=len(d.indicators), values=sum(len(i.values) for i in d.indicators),
        budget_lines=len(d.budget_lines), partners=len(d.partners), findings=len(loaded.findings),
        warning_codes=codes, page_images=len(page_images), sha256=d.source.sha256,
        page_sizes={p: (img.path, img.width, img.height) for p, img in page_images.items()},
        keys=[str(loaded.json_path), loaded.json_path.name, d.source.file, loaded.name, d.source.sha256 or ""],
    )


def _finding_pages(loaded: LoadedDocument) -> set[int]:
    names = {str(loaded.json_path), loaded.json_path.name, loaded.document.source.file, loaded.name}
    pages = set()
    for finding in loaded.findings:
        for item in finding.get("items") or []:
            doc = str(item.get("doc") or "")
            if (doc in names or Path(doc).name in names) and item.get("page") and item.get("bbox"):
                pages.add(int(item["page"]))
    return pages


def _write_source_page(loaded: LoadedDocument, out_dir: Path) -> None:
    from extractor.read.text import read_text

    try:
        pages, _ = read_text(loaded.source_path.read_bytes(), str(loaded.source_path))  # type: ignore[union-attr]
    except Exception:  # noqa: BLE001 - an unreadable source only loses the source view, not the report
        return
    lines = [line.text for page in pages for line in page.lines]  # numbered as the reader numbers them
    write_atomic(out_dir / "src" / f"{loaded.slug}.html", html.source_page(loaded.name, lines).encode("utf-8"))


def _header(loaded: LoadedDocument) -> str:
    d = loaded.document
    m = d.metadata
    period = f"{m.period[0]}–{m.period[1]}" if m.period else ""
    facts = [("Uitgever", m.municipality), ("Soort", m.document_type), ("Jaar", m.year), ("Periode", period),
             ("Titel", m.title), ("Bestand", d.source.file), ("Pagina's", d.source.pages),
             ("Extractor", d.extractor_version)]
    items = "".join(f"<dt>{k}</dt><dd>{escape(str(v))}</dd>" for k, v in facts if v not in (None, ""))
    return (f'<h1>{escape(m.title or loaded.name)}</h1>'
            f'<p><span class="badge status-{escape(d.status)}">{escape(d.status)}</span> {_counts(d)}</p>'
            f'<dl class="meta">{items}</dl>')


def _counts(d: Document) -> str:
    values = sum(len(i.values) for i in d.indicators)
    return escape(f"{len(d.goals)} doelen · {len(d.indicators)} indicatoren ({values} waarden) · "
                  f"{len(d.budget_lines)} bedragen · {len(d.partners)} partners")


def _contents_nav() -> str:
    links = [("inhoud", "Inhoud"), ("doelen", "Doelenboom"), ("indicatoren", "Indicatoren"),
             ("begroting", "Begroting"), ("partners", "Partners en thema's"), ("bevindingen", "Bevindingen")]
    return '<nav class="toc" aria-label="Onderdelen">' + "".join(f'<a href="#{a}">{t}</a>' for a, t in links) + "</nav>"


def _errors(document: Document) -> str:
    if not document.errors:
        return ""
    rows = [(f'<span class="badge sev-{escape(e.severity)}">{escape(e.severity)}</span>', escape(str(e.code)),
             escape(str(e.page or "")), escape(e.message)) for e in document.errors]
    return "<h2 id=\"meldingen\">Meldingen</h2>" + html.table(["Ernst", "Code", "Pagina", "Melding"], rows)


def _outline(document: Document) -> str:
    if not document.outline:
        return '<h2 id="inhoud">Inhoud</h2><p>Geen koppen gevonden.</p>'
    children: dict[Optional[str], list] = defaultdict(list)
    for item in document.outline:
        children[item.parent].append(item)

    def render(parent: Optional[str]) -> str:
        items = []
        for item in children.get(parent, []):
            number = f"{escape(item.number)} " if item.number else ""
            where = f' <span class="level">p. {item.page}</span>' if item.page else ""
            inner = render(item.id)
            label = f"{number}{escape(item.title)}{where}"
            items.append(f"<li><details><summary>{label}</summary>{inner}</details></li>" if inner else f"<li>{label}</li>")
        return f'<ul class="tree">{"".join(items)}</ul>' if items else ""

    return f'<h2 id="inhoud">Inhoud ({len(document.outline)} koppen)</h2>{render(None)}'


def _goals(document: Document, prov: Provenance) -> str:
    if not document.goals:
        return '<h2 id="doelen">Doelenboom</h2><p>Geen doelen gevonden.</p>'
    ids = {g.id for g in document.goals}
    children: dict[Optional[str], list] = defaultdict(list)
    for goal in document.goals:
        children[goal.parent if goal.parent in ids else None].append(goal)

    def render(parent: Optional[str]) -> str:
        items = []
        for goal in children.get(parent, []):
            label = f'<span class="label">{escape(goal.label)}</span> ' if goal.label else ""
            code = f"{escape(goal.code)} " if goal.code else ""
            source = prov.link("bron", goal.page, goal.bbox, goal.lines, f"{goal.code or ''} {goal.title}".strip(), "src")
            head = (f'<span class="level">{escape(goal.level)}</span> {label}{code}{escape(goal.title)} {source}')
            desc = f"<p>{escape(goal.description)}</p>" if goal.description else ""
            inner = render(goal.id)
            if inner or desc:
                items.append(f'<li class="goal"><details open><summary>{head}</summary>{desc}{inner}</details></li>')
            else:
                items.append(f'<li class="goal">{head}</li>')
        return f'<ul class="tree">{"".join(items)}</ul>' if items else ""

    return f'<h2 id="doelen">Doelenboom ({len(document.goals)} doelen)</h2>{render(None)}'


def _indicators(document: Document, prov: Provenance, series: list[dict[str, Any]]) -> str:
    if not document.indicators:
        return '<h2 id="indicatoren">Indicatoren</h2><p>Geen indicatoren gevonden.</p>'
    groups: dict[str, list[Indicator]] = defaultdict(list)
    for indicator in document.indicators:
        groups[indicator.table or ("Doelen in de tekst" if indicator.source_kind == "prose" else "Overige")].append(indicator)
    parts = [f'<h2 id="indicatoren">Indicatoren ({len(document.indicators)})</h2>']
    for title, indicators in groups.items():
        parts.append(_indicator_table(title, indicators, prov))
    parts.append(_indicator_charts(document, series))
    return "".join(parts)


def _indicator_table(title: str, indicators: list[Indicator], prov: Provenance) -> str:
    keys = sorted({(v.type, v.year or 0, v.scope or "") for i in indicators for v in i.values},
                  key=lambda k: (k[1], k[0], k[2]))
    headers = ["Indicator", "Eenheid"] + [escape(" ".join(x for x in (VALUE_TYPE_LABEL.get(t, t), str(y or ""), s) if x))
                                          for t, y, s in keys]
    rows = []
    for indicator in indicators:
        cells = {(v.type, v.year or 0, v.scope or ""): v for v in indicator.values}
        row = [prov.link(escape(indicator.name), indicator.page, indicator.bbox, indicator.lines, indicator.name, "name"),
               escape(indicator.unit or "")]
        for key in keys:
            value = cells.get(key)
            if value is None:
                row.append('<td class="num"></td>')
                continue
            text = escape(value.raw)
            label = f"{indicator.name}: {value.type} {value.year or ''} = {value.raw}"
            row.append('<td class="num">' + prov.link(text, value.page or indicator.page, value.bbox or indicator.bbox,
                                                     indicator.lines, label) + "</td>")
        rows.append(row)
    return html.table(headers, rows, 'class="indicators"', escape(title))


def _indicator_charts(document: Document, series: list[dict[str, Any]]) -> str:
    figures = []
    cross = _series_charts(series)
    for indicator in document.indicators:
        if indicator.name in cross:
            continue
        by_type: dict[str, dict[int, float]] = defaultdict(dict)
        for value in indicator.values:
            if value.year and value.type in ("realisatie", "streefwaarde") and not value.scope:
                by_type[value.type].setdefault(value.year, value.value)
        points = [Series(t, sorted(by_type[t].items())) for t in ("realisatie", "streefwaarde") if by_type.get(t)]
        if sum(len(s.points) for s in points) >= 2 and len({y for s in points for y, _ in s.points}) >= 2:
            figures.append(_figure(indicator.name, points, indicator.unit or "", "uit dit document"))
    figures += [_figure(name, points, unit, "over gekoppelde documenten") for name, (points, unit) in cross.items()]
    if not figures:
        return ""
    return f'<h3 id="grafieken">Realisatie en streefwaarde door de jaren</h3><div class="charts">{"".join(figures)}</div>'


def _series_charts(series: list[dict[str, Any]]) -> dict[str, tuple[list[Series], str]]:
    grouped: dict[str, dict[str, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    units: dict[str, str] = {}
    for row in series:
        name = str(row.get("name") or row.get("canonical") or row.get("indicator") or "")
        kind, year, value = row.get("type"), row.get("year"), row.get("value")
        if not name or kind not in ("realisatie", "streefwaarde") or not isinstance(year, int) or value is None:
            continue
        grouped[name][kind].setdefault(year, float(value))
        units.setdefault(name, str(row.get("unit") or ""))
    charts = {}
    for name, by_type in grouped.items():
        points = [Series(t, sorted(by_type[t].items())) for t in ("realisatie", "streefwaarde") if by_type.get(t)]
        if len({y for s in points for y, _ in s.points}) >= 2:
            charts[name] = (points, units.get(name, ""))
    return charts


def _figure(name: str, points: list[Series], unit: str, scope: str) -> str:
    svg = line_chart(f"{name}: realisatie en streefwaarde", points, unit)
    described = "; ".join(f"{s.name} " + ", ".join(f"{y}: {format_number(v)}" for y, v in s.points) for s in points)
    return (f'<figure class="indicator-chart">{svg}<figcaption>{escape(name)} ({escape(scope)}). '
            f"{escape(described)}</figcaption></figure>")


def _budgets(document: Document, prov: Provenance) -> str:
    if not document.budget_lines:
        return '<h2 id="begroting">Begroting</h2><p>Geen begrotingsregels gevonden.</p>'
    by_programme: dict[str, list[BudgetLine]] = defaultdict(list)
    for line in document.budget_lines:
        by_programme[line.programme or "Zonder programma"].append(line)
    parts = [f'<h2 id="begroting">Begroting ({len(document.budget_lines)} bedragen)</h2>']
    for programme, lines in by_programme.items():
        parts.append(f"<h3>{escape(programme)}</h3>")
        by_table: dict[str, list[BudgetLine]] = defaultdict(list)
        for line in lines:
            by_table[line.table or ""].append(line)
        for title, rows in by_table.items():
            parts.append(_budget_table(title, rows, prov))
        chart = _budget_chart(programme, lines)
        if chart:
            parts.append(f'<div class="charts">{chart}</div>')
    return "".join(parts)


def _budget_table(title: str, lines: list[BudgetLine], prov: Provenance) -> str:
    columns = list(dict.fromkeys(line.column for line in lines))
    labels = list(dict.fromkeys(line.label for line in lines))
    cells = {(line.label, line.column): line for line in lines}
    rows = []
    for label in labels:
        row = [escape(label)]
        for column in columns:
            line = cells.get((label, column))
            if line is None:
                row.append('<td class="num"></td>')
                continue
            text = escape(format_number(line.amount))
            row.append('<td class="num">' + prov.link(text, line.page, line.bbox, line.lines,
                                                     f"{label} — {column}: € {format_number(line.amount)} (gedrukt: {line.raw})") + "</td>")
        rows.append(row)
    return html.table(["Regel"] + [escape(c) for c in columns], rows, 'class="budget"', escape(title or "Bedragen (€)"))


def _budget_chart(programme: str, lines: list[BudgetLine]) -> str:
    """Lasten of the programme over the years, one line per kind (begroting, realisatie, …)."""
    by_kind: dict[str, dict[int, float]] = defaultdict(dict)
    for line in sorted(lines, key=lambda l: (l.detail, not _is_total_lasten(l))):
        if line.year and line.kind in BUDGET_CHART_KINDS and not line.detail and _is_lasten(line):
            by_kind[line.kind].setdefault(line.year, line.amount)
    points = [Series(kind.replace("_", " "), sorted(by_kind[kind].items())) for kind in BUDGET_CHART_KINDS if by_kind.get(kind)]
    if len({y for s in points for y, _ in s.points}) < 2:
        return ""
    return _figure(f"Lasten {programme}", points, "€", "uit dit document").replace("realisatie en streefwaarde", "lasten")


def _is_lasten(line: BudgetLine) -> bool:
    return line.side == "lasten" or (line.side is None and "lasten" in (line.label_norm or line.label).lower())


def _is_total_lasten(line: BudgetLine) -> bool:
    return _is_lasten(line) and "totaal" in line.label.lower()


def _partners_themes(document: Document) -> str:
    partners = [(escape(p.name), escape(p.canonical), escape(p.kind), escape(p.role or ""), f'<td class="num">{p.mentions}</td>',
                 escape(", ".join(str(x) for x in p.pages[:12]))) for p in document.partners]
    themes = [(escape(t.label), escape(t.field), f'<td class="num">{t.mentions}</td>', f'<td class="num">{t.score:.2f}</td>')
              for t in document.themes]
    return ('<h2 id="partners">Partners en thema\'s</h2>'
            + (html.table(["Naam", "Organisatie", "Soort", "Rol", "Vermeldingen", "Pagina's"], partners) if partners else "<p>Geen partners gevonden.</p>")
            + (html.table(["Thema", "Veld", "Vermeldingen", "Score"], themes) if themes else "<p>Geen thema's gevonden.</p>"))


def _findings(loaded: LoadedDocument) -> str:
    if not loaded.findings:
        return '<h2 id="bevindingen">Bevindingen</h2><p>Geen bevindingen voor dit document.</p>'
    rows = [(f'<span class="badge sev-{escape(str(f.get("severity")))}">{escape(str(f.get("severity")))}</span>',
             escape(str(f.get("rule"))), escape(str(f.get("message") or ""))) for f in loaded.findings]
    return (f'<h2 id="bevindingen">Bevindingen ({len(loaded.findings)})</h2>'
            + html.table(["Ernst", "Regel", "Bevinding"], rows)
            + '<p><a href="../findings.html">Alle bevindingen met hun bronnen</a></p>')


def finding_rows(findings: list[dict[str, Any]], summaries: list[DocumentSummary], root: str = "") -> str:
    """The findings table: each finding with the provenance of every item side by side."""
    lookup: dict[str, DocumentSummary] = {}
    for summary in summaries:
        for key in summary.keys:
            if key:
                lookup.setdefault(key, summary)
                lookup.setdefault(Path(key).name, summary)
    rows = []
    for finding in findings:
        severity, rule = str(finding.get("severity")), str(finding.get("rule"))
        rows.append(f'<tr data-severity="{escape(severity)}" data-rule="{escape(rule)}">'
                    f'<td><span class="badge sev-{escape(severity)}">{escape(severity)}</span></td>'
                    f"<td>{escape(rule)}</td><td>{escape(str(finding.get('message') or ''))}</td>"
                    f"<td>{_sources(finding.get('items') or [], lookup, root)}</td></tr>")
    head = "".join(f'<th scope="col">{h}</th>' for h in ("Ernst", "Regel", "Bevinding", "Bronnen"))
    return f'<table id="findings"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _sources(items: list[dict[str, Any]], lookup: dict[str, DocumentSummary], root: str) -> str:
    """The items of a finding grouped by document, side by side: the document once, then each value."""
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        by_doc[str(item.get("doc") or "")].append(item)
    blocks = []
    for doc, doc_items in by_doc.items():
        links = ", ".join(_item_link(item, lookup, root) for item in doc_items)
        blocks.append(f'<div class="source"><strong>{escape(Path(doc).name)}</strong>: {links}</div>')
    return "".join(blocks)


def _item_link(item: dict[str, Any], lookup: dict[str, DocumentSummary], root: str) -> str:
    doc = str(item.get("doc") or "")
    summary = lookup.get(doc) or lookup.get(Path(doc).name)
    page, bbox = item.get("page"), item.get("bbox")
    shown = item.get("raw") if item.get("raw") not in (None, "") else item.get("value")
    label = f"{shown} (p. {page})" if page else (str(shown) if shown is not None else "bron")
    if summary is None or not page or not bbox or int(page) not in summary.page_sizes:
        target = f"{root}docs/{quote(summary.slug)}.html" if summary else None
        return f'<a href="{escape(target)}">{escape(label)}</a>' if target else escape(label)
    path, width, height = summary.page_sizes[int(page)]
    query = urlencode({"img": path, "w": width, "h": height, "p": page, "b": ",".join(f"{float(v):.2f}" for v in bbox),
                       "t": f"{item.get('raw') or item.get('value') or ''}", "d": summary.name, "back": "findings.html"})
    return f'<a class="val" href="{escape(root)}view.html?{escape(query)}">{escape(label)}</a>'
