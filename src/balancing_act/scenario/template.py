"""`balancing-act new NAME`: a new scenario file from the commented template."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path


class TemplateError(ValueError):
    """The new scenario cannot be written; the message says why."""


def scenario_id(name: str) -> str:
    """'Kashmir talks 2019' -> 'kashmir_talks_2019' (a valid scenario id)."""
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    if not slug or not slug[0].isalpha():
        slug = "scenario_" + slug if slug else ""
    if not slug:
        raise TemplateError(f"'{name}' has no letters or digits to make a file name from")
    return slug[:60]


def template_text(identifier: str, title: str) -> str:
    text = resources.files("balancing_act.scenario").joinpath("template.yaml").read_text(
        encoding="utf-8")
    return text.replace("{{ID}}", identifier).replace("{{TITLE}}", title.replace('"', "'"))


def write_template(name: str, here: Path) -> Path:
    """Write NAME.yaml into scenarios/ when `here` is the project folder, else into `here`.
    An existing file is never overwritten."""
    identifier = scenario_id(name)
    folder = here / "scenarios" if (here / "scenarios").is_dir() else here
    path = folder / f"{identifier}.yaml"
    if path.exists():
        raise TemplateError(f"{path} already exists; choose another name")
    title = name.strip() if name.strip() else identifier
    temporary = path.with_suffix(".yaml.tmp")
    try:
        temporary.write_text(template_text(identifier, title), encoding="utf-8")
        temporary.replace(path)
    except OSError as err:
        raise TemplateError(f"cannot write {path}: {err.strerror}") from None
    return path
