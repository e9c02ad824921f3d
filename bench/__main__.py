"""`python -m bench [--quick] [--only NAME ...] [--runs N] [--factors N ...] [--output FILE]`: start the platform,
run the benchmarks, print the table of medians, min, max and ratios, and write it as JSON (var/bench/results.json).

--quick runs each benchmark once at tiny volumes (the smoke test's mode); the full run takes up to ~20 min.
--factors sets the volumes `national` grows the real one by (default 1 10 100): `--factors 1 10` measures a change
at the full real volume without the 100x load.
"""

from __future__ import annotations

import argparse
import dataclasses
import signal
import sys
import traceback
from pathlib import Path

from bench import (
    api_load,
    event_pipeline,
    footprint,
    gateway_overhead,
    list_pages,
    machine,
    national_report,
    rebuild,
    targets,
    xlsx_import,
)
from bench.stack import say, started
from bench.table import Summary, render, write_json

BENCHMARKS = {module.NAME: module for module in (gateway_overhead, api_load, event_pipeline, national_report,
                                                  xlsx_import, footprint, rebuild, list_pages)}
OUTPUT = Path("var/bench/results.json")


def main(argv: list[str] | None = None) -> int:
    """Run the chosen benchmarks; 0 when every one ran to the end."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="each benchmark once, tiny volumes (~90 s)")
    parser.add_argument("--only", nargs="+", choices=list(BENCHMARKS), help="run these benchmarks only")
    parser.add_argument("--runs", type=int, help="runs of each benchmark (default: 1 quick, 3 full)")
    parser.add_argument("--factors", type=int, nargs="+", help="the volumes national grows by (default 1 10 100)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"the JSON results (default {OUTPUT})")
    args = parser.parse_args(argv)
    chosen = [BENCHMARKS[name] for name in args.only or BENCHMARKS]
    signal.signal(signal.SIGTERM, _interrupt)  # stop what was started, as on Ctrl-C
    summaries: list[Summary] = []
    about = {**machine.describe(), "mode": "quick" if args.quick else "full"}
    try:
        with started() as stack:
            for module in chosen:
                summaries.append(_measure(stack, module, args))
                write_json(args.output, summaries, about)  # what is done survives an interrupted run
    except KeyboardInterrupt:
        say("interrupted: the table holds what was measured so far")
    judged = targets.judged(summaries)
    print(render(summaries))
    print()
    print(targets.render(judged))
    write_json(args.output, summaries, {**about, "load_average_1m_at_end": machine.load()}, judged)
    say(f"results in {args.output}")
    return 1 if any(s.failure or not s.runs for s in summaries) or len(summaries) < len(chosen) else 0


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt


def _measure(stack, module, args) -> Summary:
    plan = module.QUICK if args.quick else module.FULL
    if args.factors and hasattr(plan, "factors"):
        plan = dataclasses.replace(plan, factors=tuple(args.factors))
    runs = args.runs or (1 if args.quick else plan.runs)
    summary = Summary(module.NAME)
    try:
        say(f"{module.NAME}: preparing")
        module.prepare(stack, plan)
        for number in range(1, runs + 1):
            say(f"{module.NAME}: run {number} of {runs}")
            summary.runs.append(module.run(stack, plan))
    except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the others' numbers
        traceback.print_exc()
        summary.failure = f"{type(exc).__name__}: {exc}"[:300]
    return summary


if __name__ == "__main__":
    sys.exit(main())
