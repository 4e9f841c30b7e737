"""Bounded load test of the dashboard on 127.0.0.1: N concurrent clients for T seconds, then it stops.

Starts the dashboard (uvicorn, a separate process) on a free localhost port and a temporary store, runs
``--clients`` asyncio clients for ``--seconds`` (each loops: list scenarios, read a scenario's
controls, list runs, read a run, and every ``--run-every``-th request POST a run with random
tariffs), then checks the store: every run the server acknowledged is there exactly once and
there are no others. Prints requests/s, status counts, latency medians; ``--json`` for a record.

``--sweep-points N`` first stores a sweep of N points (no draws) and adds its grid (``/api/sweeps/ID``)
to what the clients read; its latency is reported on its own (``sweep_median_latency_ms``).

    .venv/bin/python bench/load_web.py [--clients 50] [--seconds 30] [--run-every 10] [--sweep-points 50] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

from palanca.store import list_runs


async def client(base: str, stop: float, run_every: int, seed: int, stats: dict, sweep_id: str | None) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=httpx.Limits(max_connections=1)) as c:
        k = 0
        while time.monotonic() < stop:
            k += 1
            t0 = time.perf_counter()
            try:
                if k % run_every == 0:
                    body = {"scenario": "us-tariff-25-mex", "tariffs": [rng.uniform(0, 0.5), rng.uniform(0, 0.2)]}
                    r = await c.post("/api/run", json=body)
                    if r.status_code == 200:
                        stats["acked"].append(r.json()["run_id"])
                    elif r.status_code == 429:
                        await asyncio.sleep(float(r.headers.get("Retry-After", "1")))
                else:
                    path = rng.choice(["/api/scenarios", "/api/scenario?id=us-tariff-25-mex", "/api/runs?limit=20"])
                    if stats["acked"] and rng.random() < 0.3:
                        path = f"/api/runs/{rng.choice(stats['acked'])}"
                    if sweep_id and rng.random() < 0.2:
                        path = f"/api/sweeps/{sweep_id}"
                    r = await c.get(path)
            except httpx.HTTPError as exc:
                stats["status"][type(exc).__name__] += 1
                continue
            stats["latency"].append(time.perf_counter() - t0)
            if r.url.path.startswith("/api/sweeps/"):
                stats["sweep_latency"].append(stats["latency"][-1])
            stats["status"][r.status_code] += 1


async def main_async(a: argparse.Namespace, base: str, sweep_id: str | None) -> dict:
    stats: dict = {"acked": [], "latency": [], "sweep_latency": [], "status": Counter()}
    t0 = time.monotonic()
    stop = t0 + a.seconds
    await asyncio.gather(*(client(base, stop, a.run_every, s, stats, sweep_id) for s in range(a.clients)))
    stats["elapsed"] = time.monotonic() - t0
    return stats


def _stored_sweep(store: Path, n: int) -> str:
    """A sweep of ``n`` US tariffs on Mexico (0 to 50%, no draws) stored in ``store``; its id."""
    from palanca.scenarios import load_scenario
    from palanca.sweep import Vary, sweep

    rates = tuple(round(0.5 * k / max(n - 1, 1), 6) for k in range(n))
    sc = load_scenario("us-tariff-25-mex")
    return sweep(sc, [Vary("us_tariff_mex", rates)], draws=0, executor="sync", store=store).sweep_id


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--run-every", type=int, default=10)
    ap.add_argument("--sweep-points", type=int, default=0, help="store a sweep of this many points first")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        store = Path(tmp) / "load.duckdb"
        sweep_id = _stored_sweep(store, a.sweep_points) if a.sweep_points else None
        cmd = [sys.executable, "-m", "uvicorn", "palanca.web._app:create_app", "--factory", "--host", "127.0.0.1"]
        cmd += ["--port", str(port), "--log-level", "error"]
        server = subprocess.Popen(cmd, env={**os.environ, "PALANCA_STORE": str(store)})
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                httpx.get(base + "/api/scenarios", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        try:
            stats = asyncio.run(main_async(a, base, sweep_id))
        finally:
            server.terminate()
            server.wait(30)
        stored = [r for r in list_runs(store, limit=100_000) if r.sweep_id is None]
    ids = [r.run_id for r in stored]
    uids = [r.uid for r in stored]
    acked = stats["acked"]
    n = sum(stats["status"].values())
    out = {
        "clients": a.clients,
        "seconds": round(stats["elapsed"], 2),
        "requests": n,
        "requests_per_s": n / stats["elapsed"],
        "status": {str(k): v for k, v in sorted(stats["status"].items(), key=str)},
        "errors_5xx": sum(v for k, v in stats["status"].items() if isinstance(k, int) and k >= 500),
        "transport_errors": sum(v for k, v in stats["status"].items() if not isinstance(k, int)),
        "median_latency_ms": 1e3 * statistics.median(stats["latency"]),
        "p95_latency_ms": 1e3 * statistics.quantiles(stats["latency"], n=20)[-1],
        "sweep_points": a.sweep_points,
        "sweep_reads": len(stats["sweep_latency"]),
        "sweep_median_latency_ms": 1e3 * statistics.median(stats["sweep_latency"]) if stats["sweep_latency"] else None,
        "runs_acknowledged": len(acked),
        "runs_stored": len(stored),
        "lost_runs": len(set(acked) - set(ids)),
        "unacknowledged_runs": len(set(ids) - set(acked)),
        "duplicated_runs": (len(ids) - len(set(ids))) + (len(uids) - len(set(uids))) + (len(acked) - len(set(acked))),
    }
    if a.json:
        print(json.dumps(out, indent=1))
    else:
        for k, v in out.items():
            print(f"{k:22s} {v:.1f}" if isinstance(v, float) else f"{k:22s} {v}")
    ok = out["errors_5xx"] == 0 and out["lost_runs"] == 0 and out["duplicated_runs"] == 0
    ok = ok and out["unacknowledged_runs"] == 0 and out["transport_errors"] == 0
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
