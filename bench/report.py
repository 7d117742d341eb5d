#!/usr/bin/env python3
"""Runs every benchmark and its peers in one go and writes docs/BENCHMARKS.md.

Called by scripts/bench (which installs, builds the Release bench preset and provides a private
HOME, D-Bus session, keyring and X display). Each figure sits next to the peer's figure from
the same run, and the ratio: absolute times on a shared machine drift, ratios much less.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(os.environ.get("ECR_ROOT", Path(__file__).resolve().parent.parent))
BUILD = ROOT / "build" / "bench"
SANDBOX = BUILD / "sandbox" / "ecr-sandbox"
APP = BUILD / "app" / "ecr-ptc-admin"
MICRO = BUILD / "bench" / "bench_micro"
LOOPBACK = BUILD / "bench" / "bench_loopback"
FLEET = BUILD / "bench" / "bench_fleet"
KEY_ID, SECRET = "AKIDSANDBOXEXAMPLE", "sandbox-SANDBOXSECRET-key-EXAMPLE"


def log(*parts):
    print("bench:", *parts, file=sys.stderr, flush=True)


def run_json(command, env=None, timeout=1800):
    log(" ".join(str(c) for c in command))
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True,
                          env=env, timeout=timeout)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        raise RuntimeError(f"{command[0]} exited {done.returncode}")
    try:
        return json.loads(done.stdout)  # one document (Google Benchmark's report)
    except json.JSONDecodeError:  # else the last line that is a JSON object
        lines = [l for l in done.stdout.splitlines() if l.startswith("{")]
        return json.loads(lines[-1])


class Sandbox:
    """An ecr-sandbox in its own process: what runs in it is not the client's CPU."""

    def __init__(self, *extra):
        self.process = subprocess.Popen([str(SANDBOX), "--port", "0", *map(str, extra)],
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        text=True)
        line = self.process.stdout.readline().strip()
        match = re.fullmatch(r"listening on (http://127\.0\.0\.1:\d+)", line)
        if not match:
            self.process.kill()
            raise RuntimeError(f"unexpected first line from ecr-sandbox: {line!r}")
        self.url = match.group(1)
        threading.Thread(target=self.process.stdout.read, daemon=True).start()

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def micro(quick):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    reps = "2" if quick else "7"
    fast = run_json([MICRO, "--benchmark_filter=Sign|Parse", "--benchmark_format=json",
                     f"--benchmark_repetitions={reps}", "--benchmark_report_aggregates_only=true",
                     *(["--benchmark_min_time=0.05"] if quick else [])], env)
    models = run_json([MICRO, "--benchmark_filter=Fleet|BM_Rules", "--benchmark_format=json",
                       "--benchmark_repetitions=3", "--benchmark_report_aggregates_only=true"],
                      env)
    rss = run_json([MICRO, "--rss-fleet"], env)
    out = {"context": fast["context"], "rss_fleet": rss}
    for b in fast["benchmarks"] + models["benchmarks"]:
        if b.get("aggregate_name") not in ("median", "max"):
            continue
        name = b["run_name"].split("/")[0]
        entry = out.setdefault(name, {})
        unit = {"ns": 1e-6, "us": 1e-3, "ms": 1.0}[b["time_unit"]]
        if b["aggregate_name"] == "median":
            entry["median_ms"] = b["real_time"] * unit
            entry["iterations"] = b["iterations"]
            if "worst_ms" in b:
                entry["worst_ms"] = b["worst_ms"]
        if b["aggregate_name"] == "max" and "worst_ms" in b:
            entry["worst_ms"] = b["worst_ms"]
    return out


def boto3_python():
    candidates = [os.environ.get("BOTO3_PYTHON"), shutil.which("python3"), "/usr/bin/python3"]
    for candidate in filter(None, candidates):
        if subprocess.run([candidate, "-c", "import boto3"], capture_output=True).returncode == 0:
            return candidate
    raise RuntimeError("no python3 here has boto3 (scripts/install-deps bench installs it)")


def peers(quick):
    command = [boto3_python(), ROOT / "bench" / "peers.py", "--sandbox", SANDBOX]
    if quick:
        command.append("--quick")
    return run_json(command)


def loopback(cycles):
    sandbox = Sandbox()
    try:
        return run_json([LOOPBACK, "--url", sandbox.url, "--cycles", cycles, "--in-flight", 8,
                         "--json"])
    finally:
        sandbox.close()


def fleet(runs):
    return run_json([FLEET, 100, runs, "--json"])


