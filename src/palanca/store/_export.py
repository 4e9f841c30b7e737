"""Write a stored run to a file: JSON (inputs, provenance and result), or the tidy result table as CSV or Parquet."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

from palanca.errors import StoreError
from palanca.store._store import StoredRun, StorePath, get_run

__all__ = ["ExportFormat", "export_run"]

ExportFormat = ("csv", "parquet", "json")


def export_run(
    run_id: int, format: str, path: str | os.PathLike[str], store: StorePath = None, *, overwrite: bool = False
) -> Path:
    """Write a run to ``path``: ``json`` (inputs, provenance and result), ``csv`` or ``parquet``
    (the tidy result table with the run id). An existing file is replaced only with ``overwrite``."""
    if format not in ExportFormat:
        raise StoreError(f"export format {format!r} is not known; use one of {', '.join(ExportFormat)}.")
    out = Path(path)
    if out.exists() and not overwrite:
        raise StoreError(f"{out} already exists; pass --force (overwrite=True) to replace it, or give another --out.")
    run = get_run(run_id, store)
    try:
        _write_export(run, format, out)
    except OSError as exc:
        raise StoreError(
            f"cannot write {out} ({exc.strerror or exc}); give an --out path in a folder you can write."
        ) from None
    return out


def _write_export(run: StoredRun, format: str, out: Path) -> None:
    run_id = run.run_id
    if format == "json":
        out.write_text(json.dumps(run.to_dict(), indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    elif format == "csv":
        with out.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["run_id", "tbl", "row_key", "col", "value", "text"])
            w.writerows((run_id, *r) for r in run.rows)
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        cols = list(zip(*run.rows, strict=True)) if run.rows else [(), (), (), (), ()]
        table = pa.table(
            {
                "run_id": pa.array([run_id] * len(run.rows), pa.int64()),
                "tbl": pa.array(cols[0], pa.string()),
                "row_key": pa.array(cols[1], pa.string()),
                "col": pa.array(cols[2], pa.string()),
                "value": pa.array(cols[3], pa.float64()),
                "text": pa.array(cols[4], pa.string()),
            },
            metadata={"palanca_run": _provenance_json(run)},
        )
        pq.write_table(table, out, compression="zstd")


def _provenance_json(run: StoredRun) -> str:
    return json.dumps({k: v for k, v in run.to_dict().items() if k != "result"}, default=str)
