"""The report's HTML frame: one stylesheet, a few lines of script, the page viewer.

Everything is written as files that open from disk (file://) without a server and without any
network request; the script only filters tables and places highlight boxes.
"""

from __future__ import annotations

from html import escape
from typing import Iterable

STYLE = """
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; }
body { margin: 0 auto; max-width: 78rem; padding: 1rem 1.5rem 3rem; line-height: 1.45; }
header.site { border-bottom: 3px solid #1f5fa8; margin-bottom: 1rem; }
header.site a { color: inherit; text-decoration: none; }
nav.toc a { margin-right: 1rem; }
table { border-collapse: collapse; margin: .5rem 0 1.25rem; font-size: .9rem; }
th, td { border: 1px solid #ccd; padding: .25rem .5rem; vertical-align: top; }
th { background: #eef2f8; text-align: left; }
.scroll { overflow-x: auto; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
#documents { font-size: .85rem; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.empty td { background: #fff4e5; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: .6rem; font-size: .8rem; background: #e5e7eb; }
.status-success { background: #dcfce7; } .status-partial { background: #fef3c7; } .status-failure { background: #fee2e2; }
.sev-error { background: #fee2e2; } .sev-warning { background: #fef3c7; } .sev-info { background: #e0f2fe; }
details > summary { cursor: pointer; }
ul.tree { list-style: none; padding-left: 1.2rem; margin: .2rem 0; }
.level { color: #555; font-size: .8rem; }
.label { font-weight: 600; }
a.src { font-size: .8rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
figure { margin: 0; } figcaption { font-size: .85rem; max-width: 460px; }
.filters { margin: .5rem 0; } .filters label { margin-right: 1rem; }
.pager button { margin-right: .25rem; }
#viewer { position: relative; display: inline-block; border: 1px solid #999; }
#viewer img { display: block; max-width: 100%; }
#box { position: absolute; border: 3px solid #dc2626; background: rgba(220,38,38,.12); box-sizing: border-box; }
canvas#crop { border: 1px solid #999; max-width: 100%; }
pre.source { font-size: .85rem; } pre.source span.hl { background: #fde68a; }
"""

INDEX_SCRIPT = """
(function () {
  const input = document.getElementById('filter');
  const only = document.getElementById('only-empty');
  const rows = Array.from(document.querySelectorAll('#documents tbody tr'));
  const pager = document.getElementById('pager');
  const size = 100; let pageNo = 0;
  function visible() {
    const q = (input.value || '').toLowerCase();
    return rows.filter(r => r.textContent.toLowerCase().includes(q) && (!only.checked || r.classList.contains('empty')));
  }
  function draw() {
    const shown = visible(); const pages = Math.max(1, Math.ceil(shown.length / size));
    pageNo = Math.min(pageNo, pages - 1);
    rows.forEach(r => { r.hidden = true; });
    shown.slice(pageNo * size, pageNo * size + size).forEach(r => { r.hidden = false; });
    pager.innerHTML = '';
    if (pages > 1) for (let i = 0; i < pages; i++) {
      const b = document.createElement('button'); b.type = 'button'; b.textContent = String(i + 1);
      if (i === pageNo) b.setAttribute('aria-current', 'page');
      b.addEventListener('click', () => { pageNo = i; draw(); }); pager.appendChild(b);
    }
    document.getElementById('count').textContent = String(shown.length);
  }
  input.addEventListener('input', () => { pageNo = 0; draw(); });
  only.addEventListener('change', () => { pageNo = 0; draw(); });
  draw();
})();
"""

FINDINGS_SCRIPT = """
(function () {
  const sev = document.getElementById('severity'); const rule = document.getElementById('rule');
  const rows = Array.from(document.querySelectorAll('#findings tbody tr'));
  function draw() {
    rows.forEach(r => { r.hidden = (sev.value && r.dataset.severity !== sev.value) || (rule.value && r.dataset.rule !== rule.value); });
  }
  sev.addEventListener('change', draw); rule.addEventListener('change', draw); draw();
})();
"""

