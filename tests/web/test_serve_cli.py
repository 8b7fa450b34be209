"""The serve command's own checks: a taken port exits 2 before anything starts."""

from __future__ import annotations

import socket

import pytest

from tui.cli import main
from tui.web.serve import app_command, port_problem


def test_a_taken_port_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("textual_serve")
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        assert port_problem("127.0.0.1", port) is not None
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in err


def test_the_served_command_runs_this_python_on_the_given_seeds(tmp_path: object) -> None:
    from pathlib import Path

    command = app_command([Path("seeds")], "deepseek-light", None)
    assert " -m tui --seeds " in command and "--theme deepseek-light" in command
    assert str(Path("seeds").resolve()) in command
