#!/usr/bin/env python3
"""Measures the peer tools the C++ benchmarks are compared with.

  botocore_sigv4  botocore.auth.SigV4Auth signing the request bench_micro signs (ns per sign;
                  botocore has no signing-key cache, so every sign derives the key)
  boto3_cycles    Create + Describe + Delete pull-through-cache rule cycles through one boto3
                  client against ecr-sandbox, sequentially and from K threads
  aws_cli         wall time of one `aws ecr describe-pull-through-cache-rules` process
  versions        the interpreter, boto3 and botocore

The sandbox runs as its own process, so the CPU time measured here (this process's user +
system time) is the client's alone, and the server does not compete for this interpreter's GIL.

Usage: bench/peers.py [--sandbox PATH] [--cycles N] [--threads K] [--cli-runs N] [--aws PATH]
                      [--skip-cli] [--quick]
Prints one JSON object on stdout, progress on stderr; exits 1 if any measurement had failures
(a retried boto3 operation counts as one: failed_total adds them up).
Needs only boto3/botocore (any release since 2020: Debian's 1.26 and current ones).
"""
import argparse
import gc
import json
import os
import platform
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import boto3
import botocore
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SANDBOXES = [ROOT / "build/bench/sandbox/ecr-sandbox", ROOT / "build/dev/sandbox/ecr-sandbox"]

# The request bench_micro signs (bench/bench_micro.cpp), with AWS's documentation example key.
SIGN_URL = "https://api.ecr.us-east-1.amazonaws.com/"
SIGN_HEADERS = {
    "Content-Type": "application/x-amz-json-1.1",
    "X-Amz-Target": "AmazonEC2ContainerRegistry_V20150921.CreatePullThroughCacheRule",
}
SIGN_BODY = (
    '{"ecrRepositoryPrefix":"docker-hub","upstreamRegistryUrl":"registry-1.docker.io",'
    '"credentialArn":"arn:aws:secretsmanager:us-east-1:123456789012:secret:'
    'ecr-pullthroughcache/docker-hub-AbCdEf"}'
)
SIGN_CREDENTIALS = ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

# ecr-sandbox's default key pair (an obvious example; see sandbox/README.md).
SANDBOX_KEY_ID = "AKIDSANDBOXEXAMPLE"
SANDBOX_SECRET = "sandbox-SANDBOXSECRET-key-EXAMPLE"
REGION = "us-east-1"
UPSTREAM = "public.ecr.aws"
MAX_ERRORS_KEPT = 5


def log(message):
    print(f"peers: {message}", file=sys.stderr, flush=True)


def percentile(values, fraction):
    """The fraction-quantile of values, interpolated linearly between the nearest ranks."""
    ordered = sorted(values)
    if not ordered:
        return None
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def cpu_seconds():
    """User + system CPU time of this process: all its threads, not its children (the sandbox).
    process_time() rather than os.times(), whose clock ticks (10 ms) are too coarse here."""
    return time.process_time()


def isolate_environment(home):
    """No AWS configuration, credentials, profile or instance metadata of the caller's."""
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                 "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION",
                 "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ECR", "AWS_CA_BUNDLE", "AWS_DEFAULT_OUTPUT",
                 "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE", "AWS_CLI_AUTO_PROMPT"):
        os.environ.pop(name, None)
    os.environ.update({
        "HOME": home,
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_PAGER": "",
    })


# ---- botocore SigV4 ---------------------------------------------------------------------------

def new_sign_request():
    return AWSRequest(method="POST", url=SIGN_URL, headers=dict(SIGN_HEADERS), data=SIGN_BODY)


def measure_sigv4(repeats, iterations):
    signer = SigV4Auth(Credentials(*SIGN_CREDENTIALS), "ecr", REGION)
    # A sanity check: the signature is there and scoped as bench_micro's is.
    probe = new_sign_request()
    signer.add_auth(probe)
    authorization = probe.headers.get("Authorization", "")
    expected = f"AWS4-HMAC-SHA256 Credential={SIGN_CREDENTIALS[0]}/"
    failed = 0 if authorization.startswith(expected) and f"/{REGION}/ecr/aws4_request" in authorization else 1

    per_sign_ns = []
    for _ in range(repeats):
        # add_auth mutates its request, so each sign gets a fresh one, built outside the timing.
        requests = [new_sign_request() for _ in range(iterations)]
        gc_was_enabled = gc.isenabled()
        gc.disable()  # as timeit does
        try:
            start = time.perf_counter_ns()
            for request in requests:
                signer.add_auth(request)
            elapsed = time.perf_counter_ns() - start
        finally:
            if gc_was_enabled:
                gc.enable()
        per_sign_ns.append(elapsed / iterations)
    return {
        "median_ns": round(statistics.median(per_sign_ns)),
        "min_ns": round(min(per_sign_ns)),
        "repeats": repeats,
        "iterations": iterations,
        "key_cache": False,  # botocore derives the signing key on every sign
        "gc_disabled_while_timed": True,
        "failed": failed,
    }


