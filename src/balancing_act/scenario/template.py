"""`balancing-act new NAME [--blank]`: a new scenario file from the commented example template,
or from a blank skeleton with a comment before each key."""

from __future__ import annotations

import os
import re
import unicodedata
from importlib import resources
from pathlib import Path

from balancing_act.errors import UsageError
from balancing_act.io import write_text
from balancing_act.resources import schema_file
from balancing_act.scenario.model import SCENARIO_ID_PATTERN
from balancing_act.scenario.schema import MODELINE_PREFIX


class TemplateError(UsageError):
    """The new scenario cannot be written; the message says why."""


def scenario_id(name: str) -> str:
    """'Kashmir talks 2019' -> 'kashmir_talks_2019', 'Ärger & Öl' -> 'arger_ol' (a valid
    scenario id: accents are dropped, as ids are written in a-z, 0-9 and _)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name)
                    if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")
    if slug and not slug[0].isalpha():
        slug = "scenario_" + slug
    if not slug:
        raise TemplateError(f"'{name}' has no Latin letters or digits to make the scenario's "
                            "id from (ids are written with a-z, 0-9 and _): give one with "
                            "--id, e.g. --id kashmir_talks")
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


def write_template(name: str, here: Path, *, blank: bool = False,
                   identifier: str | None = None) -> Path:
    """Write ID.yaml (the id made from NAME unless given) into scenarios/ when `here` is the
    project folder, else into `here`. An existing file is never overwritten."""
    if identifier is None:
        identifier = scenario_id(name)
    elif not re.fullmatch(SCENARIO_ID_PATTERN, identifier) or len(identifier) > 64:
        raise TemplateError(f"--id: '{identifier}' is not a valid id: use lowercase letters, "
                            "digits, underscores and hyphens, starting with a letter")
    folder = here / "scenarios" if (here / "scenarios").is_dir() else here
    path = folder / f"{identifier}.yaml"
    if path.exists():
        raise TemplateError(f"{path} already exists; choose another name")
    title = name.strip() if name.strip() else identifier
    write_text(path, template_text(identifier, title, folder, blank=blank))  # WriteError: 1
    return path
