#!/usr/bin/env python3
"""Times the release binary over the benchmark corpora; called by scripts/bench.

    scripts/bench-measure.py BINARY FLOOR_BINARY CORPUS_ROOT SIZES RUNS OUTPUT_JSON

Rows: one file (the pre-commit case), each corpus size, and a 10 MB specification full of
brand names. Each is timed three ways: tenderlint (`--format json`), tenderlint
`--parse-only`, and the serde-saphyr parse floor (examples/parse_floor.rs: the same files
parsed into an untyped value on the same number of threads, nothing else), with the ratios.

Each figure is the median of RUNS runs (wall clock, perf_counter), the three commands of a
row taking turns so that its ratios compare runs made under the same load; the one-file row is also
counted in instructions with valgrind (callgrind) when it is installed, a figure the machine's
load does not move. Peak memory is the
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


def measure(commands, runs):
    """Median wall seconds of each command over `runs` rounds, the commands taking turns in
    every round: a ratio then compares runs made under the same load, where timing one
    command's runs after the other's let a change in the machine's load move the ratio."""
    for argv in commands.values():
        run_once(argv)  # warm the page cache and the binary
    times = {mode: [] for mode in commands}
    for _ in range(runs):
        for mode, argv in commands.items():
            times[mode].append(run_once(argv))
    return {mode: statistics.median(seconds) for mode, seconds in times.items()}


def instructions(argv):
    """Instructions one run executes, counted by valgrind's callgrind: the same for the same
    binary and input whatever else the machine is doing, where a few milliseconds of wall
    clock are not. `None` without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    with tempfile.TemporaryDirectory() as scratch:
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={scratch}/out", *argv],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
        )
    for line in run.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split(":")[-1])
    return None


def corpus_bytes(directory):
    return sum(path.stat().st_size for path in directory.glob("*.tender.yaml"))


def brand_specification(path, size=10_000_000):
    """A tender whose specification is `size` bytes of sentences naming brands (under the
    10 MiB file limit): tens of thousands of SPEC001 findings."""
    head = ("tender:\n  buyer: {name: Example Council, kind: local_government}\n"
            "  specification: |\n")
    lines = [
        "    Laptops are Dell models with Microsoft 365 and Widget\u2122 docks.\n",
        "    Phones are Apple iPhones or equivalent, managed in ServiceNow.\n",
        "    The system must use Oracle and wiring follows BS 7671.\n",
        "    Reports are written in plain English for the board.\n",
    ]
    body, index = [], 0
    total = len(head.encode())
    while True:
        line = lines[index % len(lines)]
        if total + len(line.encode()) > size:
            break
        body.append(line)
        total += len(line.encode())
        index += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(head + "".join(body))
    return path


def row(label, target, files, megabytes, binary, floor, runs, threads):
    """Times tenderlint, its parse-only mode and the parse floor on one target."""
    entry = {"label": label, "files": files, "megabytes": round(megabytes, 4)}
    commands = {
        "lint": [binary, *COMMON, "--threads", str(threads), str(target)],
        "parse_only": [binary, *COMMON, "--threads", str(threads), "--parse-only", str(target)],
        "floor": [floor, "--threads", str(threads), str(target)],
    }
    medians = measure(commands, runs)
    for mode, argv in commands.items():
        seconds, rss = medians[mode], max(peak_rss_mb(argv) for _ in range(3))
        entry[mode] = {
            "seconds": round(seconds, 4),
            "files_per_second": round(files / seconds),
            "megabytes_per_second": round(megabytes / seconds, 1),
            "peak_rss_mb": round(rss, 1),
        }
    entry["lint_over_parse"] = round(entry["lint"]["seconds"] / entry["parse_only"]["seconds"], 2)
    entry["lint_over_floor"] = round(entry["lint"]["seconds"] / entry["floor"]["seconds"], 2)
    return entry


def main():
    binary, floor, root, sizes, runs, output = sys.argv[1:7]
    root, runs = Path(root), int(runs)
    sizes = [int(size) for size in sizes.split(",")]
    threads = os.cpu_count()
    results = {
        "machine": {
            "cpus": os.cpu_count(),
            "cpu": cpu_model(),
            "load_average_at_start": [round(load, 2) for load in os.getloadavg()],
            "os": platform.platform(),
        },
        "runs_per_figure": runs,
        "threads": threads,
        "rows": [],
    }
    single = sorted((root / f"n{sizes[0]}").glob("*.tender.yaml"))[1]
    results["rows"].append(row("1 file", single, 1, single.stat().st_size / 1e6, binary, floor,
                               max(runs, 30), threads))
    results["one_file_instructions"] = {
        "lint": instructions([binary, *COMMON, str(single)]),
        "parse_only": instructions([binary, *COMMON, "--parse-only", str(single)]),
        "version": instructions([binary, "--version"]),
    }
    for size in sizes:
        directory = root / f"n{size}"
        results["rows"].append(row(f"{size:,} files", directory, size,
                                   corpus_bytes(directory) / 1e6, binary, floor, runs, threads))
    spec = brand_specification(root / "spec" / "brands.tender.yaml")
    results["rows"].append(row("10 MB specification", spec, 1, spec.stat().st_size / 1e6, binary,
                               floor, runs, threads))
    results["findings"] = findings(binary, root / f"n{sizes[0]}")
    spec_report = json.loads(subprocess.run([binary, *COMMON, str(spec)], capture_output=True,
                                            check=False).stdout)
    results["specification_findings"] = len(spec_report["diagnostics"])
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
          f"{' '.join(map(str, machine['load_average_at_start']))}; {results['threads']} threads; "
          f"median of {results['runs_per_figure']} runs\n")
    print("| input | tenderlint | parse only | serde-saphyr floor | lint ÷ floor "
          "| lint ÷ parse-only | peak RSS (lint) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for entry in results["rows"]:
        ms = {mode: entry[mode]["seconds"] * 1000 for mode in ("lint", "parse_only", "floor")}
        size = (f"{entry['megabytes']:.2f} MB" if entry["megabytes"] >= 0.1
                else f"{entry['megabytes'] * 1000:.1f} KB")
        print(f"| {entry['label']} ({size}) | {ms['lint']:.1f} ms | "
              f"{ms['parse_only']:.1f} ms | {ms['floor']:.1f} ms | {entry['lint_over_floor']}× | "
              f"{entry['lint_over_parse']}× | {entry['lint']['peak_rss_mb']} MB |")
    counted = results["one_file_instructions"]
    if None not in counted.values():
        millions = {mode: count / 1e6 for mode, count in counted.items()}
        print(f"\none file, instructions (callgrind, independent of the machine's load): "
              f"lint {millions['lint']:.2f}M, parse only {millions['parse_only']:.2f}M, "
              f"--version {millions['version']:.2f}M; lint is "
              f"{counted['lint'] / counted['parse_only']:.2f}× parse only")
    found = results["findings"]
    print(f"\ncorpus check ({found['files']:,} files): {found['diagnostics']:,} findings from "
          f"{len(found['rules'])} rules in families {', '.join(found['families'])}; "
          f"{found['files_without_findings']} files clean, {found['files_failed']} failed")
    print(f"10 MB specification: {results['specification_findings']:,} findings")


if __name__ == "__main__":
    main()
