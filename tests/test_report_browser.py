"""The report in a real headless browser (Debian's chromium driven by playwright), offline.

Checks what a person does: the index lists every document, a document page shows its goal tree
and a chart, clicking a value opens the page image with the value's box on it. Screenshots of
each checked page are kept under output/test-artifacts/report/ (git-ignored).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from extractor.export import write_document
from extractor.model import Document
from extractor.report import build_report
from tests.helpers import REPO, SAMPLES, extract_cached

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = REPO / "output" / "test-artifacts" / "report"
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _need_browser():
    on_ci = os.environ.get("CI", "").lower() == "true"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if on_ci:
            pytest.fail("CI=true but playwright is not installed (pip install -e '.[test]')")
        pytest.skip("playwright not installed")
    if CHROMIUM is None:
        if on_ci:
            pytest.fail("CI=true but chromium is not installed (.ci/run installs it with apt-get)")
        pytest.skip("chromium not installed (apt-get install chromium)")
    return sync_playwright


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, Document]:
    batch = tmp_path_factory.mktemp("batch")
    names = ["wassenaar_begroting_2024.pdf", "leiden_jaarstukken_2017_veiligheid.txt"]
    for name in names:
        document = extract_cached(SAMPLES / name)
        document.source.file = str(SAMPLES / name)
        write_document(document, batch / f"{name}.json")
    out = tmp_path_factory.mktemp("site")
    build_report([batch], out, workers=1)
    begroting = Document.model_validate_json((batch / "wassenaar_begroting_2024.pdf.json").read_text())
    return out, begroting


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _need_browser()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield instance
        instance.close()


def _open(browser, url: str, requests: list[str]):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    page.wait_for_load_state("load")
    return page, errors


def test_index_lists_every_document(browser, site) -> None:
    out, _ = site
    requests: list[str] = []
    page, errors = _open(browser, (out / "index.html").as_uri(), requests)
    assert page.locator("#documents tbody tr").count() == 2
    page.fill("#filter", "wassenaar")
    assert page.locator("#documents tbody tr:visible").count() == 1
    page.fill("#filter", "")
    page.screenshot(path=str(ARTIFACTS / "index.png"), full_page=True)
    assert errors == []
    assert requests and all(url.startswith("file://") for url in requests), requests


def test_document_page_shows_goal_tree_and_a_chart(browser, site) -> None:
    out, begroting = site
    requests: list[str] = []
    page, errors = _open(browser, (out / "docs" / "wassenaar_begroting_2024.pdf.html").as_uri(), requests)
    assert page.locator("li.goal").count() == len(begroting.goals)
    chart = page.locator("figure.indicator-chart svg.chart").first
    assert chart.is_visible()
    name = page.locator("figure.indicator-chart figcaption").first.inner_text().split(" (")[0]
    indicator = next(i for i in begroting.indicators if i.name == name)
    expected_points = len({(v.type, v.year) for v in indicator.values
                           if v.year and v.type in ("realisatie", "streefwaarde") and not v.scope})
    assert chart.locator("g.pt").count() == expected_points
    page.screenshot(path=str(ARTIFACTS / "document.png"))
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests


def test_clicking_a_value_shows_its_box_on_the_right_page(browser, site) -> None:
    out, begroting = site
    requests: list[str] = []
    page, errors = _open(browser, (out / "docs" / "wassenaar_begroting_2024.pdf.html").as_uri(), requests)
    link = page.locator("table.budget a.val").first
    title = link.get_attribute("title")
    link.click()
    page.wait_for_function("document.getElementById('page').complete && !document.getElementById('box').hidden")
    label = title.rsplit(" — p. ", 1)
    expected_page = int(label[1])
    assert page.locator("#page").get_attribute("data-page") == str(expected_page)
    assert f"/p{expected_page}.jpg" in page.locator("#page").get_attribute("src")
    image, box = page.locator("#page").bounding_box(), page.locator("#box").bounding_box()
    assert image["x"] <= box["x"] and box["x"] + box["width"] <= image["x"] + image["width"] + 1
    assert image["y"] <= box["y"] and box["y"] + box["height"] <= image["y"] + image["height"] + 1
    line = next(b for b in begroting.budget_lines if b.page == expected_page and b.bbox)
    candidates = [b for b in begroting.budget_lines if b.page == expected_page and b.bbox]
    relative_top = (box["y"] - image["y"]) / image["height"]
    width, height = page.evaluate("[parseFloat(new URLSearchParams(location.search).get('w')), "
                                  "parseFloat(new URLSearchParams(location.search).get('h'))]")
    assert any(abs(b.bbox[1] / height - relative_top) < 0.01 for b in candidates), line
    assert page.locator("#crop").evaluate("c => c.width > 0 && c.height > 0")
    page.screenshot(path=str(ARTIFACTS / "viewer.png"))
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests
