"""The per-document function and the guarded child process that runs it.

`process_task` is what both engines run for one document: extract, serialise, summarise.
It runs inside a `GuardedWorker`: a long-lived child process (`python -m extractor.batch.worker`)
that the caller can kill when a document takes too long or uses too much memory, or that may
die on its own; either way the caller gets an `Outcome` and starts a fresh child. Children are
plain subprocesses (not multiprocessing), so they also work inside Dask's daemonic workers.
Children never write output files: only the coordinating process does, so killing anything
at any moment cannot leave a half-written result.
"""

from __future__ import annotations

import importlib
import os
import pickle
import resource
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

DEFAULT_TASK_FUNCTION = "extractor.batch.worker:process_task"
_HEADER = struct.Struct("!Q")
_POLL_SECONDS = 0.1
_STARTUP_SECONDS = 120.0
# Share of a document's time limit in which OCR pages may start: the rest of the time is for the
# pages in flight and for layout, parsing and tagging, so a long scan comes out partial (the pages
# read, `ocr_incomplete` naming the others) instead of being killed with nothing.
OCR_TIME_SHARE = 0.6


class WorkerStartError(RuntimeError):
    """A child process did not come up (broken installation, no memory): not the document's fault."""


# ---------------------------------------------------------------- the per-document function

def summarise(document) -> dict[str, Any]:
    """Manifest facts of a `Document` (shared by worker results and coordinator-made failures)."""
    first_error = next((e for e in document.errors if e.severity == "error"), None)
    return {
        "status": document.status,
        "sha256": document.source.sha256,
        "size": document.source.size,
        "format": document.source.format,
        "pages": document.source.pages,
        "ocr_pages": len(document.coverage.ocr_pages),
        "ocr_pages_left": len(document.coverage.ocr_pages_left),
        "error_code": first_error.code if first_error else None,
        "error_message": first_error.message if first_error else None,
        "n_errors": sum(1 for e in document.errors if e.severity == "error"),
        "n_warnings": sum(1 for e in document.errors if e.severity == "warning"),
        "n_goals": len(document.goals),
        "n_indicators": len(document.indicators),
        "n_budget_lines": len(document.budget_lines),
        "n_partners": len(document.partners),
        "internal_error": any(e.code == "internal_error" for e in document.errors),
        "n_outline_headings": len(document.outline),
        # Distinct warning codes ("no_goal_structure;tables_not_used"): what a reader of 1,000 results filters on.
        "warning_codes": ";".join(sorted({str(e.code) for e in document.errors if e.severity == "warning"})) or None,
    }


def process_task(path: str, options: dict[str, Any]) -> dict[str, Any]:
    """Extract one document; return its JSON bytes plus the facts the manifest records."""
    from extractor.export import document_json
    from extractor.model import ErrorCode
    from extractor.pipeline import ExtractOptions, extract_document, failure_document

    started = time.perf_counter()
    document = extract_document(path, ExtractOptions(**options))
    restart = False
    if any(e.code == ErrorCode.memory_limit for e in document.errors):
        # The address-space limit hit inside the pipeline (a MemoryError, recognised by type there).
        document = failure_document(path, "memory_limit",
                                    f"{path}: extraction ran out of memory (worker memory limit reached); stopped",
                                    document.source.sha256, document.source.size, document.source.format)
        restart = True
    result = summarise(document)
    result["json"] = document_json(document)
    result["duration_s"] = time.perf_counter() - started
    result["restart"] = restart
    return result


def resolve_function(spec: str) -> Callable[[str, dict], dict]:
    module_name, _, attribute = spec.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


# ---------------------------------------------------------------- child side

