"""Helper process for the store tests: writes runs; ``pause`` stops mid-transaction (then gets killed)."""

from __future__ import annotations

import sys
import time

from palanca.store import RunRecord, save_run


def record(k: int) -> RunRecord:
    return RunRecord(
        kind="scenario",
        label=f"writer-{k}",
        params={"k": k, "seed": k},
        result={"countries": [{"country": c, "real_income_pct": -0.1 * k} for c in ("USA", "MEX")], "x": float(k)},
        seed=k,
        timings={"wall_s": 0.0},
    )


if __name__ == "__main__":
    mode, store, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if mode == "pause":

        def stop() -> None:
            print("IN-TRANSACTION", flush=True)
            time.sleep(60)

        save_run(record(n), store, _between=stop)
    else:
        for k in range(n):
            save_run(record(k), store)
            print(k, flush=True)
