"""Full `generate` with validation for examples/blog.md (goal: under 15 s on 2 cores).

    .venv/bin/python bench/bench_generate.py [--spec examples/blog.md] [--repeat 1]

Prints the time of each stage and of each validation check (checks run concurrently, so they
add up to more than the validate stage); asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=ROOT / "examples" / "blog.md")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    from pipeline.generate import generate_project

    text = args.spec.read_text(encoding="utf-8")
    cores = len(os.sched_getaffinity(0))
    print(f"{args.spec.name} on {cores} cores")
    print(f"load average before: {os.getloadavg()[0]:.1f} (a busy machine stretches wall times)")
    for i in range(args.repeat):
        cpu0 = _cpu_seconds()
        t0 = time.perf_counter()
        result = generate_project(text)
        wall = time.perf_counter() - t0
        cpu = _cpu_seconds() - cpu0
        stages = "  ".join(f"{k} {v:.2f} s" for k, v in result.timings.items() if k != "total")
        print(f"run {i + 1}: {wall:.2f} s wall  ({stages})")
        print(
            f"    cpu {cpu:.1f} s (this process and the sandboxed ones; PostgreSQL's own not "
            f"counted): at best {cpu / cores:.1f} s of wall on {cores} idle cores"
        )
        if result.report is not None:
            for check in result.report.checks:
                print(f"    {check.status.value:<7} {check.name:<30} {check.duration_s:6.2f} s")
            print(f"    {result.report.headline()}")
    print("goal: under 15 s on 2 cores")


if __name__ == "__main__":
    main()
