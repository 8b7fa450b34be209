"""The core stays free of Textual: checked by importing it in a fresh process, and statically."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap

from tests.core.support import ROOT, SEED

CORE = ROOT / "tui" / "core"

_PROBE = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys

    import tui.core

    core = sorted(m.name for m in pkgutil.walk_packages(tui.core.__path__, "tui.core."))
    others = ["tui", "tui.cli", "tui.summary", "tui.compute_report"]  # the command line
    for name in core + others:
        importlib.import_module(name)
    after_import = sorted(m for m in sys.modules if m.split(".")[0] == "textual")

    # running the Textual-free commands must not pull Textual in either
    import contextlib, io
    from tui.cli import main
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        codes = [main(["validate", sys.argv[1]]), main(["summary", "--seeds", sys.argv[1]]),
                 main(["compute", "--seeds", sys.argv[1]]),
                 main(["export", "--format", "json", "--seeds", sys.argv[1]])]
    after_run = sorted(m for m in sys.modules if m.split(".")[0] == "textual")
    print(json.dumps({"core": core, "imported": after_import, "ran": after_run, "codes": codes}))
    """
)


def test_core_and_cli_modules_do_not_import_textual() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(SEED)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    on_disk = {f"tui.core.{p.stem}" for p in CORE.glob("*.py") if p.stem != "__init__"}
    assert set(report["core"]) == on_disk  # the walk found every module
    assert report["imported"] == []
    assert report["ran"] == []
    assert report["codes"] == [0, 0, 0, 0]


def test_the_probe_would_notice_textual() -> None:
    """The same check reports Textual when something does import it."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys, tui.ui.app; print(int('textual' in sys.modules))"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"


def _textual_imports(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "textual"]
        elif (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and (node.module or "").split(".")[0] == "textual"
        ):
            found.append(str(node.module))
    return found


def test_no_core_file_imports_textual() -> None:
    files = sorted(CORE.rglob("*.py"))
    assert len(files) >= 10
    for path in files:
        source = path.read_text(encoding="utf-8")
        assert _textual_imports(source) == [], path
        for line in source.splitlines():
            stripped = line.strip()
            assert not stripped.startswith(("import textual", "from textual")), (path, line)


def test_the_static_check_finds_textual_imports() -> None:
    source = "import os\nimport textual.app\ndef f():\n    from textual.widgets import Static\n"
    assert _textual_imports(source) == ["textual.app", "textual.widgets"]
    assert _textual_imports("from tui.core import textual_names\nimport textualize\n") == []


# ------------------------------------------------------------------ what core may import

CORE_MAY_IMPORT = {"pydantic", "platformdirs", "rtoml"}
"""Besides the public standard library (no ``_private`` modules such as ``_blake2``) and
``tui.core`` itself: nothing else, not even ``tui`` (``tui.__version__`` is
``tui.core.version``'s)."""


def _imported_modules(source: str) -> list[tuple[str, int]]:
    """Every absolute module a source imports, anywhere in it (function-local and
    ``TYPE_CHECKING`` imports included), with its line; relative imports as ``.``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                found.append(("." * node.level + (node.module or ""), node.lineno))
            elif node.module == "tui":  # ``from tui import x`` imports tui.x (or tui's x)
                found += [(f"tui.{alias.name}", node.lineno) for alias in node.names]
            else:
                found.append((str(node.module), node.lineno))
    return found


def _allowed_in_core(module: str) -> bool:
    top = module.split(".")[0]
    if module == "tui.core" or module.startswith("tui.core."):
        return True
    if top == "__future__" or top in CORE_MAY_IMPORT:
        return True
    return top in sys.stdlib_module_names and not top.startswith("_")  # public names only


def test_core_imports_only_the_standard_library_pydantic_platformdirs_and_core() -> None:
    files = sorted(CORE.rglob("*.py"))
    assert len(files) >= 20
    wrong = [
        f"{path.relative_to(ROOT)}:{line}: {module}"
        for path in files
        for module, line in _imported_modules(path.read_text(encoding="utf-8"))
        if not _allowed_in_core(module)
    ]
    assert wrong == []


def test_the_import_rule_tells_core_from_the_rest() -> None:
    source = textwrap.dedent(
        """
        import json, os.path
        from collections.abc import Mapping
        from pydantic import BaseModel
        from tui.core import formatting as fmt
        from tui.core.model import Verdict
        def later():
            from platformdirs import user_cache_path
            import _blake2
            from tui import __version__
            from tui import labels
            from tui.ui.app import create_app
            from rich.text import Text
            from . import sibling
        """
    )
    found = _imported_modules(source)
    assert [m for m, _ in found if not _allowed_in_core(m)] == [
        "_blake2", "tui.__version__", "tui.labels", "tui.ui.app", "rich.text", ".",
    ]
    assert ("tui.core", 5) in found and ("platformdirs", 8) in found
