#!/usr/bin/env python3
"""Times the release binary over the benchmark corpora; called by scripts/bench.

    scripts/bench-measure.py BINARY CORPUS_ROOT SIZES RUNS OUTPUT_JSON

Each figure is the median of RUNS runs (wall clock, perf_counter); peak memory is the
largest maximum resident set size of any run (getrusage of that child, via wait4).
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMON = ["check", "--format", "json", "--isolated", "--date", "2026-06-01"]


def run_once(argv):
    """Wall seconds and peak RSS (MB) of one run; output is discarded."""
    with open(os.devnull, "wb") as devnull:
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdout=devnull, stderr=devnull)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(argv)} exited with {code}: the corpus must lint cleanly (0 or 1)")
    return elapsed, usage.ru_maxrss / 1024


def measure(argv, runs):
    run_once(argv)  # warm the page cache and the binary
    samples = [run_once(argv) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)


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
    single = results["single_file"]
    print(f"single file ({single['bytes']:,} bytes): {single['milliseconds']} ms, "
          f"peak RSS {single['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
