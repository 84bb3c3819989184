"""The shape of the package: data flows one way, so no module imports (even inside a function)
one that imports it back, and every core module has a test file of its name."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "src" / "tailor"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path) -> dict[str, set[str]]:
    """Each module of the package under `root` and the package's modules it imports anywhere:
    at the top, inside functions, under TYPE_CHECKING.

    A package's `__init__` importing its own submodules is left out: that is the package
    assembling itself (the CLI registers its commands so), not a module reaching back.
    """
    files = {module_name(path, root): path for path in sorted(root.rglob("*.py"))}
    packages = {name for name, path in files.items() if path.name == "__init__.py"}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if name in packages else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from the package, up level - 1
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                # `from tailor import rank` imports the module tailor.rank, not a name.
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in files else base
                    for alias in node.names
                ]
            else:
                continue
            for target in targets:
                while target and target not in files:  # tailor.x.name → tailor.x
                    target = target.rpartition(".")[0]
                if target and target != name:
                    found.add(target)
        if name in packages:
            found = {target for target in found if not target.startswith(f"{name}.")}
        graph[name] = found
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path (first module repeated at the end), or None."""
    state: dict[str, str] = {}  # "open" while on the current path, then "done"
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = "open"
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[module] = "done"
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            return cycle
    return None


def test_no_module_imports_one_that_imports_it_back():
    graph = import_graph(PACKAGE)
    assert {"tailor.embed", "tailor.cache", "tailor.rank", "tailor.cli.tailoring"} <= set(graph)
    assert "tailor.model_store" in graph["tailor.onnx_backend"]  # found inside functions too
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_a_cycle_through_a_function_level_import_is_found(tmp_path: Path):
    package = tmp_path / "demo"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from demo.b import helper\n")
    (package / "b.py").write_text("def helper():\n    from demo import a\n    return a\n")
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import helper\n"
    )
    graph = import_graph(package)
    assert graph == {
        "demo": set(),
        "demo.a": {"demo.b"},
        "demo.b": {"demo.a"},
        "demo.c": {"demo.a"},
    }
    assert find_cycle(graph) == ["demo.a", "demo.b", "demo.a"]


def test_every_core_module_has_a_test_file_of_its_name():
    tests = {path.stem.removeprefix("test_") for path in (ROOT / "tests").glob("test_*.py")}
    modules = {path.stem for path in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert sorted(modules - tests) == []


def test_no_module_is_named_like_a_standard_library_module():
    """`tailor/select.py` read as the standard library's `select` to anyone who saw
    `import select`, and a script run from inside the package would have shadowed it."""
    import sys

    modules = {path.stem for path in PACKAGE.rglob("*.py")} - {"__init__", "__main__"}
    assert sorted(modules & sys.stdlib_module_names) == []


def test_the_rules_of_the_resume_model_are_spelled_in_resume_py_alone():
    """Which sections are projects, and the default id of a bullet, have one home: resume.py
    (PROJECT_SECTIONS, default_bullet_id). Spelled again elsewhere, one copy would drift."""
    copies = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "resume.py":
            continue
        text = path.read_text(encoding="utf-8")
        for spelling in (
            '"open_source", "projects"',
            "replace('_', '-')}-{entry + 1}",
            'section.replace("_", "-")',
        ):
            if spelling in text:
                copies.append(f"{path.relative_to(PACKAGE)}: {spelling}")
    assert copies == []


def documented_modules() -> list[str]:
    """The modules docs/architecture.md's "What each module owns" lists, as paths."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## What each module owns", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([\w/]+\.py)` \|", section, flags=re.MULTILINE)


def test_the_architecture_document_lists_every_module_and_no_other():
    package = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE) not in (Path("__init__.py"), Path("__main__.py"))
    )
    listed = documented_modules()
    assert len(listed) == len(set(listed)), "a module is listed twice"
    assert sorted(listed) == package


def test_the_architecture_document_names_only_modules_that_exist():
    """Every `module` or `module.name` the document writes in code type is one of the package's
    (or a file it names)."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    modules = {path.stem for path in PACKAGE.rglob("*.py")} | {"cli", "tailor"}
    named = set(re.findall(r"`([a-z_]+)\.[a-z_]+[(`]", text))
    assert sorted(named - modules - {"files", "data"}) == []


def test_the_stage_diagram_shows_every_stage_the_pipeline_runs():
    """Each module pipeline.py calls on a job (not the errors and progress plumbing), and its
    own steps, appear in the document's diagram of the stages."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    diagram = text.split("```", 2)[1]
    stages = {name.removeprefix("tailor.") for name in import_graph(PACKAGE)["tailor.pipeline"]}
    missing = sorted(
        stage for stage in stages - {"errors", "progress", "resume"} if stage not in diagram
    )
    assert missing == [] and "tailor_sections" in diagram
