"""`deepseek-tui serve` in a real headless Chromium: the page renders the dashboard.

The server runs on a free loopback port; Chromium loads the page with networking
to the outside switched off; the test reads what the terminal received (the page
keeps a transcript, since xterm.js draws on a canvas) through the DevTools protocol,
takes a screenshot, and checks that nothing is left running. Skipped where Chromium
or the web extra is missing; `.ci/run` installs both.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("textual_serve")
aiohttp = pytest.importorskip("aiohttp")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and os.environ.get("DEEPSEEK_TUI_REQUIRE_CHROMIUM"):
    raise RuntimeError("DEEPSEEK_TUI_REQUIRE_CHROMIUM is set but Chromium is not installed")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
SHOT = Path(os.environ.get("DEEPSEEK_TUI_SCREENSHOT", "")) if os.environ.get(
    "DEEPSEEK_TUI_SCREENSHOT") else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_http(url: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
        env={**os.environ, "DEEPSEEK_TUI_CONFIG_DIR": str(tmp_path / "config")},
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait_http(url)
        yield url
    finally:
        _stop(process)
        assert process.stdout is not None
        assert b"loopback only" in process.stdout.read()


def test_the_page_loads_nothing_from_outside(server: str) -> None:
    page = _wait_http(server)
    for link in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert link.startswith(("/", "http://127.0.0.1", "ws://127.0.0.1")), link
    assert "googleapis" not in page and "deepseekTranscript" in page


def test_dashboard_renders_in_headless_chromium(server: str, tmp_path: Path) -> None:
    profile = tmp_path / "chromium-profile"
    assert CHROMIUM is not None
    browser = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-quic", f"--user-data-dir={profile}", "--remote-debugging-port=0",
         "--window-size=1500,1000", server],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        text, png = asyncio.run(_read_page(profile, ["Lmao, no", "R1 rivals"]))
    finally:
        _stop(browser)
    assert "Lmao, no" in text and "R1 rivals" in text and "GPU comparison" in text
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    (tmp_path / "page.png").write_bytes(png)
    if SHOT is not None:
        SHOT.write_bytes(png)
    leftovers = subprocess.run(["pgrep", "-f", str(profile)], capture_output=True, text=True)
    assert leftovers.stdout.strip() == "", "Chromium processes were left behind"


async def _read_page(profile: Path, markers: list[str]) -> tuple[str, bytes]:
    """Through the DevTools protocol: wait for the markers, then take a screenshot."""
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 60
    while not port_file.exists():
        if time.monotonic() > deadline:
            raise TimeoutError("Chromium did not open its DevTools port")
        await asyncio.sleep(0.2)
    port = port_file.read_text().split()[0]
    async with aiohttp.ClientSession() as session:
        while True:
            async with session.get(f"http://127.0.0.1:{port}/json") as response:
                targets = [t for t in await response.json() if t.get("type") == "page"]
            if targets:
                break
            await asyncio.sleep(0.2)
        async with session.ws_connect(targets[0]["webSocketDebuggerUrl"],
                                      max_msg_size=0) as cdp:
            ids = iter(range(1, 1_000_000))

            async def call(method: str, **params: object) -> dict[str, object]:
                message_id = next(ids)
                await cdp.send_str(json.dumps({"id": message_id, "method": method,
                                               "params": params}))
                while True:
                    reply = json.loads((await cdp.receive()).data)
                    if reply.get("id") == message_id:
                        return dict(reply.get("result", {}))

            text = ""
            while time.monotonic() < deadline:
                result = await call("Runtime.evaluate", expression="window.deepseekTranscript",
                                    returnByValue=True)
                value = result.get("result", {})
                text = str(value.get("value", "")) if isinstance(value, dict) else ""
                if all(marker in text for marker in markers):
                    break
                await asyncio.sleep(0.5)
            await asyncio.sleep(1.0)  # let the canvas paint the final frame
            shot = await call("Page.captureScreenshot", format="png")
            import base64

            return text, base64.b64decode(str(shot["data"]))
