"""A pass of hand-written hostile probes over the CLI; prints tried / clean error / traceback / silently wrong.

Run: ``python tests/fuzz/probes.py [--subprocess]`` from the repository root (about a minute). Each probe says what a
correct answer is: ``error`` (exit 1 or 2 with a message naming the given text), ``warn`` (exit 0 with a
warning naming the text), ``negative`` (exit 3), ``ok`` (exit 0). "Silently wrong" is a probe that ended
with a documented exit code but not the expected kind of answer.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from _fuzz_harness import invoke, stored_run_count

SAMPLE = Path(__file__).resolve().parents[2] / "src/palanca/data/shipped/gegravity-sample/sample_data_set.dlm"
BASE = """id = "probe"
title = "probe"
date = "2025-02-01"
world = "world2023"
closure = "fixed_deficit"
"""
TARIFF = '[[tariffs]]\nimposer = "USA"\ntargets = ["MEX"]\nsectors = ["goods"]\nrate = {rate}\nlabel = "{label}"\n'
DEU_HEAD = '"prnr"\t"isnr"\t"pa"\t"pb"\t"pc"\t"sa"\t"sb"\t"sc"\t"rp"\t"out"\n\t\t"1"\t"2"\t"1"\t\t\t\t\t\n'


@dataclass(frozen=True)
class Probe:
    name: str
    args: tuple[str, ...]
    expect: str  # error | warn | negative | ok
    needle: str = ""  # text the message must contain
    files: tuple[tuple[str, bytes], ...] = ()
    stores: bool = False  # the probe may store a run


def _probes() -> list[Probe]:
    p: list[Probe] = []
    sc = lambda name, body, expect, needle="", stores=False: p.append(  # noqa: E731
        Probe(
            name,
            ("scenario", "run", "{d}/s.toml", "--store", "{d}/st.duckdb"),
            expect,
            needle,
            (("s.toml", body if isinstance(body, bytes) else body.encode()),),
            stores,
        )
    )
    sc("string rate", BASE + TARIFF.format(rate='"abc"', label="x"), "error", "rate")
    sc("tariffs not a list", BASE + 'tariffs = "USA"\n', "error", "tariffs")
    sc("tariffs a table", BASE + "[tariffs]\nimposer = 1\n", "error", "tariffs")
    sc("deep nesting", BASE + "x = " + "[" * 3000 + "]" * 3000 + "\n", "error", "")
    sc("non-utf8", BASE.encode() + b'title2 = "\xff\xfe"\n', "error", "UTF-8")
    sc("binary", bytes(range(256)) * 4, "error", "")
    sc("rate 5 (500%, taken for a percent)", BASE + TARIFF.format(rate="5", label="five"), "error", "rate = 5")
    sc("rate 1.45", BASE + TARIFF.format(rate="1.45", label="liberation"), "warn", "liberation", True)
    sc("rate 25 looks like percent", BASE + TARIFF.format(rate="25", label="pct"), "error", "25")
    sc("duplicate tariffs", BASE + TARIFF.format(rate="0.25", label="a") * 2, "warn", "same block", True)
    sc("label with [/]", BASE + TARIFF.format(rate="0.25", label="a [/] b [bold]x"), "ok", "", True)
    sc("negative rate (a subsidy)", BASE + TARIFF.format(rate="-0.5", label="neg"), "ok", "", True)
    sc("rate -1", BASE + TARIFF.format(rate="-1", label="neg"), "error", "-1")
    sc("nan rate", BASE + TARIFF.format(rate="nan", label="nan"), "error", "nan")
    sc("inf rate", BASE + TARIFF.format(rate="inf", label="inf"), "error", "inf")
    sc("bool rate", BASE + TARIFF.format(rate="true", label="b"), "error", "rate")
    sc("missing id", BASE.replace('id = "probe"\n', ""), "error", "id")
    sc("unknown world", BASE.replace("world2023", "world1066"), "error", "world1066")
    sc("unknown country", BASE + TARIFF.format(rate="0.2", label="x").replace('"MEX"', '"XXX"'), "error", "XXX")
    sc("empty file", "", "error", "")
    sc("bad toml", "id = \n", "error", "TOML")

    def bom(name, body, expect, needle=""):
        p.append(Probe(name, ("roo", "check", "{d}/b.toml"), expect, needle, (("b.toml", body.encode()),)))

    good = (Path(__file__).resolve().parents[2] / "src/palanca/data/shipped/roo/sedan-qualifies.toml").read_text()
    fails = (Path(__file__).resolve().parents[2] / "src/palanca/data/shipped/roo/sedan-fails-lvc.toml").read_text()
    bom("bom qualifies", good, "ok")
    bom("bom fails", fails, "negative")
    bom("bom quoted bool", good.replace("[product]", 'de_minimis = "false"\n[product]'), "error", "de_minimis")
    bom("bom net cost > value", good.replace("net_cost_usd = 27000", "net_cost_usd = 90000"), "error", "net_cost")
    bom("bom [product] missing", good.replace("[product]", "[productx]"), "error", "[product]")
    bom("bom string value", good.replace("value_usd = 4000", 'value_usd = "lots"'), "error", "value_usd")
    bom("bom binary", "\x00\x01\x02", "error", "")

    def deu(name, body, expect, needle=""):
        p.append(Probe(name, ("forecast", "deu", "{d}/d.tsv"), expect, needle, (("d.tsv", body.encode()),)))

    deu("deu inf position", DEU_HEAD + '"d1"\t"d1i1"\tinf\t100\t50\t100\t50\t100\t0\t40\n', "error", "inf")
    deu("deu nan position", DEU_HEAD + '"d1"\t"d1i1"\tnan\t100\t50\t100\t50\t100\t0\t40\n', "error", "nan")
    deu("deu inf outcome", DEU_HEAD + '"d1"\t"d1i1"\t0\t100\t50\t100\t50\t100\t0\tinf\n', "error", "inf")
    deu("deu 1e300", DEU_HEAD + '"d1"\t"d1i1"\t1e300\t100\t50\t100\t50\t100\t0\t40\n', "error", "1e300")
    deu("deu text", DEU_HEAD + '"d1"\t"d1i1"\tabc\t100\t50\t100\t50\t100\t0\t40\n', "error", "abc")
    deu("deu empty", "", "error", "")
    deu("deu binary", "\x00\xff" * 50, "error", "")

    def grav(name, body, expect, needle="", extra=()):
        p.append(Probe(name, ("gravity", "estimate", "{d}/g.csv", *extra), expect, needle, (("g.csv", body),)))

    sample = SAMPLE.read_bytes()
    head = sample.split(b"\n", 1)[0] + b"\n"
    grav("grav empty", b"", "error", "")
    grav("grav header only", head, "error", "")
    grav("grav ragged", head + b"GBR,AUS,2006\nFIN,AUS\n", "error", "")
    grav("grav binary", bytes(range(256)) * 8, "error", "")
    grav("grav text trade", sample.replace(b",4310,", b",lots,", 1), "error", "trade")
    grav("grav negative trade", sample.replace(b",4310,", b",-4310,", 1), "error", "trade")
    grav("grav bad formula", sample, "error", "formula", ("--formula", "trade ~ ~ |"))
    grav("grav bad vcov", sample, "error", "CRV1:nope", ("--vcov", "CRV1:nope"))
    grav("grav dropped rows", sample.replace(b",4310,", b",,", 1), "warn", "dropped")
    p.append(Probe("leverage seed -1", ("leverage", "--seed", "-1", "--draws", "2", "--no-store"), "error", "seed"))
    p.append(Probe("demo draws -1", ("demo", "--draws", "-1"), "error", "draws"))
    p.append(Probe("runs show missing", ("runs", "show", "99", "--store", "{d}/st.duckdb"), "error", "99"))
    p.append(
        Probe(
            "runs export ro",
            ("runs", "export", "1", "-o", "{ro}/x.json", "--store", "{d}/seed.duckdb"),
            "error",
            "x.json",
        )
    )
    p.append(Probe("report ro", ("report", "1", "-o", "{ro}/r.html", "--store", "{d}/seed.duckdb"), "error", "r.html"))
    p.append(Probe("gravity --out ro", ("gravity", "estimate", str(SAMPLE), "--out", "{ro}/g.json"), "error", "g.json"))
    p.append(
        Probe(
            "forecast --out ro",
            ("forecast", "deu", str(SAMPLE.parents[1] / "politics/deu3_train.csv"), "--out", "{ro}/f.csv"),
            "error",
            "/ro",
        )
    )
    p.append(Probe("leverage seed 2**63", ("leverage", "--seed", str(2**63), "--draws", "2", "--no-store"), "error",
                   "--seed"))  # fmt: skip
    p.append(Probe("export over a file", ("runs", "export", "1", "-o", "{d}/seed.duckdb", "--store", "{d}/seed.duckdb"),
                   "error", "already exists"))  # fmt: skip
    p.append(Probe("runs list, label [/]", ("runs", "list", "--store", "{d}/seed.duckdb"), "ok"))
    p.append(Probe("runs show, label [/]", ("runs", "show", "2", "--store", "{d}/seed.duckdb"), "ok"))
    p.append(
        Probe(
            "new store in ro",
            ("remittances", "tax", "--draws", "5", "--store", "{ro}/new/s.duckdb"),
            "error",
            "not saved",
        )
    )
    p.append(
        Probe(
            "store is sqlite",
            ("runs", "list", "--store", "{d}/x.sqlite"),
            "error",
            "not a",
            (("x.sqlite", b"SQLite format 3\x00" + b"\x00" * 4000),),
        )
    )
    p.append(
        Probe(
            "store bit-flipped",
            ("runs", "list", "--store", "{d}/flip.duckdb"),
            "error",
            "damaged",
        )
    )
    p.append(Probe("store truncated", ("runs", "show", "1", "--store", "{d}/seedtrunc.duckdb"), "error", "damaged"))
    p.append(Probe("roo check usage", ("roo", "check"), "error", "BOM"))
    return p


def _setup(d: Path, ro: Path) -> None:
    from palanca.store import RunRecord, save_run

    rec = RunRecord(kind="leverage", label="seed", params={}, result={"x": 1.0})
    save_run(rec, d / "seed.duckdb")
    save_run(RunRecord(kind="scenario", label="a [/] b [bold]c", params={}, result={"x": 2.0}), d / "seed.duckdb")
    data = (d / "seed.duckdb").read_bytes()  # both runs checkpointed into the file
    (d / "seedtrunc.duckdb").write_bytes(data[: len(data) // 3])
    flipped = bytearray(data)
    for k in range(4096, len(flipped), 61):
        flipped[k] ^= 0xFF
    (d / "flip.duckdb").write_bytes(bytes(flipped))


def _invoke_subprocess(args: list[str]):
    import subprocess

    from _fuzz_harness import Outcome

    code = "from palanca.cli import main; main()"
    res = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
        errors="replace",
    )
    return Outcome(res.returncode, res.stdout + res.stderr, None)


def run_pass(verbose: bool = True, subprocesses: bool = False) -> dict[str, int]:
    counts = {"tried": 0, "clean error": 0, "traceback": 0, "silently wrong": 0, "right": 0}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        ro = d / "ro"  # a regular file: nothing can be written "inside" it, whoever runs the probes
        ro.write_text("not a folder")
        _setup(d, ro)
        for pr in _probes():
            for name, body in pr.files:
                (d / name).write_bytes(body)
            args = [a.format(d=d, ro=ro) for a in pr.args]
            before = stored_run_count(d / "st.duckdb") if (d / "st.duckdb").exists() else 0
            out = _invoke_subprocess(args) if subprocesses else invoke(args)
            after = stored_run_count(d / "st.duckdb") if (d / "st.duckdb").exists() else 0
            counts["tried"] += 1
            if out.traceback or not out.clean:
                kind = "traceback"
            elif pr.expect == "error":
                named = pr.needle.lower() in out.output.lower()
                kind = "clean error" if out.rc in (1, 2) and named and after == before else "silently wrong"
            elif pr.expect == "warn":
                kind = (
                    "right"
                    if out.rc == 0 and "warning" in out.output.lower() and pr.needle.lower() in (out.output.lower())
                    else "silently wrong"
                )
            elif pr.expect == "negative":
                kind = "right" if out.rc == 3 else "silently wrong"
            else:
                kind = "right" if out.rc == 0 else "silently wrong"
            counts[kind] += 1
            if verbose and kind in ("traceback", "silently wrong"):
                tail = (out.escaped or out.output).strip().splitlines()[-1:] or [""]
                print(f"{kind:15s} rc={out.rc} {pr.name}: {tail[0][:150]}", file=sys.stderr)
    return counts


if __name__ == "__main__":
    print(run_pass(subprocesses="--subprocess" in sys.argv))
