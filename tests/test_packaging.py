"""A normal install must work: dependencies declared, models shipped inside the package."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from extractor import resources

REPO = Path(__file__).resolve().parent.parent


def _declared_distributions() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(project["dependencies"]) + [s for extra in project["optional-dependencies"].values() for s in extra]
    return {re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0].lower().replace("_", "-") for spec in specs}


def _imported_top_level_modules() -> set[str]:
    names: set[str] = set()
    for path in (REPO / "extractor").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n != "extractor" and n not in sys.stdlib_module_names}


# Imports guarded by a fallback (an optional trained spaCy pipeline, tesseract bindings found at run time).
OPTIONAL_IMPORTS = {"nl_core_news_sm", "nl_core_news_md", "nl_core_news_lg", "pytesseract", "tesserocr"}


def test_every_imported_third_party_module_is_declared() -> None:
    declared = _declared_distributions()
    by_module = importlib.metadata.packages_distributions()
    undeclared = []
    for module in sorted(_imported_top_level_modules() - OPTIONAL_IMPORTS):
        distributions = {d.lower().replace("_", "-") for d in by_module.get(module, [module])}
        if not distributions & declared:
            undeclared.append(f"{module} ({', '.join(sorted(distributions))})")
    assert "pypdfium2" in _imported_top_level_modules()  # the default reader: the check below must cover it
    assert not undeclared, f"imported but not declared in pyproject.toml: {undeclared}"


def test_models_dir_prefers_the_packaged_copy(tmp_path, monkeypatch) -> None:
    packaged = tmp_path / "extractor"
    (packaged / resources.PACKAGED_MODELS / "data").mkdir(parents=True)
    monkeypatch.setattr(resources.importlib.resources, "files", lambda package: packaged)
    resources.models_dir.cache_clear()
    try:
        assert resources.data_dir() == packaged / "_models" / "data"
    finally:
        resources.models_dir.cache_clear()


def test_models_dir_in_a_checkout_is_the_top_level_models_folder() -> None:
    assert resources.models_dir() == REPO / "models"
    assert (resources.pipeline_dir() / "meta.json").is_file()


@pytest.mark.slow
def test_wheel_ships_every_models_file(tmp_path) -> None:
    """The regression of issue 11 (1): the wheel had no models/ at all."""
    source = tmp_path / "src"  # a clean copy: an in-tree build/ folder could hide a missing file
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(REPO / name, source / name)
    for name in ("extractor", "models"):
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(tmp_path)],
                           capture_output=True, text=True)
    if build.returncode != 0 and "Could not find a version" in build.stderr:
        pytest.skip("no package index reachable to build the wheel")
    assert build.returncode == 0, build.stderr
    wheel = next(tmp_path.glob("*.whl"))
    shipped = {n for n in zipfile.ZipFile(wheel).namelist() if n.startswith("extractor/_models/")}
    expected = {"extractor/_models/" + p.relative_to(REPO / "models").as_posix()
                for p in (REPO / "models").rglob("*") if p.is_file()}
    assert "extractor/_models/data/lemma_exceptions.csv" in expected
    assert expected <= shipped, sorted(expected - shipped)[:10]
