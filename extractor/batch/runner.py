"""The batch coordinator: walk, resume, run an engine, write results and manifest, build tables.

Only this process writes: each result is written atomically (temp file + rename) and then
recorded in the manifest in its own transaction. A kill between the two only means the
document is extracted again on `--resume`, giving the same bytes; a kill during a write
leaves a `.*.tmp` file that the next start removes. So any interrupted-and-resumed batch
ends with exactly the outputs of an uninterrupted one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Optional, Protocol

from extractor import __version__
from extractor.batch.engines import EngineError, EngineSettings, Task, run_dask, run_local
from extractor.batch.manifest import Manifest
from extractor.batch.tables import TablesResult, build_tables
from extractor.batch.walk import InputItem, walk_inputs
from extractor.batch.worker import DEFAULT_TASK_FUNCTION, Outcome, summarise
from extractor.export import write_atomic
from extractor.pipeline import ExtractOptions, failure_document

ENGINES = ("local", "dask")
# Leftovers of extractor.export.write_atomic: ".<name>.<random>.tmp" next to a .json/.csv/.parquet target.
_TEMP_FILE = re.compile(r"^\..+\.(json|csv|parquet)\.[A-Za-z0-9_]+\.tmp$")


class BatchError(Exception):
    """The batch cannot run (bad settings, missing input, engine unavailable)."""


@dataclass(frozen=True)
class BatchConfig:
    input_root: str
    out_dir: str
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    timeout: float = 300.0
    max_memory_mb: int = 2048
    resume: bool = False
    engine: str = "local"
    scheduler: Optional[str] = None
    options: ExtractOptions = field(default_factory=ExtractOptions)
    combined_tables: bool = True
    task_function: str = DEFAULT_TASK_FUNCTION

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError(f"workers must be at least 1, got {self.workers}")
        if not self.timeout > 0:
            raise ValueError(f"timeout must be a positive number of seconds, got {self.timeout}")
        if self.max_memory_mb < 0:
            raise ValueError(f"max_memory_mb must be 0 (no limit) or positive, got {self.max_memory_mb}")
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}, got {self.engine!r}")
        if self.scheduler and self.engine != "dask":
            raise ValueError("a scheduler address only makes sense with engine 'dask'")


@dataclass
class DocumentRecord:
    """One finished input as the manifest records it (plus its wall time for the summary)."""

    rel_path: str
    status: str
    pages: Optional[int] = None
    ocr_pages: int = 0  # how many of `pages` were read by OCR
    duration_s: Optional[float] = None
    cpu_s: Optional[float] = None
    error_code: Optional[str] = None
    error_message: Optional[str] = None
    output_path: Optional[str] = None
    resumed: bool = False


@dataclass
class BatchResult:
    out_dir: Path
    records: list[DocumentRecord] = field(default_factory=list)
    wall_s: float = 0.0
    removed_temp_files: int = 0
    tables: Optional[TablesResult] = None
    stats: dict[str, Any] = field(default_factory=dict)

    def by_status(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for record in self.records:
            counts[record.status] = counts.get(record.status, 0) + 1
        return counts

    @property
    def failed(self) -> list[DocumentRecord]:
        return [r for r in self.records if r.status == "failure"]

    @property
    def processed(self) -> list[DocumentRecord]:
        return [r for r in self.records if r.status in ("success", "partial", "failure") and not r.resumed]

    @property
    def pages(self) -> int:
        return sum(r.pages or 0 for r in self.processed)

    @property
    def ocr_pages(self) -> int:
        return sum(r.ocr_pages for r in self.processed)


class Reporter(Protocol):
    def start(self, total: int, already_done: int) -> None: ...
    def advance(self, record: DocumentRecord) -> None: ...
    def stop(self) -> None: ...


class _Silent:
    def start(self, total: int, already_done: int) -> None:
        pass

    def advance(self, record: DocumentRecord) -> None:
        pass

    def stop(self) -> None:
        pass


def remove_temp_files(out_dir: Path) -> int:
    """Delete half-written results left by a killed run (only names our atomic writer makes)."""
    removed = 0
    for folder, _, names in os.walk(out_dir):
        for name in names:
            if _TEMP_FILE.match(name):
                try:
                    os.unlink(os.path.join(folder, name))
                    removed += 1
                except OSError:
                    pass
    return removed


def file_sha256(path: str) -> Optional[str]:
    """sha256 of a regular file, None for anything else (never opens a FIFO or device)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


def _fmt(path: str) -> Optional[str]:
    return "pdf" if Path(path).suffix.lower() == ".pdf" else None


def _failure_from_outcome(task: Task, outcome: Outcome, config: BatchConfig) -> tuple[dict, bytes]:
    """The document the coordinator writes when the worker gave up on `task`."""
    from extractor.export import document_json

    path = task.path
    if outcome.kind == "timeout":
        code, message = "timeout", f"{path}: extraction took longer than {config.timeout:g} s and was stopped (see --timeout)"
    elif outcome.kind == "memory_limit":
        detail = f" ({outcome.message})" if outcome.message and outcome.message != "MemoryError" else ""
        code, message = "memory_limit", (f"{path}: extraction used more than {config.max_memory_mb} MB of memory{detail} "
                                         f"and was stopped (see --max-memory-mb)")
    elif outcome.kind == "crashed":
        code, message = "worker_crashed", f"{path}: the worker process died while extracting this document ({outcome.message})"
    else:
        code, message = "internal_error", f"{path}: the batch worker failed: {outcome.message}"
    sha256 = file_sha256(path)
    try:
        size = os.stat(path).st_size if sha256 else None
    except OSError:
        size = None
    document = failure_document(path, code, message, sha256, size, _fmt(path))
    return summarise(document), document_json(document)