def seed_local_sandbox(count=3):
    """Rules for the app's Local sandbox to load: its state file, written by an ecr-sandbox."""
    data = Path(os.environ["XDG_DATA_HOME"]) / "org.ecrptcadmin.EcrPtcAdmin" / "ecr-ptc-admin"
    data.mkdir(parents=True, exist_ok=True)
    state = data / "local-sandbox-rules.json"
    state.unlink(missing_ok=True)
    sandbox = Sandbox("--state", state)
    try:
        env = dict(os.environ, AWS_ACCESS_KEY_ID=KEY_ID, AWS_SECRET_ACCESS_KEY=SECRET,
                   AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null",
                   AWS_EC2_METADATA_DISABLED="true", AWS_PAGER="")
        aws = "/usr/bin/aws" if Path("/usr/bin/aws").exists() else shutil.which("aws")
        for prefix in ["ecr-public", "k8s", "quay"][:count]:
            subprocess.run([aws, "ecr", "create-pull-through-cache-rule",
                            "--ecr-repository-prefix", prefix,
                            "--upstream-registry-url", "public.ecr.aws",
                            "--endpoint-url", sandbox.url, "--region", "us-east-1"],
                           check=True, capture_output=True, env=env)
    finally:
        sandbox.close()
    if not state.exists():
        raise RuntimeError("the sandbox wrote no state file")


def startup(runs):
    seed_local_sandbox()
    env = dict(os.environ, ECR_PTC_STARTUP_PROBE="30")
    times, rss, rows = [], [], []
    for i in range(runs + 1):  # the first run warms the page cache and the font cache
        start = time.monotonic_ns()
        done = subprocess.run([str(APP), "--sandbox"], capture_output=True, text=True, env=env,
                              timeout=60)
        match = re.search(r"startup-probe painted monotonic_ns=(\d+) rows=(\d+) rss_kb=(\d+) "
                          r"rss_anon_kb=(-?\d+) rss_file_kb=(-?\d+) rss_shmem_kb=(-?\d+)", done.stdout)
        if done.returncode != 0 or not match:
            sys.stderr.write(done.stdout[-2000:] + done.stderr[-2000:])
            raise RuntimeError("the start-up probe did not report")
        if i == 0:
            continue
        times.append((int(match.group(1)) - start) / 1e6)
        rows.append(int(match.group(2)))
        rss.append(tuple(int(match.group(g)) for g in (3, 4, 5, 6)))
    # The split of the run whose resident memory is the median (the low middle of an even count).
    middle = sorted(rss)[(len(rss) - 1) // 2]
    return {"runs": runs, "median_ms": statistics.median(times), "min_ms": min(times),
            "max_ms": max(times), "rss_kb_median": statistics.median(r[0] for r in rss),
            "rss_split_kb": {"total": middle[0], "anon": middle[1], "file": middle[2],
                             "shmem": middle[3]},
            "rows": rows[0]}


def machine():
    model = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break

    def package(name):
        done = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name], capture_output=True,
                              text=True)
        return done.stdout.strip() or "not installed"

    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip() or "unknown"
    compiler = subprocess.run(["c++", "--version"], capture_output=True,
                              text=True).stdout.splitlines()[0]
    return {"cpu": model, "cores": os.cpu_count(), "kernel": platform.release(),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "commit": commit, "compiler": compiler, "qt": package("qt6-base-dev"),
            "openssl": package("libssl-dev"), "benchmark": package("libbenchmark-dev"),
            "loadavg": os.getloadavg()}


def verdict(ok, miss=""):
    return "met" if ok else f"**missed** {miss}".strip()


def over(value, limit, unit, digits=0):
    """How far a figure is above its upper limit: "by 226 ns (11 %)"."""
    return f"by {value - limit:,.{digits}f} {unit} ({value / limit - 1:.0%})"


def short(ratio, wanted):
    """How far a ratio falls short of the one wanted: "at 1.4×, not ≥ 10×"."""
    return f"at {ratio:.1f}×, not ≥ {wanted}×"


def misses(*parts):
    return "; ".join(text for bad, text in parts if bad)


