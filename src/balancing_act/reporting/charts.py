"""matplotlib for the reports' charts: loaded only when a report is drawn, without a display,
with every label escaped so a title such as `$\\frac{a}{b}$` is printed, not typeset."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from balancing_act.errors import ReportError, WriteError
from balancing_act.io import describe

TONE_COLOURS = {"good": "#2a9d55", "mixed": "#7a869a", "bad": "#c2410c"}
BAND_COLOUR = "#3b6fb6"


def pyplot() -> Any:
    """matplotlib.pyplot on the Agg backend, or ReportError saying how to install it."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise ReportError("the report draws its charts with matplotlib: install it with "
                          "pip install 'balancing-act[report]'") from None
    plt.rcParams.update({"font.size": 11, "axes.titlesize": 13, "figure.dpi": 110,
                         "text.usetex": False})
    return plt


def label(text: object) -> str:
    """Text for a chart: dollar signs escaped, so matplotlib never reads it as mathtext."""
    return str(text).replace("\\", "\\\\").replace("$", r"\$")


def make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise WriteError(f"{describe(folder)}: cannot make the folder: "
                         f"{(err.strerror or str(err)).lower()}") from None


def save(figure: Any, path: Path) -> None:
    """Save a chart as PNG, atomically; WriteError when the disk will not take it."""
    import io

    from balancing_act.io import write_bytes

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    write_bytes(path, buffer.getvalue())