def run_batch(config: BatchConfig, reporter: Optional[Reporter] = None) -> BatchResult:
    """Convert every document below `config.input_root` into `config.out_dir`."""
    reporter = reporter or _Silent()
    started = time.monotonic()
    root = Path(config.input_root)
    if config.scheduler:
        # Workers elsewhere have another working directory: hand them absolute paths.
        root = Path(os.path.abspath(root))
    if not root.exists():
        raise BatchError(f"{root}: no such file or folder")
    out_dir = Path(config.out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise BatchError(f"{out_dir}: exists and is not a folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    result = BatchResult(out_dir=out_dir)
    result.removed_temp_files = remove_temp_files(out_dir)

    items = walk_inputs(root, exclude=out_dir)
    options = asdict(config.options)
    # Extraction options are part of what "done" means: other options give other JSON.
    options_key = json.dumps(options, sort_keys=True)
    with Manifest(out_dir) as manifest:
        manifest.start_run(__version__, str(root), config.engine, config.workers,
                           {**options, "timeout": config.timeout, "max_memory_mb": config.max_memory_mb})
        for item in items:
            if item.action != "process":
                status = "skipped" if item.action == "skip" else "failure"
                manifest.record({"rel_path": item.rel_path, "input_path": item.path, "status": status,
                                 "error_code": item.code, "error_message": item.message, "extractor_version": __version__})
                result.records.append(DocumentRecord(item.rel_path, status, error_code=item.code, error_message=item.message))

        to_process: list[InputItem] = [i for i in items if i.action == "process"]
        # Largest first: a big document started last would leave the other workers idle at the end.
        to_process.sort(key=lambda i: -_size(i.path))
        tasks: list[Task] = []
        done = manifest.done_entries() if config.resume else {}
        for item in to_process:
            previous = done.get(item.rel_path)
            if (previous is not None and previous.extractor_version == __version__
                    and previous.options == options_key and previous.output_path and (out_dir / previous.output_path).is_file()
                    and previous.sha256 is not None and previous.sha256 == file_sha256(item.path)):
                result.records.append(DocumentRecord(item.rel_path, previous.status, output_path=previous.output_path, resumed=True))
                continue
            tasks.append(Task(len(tasks), item.rel_path, item.path))

        settings = EngineSettings(workers=config.workers, timeout=config.timeout, max_memory_mb=config.max_memory_mb,
                                  options=options, function=config.task_function, scheduler=config.scheduler)
        engine = run_dask if config.engine == "dask" else run_local
        reporter.start(len(tasks), sum(1 for r in result.records if r.resumed))
        outcome_text = "interrupted"
        try:
            if tasks:
                for task, outcome in engine(tasks, settings, result.stats):
                    result.records.append(_store(task, outcome, config, out_dir, manifest, options_key))
                    reporter.advance(result.records[-1])
            outcome_text = "completed"
        except EngineError as exc:
            outcome_text = "engine_error"
            raise BatchError(str(exc)) from exc
        finally:
            reporter.stop()
            manifest.finish_run(outcome_text)

    if config.combined_tables:
        outputs = [out_dir / r.output_path for r in result.records if r.output_path]
        result.tables = build_tables(out_dir, [p for p in outputs if p.is_file()])
    result.records.sort(key=lambda r: r.rel_path)
    result.wall_s = time.monotonic() - started
    return result


def _store(task: Task, outcome: Outcome, config: BatchConfig, out_dir: Path, manifest: Manifest,
           options_key: str) -> DocumentRecord:
    """Write one result atomically, then record it (the order that makes resume exact)."""
    if outcome.kind == "ok" and outcome.value is not None:
        facts = {k: v for k, v in outcome.value.items() if k not in ("json", "restart", "duration_s")}
        data: bytes = outcome.value["json"]
        duration = outcome.value.get("duration_s") or outcome.wall_s
    else:
        facts, data = _failure_from_outcome(task, outcome, config)
        duration = outcome.wall_s
    output_rel = task.rel_path + ".json"
    write_atomic(out_dir / output_rel, data)
    cpu = outcome.extra.get("cpu_s")
    manifest.record({**facts, "rel_path": task.rel_path, "input_path": task.path, "output_path": output_rel,
                     "duration_s": round(duration, 3), "cpu_s": round(cpu, 3) if cpu is not None else None,
                     "peak_rss_mb": outcome.peak_rss_mb, "extractor_version": __version__, "options": options_key})
    return DocumentRecord(task.rel_path, facts["status"], pages=facts.get("pages"), ocr_pages=facts.get("ocr_pages") or 0,
                          duration_s=duration, cpu_s=cpu,
                          error_code=facts.get("error_code"), error_message=facts.get("error_message"),
                          output_path=output_rel)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
