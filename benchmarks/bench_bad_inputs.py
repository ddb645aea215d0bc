"""How long the worst inputs take to be refused: every file in tests/scenario/bad, a 100 MB
file, an alias bomb and a file just under the 1 MB limit. Prints figures; asserts nothing.

Target (issue: foundation): each bad input gets its errors within a second.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from balancing_act.scenario import ScenarioError, load_scenario
from synthetic import synthetic_yaml  # benchmarks/ is on the path when a script here runs

ROOT = Path(__file__).resolve().parents[1]


def seconds_to_refuse(path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    try:
        load_scenario(path)
        problems = 0
    except ScenarioError as err:
        problems = len(err.problems)
    return time.perf_counter() - start, problems


def main() -> None:
    timings = {p.name: seconds_to_refuse(p) for p in sorted((ROOT / "tests/scenario/bad")
                                                                 .glob("*.yaml"))}
    with tempfile.TemporaryDirectory() as folder:
        huge = Path(folder) / "huge.yaml"
        with huge.open("wb") as handle:
            handle.truncate(100 * 1024 * 1024)
        timings["100 MB file"] = seconds_to_refuse(huge)
        big = Path(folder) / "big.yaml"
        raw = synthetic_yaml(events=1500, turns=100).encode()
        cut = raw.rfind(b"\n- id: card_", 0, 1024 * 1024 - 100)  # whole cards, under 1 MB
        big.write_bytes(raw[:cut] + b"\nbogus_key: 1\n")
        size = big.stat().st_size / 1_048_576
        timings[f"{size:.1f} MB scenario with one error"] = seconds_to_refuse(big)
    width = max(map(len, timings))
    for name, (seconds, problems) in sorted(timings.items(), key=lambda kv: -kv[1][0])[:8]:
        print(f"{name:<{width}}  {seconds * 1000:7.1f} ms  {problems} problem(s)")
    worst = max(seconds for seconds, _ in timings.values())
    print(f"slowest of {len(timings)} bad inputs: {worst * 1000:.0f} ms (target <= 1000 ms)")


if __name__ == "__main__":
    main()
