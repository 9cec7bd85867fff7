"""The `extractor` command through its real entry points (console script and `python -m`)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.cli import COMMAND_MODULES, build_parser
from tests.helpers import SAMPLES


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def test_help_lists_commands_with_examples() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "extract" in result.stdout and "examples:" in result.stdout


def test_every_command_is_documented_with_examples() -> None:
    """Like sqlite-utils: a command without help text and examples is a bug."""
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    assert len(subparsers.choices) >= len(COMMAND_MODULES)
    for name, sub in subparsers.choices.items():
        assert sub.description, f"command {name} has no description"
        assert sub.epilog and "examples:" in sub.epilog and "extractor " + name in sub.epilog, f"command {name} lacks examples"
        result = run(name, "--help")
        assert result.returncode == 0 and "examples:" in result.stdout


def test_console_script_is_installed() -> None:
    executable = shutil.which("extractor")
    if executable is None:
        pytest.skip("console script not on PATH (package not installed with pip)")
    result = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("extractor ")


def test_extract_writes_one_json_per_input(tmp_path: Path) -> None:
    inputs = [SAMPLES / "leiden_jaarstukken_2017_veiligheid.txt", SAMPLES / "leiderdorp_integraal_veiligheidsbeleid_2015_2018.txt"]
    result = run("extract", *map(str, inputs), "-o", str(tmp_path), "--no-enrich")
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["leiden_jaarstukken_2017_veiligheid.json", "leiderdorp_integraal_veiligheidsbeleid_2015_2018.json"]
    document = json.loads((tmp_path / written[0]).read_text(encoding="utf-8"))
    assert document["schema_version"] == "2"
    assert document["source"]["format"] == "text" and document["source"]["pages"] is None
    assert len(document["source"]["sha256"]) == 64
    assert document["metadata"]["municipality"] == "Leiden"
    assert {g["id"] for g in document["goals"]} >= {"2", "2A", "2A1", "2A1.1", "2B5.2"}
    assert [i["name"] for i in document["indicators"]] == ["Aantal branden (geen brandstichting)", "Aantal brandstichtingen"]
    assert document["budget_lines"] == []  # the seed has no budget table
    assert document["partners"] == [] and document["themes"] == []  # --no-enrich: no tagging at all
    assert not list(tmp_path.glob(".*.tmp")), "temporary files left behind"


def test_stdout_mode_prints_the_document() -> None:
    result = run("extract", str(SAMPLES / "leiden_voortgangsrapportage_2022_veiligheid.txt"), "--stdout", "--no-tables", "--no-enrich")
    assert result.returncode == 0
    document = json.loads(result.stdout)
    assert document["metadata"]["document_type"] == "voortgangsrapportage"
    assert len(document["goals"]) == 30


def test_inputs_with_the_same_name_do_not_overwrite_each_other(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        shutil.copy(SAMPLES / "leiden_jaarstukken_2017_veiligheid.txt", tmp_path / folder / "doc.txt")
    out = tmp_path / "out"
    result = run("extract", str(tmp_path / "a" / "doc.txt"), str(tmp_path / "b" / "doc.txt"), "-o", str(out), "--no-enrich", "--no-tables")
    assert result.returncode == 0
    assert len(list(out.glob("*.json"))) == 2


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("extract").returncode == 2
    assert run("extract", "a.txt", "b.txt", "--stdout").returncode == 2
    assert run("extract", "a.txt", "--max-pages", "0").returncode == 2
    assert run().returncode == 2


def test_schema_check_passes_on_committed_schema() -> None:
    result = run("schema", "--check")
    assert result.returncode == 0, result.stderr