# ---- the sandbox ------------------------------------------------------------------------------

class Sandbox:
    """ecr-sandbox on a free loopback port, as a child process."""

    def __init__(self, path, stderr_file):
        self.process = subprocess.Popen([str(path), "--port", "0"], stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, stderr=stderr_file, text=True)
        lines = queue.Queue()

        def read_stdout():  # the first line to the queue; the rest drained so the pipe never fills
            for line in self.process.stdout:
                lines.put(line)
            lines.put("")

        threading.Thread(target=read_stdout, daemon=True).start()
        try:
            first = lines.get(timeout=15).strip()
        except queue.Empty:
            first = "(nothing within 15 s)"
        match = re.fullmatch(r"listening on (http://127\.0\.0\.1:\d+)/?", first)
        if not match:
            self.stop()
            raise RuntimeError(f"unexpected first line from {path}: {first!r}")
        self.endpoint = match.group(1)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def find_sandbox(explicit):
    if explicit:
        path = Path(explicit)
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise RuntimeError(f"no ecr-sandbox executable at {path}")
        return path
    for path in DEFAULT_SANDBOXES:
        if path.is_file() and os.access(path, os.X_OK):
            return path
    raise RuntimeError("no ecr-sandbox executable at " + " or ".join(map(str, DEFAULT_SANDBOXES)))


# ---- boto3 cycles -----------------------------------------------------------------------------

def ecr_client(endpoint):
    # One attempt per operation ("total_max_attempts"; botocore's "max_attempts" counts retries):
    # a retry would hide a fault and a backoff sleep inside the latencies. Any retry still seen
    # is counted ("retried") and fails the run.
    return boto3.client(
        "ecr", endpoint_url=endpoint, region_name=REGION,
        aws_access_key_id=SANDBOX_KEY_ID, aws_secret_access_key=SANDBOX_SECRET,
        config=Config(retries={"total_max_attempts": 1, "mode": "standard"}, max_pool_connections=16))


class CycleRunner:
    """Create, Describe and Delete of one fresh rule per cycle; counts failures, keeps latencies."""

    def __init__(self, client):
        self.client = client
        self.lock = threading.Lock()
        self.latencies_ms = []
        self.failed = 0
        self.retried = 0
        self.errors = []

    def cycle(self, prefix):
        start = time.perf_counter()
        created = False
        answers = []
        try:
            answers.append(self.client.create_pull_through_cache_rule(
                ecrRepositoryPrefix=prefix, upstreamRegistryUrl=UPSTREAM))
            created = True
            answers.append(self.client.describe_pull_through_cache_rules(
                ecrRepositoryPrefixes=[prefix]))
            rules = answers[-1]["pullThroughCacheRules"]
            if [rule.get("ecrRepositoryPrefix") for rule in rules] != [prefix]:
                raise RuntimeError(f"Describe of {prefix} answered {len(rules)} rule(s): {rules!r:.200}")
            answers.append(self.client.delete_pull_through_cache_rule(ecrRepositoryPrefix=prefix))
        except Exception as error:  # noqa: BLE001 -- any failure is counted and reported
            with self.lock:
                self.failed += 1
                if len(self.errors) < MAX_ERRORS_KEPT:
                    self.errors.append(f"{prefix}: {type(error).__name__}: {error}")
            if created:  # leave no rule behind to fill the quota
                try:
                    self.client.delete_pull_through_cache_rule(ecrRepositoryPrefix=prefix)
                except Exception:  # noqa: BLE001
                    pass
            return
        elapsed_ms = (time.perf_counter() - start) * 1000
        retries = sum(a.get("ResponseMetadata", {}).get("RetryAttempts", 0) for a in answers)
        with self.lock:
            self.latencies_ms.append(elapsed_ms)
            self.retried += retries


