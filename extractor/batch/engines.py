"""Engines run the per-document function on many documents and yield outcomes as they finish.

Both engines yield `(Task, Outcome)` pairs in completion order and leave all writing to the
coordinator (`extractor.batch.runner`), so results and manifest are the same whichever runs.
- `local`: N threads, each driving its own guarded child process (a bounded pool we own:
  a dead or killed child is replaced without affecting the others). A worker OCR'ing a long
  scan uses the cores of idle workers for more pages at once (`extractor.read.cores`).
- `dask`: the same guarded function submitted to dask.distributed (LocalCluster or an
  existing scheduler), with a bounded number of tasks in flight.
"""

from __future__ import annotations

import queue
import tempfile
import threading
import uuid
from dataclasses import dataclass
from typing import Any, Iterator, Optional

from extractor.batch.worker import DEFAULT_TASK_FUNCTION, GuardedWorker, Outcome, run_guarded
from extractor.read.cores import create_slots


class EngineError(Exception):
    """The engine cannot run at all (missing optional dependency, unreachable scheduler)."""


@dataclass(frozen=True)
class Task:
    index: int
    rel_path: str
    path: str


@dataclass(frozen=True)
class EngineSettings:
    workers: int
    timeout: float
    max_memory_mb: int
    options: dict[str, Any]
    function: str = DEFAULT_TASK_FUNCTION
    scheduler: Optional[str] = None


def run_local(tasks: list[Task], settings: EngineSettings, stats: dict[str, Any]) -> Iterator[tuple[Task, Outcome]]:
    todo: "queue.Queue[Task]" = queue.Queue()
    for task in tasks:
        todo.put(task)
    done: "queue.Queue[tuple[Task, Outcome]]" = queue.Queue()
    stop = threading.Event()
    count = max(1, min(settings.workers, len(tasks)))
    # One core per worker asked for (--workers), also for workers not started because there are fewer
    # documents: a worker OCR'ing a long scan borrows the cores nobody uses (extractor.read.cores).
    cores = tempfile.TemporaryDirectory(prefix="extractor-cores-")
    create_slots(cores.name, max(1, settings.workers))
    workers = [GuardedWorker(settings.max_memory_mb, settings.function, stop, core_slots=(cores.name, index)) for index in range(count)]

    def drive(worker: GuardedWorker) -> None:
        try:
            while not stop.is_set():
                try:
                    task = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    outcome = worker.run(task.path, settings.options, settings.timeout)
                except Exception as exc:  # e.g. the child cannot even be started
                    outcome = Outcome("error", message=f"{type(exc).__name__}: {exc}")
                done.put((task, outcome))
        finally:
            worker.close()

    threads = [threading.Thread(target=drive, args=(w,), name=f"batch-worker-{i}", daemon=True) for i, w in enumerate(workers)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(len(tasks)):
            yield done.get()
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=10.0)
        stats["peak_rss_mb_per_worker"] = [round(w.peak_rss_mb, 1) for w in workers]
        stats["worker_restarts"] = sum(w.restarts for w in workers)
        cores.cleanup()


def run_dask(tasks: list[Task], settings: EngineSettings, stats: dict[str, Any]) -> Iterator[tuple[Task, Outcome]]:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise EngineError(
            "--engine dask needs dask.distributed, an optional extra: pip install 'municipal-policy-extractor[cluster]'"
        ) from exc

    cluster = None
    try:
        if settings.scheduler:
            try:
                client = Client(settings.scheduler, timeout="15s")
            except (OSError, TimeoutError) as exc:
                raise EngineError(f"cannot connect to the Dask scheduler at {settings.scheduler}: {exc}") from exc
        else:
            cluster = LocalCluster(n_workers=settings.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
    except EngineError:
        raise
    except Exception as exc:
        raise EngineError(f"cannot start Dask: {type(exc).__name__}: {exc}") from exc

    batch_id = uuid.uuid4().hex[:8]
    pending = iter(tasks)
    by_future: dict[Any, Task] = {}
    exhausted = False

    def in_flight_target() -> int:
        """About two tasks per Dask thread, re-read as workers join or leave."""
        try:
            threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
        except Exception:
            threads = 0
        return max(2, 2 * (threads or settings.workers))

    def top_up(completed) -> None:
        nonlocal exhausted
        target = in_flight_target()
        while not exhausted and len(by_future) < target:
            task = next(pending, None)
            if task is None:
                exhausted = True
                return
            future = client.submit(run_guarded, task.path, settings.options, settings.timeout, settings.max_memory_mb,
                                   settings.function, key=f"extract-{batch_id}-{task.index}", pure=False, retries=0)
            by_future[future] = task
            completed.add(future)

    try:
        completed = as_completed()
        top_up(completed)
        peaks: dict[str, float] = {}
        for future in completed:
            task = by_future.pop(future)
            try:
                outcome = future.result()
            except Exception as exc:  # the Dask worker itself died (KilledWorker) or the task could not run
                outcome = Outcome("crashed", message=f"Dask task failed: {type(exc).__name__}: {exc}")
            future.release()
            if outcome.peak_rss_mb:
                where = str(outcome.extra.get("worker", "?"))
                peaks[where] = max(peaks.get(where, 0.0), outcome.peak_rss_mb)
            top_up(completed)
            yield task, outcome
        stats["peak_rss_mb_per_worker"] = [round(v, 1) for _, v in sorted(peaks.items())]
    finally:
        for future in list(by_future):
            future.cancel()
        client.close()
        if cluster is not None:
            cluster.close()
