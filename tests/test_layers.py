"""Each layer imports only what ``docs/ARCHITECTURE.md`` says it may (its Layers table).

Module-level imports and imports inside functions are told apart: the command line
may reach the dashboard, the browser server and Textual's theme list only from inside
the command that needs them, so that ``validate``, ``summary``, ``export`` and
``compute`` never load Textual (``tests/core/test_boundary.py`` runs them to be sure).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.core.support import ROOT

TUI = ROOT / "tui"


@dataclass(frozen=True)
class Layer:
    """A layer's files, what they may import at the top, and what inside functions."""

    files: tuple[Path, ...]
    may: frozenset[str]
    """Module prefixes; ``stdlib`` stands for the public standard library."""
    may_later: frozenset[str] = frozenset()
    """More prefixes, allowed only inside a function."""


def _files(*patterns: str) -> tuple[Path, ...]:
    return tuple(sorted(path for pattern in patterns for path in TUI.glob(pattern)))


CORE = frozenset({"stdlib", "pydantic", "platformdirs", "rtoml", "tui.core"})
LAYERS = {
    "core": Layer(_files("core/*.py"), CORE),
    "command line": Layer(
        _files("__init__.py", "__main__.py", "cli.py", "summary.py", "compute_report.py"),
        CORE | {"rich", "tui.cli", "tui.summary", "tui.compute_report", "tui.__version__"},
        frozenset({"textual.theme", "tui.ui.launch", "tui.web.serve"}),
    ),
    "UI": Layer(_files("ui/**/*.py"), CORE | {"textual", "rich", "tui.ui"}),
    "web": Layer(_files("web/**/*.py"), frozenset({"stdlib"}), frozenset({"textual_serve"})),
}


def imports(source: str) -> Iterator[tuple[str, int, bool]]:
    """(module, line, whether inside a function) for every absolute import; a relative
    one is ``.``."""

    def walk(node: ast.AST, in_function: bool) -> Iterator[tuple[str, int, bool]]:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                yield from ((alias.name, child.lineno, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    yield ".", child.lineno, in_function
                elif child.module == "tui":  # ``from tui import x``: tui.x (or tui's x)
                    yield from ((f"tui.{a.name}", child.lineno, in_function)
                                for a in child.names)
                else:
                    yield str(child.module), child.lineno, in_function
            yield from walk(child, inner)

    yield from walk(ast.parse(source), False)


def allowed(module: str, prefixes: frozenset[str]) -> bool:
    top = module.split(".")[0]
    if "stdlib" in prefixes and (top == "__future__" or (
            top in sys.stdlib_module_names and not top.startswith("_"))):
        return True
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def violations(layer: Layer, source: str) -> list[str]:
    return [f"{line}: {module}" + (" (in a function)" if later else "")
            for module, line, later in imports(source)
            if not allowed(module, layer.may | (layer.may_later if later else frozenset()))]


def test_every_module_is_in_one_layer() -> None:
    placed = [path for layer in LAYERS.values() for path in layer.files]
    assert len(placed) == len(set(placed))
    assert set(placed) == set(TUI.rglob("*.py"))


def test_each_layer_imports_only_what_it_may() -> None:
    wrong = {
        f"{name}: {path.relative_to(ROOT)}:{problem}"
        for name, layer in LAYERS.items()
        for path in layer.files
        for problem in violations(layer, path.read_text(encoding="utf-8"))
    }
    assert wrong == set()


def test_the_rules_catch_a_violation_in_each_layer() -> None:
    cases = {
        "core": "import json\nfrom textual.app import App\n",
        "command line": "from tui.ui.app import create_app\ndef f():\n    import textual.app\n",
        "UI": "from tui.web.serve import serve\nimport _blake2\n",
        "web": "from tui.ui.app import create_app\nimport textual_serve\n",
    }
    found = {name: violations(LAYERS[name], source) for name, source in cases.items()}
    assert found == {
        "core": ["2: textual.app"],
        "command line": ["1: tui.ui.app", "3: textual.app (in a function)"],
        "UI": ["1: tui.web.serve", "2: _blake2"],
        "web": ["1: tui.ui.app", "2: textual_serve"],
    }
    # what the command line may do only from inside a command
    lazy = "def serve():\n    from tui.web.serve import serve\n    from textual.theme import X\n"
    assert violations(LAYERS["command line"], lazy) == []
    assert violations(LAYERS["command line"], "from tui.web.serve import serve\n") == [
        "1: tui.web.serve"]


def test_the_architecture_doc_states_the_same_rules() -> None:
    doc = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = doc.split("## Layers", 1)[1].split("\n\n", 2)[1]
    for name in LAYERS:
        assert f"| {name} |" in table, name
    for module in ("textual.theme", "tui.ui.launch", "tui.web.serve", "textual_serve"):
        assert f"`{module}`" in table, module