def run_cycles(client, phase, cycles, threads):
    """cycles cycles from `threads` workers that take them from a shared counter."""
    runner = CycleRunner(client)
    next_cycle = iter(range(cycles))
    take_lock = threading.Lock()

    def worker(index):
        while True:
            with take_lock:
                cycle = next(next_cycle, None)
            if cycle is None:
                return
            runner.cycle(f"peer-{phase}{index}-{cycle}")

    cpu_start, wall_start = cpu_seconds(), time.perf_counter()
    if threads == 1:
        worker(0)
    else:
        pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
    wall = time.perf_counter() - wall_start
    cpu = cpu_seconds() - cpu_start

    operations = 3 * cycles
    result = {
        "threads": threads,
        "cycles": cycles,
        "ops_per_s": round(operations / wall, 1),
        "cycle_p50_ms": round(percentile(runner.latencies_ms, 0.50), 3) if runner.latencies_ms else None,
        "cycle_p99_ms": round(percentile(runner.latencies_ms, 0.99), 3) if runner.latencies_ms else None,
        "wall_s": round(wall, 3),
        "cpu_us_per_op": round(cpu * 1e6 / operations, 1),
        "failed": runner.failed,
        "retried": runner.retried,
    }
    if runner.errors:
        result["errors"] = runner.errors
    return result


def measure_boto3(client, warmup, cycles, threads):
    log(f"boto3: {warmup} warm-up cycles")
    warm = run_cycles(client, "w", warmup, 1)
    log(f"boto3: {cycles} cycles, sequential")
    sequential = run_cycles(client, "s", cycles, 1)
    log(f"boto3: {cycles} cycles, {threads} threads")
    threaded = run_cycles(client, "t", cycles, threads)
    result = {
        "ops_per_cycle": 3,
        "warmup_cycles": warmup,
        "warmup_failed": warm["failed"],
        "warmup_retried": warm["retried"],
        "sequential": sequential,
        "threaded": threaded,
    }
    if warm.get("errors"):
        result["warmup_errors"] = warm["errors"]
    return result


# ---- the AWS CLI ------------------------------------------------------------------------------

def find_aws(explicit):
    if explicit:
        return shutil.which(explicit) or explicit
    if os.access("/usr/bin/aws", os.X_OK):  # Debian's awscli, what the project's checks use
        return "/usr/bin/aws"
    return shutil.which("aws")


def measure_aws_cli(aws, client, endpoint, runs):
    seeded = [f"peer-cli-{i}" for i in range(3)]
    for prefix in seeded:
        client.create_pull_through_cache_rule(ecrRepositoryPrefix=prefix, upstreamRegistryUrl=UPSTREAM)

    env = dict(os.environ, AWS_ACCESS_KEY_ID=SANDBOX_KEY_ID, AWS_SECRET_ACCESS_KEY=SANDBOX_SECRET)
    version = subprocess.run([aws, "--version"], env=env, capture_output=True, text=True)
    version_line = (version.stdout.strip() or version.stderr.strip()).splitlines()
    command = [aws, "ecr", "describe-pull-through-cache-rules", "--endpoint-url", endpoint,
               "--region", REGION, "--output", "json"]

    times_ms, failed, errors = [], 0, []
    for run in range(1 + runs):  # the first is a warm-up (page cache, Python's bytecode cache)
        start = time.perf_counter()
        answer = subprocess.run(command, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                                text=True)
        elapsed_ms = (time.perf_counter() - start) * 1000
        problem = None
        if answer.returncode != 0:
            problem = f"exit {answer.returncode}: {answer.stderr.strip()[:300]}"
        else:
            try:
                prefixes = [r["ecrRepositoryPrefix"] for r in json.loads(answer.stdout)["pullThroughCacheRules"]]
                if sorted(prefixes) != seeded:
                    problem = f"unexpected rules: {prefixes}"
            except (ValueError, KeyError, TypeError) as error:
                problem = f"unreadable answer: {error}"
        if run == 0:
            if problem:
                failed += 1
                errors.append(f"warm-up: {problem}")
            continue
        if problem:
            failed += 1
            if len(errors) < MAX_ERRORS_KEPT:
                errors.append(problem)
        else:
            times_ms.append(elapsed_ms)

    result = {
        "path": aws,
        "version": version_line[0] if version_line else f"(aws --version exited {version.returncode})",
        "runs": runs,
        "median_ms": round(statistics.median(times_ms), 1) if times_ms else None,
        "min_ms": round(min(times_ms), 1) if times_ms else None,
        "failed": failed,
    }
    if errors:
        result["errors"] = errors
    return result


