"""In a real terminal at 120×40: `u` on the first claim hands one of its https sources
to the browser (``$BROWSER``, as Python's ``webbrowser`` runs it), and `z` in the
inspector gives it the whole width (issue 23)."""

from __future__ import annotations

import time
from pathlib import Path

from tests.terminal.harness import Terminal
from tui.core.corpus import Corpus
from tui.core.loader import load_file
from tui.core.model import Source
from tui.core.paths import default_seeds

RECORDER = """#!/bin/sh
printf '%s\\n' "$1" >> "{record}"
"""
"""A browser that writes down the address it was asked to open, and nothing else."""


def _first_claims_https_sources() -> set[str]:
    corpus = load_file(default_seeds() / "deepseek-r1.toml")
    assert isinstance(corpus, Corpus), corpus
    claim = corpus.claims[0]
    sources = [corpus.get(source_id) for source_id in claim.sources]
    return {address for source in sources if isinstance(source, Source)
            for address in (source.url, source.via) if address and address.startswith("https://")}


def _wait_for_lines(path: Path, terminal: Terminal, timeout: float = 15.0) -> list[str]:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if path.exists() and path.read_text().strip():
            return path.read_text().split()
        terminal.pump(0.05)
    return []


def _inspector_width(terminal: Terminal) -> int:
    """The width of the inspector's box: from its top-left corner to its top-right one."""
    for line in terminal.screen.display:
        at = line.find("4 Inspector")
        if at >= 0:
            left = line.rfind("╭", 0, at)
            right = line.find("╮", at)
            return right - left + 1 if left >= 0 and right >= 0 else 0
    return 0


def test_u_opens_a_source_of_the_first_claim_and_z_gives_the_inspector_the_screen(
    launch_env: dict[str, str], tmp_path: Path,
) -> None:
    record = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(RECORDER.format(record=record))
    browser.chmod(0o755)
    terminal = Terminal((120, 40), {**launch_env, "BROWSER": str(browser)})
    try:
        assert terminal.wait_for("1 Claims"), terminal.text
        assert terminal.wait_for("Open source"), terminal.text  # the footer is up
        terminal.send(b"u")
        opened = _wait_for_lines(record, terminal)
        assert len(opened) == 1 and opened[0] in _first_claims_https_sources(), opened
        narrow = _inspector_width(terminal)
        assert 0 < narrow < 100, terminal.text
        terminal.send(b"4")
        terminal.pump(0.3)
        terminal.send(b"z")
        end = time.monotonic() + 10
        while _inspector_width(terminal) < 100 and time.monotonic() < end:
            terminal.pump(0.05)
        assert _inspector_width(terminal) >= 100, terminal.text
        terminal.send(b"q")
        assert terminal.wait_exit(10.0) == 0
        assert not terminal.problems(), terminal.problems()
    finally:
        terminal.close()
