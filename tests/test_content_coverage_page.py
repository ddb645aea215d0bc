"""docs/content-coverage.md maps the seed themes to the cards that teach them. Its card ids,
titles and tables must match the shipped scenarios, or a teacher choosing a scenario by theme is
sent to cards that no longer exist: `tools/theme_coverage.py --check` recomputes the page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_coverage_page_matches_the_scenarios() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "theme_coverage.py"), "--check"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