def _read_exact(stream, n: int) -> Optional[bytes]:
    chunks = []
    while n:
        chunk = stream.read(n)
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _watch_parent(parent: int) -> None:
    """Leave when the coordinator is gone (e.g. SIGKILLed): nobody will read our result."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(0)


def _limit_address_space(max_memory_mb: int) -> None:
    """Backstop for allocations faster than the coordinator's RSS polling (generous: RLIMIT_AS counts virtual memory)."""
    if max_memory_mb <= 0:
        return
    limit = max(2 * max_memory_mb, max_memory_mb + 2048) * 1024 * 1024
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def _cpu_seconds() -> float:
    """CPU time of this process and of the finished processes it started (Tesseract runs as one)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _worker_options(task: dict[str, Any]) -> tuple[dict[str, Any], Optional[Callable[[], None]]]:
    """The task's options with what only the worker knows: the time OCR may take (a share of the
    document's time limit) and the batch's core folder; and the release of this worker's own core,
    which it holds while it extracts (other workers may borrow it in between)."""
    options = dict(task["options"])
    if "ocr_time_limit" in options and options["ocr_time_limit"] is None and task.get("timeout"):
        options["ocr_time_limit"] = OCR_TIME_SHARE * float(task["timeout"])
    slots = task.get("core_slots")
    if not slots:
        return options, None
    from extractor.read.cores import hold_own

    folder, index = slots
    if "ocr_core_slots" in options:
        options["ocr_core_slots"] = folder
    return options, hold_own(folder, index)


def serve(max_memory_mb: int) -> None:
    """Child main loop: read a pickled task from stdin, answer on the original stdout."""
    protocol_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints from libraries must not corrupt the protocol
    protocol_in = sys.stdin.buffer
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the coordinator, which stops us itself
    _limit_address_space(max_memory_mb)
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    functions: dict[str, Callable] = {}
    import extractor.pipeline  # noqa: F401  (import once, before the first document)

    # Tell the parent we are ready, so start-up time never counts against a document's time limit.
    ready = pickle.dumps({"ready": True})
    protocol_out.write(_HEADER.pack(len(ready)) + ready)
    protocol_out.flush()

    while True:
        header = _read_exact(protocol_in, _HEADER.size)
        if header is None:
            return
        body = _read_exact(protocol_in, _HEADER.unpack(header)[0])
        if body is None:
            return
        task = pickle.loads(body)
        restart = False
        usage = _cpu_seconds()
        release = None
        try:
            function = functions.get(task["function"]) or resolve_function(task["function"])
            functions[task["function"]] = function
            options, release = _worker_options(task)
            reply = {"ok": True, "value": function(task["path"], options)}
            restart = bool(reply["value"].get("restart"))
        except MemoryError:
            reply = {"ok": False, "kind": "memory_limit", "message": ""}
            restart = True
        except BaseException as exc:  # anything else is a bug in the per-document function
            reply = {"ok": False, "kind": "error", "message": "".join(traceback.format_exception_only(type(exc), exc)).strip()}
        finally:
            if release is not None:
                release()
        reply["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        reply["cpu_s"] = _cpu_seconds() - usage
        data = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
        protocol_out.write(_HEADER.pack(len(data)) + data)
        protocol_out.flush()
        if restart:
            return


# ---------------------------------------------------------------- parent side

@dataclass
class Outcome:
    """What happened to one document in a guarded child.

    kind: "ok" (value holds process_task's result), "timeout", "memory_limit", "crashed", "error".
    """

    kind: str
    value: Optional[dict[str, Any]] = None
    message: str = ""
    peak_rss_mb: Optional[float] = None
    wall_s: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


class GuardedWorker:
    """One child process that extracts documents one at a time under a time and memory limit."""

    def __init__(self, max_memory_mb: int = 0, function: str = DEFAULT_TASK_FUNCTION,
                 stop: Optional[threading.Event] = None, core_slots: Optional[tuple[str, int]] = None) -> None:
        self.max_memory_mb = max_memory_mb
        self.function = function
        self.core_slots = core_slots  # (lock folder, this worker's core) of `extractor.read.cores`
        self.stop = stop or threading.Event()
        self._proc: Optional[subprocess.Popen] = None
        self.peak_rss_mb = 0.0
        self.restarts = 0

    def _start(self) -> subprocess.Popen:
        """Start a child and wait for its ready message (imports done)."""
        proc = subprocess.Popen(
            [sys.executable, "-m", "extractor.batch.worker", str(self.max_memory_mb)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            start_new_session=True,  # its own process group: a kill takes Tesseract (its children) along
        )
        self._proc = proc
        deadline = time.monotonic() + _STARTUP_SECONDS
        fd = proc.stdout.fileno()  # type: ignore[union-attr]
        while True:
            ready, _, _ = select.select([fd], [], [], _POLL_SECONDS)
            if ready:
                reply = self._read_reply(proc)
                if reply is not None and reply.get("ready"):
                    return proc
                break
            if proc.poll() is not None or time.monotonic() > deadline or self.stop.is_set():
                break
        code = proc.poll()
        self._kill()
        raise WorkerStartError(f"the worker process could not start (exit code {code}); "
                               f"run `{sys.executable} -m extractor.batch.worker` to see why")

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            proc.stdin.close()  # type: ignore[union-attr]
        except OSError:
            pass
        try:
            proc.wait(timeout=2.0)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()

    def _kill(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the child and the OCR processes it started
        except (ProcessLookupError, PermissionError):
            try:
                proc.kill()
            except ProcessLookupError:
                pass
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            try:
                stream.close()  # type: ignore[union-attr]
            except (OSError, AttributeError):
                pass
        self.restarts += 1

    def run(self, path: str, options: dict[str, Any], timeout: float) -> Outcome:
        """Extract `path` in the child; never raises for anything the document does."""
        proc = self._proc if self._proc is not None and self._proc.poll() is None else self._start()
        started = time.monotonic()
        payload = pickle.dumps({"path": path, "options": options, "function": self.function, "timeout": timeout,
                                "core_slots": self.core_slots})
        try:
            proc.stdin.write(_HEADER.pack(len(payload)) + payload)  # type: ignore[union-attr]
            proc.stdin.flush()  # type: ignore[union-attr]
        except (BrokenPipeError, OSError):
            # The child died between documents (e.g. killed from outside); start afresh once.
            self._kill()
            proc = self._start()
            started = time.monotonic()
            proc.stdin.write(_HEADER.pack(len(payload)) + payload)  # type: ignore[union-attr]
            proc.stdin.flush()  # type: ignore[union-attr]
        outcome = self._await(proc, started, timeout)
        outcome.wall_s = time.monotonic() - started
        if outcome.peak_rss_mb:
            self.peak_rss_mb = max(self.peak_rss_mb, outcome.peak_rss_mb)
        return outcome

    def _await(self, proc: subprocess.Popen, started: float, timeout: float) -> Outcome:
        import psutil

        fd = proc.stdout.fileno()  # type: ignore[union-attr]
        try:
            ps = psutil.Process(proc.pid)
        except psutil.Error:
            ps = None
        peak = 0.0
        resident = _Resident(ps) if ps is not None else None
        while True:
            ready, _, _ = select.select([fd], [], [], _POLL_SECONDS)
            if ready:
                reply = self._read_reply(proc)
                if reply is None:
                    return self._crashed(proc, peak)
                rss = max(reply.get("peak_rss_mb") or 0.0, peak) or None  # polled peak counts OCR processes too
                extra = {"cpu_s": reply.get("cpu_s")}
                if reply.get("ok"):
                    value = reply["value"]
                    if value.get("restart"):
                        self._kill()
                    return Outcome("ok", value=value, peak_rss_mb=rss, extra=extra)
                self._kill()
                kind = "memory_limit" if reply.get("kind") == "memory_limit" else "error"
                return Outcome(kind, message=reply.get("message", ""), peak_rss_mb=rss, extra=extra)
            if proc.poll() is not None:
                return self._crashed(proc, peak)
            if resident is not None:
                rss_mb = resident.mb()
                peak = max(peak, rss_mb)
                if self.max_memory_mb > 0 and rss_mb > self.max_memory_mb:
                    self._kill()
                    return Outcome("memory_limit", message=f"resident memory reached {rss_mb:.0f} MB", peak_rss_mb=peak)
            if time.monotonic() - started > timeout:
                self._kill()
                return Outcome("timeout", peak_rss_mb=peak)
            if self.stop.is_set():
                self._kill()
                return Outcome("error", message="batch interrupted", peak_rss_mb=peak)

    def _read_reply(self, proc: subprocess.Popen) -> Optional[dict]:
        header = _read_exact(proc.stdout, _HEADER.size)
        if header is None:
            return None
        body = _read_exact(proc.stdout, _HEADER.unpack(header)[0])
        if body is None:
            return None
        try:
            return pickle.loads(body)
        except Exception:
            return None

    def _crashed(self, proc: subprocess.Popen, peak: float) -> Outcome:
        try:
            code = proc.wait(timeout=5.0)
        except subprocess.TimeoutExpired:
            code = None
        self._kill()
        if code is not None and code < 0:
            try:
                how = f"killed by signal {signal.Signals(-code).name}"
            except ValueError:
                how = f"killed by signal {-code}"
        else:
            how = f"exited with code {code}"
        return Outcome("crashed", message=how, peak_rss_mb=peak or None)


class _Resident:
    """Resident memory of the child and of the processes it started (Tesseract, one per OCR page).

    Finding the child's children scans every process of the machine, so that is done once a
    second; their memory is read at every poll."""

    def __init__(self, ps) -> None:
        self.ps = ps
        self.children: list = []
        self.polls = 0

    def mb(self) -> float:
        import psutil

        if self.polls % 10 == 0:
            try:
                self.children = self.ps.children(recursive=True)
            except psutil.Error:
                self.children = []
        self.polls += 1
        try:
            total = self.ps.memory_info().rss
        except psutil.Error:
            return 0.0
        for child in self.children:
            try:
                total += child.memory_info().rss
            except psutil.Error:
                pass  # finished since it was found
        return total / 1048576.0


# ---------------------------------------------------------------- Dask side

_local = threading.local()


def run_guarded(path: str, options: dict[str, Any], timeout: float, max_memory_mb: int,
                function: str = DEFAULT_TASK_FUNCTION) -> Outcome:
    """The task a Dask worker runs: the same guarded child as the local engine, one per worker thread."""
    worker = getattr(_local, "worker", None)
    if worker is None or worker.max_memory_mb != max_memory_mb or worker.function != function:
        if worker is not None:
            worker.close()
        worker = _local.worker = GuardedWorker(max_memory_mb=max_memory_mb, function=function)
    outcome = worker.run(path, options, timeout)
    outcome.extra["worker"] = f"{socket.gethostname()}:{os.getpid()}"
    return outcome


if __name__ == "__main__":
    serve(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
