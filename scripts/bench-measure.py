#!/usr/bin/env python3
"""Times the release binary over the benchmark corpora; called by scripts/bench.

    scripts/bench-measure.py BINARY CORPUS_ROOT SIZES RUNS OUTPUT_JSON

Each figure is the median of RUNS runs (wall clock, perf_counter). Peak memory is the
largest maximum resident set size over three further runs under /usr/bin/time (GNU time;
`apt-get install time`): measured from Python directly, a child's peak would include the
Python process it was forked from.
"""

import json
import os
import platform
import statistics
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMON = ["check", "--format", "json", "--isolated", "--date", "2026-06-01"]


def run_once(argv):
    """Wall seconds of one run; output is discarded."""
    started = time.perf_counter()
    code = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    elapsed = time.perf_counter() - started
    if code not in (0, 1):
        sys.exit(f"{' '.join(argv)} exited with {code}: the corpus must lint cleanly (0 or 1)")
    return elapsed


def peak_rss_mb(argv):
    """Maximum resident set size of one run, in MB, as GNU time reports it."""
    gnu_time = shutil.which("time", path="/usr/bin:/bin") or sys.exit(
        "error: /usr/bin/time (GNU time) is needed for peak memory: apt-get install time"
    )
    with tempfile.NamedTemporaryFile("r") as report:
        subprocess.run(
            [gnu_time, "-f", "%M", "-o", report.name, *argv],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return int(report.read().split()[-1]) / 1024


def measure(argv, runs):
    run_once(argv)  # warm the page cache and the binary
    seconds = statistics.median(run_once(argv) for _ in range(runs))
    rss = max(peak_rss_mb(argv) for _ in range(3))
    return seconds, rss


def corpus_bytes(directory):
    return sum(path.stat().st_size for path in directory.glob("*.tender.yaml"))


def main():
    binary, root, sizes, runs, output = sys.argv[1:6]
    root, runs = Path(root), int(runs)
    sizes = [int(size) for size in sizes.split(",")]
    results = {
        "machine": {
            "cpus": os.cpu_count(),
            "cpu": cpu_model(),
            "load_average_at_start": [round(load, 2) for load in os.getloadavg()],
            "os": platform.platform(),
        },
        "runs_per_figure": runs,
        "corpora": [],
    }
    for size in sizes:
        directory = root / f"n{size}"
        megabytes = corpus_bytes(directory) / 1e6
        entry = {"files": size, "megabytes": round(megabytes, 2)}
        for mode, extra in (("lint", []), ("parse_only", ["--parse-only"])):
            seconds, rss = measure([binary, *COMMON, *extra, str(directory)], runs)
            entry[mode] = {
                "seconds": round(seconds, 4),
                "files_per_second": round(size / seconds),
                "megabytes_per_second": round(megabytes / seconds, 1),
                "peak_rss_mb": round(rss, 1),
            }
        entry["lint_over_parse"] = round(entry["lint"]["seconds"] / entry["parse_only"]["seconds"], 2)
        results["corpora"].append(entry)

    results["findings"] = findings(binary, root / f"n{sizes[0]}")

    # The pre-commit case: one ordinary tender, process start to exit.
    single = sorted((root / f"n{sizes[0]}").glob("*.tender.yaml"))[1]
    seconds, rss = measure([binary, *COMMON, str(single)], max(runs, 30))
    results["single_file"] = {
        "file": single.name,
        "bytes": single.stat().st_size,
        "milliseconds": round(seconds * 1000, 2),
        "peak_rss_mb": round(rss, 1),
    }
    Path(output).write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)


def findings(binary, directory):
    """What the corpus trips: every rule family should fire somewhere, some files are clean."""
    output = subprocess.run([binary, *COMMON, str(directory)], capture_output=True, check=False)
    report = json.loads(output.stdout)
    rules = sorted({d["rule"] for d in report["diagnostics"]})
    flagged = {d["file"] for d in report["diagnostics"]}
    files = len(list(directory.glob("*.tender.yaml")))
    return {
        "files": files,
        "diagnostics": len(report["diagnostics"]),
        "files_without_findings": files - len(flagged),
        "files_failed": report["summary"]["files_failed"],
        "families": sorted({rule.rstrip("0123456789") for rule in rules}),
        "rules": rules,
    }


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def print_table(results):
    machine = results["machine"]
    print(f"\n{machine['cpus']} CPUs ({machine['cpu']}), load average at start "
          f"{' '.join(map(str, machine['load_average_at_start']))}; "
          f"median of {results['runs_per_figure']} runs\n")
    print("| corpus | mode | time | files/s | MB/s | peak RSS |")
    print("|---|---|---:|---:|---:|---:|")
    for entry in results["corpora"]:
        for mode in ("lint", "parse_only"):
            figures = entry[mode]
            label = "lint (`--format json`)" if mode == "lint" else "parse only (`--parse-only`)"
            print(f"| {entry['files']:,} files, {entry['megabytes']} MB | {label} | "
                  f"{figures['seconds'] * 1000:.0f} ms | {figures['files_per_second']:,} | "
                  f"{figures['megabytes_per_second']} | {figures['peak_rss_mb']} MB |")
    for entry in results["corpora"]:
        print(f"\nlint / parse-only, {entry['files']:,} files: {entry['lint_over_parse']}×")
    found = results["findings"]
    print(f"\ncorpus check ({found['files']:,} files): {found['diagnostics']:,} findings from "
          f"{len(found['rules'])} rules in families {', '.join(found['families'])}; "
          f"{found['files_without_findings']} files clean, {found['files_failed']} failed")
    single = results["single_file"]
    print(f"single file ({single['bytes']:,} bytes): {single['milliseconds']} ms, "
          f"peak RSS {single['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
