"""``deepseek-tui serve``: the dashboard in a browser, through textual-serve.

Each browser tab runs its own copy of the app. The page comes from our own template
(``templates/app_index.html``), which loads nothing from the network, and the server
binds to loopback unless told otherwise.
"""

from __future__ import annotations

import shlex
import socket
import sys
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates"


class ServeError(Exception):
    """Why the server cannot start (shown to the user; exit code 2)."""


def port_problem(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be served on, or ``None`` if it is free."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as error:
        return f"cannot listen on {host}:{port}: {error.strerror or error}"
    return None


def app_command(seeds: list[Path], theme: str | None, data_dir: Path | None) -> str:
    """The command textual-serve runs for each browser session."""
    parts = [sys.executable, "-m", "tui"]
    for seed in seeds:
        parts += ["--seeds", str(seed.resolve())]
    if theme:
        parts += ["--theme", theme]
    if data_dir:
        parts += ["--data-dir", str(data_dir.resolve())]
    return shlex.join(parts)


def serve(
    host: str, port: int, seeds: list[Path], theme: str | None = None,
    data_dir: Path | None = None,
) -> None:
    """Serve until interrupted; raises ``ServeError`` before starting if it cannot."""
    try:
        from textual_serve.server import Server
    except ImportError as error:
        raise ServeError(
            "the web extra is not installed: pip install 'deepseek-tui[web]'"
        ) from error
    problem = port_problem(host, port)
    if problem is not None:
        raise ServeError(problem)
    where = "loopback only" if host in ("127.0.0.1", "localhost", "::1") else "all who can reach it"
    print(f"Serving deepseek-tui on http://{host}:{port} ({where}); Ctrl+C stops it.",
          flush=True)
    server = Server(app_command(seeds, theme, data_dir), host=host, port=port,
                    title="deepseek-tui", templates_path=TEMPLATES)
    server.serve()