def write_report(path, m, r, quick):
    micro_, peer, loop, fl, st = r["micro"], r["peers"], r["loopback"], r["fleet"], r["startup"]
    warm = micro_["BM_SignWarmKey"]["median_ms"] * 1e6
    cold = micro_["BM_SignColdKey"]["median_ms"] * 1e6
    boto_sign = peer["botocore_sigv4"]["median_ns"]
    seq, par = loop["sequential"], loop["parallel"]
    bseq, bpar = peer["boto3_cycles"]["sequential"], peer["boto3_cycles"]["threaded"]
    cli = peer["aws_cli"]
    rss_fleet = micro_["rss_fleet"]
    v = peer["versions"]
    rows = []

    def row(what, ours, peer_text, ratio, target, ok, miss=""):
        rows.append(f"| {what} | {ours} | {peer_text} | {ratio} | {target} | "
                    f"{verdict(ok, miss)} |")

    row("SigV4 sign, key cached (median)", f"{warm:,.0f} ns",
        f"botocore SigV4Auth {boto_sign:,.0f} ns", f"{boto_sign / warm:.0f}×",
        "≤ 2,000 ns, ≥ 25×", warm <= 2000 and boto_sign / warm >= 25,
        misses((warm > 2000, over(warm, 2000, "ns")),
               (boto_sign / warm < 25, short(boto_sign / warm, 25))))
    row("SigV4 sign, key derived (median)", f"{cold:,.0f} ns", "(botocore always derives)",
        f"{boto_sign / cold:.0f}×", "≤ 5,000 ns", cold <= 5000, over(cold, 5000, "ns"))
    cpu_ratio = bseq["cpu_us_per_op"] / seq["cpu_us_per_op"]
    row("Client CPU per create/describe/delete (sequential)", f"{seq['cpu_us_per_op']:.0f} µs",
        f"boto3 {bseq['cpu_us_per_op']:.0f} µs", f"{cpu_ratio:.1f}× less", "≥ 10× less",
        cpu_ratio >= 10, short(cpu_ratio, 10))
    row("Sequential cycles: ops/s (cycle p50 / p99)",
        f"{seq['ops_per_s']:,.0f} ({seq['cycle_p50_ms']:.2f} / {seq['cycle_p99_ms']:.2f} ms)",
        f"boto3 {bseq['ops_per_s']:,.0f} ({bseq['cycle_p50_ms']:.2f} / "
        f"{bseq['cycle_p99_ms']:.2f} ms)", f"{seq['ops_per_s'] / bseq['ops_per_s']:.1f}×",
        "(none)", True)
    par_ratio = par["ops_per_s"] / bpar["ops_per_s"]
    row("8 in flight: ops/s", f"{par['ops_per_s']:,.0f}",
        f"boto3, 8 threads: {bpar['ops_per_s']:,.0f}", f"{par_ratio:.1f}×", "≥ 3×",
        par_ratio >= 3, short(par_ratio, 3))
    row("Fleet listing, 2 profiles × 34 regions, 100 ms latency (median)",
        f"{fl['median_ms']:.0f} ms", f"sequential floor {fl['sequential_floor_ms']:,.0f} ms",
        f"{fl['sequential_floor_ms'] / fl['median_ms']:.0f}×", "≤ 250 ms",
        fl["median_ms"] <= 250, over(fl["median_ms"], 250, "ms"))
    row("Start-up to a painted window with rules (median)", f"{st['median_ms']:.0f} ms",
        f"`aws ecr describe-pull-through-cache-rules` {cli['median_ms']:.0f} ms",
        f"{cli['median_ms'] / st['median_ms']:.1f}×", "≤ 150 ms, ≥ 4×",
        st["median_ms"] <= 150 and cli["median_ms"] / st["median_ms"] >= 4,
        misses((st["median_ms"] > 150, over(st["median_ms"], 150, "ms")),
               (cli["median_ms"] / st["median_ms"] < 4, short(cli["median_ms"] / st["median_ms"], 4))))
    split = st["rss_split_kb"]
    row("Resident memory then", f"{st['rss_kb_median'] / 1024:.1f} MB", "", "", "≤ 45 MB",
        st["rss_kb_median"] / 1024 <= 45, over(st["rss_kb_median"] / 1024, 45, "MB", 1))
    def mb(kb):  # -1: the kernel's /proc/self/status has no such line
        return "n/a" if kb < 0 else f"{kb / 1024:.1f}"
    rows.append(f"| of it (the run with the median figure): private; mapped files (libraries' "
                f"and the app's code, fonts); shared memory (the window's buffer with the X server) "
                f"| {mb(split['anon'])}; {mb(split['file'])}; {mb(split['shmem'])} MB | | | (none) | |")
    row("Resident memory, fleet view with 100,028 rows (bench process)",
        f"{rss_fleet['rss_loaded_kb'] / 1024:.1f} MB", "", "", "≤ 150 MB",
        rss_fleet["rss_loaded_kb"] / 1024 <= 150,
        over(rss_fleet["rss_loaded_kb"] / 1024, 150, "MB", 1))
    for name, label in [("Fleet", "Fleet view"), ("Rules", "Rules table")]:
        sort = micro_[f"BM_{name}Sort"]["median_ms"]
        key = micro_[f"BM_{name}FilterKeystroke"]
        row(f"{label}, 100k rows: sort (one header click, median)", f"{sort:.0f} ms", "", "",
            "≤ 60 ms", sort <= 60, over(sort, 60, "ms"))
        row(f"{label}, 100k rows: filter keystroke (median; worst)",
            f"{key['median_ms']:.1f} ms; {key['worst_ms']:.0f} ms", "", "", "≤ 16 ms",
            key["median_ms"] <= 16, over(key["median_ms"], 16, "ms", 1))
        load = micro_[f"BM_{name}Load"]["median_ms"]
        row(f"{label}, 100k rows: load and paint (median)", f"{load:.0f} ms", "", "", "(none)",
            True)
    rows.append(f"| awsJson parse, Describe page of 1,000 rules (median) | "
                f"{micro_['BM_ParseDescribeRulesPage']['median_ms'] * 1000:,.0f} µs | | | (none) | |")
    rows.append(f"| awsJson parse, DescribeRepositories page of 1,000 (median) | "
                f"{micro_['BM_ParseDescribeRepositoriesPage']['median_ms'] * 1000:,.0f} µs "
                f"| | | (none) | |")

    text = f"""# Benchmarks

Written by `scripts/bench` on {m['date']} (commit {m['commit']}){' — a --quick smoke run, not for quoting' if quick else ''}.
Every figure below comes from that one run; the peers ran in the same run on the same machine.

- Machine: {m['cpu']}, {m['cores']} cores, Linux {m['kernel']}; load average at the end
  {m['loadavg'][0]:.2f} / {m['loadavg'][1]:.2f} / {m['loadavg'][2]:.2f} (a shared machine: compare
  the ratios, absolute times drift).
- Build: the `bench` preset (CMake Release, `-O3`), {m['compiler']}; Qt {m['qt']}, OpenSSL
  {m['openssl']}, Google Benchmark {m['benchmark']} (Debian builds it without NDEBUG, so it
  warns "Library was built as DEBUG"; that concerns its own bookkeeping, not the code timed).
- Peers: Python {v['python']} ({v['python_path']}), boto3 {v['boto3']}, botocore {v['botocore']};
  {cli['version']} ({cli['path']}).

| measure | this app | peer, same run | ratio | target | |
| --- | --- | --- | --- | --- | --- |
{chr(10).join(rows)}

## How each figure is measured

- **Signing** (`bench_micro`, Google Benchmark, median of the repetitions): a
  CreatePullThroughCacheRule request as ServiceClient builds it (three headers, a 170-byte body),
  `SigV4Signer::signHeaders` with the key cache warm, and with a new signer every time (the key
  derived: four more HMACs). botocore: `SigV4Auth.add_auth` on the same request, median of 7 × 20,000
  (`bench/peers.py`).
- **Cycles** (`bench_loopback --url`): create → describe (by prefix) → delete, through the whole
  client (validation, signing, QNetworkAccessManager, loopback HTTP, JSON), against an
  `ecr-sandbox` in its own process, so this process's user + system time is the client's own
  CPU. boto3 does the same cycles against another such sandbox, one thread and 8 threads sharing
  one client (`bench/peers.py`, `time.process_time()`).
- **Fleet** (`bench_fleet 100 5`): `FleetFetch` over two in-process sandboxes (two accounts) ×
  34 regions, 100 ms injected per answer, median of 5.
- **Start-up** (`ECR_PTC_STARTUP_PROBE`): the Release app with `--sandbox` under Xvfb, its Local
  sandbox seeded with {st['rows']} rules; the probe prints CLOCK_MONOTONIC and VmRSS when the rules
  table first paints with rules, and the app exits. Time from just before the process is spawned,
  median of {st['runs']} after one warm-up run. The AWS CLI: median of 10 runs of
  `aws ecr describe-pull-through-cache-rules` against an ecr-sandbox with 3 rules.
- **100,000 rows** (`bench_micro`): FleetModel + FleetProxyModel in a shown QTreeView, and
  RulesTableModel + RulesFilterProxyModel in a shown QTableView, on the offscreen platform; one
  header click on another column each iteration; one keystroke of typing "docker" and deleting it
  again each iteration (its worst is usually the first keystroke, which builds the search text).
  The fleet memory figure is the `bench_micro --rss-fleet` process: the view, the models and the
  rules' data, after a sort and a filter.

## Misses, and why

{r.get('misses', '')}
"""
    Path(path).write_text(text)
    log("wrote", path)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "docs" / "BENCHMARKS.md"))
    parser.add_argument("--misses", default=str(ROOT / "bench" / "misses.md"),
                        help="the explanation of missed targets, copied into the report")
    args = parser.parse_args()
    results = {}
    results["micro"] = micro(args.quick)
    results["peers"] = peers(args.quick)
    results["loopback"] = loopback(50 if args.quick else 500)
    results["fleet"] = fleet(2 if args.quick else 5)
    results["startup"] = startup(3 if args.quick else 10)
    if Path(args.misses).exists():
        results["misses"] = Path(args.misses).read_text().strip()
    (BUILD / "bench-results.json").write_text(json.dumps(results, indent=1))
    write_report(args.out, machine(), results, args.quick)


if __name__ == "__main__":
    main()
