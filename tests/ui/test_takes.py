"""Pilot tests of the user's take: verdicts, notes, persistence, exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.ui.helpers import loaded, make_app
from tui.cli import main
from tui.core.userdata import UserStore, data_dir
from tui.ui.screens.export import ExportPicker
from tui.ui.screens.note import NoteEditor
from tui.ui.widgets.masthead import Masthead
from tui.ui.widgets.row_list import RowList

STORY = "deepseek-r1"
CLAIM = "wang-50k-h100"


def _you(screen: object, claim_id: str) -> str:
    claims = screen.query_one("#claims", RowList)  # type: ignore[attr-defined]
    return next(row.cells[3].plain for row in claims.rows if row.key == claim_id)


def _stored(claim_id: str) -> tuple[str | None, str]:
    store = UserStore(data_dir())
    assert store.load() == []
    take = store.take(STORY, claim_id)
    return (take.verdict.value if take and take.verdict else None, take.note if take else "")


async def test_v_cycles_the_verdict_and_every_change_is_saved() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        screen.follow(CLAIM)
        await pilot.pause()
        seen = []
        for _ in range(4):
            await pilot.press("v")
            app.takes.wait()  # wait for the save queue
            seen.append((_you(screen, CLAIM), _stored(CLAIM)[0]))
        assert seen == [("+", "believe"), ("−", "doubt"), ("?", "unsure"), ("", None)]


async def test_a_verdict_survives_a_restart() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        screen.follow(CLAIM)
        await pilot.pause()
        await pilot.press("v", "v")
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert _you(screen, CLAIM) == "−"
        tally = screen.query_one(Masthead).take.plain
        assert "− doubt 1" in tally and "(1/14 claims)" in tally
        assert "1 agree" in tally  # Musk's skeptical "Obviously" is about Wang's claim


async def test_verdict_needs_a_claim() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        screen.follow("h100-sxm")
        await pilot.pause()
        await pilot.press("v")
        assert any("Select a claim" in str(n.message) for n in app._notifications)


async def test_note_editor_saves_with_ctrl_s_and_cancels_with_escape() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        screen.follow(CLAIM)
        await pilot.pause()
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Source?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)
        app.takes.wait()
        assert _stored(CLAIM)[1] == "Source?"
        body = str(screen.query_one("#inspector-body").render())
        assert "Source?" in body
        await pilot.press("n", "x", "escape")
        app.takes.wait()
        assert _stored(CLAIM)[1] == "Source?"


async def test_a_corrupt_data_file_is_set_aside_and_the_app_carries_on() -> None:
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "takes.json").write_text("{ not json", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert any("takes.json" in str(n.message) for n in app._notifications)
        screen.follow(CLAIM)
        await pilot.pause()
        await pilot.press("v")
    aside = list(folder.glob("takes.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == "{ not json"
    assert _stored(CLAIM)[0] == "believe"


async def test_e_exports_the_story_with_verdicts() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        screen.follow(CLAIM)
        await pilot.pause()
        await pilot.press("v", "v")
        app.takes.wait()
        await pilot.press("e")
        assert isinstance(app.screen, ExportPicker)
        await pilot.press("down", "enter")  # JSON
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.last_export is not None and app.last_export.suffix == ".json"
        exported = json.loads(app.last_export.read_text(encoding="utf-8"))
        assert exported["takes"][CLAIM]["verdict"] == "doubt"


async def test_e_exports_claimreview_as_the_config_files_reviewer() -> None:
    """The in-app export names the reviewer of config.toml and says what it lacks."""
    from tui.core.paths import config_path

    config_path().write_text('[claimreview]\nauthor = "Example Checks"\n'
                             'author-url = "https://example.org"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.takes.wait()
        await pilot.press("e")
        assert isinstance(app.screen, ExportPicker)
        await pilot.press("down", "down", "enter")  # ClaimReview
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.last_export is not None and app.last_export.suffix == ".jsonld"
        reviews = json.loads(app.last_export.read_text(encoding="utf-8"))
        assert {json.dumps(r["author"]) for r in reviews} == {json.dumps(
            {"@type": "Organization", "name": "Example Checks", "url": "https://example.org"})}
        warnings = [str(n.message) for n in app._notifications if n.severity == "warning"]
        assert warnings == ["the reviews have no url (Google requires it): set review-url in "
                            "the [claimreview] table of the config file"]


def test_cli_export_uses_the_data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = UserStore(tmp_path)
    store.load()
    from tui.core.model import Verdict

    assert store.set_verdict(STORY, CLAIM, Verdict.DOUBT) == []
    out = tmp_path / "brief.md"
    assert main(["--data-dir", str(tmp_path), "export", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "Lmao, no" in text and "Doubt" in text
    assert main(["--data-dir", str(tmp_path), "export", "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path), "export", "-o", str(out), "--force",
                 "--format", "claimreview"]) == 0
    reviews = json.loads(out.read_text(encoding="utf-8"))
    wang = next(r for r in reviews if "50,000" in r["claimReviewed"])
    assert wang["reviewRating"]["alternateName"] == "Doubt"


def test_cli_schema_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"story", "claims", "gpus", "runs"} <= set(schema["properties"])
