"""`balancing-act new NAME [--blank]`: a new scenario file from the commented example template,
or from a blank skeleton with a comment before each key."""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path

from balancing_act.errors import UsageError, WriteError
from balancing_act.io import write_text
from balancing_act.resources import schema_file
from balancing_act.scenario.schema import MODELINE_PREFIX


class TemplateError(UsageError):
    """The new scenario cannot be written; the message says why."""


def scenario_id(name: str) -> str:
    """'Kashmir talks 2019' -> 'kashmir_talks_2019' (a valid scenario id)."""
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    if not slug or not slug[0].isalpha():
        slug = "scenario_" + slug if slug else ""
    if not slug:
        raise TemplateError(f"'{name}' has no letters or digits to make a file name from")
    return slug[:60]


def template_text(identifier: str, title: str, folder: Path | None = None, *,
                  blank: bool = False) -> str:
    """The template (or the blank skeleton) with its id and title filled in; when the
    project's schema file exists, a first line tells editors where it is (relative to
    `folder`), for completion."""
    name = "blank.yaml" if blank else "template.yaml"
    text = resources.files("balancing_act.scenario").joinpath(name).read_text(encoding="utf-8")
    text = text.replace("{{ID}}", identifier).replace("{{TITLE}}", title.replace('"', "'"))
    schema = schema_file()
    if folder is not None and schema.is_file():
        relative = Path(os.path.relpath(schema, folder.resolve())).as_posix()
        text = f"{MODELINE_PREFIX}{relative}\n{text}"
    return text


def write_template(name: str, here: Path, *, blank: bool = False) -> Path:
    """Write NAME.yaml into scenarios/ when `here` is the project folder, else into `here`.
    An existing file is never overwritten."""
    identifier = scenario_id(name)
    folder = here / "scenarios" if (here / "scenarios").is_dir() else here
    path = folder / f"{identifier}.yaml"
    if path.exists():
        raise TemplateError(f"{path} already exists; choose another name")
    title = name.strip() if name.strip() else identifier
    try:
        write_text(path, template_text(identifier, title, folder, blank=blank))
    except WriteError as err:
        raise TemplateError(str(err)) from None
    return path
