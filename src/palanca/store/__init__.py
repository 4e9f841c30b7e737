"""The results store: every run saved to an embedded DuckDB file with its inputs and provenance.

Default file ``~/.local/share/palanca/palanca.duckdb``; override with ``PALANCA_STORE`` or the
``store`` argument (``--store PATH`` in the CLI).
"""

from palanca.store._diff import RunDiff, diff_runs
from palanca.store._export import ExportFormat, export_run
from palanca.store._from_results import (
    record_bargain,
    record_flows,
    record_gravity,
    record_leverage,
    record_optimal_tariff,
    record_remittance_tax,
    record_tariff_war,
)
from palanca.store._location import default_store_path, resolve_store_path
from palanca.store._record import KINDS, RunRecord, tidy_rows
from palanca.store._schema import SCHEMA_VERSION
from palanca.store._store import (
    RunInfo,
    StoredRun,
    count_runs,
    delete_run,
    done_point_keys,
    get_run,
    list_runs,
    list_sweep_points,
    save_run,
    save_runs,
    save_sweep,
)
from palanca.store._toml import dumps_toml, scenario_to_toml

__all__ = [
    "KINDS",
    "SCHEMA_VERSION",
    "ExportFormat",
    "RunDiff",
    "RunInfo",
    "RunRecord",
    "StoredRun",
    "count_runs",
    "default_store_path",
    "delete_run",
    "diff_runs",
    "done_point_keys",
    "dumps_toml",
    "export_run",
    "get_run",
    "list_runs",
    "list_sweep_points",
    "record_bargain",
    "record_flows",
    "record_gravity",
    "record_leverage",
    "record_optimal_tariff",
    "record_remittance_tax",
    "record_tariff_war",
    "resolve_store_path",
    "save_run",
    "save_runs",
    "save_sweep",
    "scenario_to_toml",
    "tidy_rows",
]
