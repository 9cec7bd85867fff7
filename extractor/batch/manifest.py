"""The batch manifest: one SQLite row per input, written by the coordinating process only.

SQLite (standard library) in WAL mode with synchronous=FULL: every row is one committed
transaction, so a batch killed with SIGKILL at any moment leaves a consistent manifest
that `--resume` can trust, and analysts can query it with any SQLite tool.
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

MANIFEST_NAME = "manifest.sqlite"
DONE_STATUSES = ("success", "partial")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    extractor_version TEXT NOT NULL,
    input_root TEXT NOT NULL,
    engine TEXT NOT NULL,
    workers INTEGER,
    options TEXT,
    outcome TEXT
);
CREATE TABLE IF NOT EXISTS documents (
    rel_path TEXT PRIMARY KEY,
    input_path TEXT NOT NULL,
    output_path TEXT,
    sha256 TEXT,
    size INTEGER,
    format TEXT,
    pages INTEGER,
    status TEXT NOT NULL,
    error_code TEXT,
    error_message TEXT,
    n_errors INTEGER,
    n_warnings INTEGER,
    n_goals INTEGER,
    n_indicators INTEGER,
    n_budget_lines INTEGER,
    n_partners INTEGER,
    n_outline_headings INTEGER,
    warning_codes TEXT,
    ocr_pages INTEGER,
    ocr_pages_left INTEGER,
    duration_s REAL,
    cpu_s REAL,
    peak_rss_mb REAL,
    extractor_version TEXT NOT NULL,
    options TEXT,
    run_id INTEGER REFERENCES runs(id),
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS inputs_seen (
    rel_path TEXT PRIMARY KEY,
    run_id INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_status ON documents(status);
CREATE INDEX IF NOT EXISTS documents_sha256 ON documents(sha256);
"""

COLUMNS = (
    "rel_path", "input_path", "output_path", "sha256", "size", "format", "pages", "status", "error_code",
    "error_message", "n_errors", "n_warnings", "n_goals", "n_indicators", "n_budget_lines", "n_partners",
    "n_outline_headings", "warning_codes", "ocr_pages", "ocr_pages_left", "duration_s", "cpu_s", "peak_rss_mb", "extractor_version", "options", "run_id", "updated_at",
)


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class DoneEntry:
    sha256: Optional[str]
    extractor_version: str
    status: str
    output_path: Optional[str]
    options: Optional[str]


class Manifest:
    """Open (or create) the manifest of an output folder."""

    def __init__(self, out_dir: str | Path) -> None:
        self.path = Path(out_dir) / MANIFEST_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)
        self._add_missing_columns()
        self.run_id: Optional[int] = None

    def _add_missing_columns(self) -> None:
        """A manifest from an earlier version gains the columns added since (new columns are nullable)."""
        present = {row[1] for row in self._db.execute("PRAGMA table_info(documents)")}
        types = {"size": "INTEGER", "pages": "INTEGER", "run_id": "INTEGER", "ocr_pages": "INTEGER", "ocr_pages_left": "INTEGER"}
        for column in COLUMNS:
            if column not in present:
                kind = types.get(column, "INTEGER" if column.startswith("n_") else "REAL" if column.endswith("_s") or column.endswith("_mb") else "TEXT")
                self._db.execute(f"ALTER TABLE documents ADD COLUMN {column} {kind}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "Manifest":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start_run(self, version: str, input_root: str, engine: str, workers: int, options: dict) -> int:
        cur = self._db.execute(
            "INSERT INTO runs (started_at, extractor_version, input_root, engine, workers, options) VALUES (?,?,?,?,?,?)",
            (_now(), version, input_root, engine, workers, json.dumps(options, sort_keys=True)),
        )
        self.run_id = int(cur.lastrowid)
        return self.run_id

    def finish_run(self, outcome: str) -> None:
        if self.run_id is not None:
            self._db.execute("UPDATE runs SET finished_at=?, outcome=? WHERE id=?", (_now(), outcome, self.run_id))

    def done_entries(self) -> dict[str, DoneEntry]:
        """Rows that count as done for `--resume` (success or partial), by relative path."""
        rows = self._db.execute(
            f"SELECT rel_path, sha256, extractor_version, status, output_path, options FROM documents "
            f"WHERE status IN ({','.join('?' * len(DONE_STATUSES))})",
            DONE_STATUSES,
        )
        return {r[0]: DoneEntry(r[1], r[2], r[3], r[4], r[5]) for r in rows}

    def record(self, row: dict) -> None:
        """Insert or replace one input's row in its own transaction (durable once this returns)."""
        values = dict(row)
        values.setdefault("run_id", self.run_id)
        values["updated_at"] = _now()
        names = [c for c in COLUMNS if c in values]
        self._db.execute(
            f"INSERT OR REPLACE INTO documents ({','.join(names)}) VALUES ({','.join('?' * len(names))})",
            [values[c] for c in names],
        )

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    def mark_current(self, rel_paths: Iterable[str]) -> None:
        """Record which inputs this run saw (also those resumed, not redone): the folder's current inputs."""
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT OR REPLACE INTO inputs_seen (rel_path, run_id) VALUES (?, ?)",
                                 [(r, self.run_id) for r in rel_paths])

    def _seen_run(self) -> Optional[int]:
        """The run whose inputs are current: this one, or the latest that recorded its inputs."""
        if self.run_id is not None:
            return self.run_id
        return self._db.execute("SELECT MAX(run_id) FROM inputs_seen").fetchone()[0]

    def current_rows(self) -> list[dict]:
        """Rows of the inputs the latest batch saw: what the combined tables are built from.

        A manifest written before inputs were recorded has no such run: then every row is current.
        """
        run_id = self._seen_run()
        if run_id is None:
            return self.rows()
        seen = {r[0] for r in self._db.execute("SELECT rel_path FROM inputs_seen WHERE run_id=?", (run_id,))}
        return [r for r in self.rows() if r["rel_path"] in seen]

    def stale_rows(self) -> list[dict]:
        """Rows of inputs the latest batch did not see (removed or renamed since an earlier batch)."""
        current = {r["rel_path"] for r in self.current_rows()}
        return [r for r in self.rows() if r["rel_path"] not in current]

    def count_stale(self) -> int:
        return len(self.stale_rows())

    def delete(self, rel_path: str) -> None:
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM documents WHERE rel_path=?", (rel_path,))
            self._db.execute("DELETE FROM inputs_seen WHERE rel_path=?", (rel_path,))

    def rows(self, statuses: Optional[Iterable[str]] = None) -> list[dict]:
        query = f"SELECT {','.join(COLUMNS)} FROM documents"
        params: list = []
        if statuses is not None:
            statuses = list(statuses)
            query += f" WHERE status IN ({','.join('?' * len(statuses))})"
            params = statuses
        query += " ORDER BY rel_path"
        return [dict(zip(COLUMNS, r)) for r in self._db.execute(query, params)]
