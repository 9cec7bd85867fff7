"""The batch coordinator: walk, resume, run an engine, write results and manifest, build tables.

Only this process writes: each result is written atomically (temp file + rename) and then
recorded in the manifest in its own transaction. A kill between the two only means the
document is extracted again on `--resume`, giving the same bytes; a kill during a write
leaves a `.*.tmp` file that the next start removes. So any interrupted-and-resumed batch
ends with exactly the outputs of an uninterrupted one.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import sqlite3
import stat
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Optional, Protocol

from extractor import __version__, checksums
from extractor.batch.engines import EngineError, EngineSettings, Task, run_dask, run_local
from extractor.batch.manifest import MANIFEST_NAME, Manifest
from extractor.batch.outputs import LOCK_NAME, plan_outputs, renamed_output
from extractor.batch.tables import CSV_DIALECTS, TablesResult, build_tables
from extractor.batch.walk import InputItem, walk_inputs
from extractor.batch.worker import DEFAULT_TASK_FUNCTION, Outcome, summarise
from extractor.export import describe_os_error, temp_owner, write_atomic
from extractor.fsnames import escape_name, printable, unescape_name
from extractor.pipeline import ExtractOptions, failure_document

ENGINES = ("local", "dask")
# Leftovers of an older atomic writer: ".<name>.<random>.tmp" next to a .json/.csv/.parquet target.
_LEGACY_TEMP_FILE = re.compile(r"^\..+\.(json|csv|parquet)\.[A-Za-z0-9_]+\.tmp$")
# Errors of the output file system that stop the whole batch (no later document could be written either).
_ENVIRONMENT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}
_SQLITE_FULL, _SQLITE_READONLY = 13, 8  # sqlite3 result codes (sqlite3.SQLITE_FULL exists only from Python 3.11)


class BatchError(Exception):
    """The batch cannot run (bad settings, missing input, engine unavailable, output folder unusable)."""


class BatchStopped(BatchError):
    """The batch stopped part-way because the output folder failed (e.g. full); `result` has what was written."""

    def __init__(self, message: str, result: "BatchResult") -> None:
        super().__init__(message)
        self.result = result


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
    wait: bool = False  # wait for another batch that holds the output folder instead of stopping
    prune: bool = False  # remove outputs and manifest rows of inputs that are no longer there
    csv_dialect: str = "standard"  # of the combined CSV tables, see extractor.batch.tables.CSV_DIALECTS

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
        if self.csv_dialect not in CSV_DIALECTS:
            raise ValueError(f"csv_dialect must be one of {', '.join(CSV_DIALECTS)}, got {self.csv_dialect!r}")


@dataclass
class DocumentRecord:
    """One finished input as the manifest records it (plus its wall time for the summary)."""

    rel_path: str
    status: str
    pages: Optional[int] = None
    ocr_pages: int = 0  # how many of `pages` were read by OCR
    ocr_pages_left: int = 0  # pages that need OCR but were not OCR'd (time for OCR ran out, or --ocr-max-pages)
    duration_s: Optional[float] = None
    cpu_s: Optional[float] = None
    error_code: Optional[str] = None
    error_message: Optional[str] = None
    output_path: Optional[str] = None
    resumed: bool = False
    internal_error: bool = False
    extracted: Optional[int] = None  # goals + indicators + budget lines; 0 = the document came out empty
    warning_codes: Optional[str] = None


@dataclass
class BatchResult:
    out_dir: Path
    records: list[DocumentRecord] = field(default_factory=list)
    wall_s: float = 0.0
    removed_temp_files: int = 0
    tables: Optional[TablesResult] = None
    stats: dict[str, Any] = field(default_factory=dict)
    reused_rows: int = 0  # rows an earlier batch left in the manifest (the folder was used before)
    stale_rows: int = 0  # manifest rows of inputs not seen by this batch (their JSON is not in the tables)
    pruned: int = 0

    @property
    def internal_errors(self) -> list[DocumentRecord]:
        return [r for r in self.records if r.internal_error]

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

    @property
    def ocr_pages_left(self) -> int:
        return sum(r.ocr_pages_left for r in self.processed)


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
    """Delete half-written results left by writers that are gone (never a live process's temporary file)."""
    removed = 0
    for folder, _, names in os.walk(out_dir):
        for name in names:
            owner = temp_owner(name)
            if owner is None and not _LEGACY_TEMP_FILE.match(name):
                continue
            if owner is not None and _process_alive(owner):
                continue
            try:
                os.unlink(os.path.join(folder, name))
                removed += 1
            except OSError:
                pass
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OutputLock:
    """An exclusive lock on the output folder, so two batches never write into one folder at once."""

    def __init__(self, out_dir: Path, wait: bool = False) -> None:
        self.path = out_dir / LOCK_NAME
        self.wait = wait
        self._handle = None

    def __enter__(self) -> "OutputLock":
        import fcntl

        try:
            self._handle = open(self.path, "ab")
        except OSError as exc:
            raise BatchError(f"cannot write to the output folder: {describe_os_error(exc, self.path.parent)}") from exc
        try:
            fcntl.flock(self._handle, fcntl.LOCK_EX | (0 if self.wait else fcntl.LOCK_NB))
        except BlockingIOError:
            self._handle.close()
            raise BatchError(f"{self.path.parent}: another batch is writing into this output folder "
                             f"(it holds {self.path.name}); wait for it to finish, use another --out, or add --wait") from None
        return self

    def __exit__(self, *exc) -> None:
        if self._handle is not None:
            self._handle.close()  # closing releases the lock; the empty file stays (removing it would race)


def _check_writable(out_dir: Path) -> None:
    """Fail early, with the folder and the reason, when nothing can be written into `out_dir`."""
    probe = out_dir / f"{LOCK_NAME}.probe-{os.getpid()}"
    try:
        with open(probe, "wb") as handle:
            handle.write(b"x")
        os.unlink(probe)
    except OSError as exc:
        raise BatchError(f"cannot write to the output folder: {describe_os_error(exc, out_dir)}") from exc


def regular_file_sha256(path: str) -> Optional[str]:
    """sha256 of a regular file, None for anything else (never opens a FIFO or device)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        return checksums.file_sha256(path)
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
        detail = f" ({outcome.message})" if outcome.message else ""
        code, message = "memory_limit", (f"{path}: extraction used more than {config.max_memory_mb} MB of memory{detail} "
                                         f"and was stopped (see --max-memory-mb)")
    elif outcome.kind == "crashed":
        code, message = "worker_crashed", f"{path}: the worker process died while extracting this document ({outcome.message})"
    else:
        code, message = "internal_error", f"{path}: the batch worker failed: {outcome.message}"
    sha256 = regular_file_sha256(path)
    try:
        size = os.stat(path).st_size if sha256 else None
    except OSError:
        size = None
    document = failure_document(path, code, message, sha256, size, _fmt(path))
    return summarise(document), document_json(document)


def run_batch(config: BatchConfig, reporter: Optional[Reporter] = None) -> BatchResult:
    """Convert every document below `config.input_root` into `config.out_dir`."""
    root = Path(config.input_root)
    if config.scheduler:
        # Workers elsewhere have another working directory: hand them absolute paths.
        root = Path(os.path.abspath(root))
    if not root.exists():
        raise BatchError(f"{escape_name(root)}: no such file or folder")
    out_dir = Path(config.out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise BatchError(f"{escape_name(out_dir)}: exists and is not a folder (--out needs a folder)")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchError(f"cannot create the output folder: {describe_os_error(exc, out_dir)}") from exc
    with OutputLock(out_dir, wait=config.wait):
        _check_writable(out_dir)
        return _run_locked(config, root, out_dir, reporter or _Silent())


def _open_manifest(out_dir: Path) -> Manifest:
    try:
        return Manifest(out_dir)
    except sqlite3.Error as exc:
        raise BatchError(f"{escape_name(out_dir / MANIFEST_NAME)}: cannot open the manifest ({exc})") from exc


_WORKER_SET = ("ocr_time_limit", "ocr_core_slots")


def _run_locked(config: BatchConfig, root: Path, out_dir: Path, reporter: Reporter) -> BatchResult:
    started = time.monotonic()
    result = BatchResult(out_dir=out_dir)
    result.removed_temp_files = remove_temp_files(out_dir)
    items = walk_inputs(root, exclude=out_dir)
    plan = plan_outputs([i.rel_path for i in items if i.action != "skip"])
    options = asdict(config.options)
    # Extraction options are part of what "done" means: other options give other JSON. The OCR
    # time limit and core folder are the worker's (set per run), so unset they are not in the key.
    options_key = json.dumps({k: v for k, v in options.items() if v is not None or k not in _WORKER_SET}, sort_keys=True)
    with _open_manifest(out_dir) as manifest:
        try:
            result.reused_rows = 0 if config.resume else manifest.count()
            manifest.start_run(__version__, escape_name(root), config.engine, config.workers,
                               {**options, "timeout": config.timeout, "max_memory_mb": config.max_memory_mb})
            manifest.mark_current([escape_name(i.rel_path) for i in items])
        except sqlite3.Error as exc:
            raise BatchError(f"{escape_name(manifest.path)}: cannot start a run in the manifest ({exc})") from exc
        writer = _Writer(config, out_dir, manifest, options_key, result)
        outcome_text = "interrupted"
        try:
            for item in items:
                if item.action != "process":
                    writer.store_walk_result(item, plan.get(item.rel_path))
            tasks = _tasks_to_run(items, config, manifest, out_dir, options_key, result)
            _run_engine(tasks, config, options, plan, writer, reporter, result)
            outcome_text = "completed"
        except EngineError as exc:
            outcome_text = "engine_error"
            raise BatchError(str(exc)) from exc
        except _OutputFailed as exc:
            outcome_text = "output_error"
            result.records.sort(key=lambda r: r.rel_path)
            result.wall_s = time.monotonic() - started
            written = sum(1 for r in result.records if r.output_path and not r.resumed)
            raise BatchStopped(f"{exc}; the batch stopped. {written} documents were written and recorded in "
                               f"{MANIFEST_NAME}; free the space or fix the folder, then run again with --resume", result) from exc
        finally:
            reporter.stop()
            try:
                manifest.finish_run(outcome_text)
            except sqlite3.Error:
                pass  # e.g. the disk is full: the rows already recorded stay valid
        result.stale_rows = manifest.count_stale()
        if config.prune and result.stale_rows:
            result.pruned = _prune(out_dir, manifest)
            result.stale_rows = 0

    if config.combined_tables:
        outputs = [out_dir / unescape_name(r.output_path) for r in result.records if r.output_path]
        result.tables = build_tables(out_dir, [p for p in outputs if p.is_file()], csv_dialect=config.csv_dialect)
    result.records.sort(key=lambda r: r.rel_path)
    result.wall_s = time.monotonic() - started
    return result


def _tasks_to_run(items: list[InputItem], config: BatchConfig, manifest: Manifest, out_dir: Path, options_key: str,
                  result: BatchResult) -> list[Task]:
    """The documents to extract now, largest first; with --resume those already done are recorded as resumed."""
    to_process = [i for i in items if i.action == "process"]
    # Largest first: a big document started last would leave the other workers idle at the end.
    to_process.sort(key=lambda i: -_size(i.path))
    done = manifest.done_entries() if config.resume else {}
    tasks: list[Task] = []
    for item in to_process:
        previous = done.get(escape_name(item.rel_path))
        previous_output = unescape_name(previous.output_path) if previous is not None and previous.output_path else None
        if (previous is not None and previous.extractor_version == __version__
                and previous.options == options_key and previous_output and (out_dir / previous_output).is_file()
                and previous.sha256 is not None and previous.sha256 == regular_file_sha256(item.path)):
            result.records.append(DocumentRecord(escape_name(item.rel_path), previous.status,
                                                 output_path=previous.output_path, resumed=True))
            continue
        tasks.append(Task(len(tasks), item.rel_path, item.path))
    return tasks


def _run_engine(tasks: list[Task], config: BatchConfig, options: dict, plan: dict[str, str], writer: "_Writer",
                reporter: Reporter, result: BatchResult) -> None:
    """Extract `tasks` on the configured engine, storing each result as it arrives."""
    settings = EngineSettings(workers=config.workers, timeout=config.timeout, max_memory_mb=config.max_memory_mb,
                              options=options, function=config.task_function, scheduler=config.scheduler)
    engine = run_dask if config.engine == "dask" else run_local
    reporter.start(len(tasks), sum(1 for r in result.records if r.resumed))
    if not tasks:
        return
    with contextlib.closing(engine(tasks, settings, result.stats)) as outcomes:
        for task, outcome in outcomes:
            result.records.append(writer.store(task, outcome, plan[task.rel_path]))
            reporter.advance(result.records[-1])


def current_outputs(out_dir: Path) -> tuple[Optional[list[Path]], list[str]]:
    """The JSON files of the latest batch into `out_dir`, and the other JSON files there (left out).

    (None, []) when the folder has no manifest: then every document JSON in it is used.
    """
    if not (out_dir / MANIFEST_NAME).is_file():
        return None, []
    with OutputLock(out_dir), _open_manifest(out_dir) as manifest:
        rows = manifest.current_rows()
    paths = [out_dir / unescape_name(r["output_path"]) for r in rows if r["output_path"]]
    paths = [p for p in paths if p.is_file()]
    from extractor.batch.tables import find_document_files

    used = set(paths)
    others = [escape_name(p.relative_to(out_dir).as_posix()) for p in find_document_files(out_dir) if p not in used]
    return paths, others


def _prune(out_dir: Path, manifest: Manifest) -> int:
    """Remove the JSON files and manifest rows of inputs this batch did not see (they are gone)."""
    removed = 0
    for row in manifest.stale_rows():
        if row["output_path"]:
            try:
                os.unlink(out_dir / unescape_name(row["output_path"]))
            except FileNotFoundError:
                pass
        manifest.delete(row["rel_path"])
        removed += 1
    return removed


class _OutputFailed(Exception):
    """Writing into the output folder failed for a reason no later document escapes (full disk, read-only)."""


class _Writer:
    """Writes each result atomically, then records it (the order that makes resume exact)."""

    def __init__(self, config: BatchConfig, out_dir: Path, manifest: Manifest, options_key: str, result: BatchResult) -> None:
        self.config, self.out_dir, self.manifest, self.options_key, self.result = config, out_dir, manifest, options_key, result

    def store(self, task: Task, outcome: Outcome, output_rel: str) -> DocumentRecord:
        if outcome.kind == "ok" and outcome.value is not None:
            facts = {k: v for k, v in outcome.value.items() if k not in ("json", "restart", "duration_s")}
            data: bytes = outcome.value["json"]
            duration = outcome.value.get("duration_s") or outcome.wall_s
        else:
            facts, data = _failure_from_outcome(task, outcome, self.config)
            duration = outcome.wall_s
        output_rel = self._write(task.rel_path, output_rel, data)
        cpu = outcome.extra.get("cpu_s")
        self._record(output_rel, {**facts, "rel_path": escape_name(task.rel_path), "input_path": escape_name(task.path),
                      "output_path": escape_name(output_rel), "duration_s": round(duration, 3),
                      "cpu_s": round(cpu, 3) if cpu is not None else None, "peak_rss_mb": outcome.peak_rss_mb,
                      "extractor_version": __version__, "options": self.options_key})
        return DocumentRecord(escape_name(task.rel_path), facts["status"], pages=facts.get("pages"),
                              ocr_pages=facts.get("ocr_pages") or 0, ocr_pages_left=facts.get("ocr_pages_left") or 0,
                              duration_s=duration,
                              cpu_s=cpu, error_code=facts.get("error_code"), error_message=facts.get("error_message"),
                              output_path=escape_name(output_rel), internal_error=bool(facts.get("internal_error")),
                              extracted=_extracted(facts), warning_codes=facts.get("warning_codes"))

    def store_walk_result(self, item: InputItem, output_rel: Optional[str]) -> None:
        """A skipped entry gets a manifest row; a failure found during the walk also gets its JSON."""
        rel, shown_path = escape_name(item.rel_path), escape_name(item.path)
        if item.action == "skip" or output_rel is None:
            message = printable(item.message or "")
            self._record(None, {"rel_path": rel, "input_path": shown_path, "status": "skipped", "error_code": item.code,
                                "error_message": message, "extractor_version": __version__})
            self.result.records.append(DocumentRecord(rel, "skipped", error_code=item.code, error_message=message))
            return
        from extractor.export import document_json

        document = failure_document(item.path, item.code or "unreadable_file", item.message or "", fmt=_fmt(item.path))
        output_rel = self._write(item.rel_path, output_rel, document_json(document))
        self._record(output_rel, {**summarise(document), "rel_path": rel, "input_path": shown_path,
                                  "output_path": escape_name(output_rel), "extractor_version": __version__})
        self.result.records.append(DocumentRecord(rel, "failure", error_code=item.code, error_message=document.errors[0].message,
                                                  output_path=escape_name(output_rel)))

    def _write(self, rel_path: str, output_rel: str, data: bytes) -> str:
        """Write at the planned path; a file or folder in the way moves the output to `_renamed/`."""
        for attempt in (output_rel, renamed_output(rel_path)):
            try:
                write_atomic(self.out_dir / attempt, data)
                return attempt
            except OSError as exc:
                if exc.errno in _ENVIRONMENT_ERRNOS:
                    raise _OutputFailed(f"cannot write {escape_name(attempt)}: {describe_os_error(exc, self.out_dir)}") from exc
                if attempt != output_rel:
                    raise _OutputFailed(f"cannot write {escape_name(attempt)}: {describe_os_error(exc, self.out_dir)}") from exc
        raise AssertionError("unreachable")

    def _record(self, output_rel: Optional[str], row: dict) -> None:
        """Commit the row of a JSON just written; if that fails, remove the JSON so the two still agree."""
        try:
            self.manifest.record(row)
        except sqlite3.Error as exc:
            try:
                if output_rel is not None:
                    os.unlink(self.out_dir / output_rel)
            except OSError:
                pass
            primary = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF  # the extended code's low byte
            if primary in (_SQLITE_FULL, _SQLITE_READONLY):
                reason = "no space left on device" if primary == _SQLITE_FULL else "read-only file system"
                raise _OutputFailed(f"cannot record {row['rel_path']} in {MANIFEST_NAME}: "
                                    f"{escape_name(self.out_dir)}: {reason}") from exc
            raise _OutputFailed(f"{escape_name(self.manifest.path)}: cannot record a document ({exc})") from exc


def _extracted(facts: dict) -> Optional[int]:
    counts = [facts.get(k) for k in ("n_goals", "n_indicators", "n_budget_lines")]
    return None if any(c is None for c in counts) else sum(counts)  # type: ignore[arg-type]


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
