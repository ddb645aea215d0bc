"""`balancing-act translate SCENARIO --lang CODE`: start a translation of a scenario, or see
what an existing one still lacks.

Without a translation file beside the scenario it writes one (`tutorial.hi.yaml`) with every
text to fill and the English shown above each entry. With one, it reports every text that is
missing, every entry made from English that has changed since (stale), and every other problem,
then adds an entry for each text new in the English, leaving everything already in the file as
it was. `--check` reports without writing. Exit 0 when the translation is complete and up to
date, 1 when something is missing, stale or wrong, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from balancing_act.cli.common import open_scenario
from balancing_act.errors import ExitCode, UsageError
from balancing_act.io import create_new, describe, write_text
from balancing_act.scenario.problems import Problem
from balancing_act.scenario.translations import (
    LANGUAGE,
    SOURCE_LANGUAGE,
    add_missing,
    check,
    read_translation,
    skeleton,
    source_texts,
    translation_path,
)
from balancing_act.scenario.yamlread import read_file_bytes


def add_parser(commands: Any) -> None:
    translate = commands.add_parser(
        "translate", help="start or update a scenario's translation file",
        description="Write a translation skeleton beside a scenario (NAME.LANG.yaml), or report "
                    "what an existing translation lacks and add entries for new English texts.")
    translate.add_argument("scenario", metavar="SCENARIO",
                           help="a scenario file or a shipped scenario's id")
    translate.add_argument("--lang", metavar="CODE", required=True,
                           help="the language of the translation, e.g. hi for Hindi")
    translate.add_argument("--check", action="store_true",
                           help="report only; write nothing")


def run(args: argparse.Namespace) -> int:
    language = str(args.lang).strip().lower()
    if not LANGUAGE.match(language):
        raise UsageError(f"--lang: '{args.lang}' is not a language code (two or three letters, "
                         "e.g. hi)")
    if language == SOURCE_LANGUAGE:
        raise UsageError("--lang: scenarios are written in English (en); name the language "
                         "to translate them into, e.g. hi")
    scenario = open_scenario(args.scenario)
    assert scenario.path is not None
    target = translation_path(scenario.path, language)
    name = describe(target)
    texts = source_texts(scenario.file)
    if not target.exists():
        if args.check:
            print(f"{name}: no translation yet ({len(texts)} texts to translate); run "
                  "without --check to write one", file=sys.stderr)
            return ExitCode.PROBLEMS
        if not create_new(target, skeleton(scenario, language).encode("utf-8")):
            raise UsageError(f"{name}: the file appeared while it was being written; run "
                             "translate again")
        print(f"{name}: written, with {len(texts)} texts to translate (fill in each `text`; "
              "the English is in the comment above it)", file=sys.stderr)
        return ExitCode.OK
    raw = read_file_bytes(target, name)
    translation = read_translation(target)  # ScenarioError: main prints every problem
    checked = check(scenario, translation)
    update = add_missing(scenario, translation, raw.decode("utf-8", errors="replace")
                         .removeprefix("\ufeff"))
    for problem in checked.problems:
        print(problem)
    sys.stdout.flush()
    if update.added and not args.check:
        write_text(target, update.text)
    _summary(name, checked.problems, len(texts), len(checked.texts), update.added, args.check)
    return ExitCode.PROBLEMS if checked.problems else ExitCode.OK


def _summary(name: str, problems: list[Problem], total: int, usable: int, added: list[str],
             report_only: bool) -> None:
    stale = sum("has changed since" in p.message for p in problems)
    missing = sum("not translated yet" in p.message for p in problems)
    errors = sum(p.severity == "error" for p in problems)
    parts = [f"{usable} of {total} texts translated", f"{missing} missing", f"{stale} stale",
             f"{errors} error(s)"]
    line = f"{name}: " + ", ".join(parts)
    if added:
        line += (f"; {len(added)} new English text(s) would be added (run without --check)"
                 if report_only else f"; added {len(added)} entries to fill for texts new in "
                                     "the English")
    print(line, file=sys.stderr)
