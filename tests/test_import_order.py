"""The package reads as its pipeline: each stage imports only from the stages below it, and nothing imports in
a circle."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import PROJECT

PACKAGE = PROJECT / "handouts"
# The stages, bottom up. The ground modules (errors, tokens, languages, qr, files, fonts, outputs, processes)
# sit below every stage; the command line sits on top.
STAGES = ("kit", "i18n", "layout", "render", "output", "commands", "preview")


def stage_of(module: str) -> int:
    """0 for a ground module, then each stage in order, the command line last."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in STAGES:
        return 1 + STAGES.index(parts[1])
    if parts[1:] == ["cli"] or parts[1:] == ["__main__"]:
        return len(STAGES) + 1
    return 0


def module_name(path: str) -> str:
    """"handouts/kit/content.py" -> "handouts.kit.content"."""
    name = path.removesuffix(".py").replace("/", ".")
    return name.removesuffix(".__init__")


def imports_of(module: str, source: str, is_package: bool) -> set[str]:
    """The modules of ours that `source` imports, by their full names."""
    found = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "handouts" or target.startswith("handouts."):
                # "from . import tokens" names a module; "from .model import Text" a name in one.
                for alias in node.names:
                    candidate = f"{target}.{alias.name}"
                    found.add(candidate if _is_module(candidate) else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("handouts"))
    found.discard(module)
    return found


def _is_module(name: str) -> bool:
    path = PROJECT / name.replace(".", "/")
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def import_problems(sources: dict[str, str]) -> list[str]:
    """Each import from a stage above the importer's own, and each circle of imports, in words."""
    graph = {module_name(path): imports_of(module_name(path), source, path.endswith("__init__.py"))
             for path, source in sources.items()}
    problems = [f"{module} (stage {stage_of(module)}) imports {target} (stage {stage_of(target)}), above it"
                for module, targets in graph.items() for target in sorted(targets)
                if stage_of(target) > stage_of(module)]
    # A circle: a module reached again from itself. A package's face is left out: importing a stage's
    # package runs its __init__, which names its own modules, so the face is not a module of the pipeline.
    faces = {path.removesuffix("/__init__.py").replace("/", ".") for path in sources if path.endswith("__init__.py")}
    edges = {module: {target for target in targets if target not in faces and target in graph}
             for module, targets in graph.items() if module not in faces}
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(edges.get(module, ())):
            if state.get(target) == "open":
                circle = trail[trail.index(target):] + [module, target] if target in trail else [module, target]
                problems.append("a circle of imports: " + " -> ".join(circle))
            elif target not in state:
                visit(target, trail + [module])
        state[module] = "done"

    for module in sorted(edges):
        if module not in state:
            visit(module, [])
    return problems


def package_sources() -> dict[str, str]:
    return {str(path.relative_to(PROJECT)): path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py")}


def test_no_module_imports_from_a_stage_above_its_own_and_none_in_a_circle():
    assert import_problems(package_sources()) == []


def test_the_folders_are_the_stages():
    folders = sorted(path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file())
    assert folders == sorted(STAGES)
    for stage in STAGES:
        face = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))
        assert face and face.startswith("Turn "), f"{stage}/__init__.py does not say what the stage turns into what"


def test_an_upward_import_or_a_circle_is_caught():
    sources = package_sources()
    upward = dict(sources)
    upward["handouts/kit/content.py"] += "\nfrom ..commands.build import build\n"
    assert import_problems(upward) == [
        "handouts.kit.content (stage 1) imports handouts.commands.build (stage 6), above it"]
    circle = dict(sources)
    circle["handouts/tokens.py"] += "\nfrom .qr import qr_svg\n"
    circle["handouts/qr.py"] += "\nfrom .tokens import DATA_TOKEN\n"
    assert any(problem.startswith("a circle of imports") and "handouts.qr" in problem and "handouts.tokens" in problem
               for problem in import_problems(circle))
