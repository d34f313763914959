"""The layers hold: ``ui/`` → ``app/`` → ``models/``, and no module of ``app/`` imports itself round.

Every import counts, also one written inside a function: a function-level import that closes a
circle works only as long as nobody calls that function earlier, and a Qt import inside a
function of ``app/`` still drags Qt into the command line. Imports under ``if TYPE_CHECKING:``
never run, so they do not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("app", "models", "ui")
# The two places in app/ that are allowed to reach the window: opening it, and the self-test.
ENTRY_POINTS = {"app.cli", "app.selftest"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {
    _module_name(path): path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST):
    """Every import statement that can run, at any depth."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def _imported(module: str, path: Path) -> set[str]:
    """The dotted names this module imports (a ``from X import Y`` names X.Y when that is a module)."""
    names: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
            base = ".".join([*anchor, base] if base else anchor)
        submodules = {f"{base}.{alias.name}" for alias in node.names} & MODULES.keys()
        # ``from . import normalize`` loads a sibling, not the package's own ``__init__`` again.
        names.update(submodules or {base})
    return names


IMPORTS = {module: _imported(module, path) for module, path in MODULES.items()}


def _top(name: str) -> str:
    return name.split(".")[0]


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_the_tree_is_found():
    # A wrong ROOT would make every check below pass on nothing.
    assert {"app.cli", "models", "ui.main"} <= set(MODULES)
    assert "app.cli" in IMPORTS["app.commands.rank"]


def test_app_and_models_import_no_qt_and_no_ui():
    offenders = sorted(
        f"{module} imports {name}"
        for module, names in IMPORTS.items()
        if _top(module) in ("app", "models") and module not in ENTRY_POINTS
        for name in names
        if _top(name) in ("PySide6", "ui")
    )
    assert not offenders, "app/ and models/ must not reach Qt or ui/:\n" + "\n".join(offenders)


def test_models_import_nothing_from_app():
    offenders = sorted(
        f"{module} imports {name}"
        for module, names in IMPORTS.items()
        if _top(module) == "models"
        for name in names
        if _top(name) == "app"
    )
    assert not offenders, "models/ is the bottom layer:\n" + "\n".join(offenders)


def _graph(package: str) -> dict[str, set[str]]:
    return {
        module: {name for name in names if name in MODULES and _within(name, package) and name != module}
        for module, names in IMPORTS.items()
        if _within(module, package)
    }


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a path that ends where it starts, or None."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(node: str) -> list[str] | None:
        path.append(node)
        on_path.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt in on_path:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in done and (cycle := visit(nxt)):
                return cycle
        on_path.discard(path.pop())
        done.add(node)
        return None

    for start in sorted(graph):
        if start not in done and (cycle := visit(start)):
            return cycle
    return None


def test_find_cycle_reports_a_circle():
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_app_has_no_import_cycles():
    cycle = _find_cycle(_graph("app"))
    assert cycle is None, "import circle in app/: " + " → ".join(cycle or [])


def test_ui_has_no_import_cycles():
    cycle = _find_cycle(_graph("ui"))
    assert cycle is None, "import circle in ui/: " + " → ".join(cycle or [])


def test_models_has_no_import_cycles():
    cycle = _find_cycle(_graph("models"))
    assert cycle is None, "import circle in models/: " + " → ".join(cycle or [])
