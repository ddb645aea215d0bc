"""The layers of the code, and no import cycles.

Imports flow one way: errors <- io, resources <- scenario <- engine <-
analysis, classroom, play <- reporting <- server, front ends <- cli. Packages on one level do
not import each other (the front ends' text and window packages neither). Every import is
checked, also those inside functions; cycles are looked for among the imports a module makes
when it is loaded.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from tests.conftest import ROOT

SOURCE = ROOT / "src"
LEVELS = {
    "balancing_act": 0, "balancing_act.errors": 0,
    "balancing_act.io": 1, "balancing_act.resources": 1,
    "balancing_act.scenario": 2,
    "balancing_act.engine": 3,
    "balancing_act.analysis": 4, "balancing_act.classroom": 4, "balancing_act.play": 4,
    "balancing_act.reporting": 5,
    "balancing_act.server": 6, "balancing_act.frontends.text": 6,
    "balancing_act.frontends.window": 6, "balancing_act.frontends": 6,
    "balancing_act.cli": 7, "balancing_act.__main__": 8,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def unit(name: str) -> str:
    """The layer unit a module belongs to: its longest prefix listed in LEVELS."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        prefix = ".".join(parts[:end])
        if prefix in LEVELS:
            return prefix
    raise AssertionError(f"{name} belongs to no layer: add it to LEVELS")


def imports(path: Path) -> tuple[set[str], set[str]]:
    """(every project module imported, those imported when the module loads)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    everything: set[str] = set()
    at_load: set[str] = set()
    package = module_name(path) if path.name == "__init__.py" else \
        module_name(path).rpartition(".")[0]

    def found(name: str, top: bool) -> None:
        if name.startswith("balancing_act"):
            everything.add(name)
            if top:
                at_load.add(name)

    def walk(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for inner in child.body:
                    walk_one(inner, False)
                continue
            walk_one(child, top and not isinstance(child, (ast.FunctionDef,
                                                           ast.AsyncFunctionDef, ast.Lambda)))

    def walk_one(child: ast.AST, top: bool) -> None:
        if isinstance(child, ast.Import):
            for alias in child.names:
                found(alias.name, top)
        elif isinstance(child, ast.ImportFrom):
            base = child.module or ""
            if child.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - child.level + 1]
                                + ([base] if base else []))
            for alias in child.names:
                found(f"{base}.{alias.name}" if (SOURCE / base.replace(".", "/") /
                                                 alias.name).exists()
                      or (SOURCE / f"{base.replace('.', '/')}/{alias.name}.py").exists()
                      else base, top)
        walk(child, top)

    walk(tree, True)
    return everything, at_load


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in (SOURCE / "balancing_act").rglob("*.py")}


def test_every_import_follows_the_layers() -> None:
    wrong = []
    for name, path in sorted(all_modules().items()):
        mine = unit(name)
        for target in sorted(imports(path)[0]):
            theirs = unit(target)
            if theirs == mine or mine.startswith(theirs + ".") or theirs.startswith(mine + "."):
                continue
            if LEVELS[theirs] >= LEVELS[mine]:
                wrong.append(f"{name} imports {target}: {theirs} (level {LEVELS[theirs]}) is "
                             f"not below {mine} (level {LEVELS[mine]})")
    assert wrong == []


def test_there_is_no_import_cycle() -> None:
    modules = all_modules()
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for target in imports(path)[1]:
            while target not in modules and "." in target:
                target = target.rpartition(".")[0]
            if target != name and target in modules:
                graph[name].add(target)
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*trail[trail.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for name in sorted(modules):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_the_checks_would_catch_a_violation(tmp_path: Path) -> None:
    """The layer rule is not vacuous: a scenario module importing the window is refused."""
    assert LEVELS[unit("balancing_act.frontends.window.app")] > LEVELS[
        unit("balancing_act.scenario.loader")]
    probe = tmp_path / "probe.py"
    probe.write_text("import balancing_act.frontends.window.app\n", encoding="utf-8")
    tree_imports = {a.name for node in ast.walk(ast.parse(probe.read_text()))
                    if isinstance(node, ast.Import) for a in node.names}
    assert unit(next(iter(tree_imports))) == "balancing_act.frontends.window"