# ---- main -------------------------------------------------------------------------------------

def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sandbox", help="the ecr-sandbox executable (default: "
                        "build/bench/sandbox/ecr-sandbox, else build/dev/sandbox/ecr-sandbox)")
    parser.add_argument("--cycles", type=int, default=500, help="measured cycles per mode (500)")
    parser.add_argument("--threads", type=int, default=8, help="threads of the threaded mode (8)")
    parser.add_argument("--cli-runs", type=int, default=10, help="timed aws CLI runs (10)")
    parser.add_argument("--aws", help="the aws CLI (default: /usr/bin/aws, else aws on PATH)")
    parser.add_argument("--skip-cli", action="store_true", help="do not measure the aws CLI")
    parser.add_argument("--quick", action="store_true", help="small counts, for a smoke run")
    arguments = parser.parse_args()
    if min(arguments.cycles, arguments.threads, arguments.cli_runs) < 1:
        parser.error("--cycles, --threads and --cli-runs must be at least 1")
    return arguments


def main():
    arguments = parse_arguments()
    if arguments.quick:
        sign_repeats, sign_iterations, warmup = 3, 2000, 5
        cycles, cli_runs = min(arguments.cycles, 40), min(arguments.cli_runs, 2)
    else:
        sign_repeats, sign_iterations, warmup = 7, 20000, 20
        cycles, cli_runs = arguments.cycles, arguments.cli_runs

    report = {
        "versions": {
            "python": platform.python_version(),
            "python_path": sys.executable,
            "boto3": boto3.__version__,
            "botocore": botocore.__version__,
        },
        "host": {"cpus": os.cpu_count(), "loadavg_at_start": [round(x, 2) for x in os.getloadavg()]},
        "quick": arguments.quick,
    }
    failures = 0
    with tempfile.TemporaryDirectory(prefix="peers-") as home, \
            tempfile.TemporaryFile(mode="w+") as sandbox_stderr:
        isolate_environment(home)
        sandbox = None
        try:
            log(f"botocore SigV4: {sign_repeats} x {sign_iterations} signs")
            report["botocore_sigv4"] = measure_sigv4(sign_repeats, sign_iterations)
            failures += report["botocore_sigv4"]["failed"]

            path = find_sandbox(arguments.sandbox)
            sandbox = Sandbox(path, sandbox_stderr)
            log(f"sandbox {path} at {sandbox.endpoint}")
            client = ecr_client(sandbox.endpoint)
            boto3_result = measure_boto3(client, warmup, cycles, arguments.threads)
            boto3_result["sandbox"] = str(path.resolve())
            report["boto3_cycles"] = boto3_result
            failures += sum(boto3_result[phase]["failed"] + boto3_result[phase]["retried"]
                            for phase in ("sequential", "threaded"))
            failures += boto3_result["warmup_failed"] + boto3_result["warmup_retried"]

            aws = None if arguments.skip_cli else find_aws(arguments.aws)
            if arguments.skip_cli:
                report["aws_cli"] = {"skipped": "--skip-cli"}
            elif not aws:
                report["aws_cli"] = {"skipped": "no aws CLI (/usr/bin/aws or on PATH)"}
            else:
                log(f"aws CLI: {aws}, 1 warm-up + {cli_runs} runs")
                report["aws_cli"] = measure_aws_cli(aws, client, sandbox.endpoint, cli_runs)
                failures += report["aws_cli"]["failed"]
        except Exception as error:  # noqa: BLE001 -- reported in the JSON, then a failing exit
            report["error"] = f"{type(error).__name__}: {error}"
            failures += 1
        finally:
            if sandbox:
                sandbox.stop()
                if sandbox.process.returncode not in (0, -15):  # -15: our SIGTERM
                    report["sandbox_exit"] = sandbox.process.returncode
            sandbox_stderr.seek(0)
            tail = sandbox_stderr.read()[-2000:].strip()
            if tail and (failures or "error" in report):
                report["sandbox_stderr"] = tail

    report["failed_total"] = failures
    print(json.dumps(report, indent=2))
    if failures:
        log(f"{failures} failure(s) or retried operation(s); see the JSON")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