VIEWER_SCRIPT = """
(function () {
  const q = new URLSearchParams(location.search);
  const img = document.getElementById('page'); const box = document.getElementById('box');
  const w = parseFloat(q.get('w')), h = parseFloat(q.get('h'));
  const b = (q.get('b') || '').split(',').map(parseFloat);
  document.getElementById('what').textContent = q.get('t') || '';
  document.getElementById('where').textContent = (q.get('d') || '') + ', pagina ' + (q.get('p') || '?');
  const back = document.getElementById('back'); if (q.get('back')) back.href = q.get('back');
  img.alt = 'Pagina ' + (q.get('p') || '') + ' van ' + (q.get('d') || 'het document') + ', met het gemarkeerde item';
  img.dataset.page = q.get('p') || '';
  img.addEventListener('load', function () {
    if (b.length === 4 && w > 0 && h > 0) {
      box.style.left = (100 * b[0] / w) + '%'; box.style.top = (100 * b[1] / h) + '%';
      box.style.width = (100 * (b[2] - b[0]) / w) + '%'; box.style.height = (100 * (b[3] - b[1]) / h) + '%';
      box.hidden = false;
      const sx = img.naturalWidth / w, sy = img.naturalHeight / h, m = 36;
      const x0 = Math.max(0, (b[0] - m) * sx), y0 = Math.max(0, (b[1] - m) * sy);
      const x1 = Math.min(img.naturalWidth, (b[2] + m) * sx), y1 = Math.min(img.naturalHeight, (b[3] + m) * sy);
      const c = document.getElementById('crop'); c.width = x1 - x0; c.height = y1 - y0;
      const g = c.getContext('2d'); g.drawImage(img, x0, y0, x1 - x0, y1 - y0, 0, 0, x1 - x0, y1 - y0);
      g.strokeStyle = '#dc2626'; g.lineWidth = 3;
      g.strokeRect(b[0] * sx - x0, b[1] * sy - y0, (b[2] - b[0]) * sx, (b[3] - b[1]) * sy);
      box.scrollIntoView({block: 'center'});
    }
  });
  img.src = q.get('img') || '';
})();
"""

SOURCE_SCRIPT = """
(function () {
  const q = new URLSearchParams(location.search);
  const from = parseInt(q.get('from') || '0', 10), to = parseInt(q.get('to') || q.get('from') || '0', 10);
  for (let n = from; n && n <= to; n++) { const s = document.getElementById('L' + n); if (s) s.classList.add('hl'); }
  const first = document.getElementById('L' + from); if (first) first.scrollIntoView({block: 'center'});
})();
"""


def page(title: str, body: str, root: str = "", script: str = "") -> str:
    """A complete HTML page; `root` is the relative path back to the report's top folder."""
    scripts = f"<script>{script}</script>" if script else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>"
        f'<link rel="stylesheet" href="{root}style.css"></head><body>'
        f'<header class="site"><p><a href="{root}index.html">Beleidsextractie: rapport</a></p></header>'
        f"<main>{body}</main>{scripts}</body></html>\n"
    )


def viewer_page() -> str:
    body = (
        '<h1>Bron van een waarde</h1>'
        '<p><strong id="what"></strong> — <span id="where"></span> · <a id="back" href="index.html">terug</a></p>'
        '<h2>Uitsnede</h2><canvas id="crop" role="img" aria-label="Uitsnede van de pagina rond het item"></canvas>'
        '<h2>Hele pagina</h2><div id="viewer"><img id="page" alt="Pagina van het document"><div id="box" hidden></div></div>'
    )
    return page("Bron van een waarde", body, "", VIEWER_SCRIPT)


def source_page(title: str, lines: Iterable[str]) -> str:
    spans = "\n".join(f'<span id="L{n}">{n:>5}  {escape(text)}</span>' for n, text in enumerate(lines, start=1))
    body = f"<h1>Brontekst: {escape(title)}</h1><pre class=\"source\">{spans}</pre>"
    return page(f"Brontekst {title}", body, "../", SOURCE_SCRIPT)


def table(headers: list[str], rows: Iterable[Iterable[str]], attrs: str = "", caption: str = "") -> str:
    """A table from already-escaped cell HTML; header cells get scope="col"."""
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    body = "".join("<tr>" + "".join(rows_cell(c) for c in row) + "</tr>" for row in rows)
    cap = f"<caption>{caption}</caption>" if caption else ""
    return f"<table {attrs}>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def rows_cell(cell: str) -> str:
    if cell.startswith("<td") or cell.startswith("<th"):
        return cell
    return f"<td>{cell}</td>"
