"""Batch conversion of document collections: parallel, resumable, robust; local or on Dask.

`run_batch(BatchConfig(...))` walks a folder tree, extracts every PDF and text file in
guarded worker processes, writes one JSON file per input (keeping the relative path, with
`.json` appended to the file name), records each input in a SQLite manifest and builds
combined tables. See docs/batch.md.
"""

from extractor.batch.runner import BatchConfig, BatchError, BatchResult, BatchStopped, DocumentRecord, run_batch
from extractor.batch.tables import TABLES_DIR, build_tables

__all__ = ["BatchConfig", "BatchError", "BatchResult", "BatchStopped", "DocumentRecord", "run_batch", "build_tables", "TABLES_DIR"]
