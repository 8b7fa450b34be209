"""Exports: JSON, the Markdown brief, writing them, the seed schema.

ClaimReview JSON-LD is tested in ``test_claimreview.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.core.support import MINIMAL
from tui.core.corpus import Corpus
from tui.core.export import (
    seed_json_schema,
    to_json,
    to_markdown,
    write_output,
)
from tui.core.kinds import ENTITY_LISTS
from tui.core.loader import load_file
from tui.core.model import Verdict
from tui.core.paths import default_seeds
from tui.core.schema import StoryFile, to_model
from tui.core.userdata import Take

WHEN = dt.datetime(2025, 1, 28, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    loaded = load_file(default_seeds() / "deepseek-r1.toml")
    assert isinstance(loaded, Corpus), loaded
    return loaded


def _takes() -> dict[str, Take]:
    return {
        "wang-50k-h100": Take(verdict=Verdict.DOUBT, note="Smuggled? Show me.", updated=WHEN),
        "dsv3-training-cost": Take(verdict=Verdict.BELIEVE, updated=WHEN),
        "nvidia-export-compliant": Take(verdict=None, note="", updated=WHEN),  # cleared
        "claim-since-removed": Take(verdict=Verdict.UNSURE, note="old thought", updated=WHEN),
    }


def _by_id(items: list[dict[str, Any]], item_id: str) -> dict[str, Any]:
    return next(item for item in items if item["id"] == item_id)


def _hostile_corpus(short: str, note: str = "") -> Corpus:
    """The minimal story with the first claim's line (and status note) replaced."""
    data = tomllib.loads(MINIMAL.read_text(encoding="utf-8"))
    data["claims"][0]["short"] = short
    if note:
        data["claims"][0]["status_note"] = note
    return Corpus.build(to_model(StoryFile.model_validate(data)))


def test_partial_fp8_fleets_are_marked() -> None:
    data = tomllib.loads(MINIMAL.read_text(encoding="utf-8"))
    data["fleets"][0]["parts"].append({"gpu": "x2-sxm", "count": 10})  # X1 has no FP8
    corpus = Corpus.build(to_model(StoryFile.model_validate(data)))
    totals = json.loads(to_json(corpus, None))["fleet_totals"]["fleet-lab-x1"]
    assert totals["fp8_partial"] is True and totals["fp8_dense_pflops"] == pytest.approx(18)
    assert totals["gpus"] == 110 and totals["uncertain"] is True  # X2's TDP is unconfirmed
    assert totals["unconfirmed"] == ["gpu_power_mw"]  # ... and only the power total uses it
    fleets = _table(to_markdown(corpus, None), "Fleets")
    assert fleets[1][fleets[0].index("FP8 dense (PFLOPS)")] == "18\\*"
    assert fleets[1][fleets[0].index("GPU power (MW)")].endswith("†")
    assert fleets[1][fleets[0].index("GPUs")] == "100 X1 SXM + 10 X2 SXM"


def _cells(row: str) -> list[str]:
    """Split a Markdown table row on the pipes that are not backslash-escaped."""
    assert row.startswith("| ") and row.endswith(" |"), row
    cells, current, escaped = [], "", False
    for char in row[1:-1]:
        if char == "|" and not escaped:
            cells.append(current.strip())
            current = ""
        else:
            current += char
        escaped = char == "\\" and not escaped
    cells.append(current.strip())
    return cells


def _table(markdown: str, heading: str) -> list[list[str]]:
    """The rows (header first, rule dropped) of the table under ``## heading``."""
    lines = markdown.split(f"\n## {heading}\n", 1)[1].splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        if not line.startswith("|---"):
            rows.append(_cells(line))
    return rows


# --------------------------------------------------------------------------- JSON


def test_json_holds_the_whole_story_with_units_in_field_names(corpus: Corpus) -> None:
    data = json.loads(to_json(corpus, None))
    assert list(data) == ["format", "story", *ENTITY_LISTS, "fleet_totals", "run_totals",
                          "compute_lens", "takes"]
    assert {"claims", "gpus", "fleets", "reactions"} <= set(ENTITY_LISTS)
    assert data["format"] == 1 and data["story"]["id"] == "deepseek-r1"
    assert data["story"]["date"]["date"] == "2025-01-27"
    a100 = _by_id(data["gpus"], "a100-sxm-80")
    assert a100["bf16_dense_tflops"] == 312
    assert a100["memory_bandwidth_gbs"] == 2039
    assert a100["fp8_dense_tflops"] == "unsupported"
    assert _by_id(data["gpus"], "h20")["fp64_tflops"] is None  # unknown, not 0
    assert [c["id"] for c in data["claims"]] == [c.id for c in corpus.claims]
    assert len(data["reactions"]) == len(corpus.reactions)
    musk = next(r for r in data["reactions"] if r["quote"] == "Lmao, no")
    assert musk["stance"] == "skeptical"
    assert data["takes"] == {}


def test_json_fleet_totals(corpus: Corpus) -> None:
    totals = json.loads(to_json(corpus, None))["fleet_totals"]
    assert list(totals) == [fleet.id for fleet in corpus.fleets]
    v3 = totals["fleet-v3-h800"]
    assert set(v3) == {
        "gpus",
        "bf16_dense_pflops",
        "fp8_dense_pflops",
        "fp8_partial",
        "hbm_tb",
        "gpu_power_mw",
        "uncertain",
        "unconfirmed",
    }
    assert v3["gpus"] == 2048
    assert v3["fp8_dense_pflops"] == pytest.approx(4052.79, abs=0.01)
    assert v3["bf16_dense_pflops"] == pytest.approx(2026.29, abs=0.01)
    assert v3["hbm_tb"] == pytest.approx(163.84)
    assert v3["uncertain"] is True and v3["fp8_partial"] is False
    fire_flyer = next(t for f, t in totals.items() if "a100" in f or "fireflyer" in f)
    assert fire_flyer["fp8_dense_pflops"] is None  # the A100 has no FP8


def test_json_run_totals_sum_the_stages(corpus: Corpus) -> None:
    data = json.loads(to_json(corpus, None))
    assert [len(run["stages"]) for run in data["runs"]] == [3, 3]
    totals = data["run_totals"]
    assert totals["run-v3"] == {"gpu_hours": 2_788_000, "gpu_hours_uncertain": False,
                                "price_per_gpu_hour_usd": 2.0, "cost_usd": 5_576_000,
                                "reproduces_stated_cost": True}
    r1 = totals["run-r1"]
    assert r1["gpu_hours"] == 512 * 198 + 5_000 + 512 * 80 and r1["gpu_hours_uncertain"]
    assert r1["cost_usd"] == 2 * r1["gpu_hours"] and r1["reproduces_stated_cost"] is True


def test_json_takes_are_in_claim_order_without_cleared_ones(corpus: Corpus) -> None:
    text = to_json(corpus, _takes())
    takes = json.loads(text)["takes"]
    assert list(takes) == ["wang-50k-h100", "dsv3-training-cost", "claim-since-removed"]
    assert takes["wang-50k-h100"] == {
        "verdict": "doubt",
        "note": "Smuggled? Show me.",
        "updated": "2025-01-28T09:30:00Z",
    }
    assert text == to_json(corpus, _takes())  # deterministic
    assert text.endswith("}\n") and "’" in text  # not ASCII-escaped


# --------------------------------------------------------------------------- Markdown


def test_markdown_brief(corpus: Corpus) -> None:
    text = to_markdown(corpus, None)
    assert text.startswith(f"# {corpus.story.title}\n")
    assert "deepseek-tui editors · c. 2025-01-27 · Source: " in text
    assert "“Lmao, no”" in text
    assert "## Your verdicts" not in text
    claims = _table(text, "Claims")
    assert claims[0] == ["Claimant", "Claim", "Status", "Sources"]
    assert len(claims) == len(corpus.claims) + 1
    wang = next(row for row in claims if row[0] == "Alexandr Wang")
    assert wang[2] == "◆ disputed"
    assert "[DeepSeek FAQ](https://stratechery.com/2025/deepseek-faq/)" in wang[3]
    rivalry = claims[1 + [c.id for c in corpus.claims].index("musk-rivalry")]  # no sources
    assert rivalry[3] == "article: Is Musk’s Criticism Fair Or Just Rivalry?"

    gpus = _table(text, "GPUs")
    assert gpus[0][:4] == [
        "GPU",
        "Memory (GB)",
        "Memory bandwidth (GB/s)",
        "BF16 dense (TFLOPS)",
    ]
    assert "FP8 dense (TFLOPS)" in gpus[0] and "TDP (W)" in gpus[0]
    fp8 = gpus[0].index("FP8 dense (TFLOPS)")
    a100 = next(row for row in gpus if row[0] == "A100 80GB SXM4")
    assert (a100[1], a100[3], a100[fp8]) == ("80", "312", "—")
    h20 = next(row for row in gpus if row[0] == "H20†")  # † on a name: not from the maker
    assert h20[gpus[0].index("FP64 (TFLOPS)")] == "?"
    h800 = next(row for row in gpus if row[0] == "H800 SXM5")
    assert h800[gpus[0].index("TDP (W)")] == "700†"

    fleets = _table(text, "Fleets")
    v3 = next(row for row in fleets if row[0].startswith("V3 training cluster"))
    assert v3[fleets[0].index("FP8 dense (PFLOPS)")] == "4,052.8"  # H800 FP8 is confirmed
    assert v3[fleets[0].index("GPU power (MW)")] == "1.4†"  # its TDP is not
    assert v3[-1] == "● disclosed"
    reactions = _table(text, "Reactions")
    assert reactions[0] == ["Who", "Stance", "Said", "Replies to"]
    lmao = next(row for row in reactions if row[2] == "“Lmao, no”")
    assert lmao[:2] == ["Elon Musk", "✗ skeptical"] and lmao[3] == "Marc Benioff: Deepgold."
    assert text == to_markdown(corpus, None) and text.endswith("\n")


def test_markdown_verdicts_and_orphans(corpus: Corpus) -> None:
    text = to_markdown(corpus, _takes())
    claims = _table(text, "Claims")
    assert claims[0][-1] == "Your verdict"
    verdicts = {claim.id: row[-1] for claim, row in zip(corpus.claims, claims[1:], strict=True)}
    assert verdicts["wang-50k-h100"] == "Doubt"
    assert verdicts["dsv3-training-cost"] == "Believe"
    assert verdicts["nvidia-export-compliant"] == ""  # cleared
    assert list(verdicts.values()).count("") == len(corpus.claims) - 2
    mine = text.split("\n## Your verdicts\n", 1)[1]
    assert "- **Alexandr Wang: DeepSeek has about 50,000 H100s it can't talk about**: Doubt" in mine
    assert "  > Smuggled? Show me." in mine
    current, orphans = mine.split("### Verdicts on claims no longer in the story")
    assert "claim-since-removed" not in current
    assert "- **claim-since-removed**: Unsure" in orphans and "> old thought" in orphans
    assert "export control compliant" not in mine  # a cleared take is not a verdict


def test_markdown_a_note_without_verdicts_adds_no_column(corpus: Corpus) -> None:
    text = to_markdown(corpus, {"wang-50k-h100": Take(verdict=None, note="hmm", updated=WHEN)})
    assert _table(text, "Claims")[0][-1] == "Sources"
    assert "**: no verdict" in text and "  > hmm" in text


def test_markdown_data_cannot_break_the_table() -> None:
    short = "# A | B\nC <b>x</b> ~~gone~~ [l](u) *e* `c` \\"
    text = to_markdown(_hostile_corpus(short), None)
    rows = _table(text, "Claims")
    assert all(len(row) == len(rows[0]) for row in rows)
    cell = rows[1][1]
    assert cell == "\\# A \\| B C \\<b\\>x\\</b\\> \\~\\~gone\\~\\~ \\[l\\](u) \\*e\\* \\`c\\` \\\\"
    assert "\nC <b>" not in text


@pytest.mark.parametrize(
    ("short", "cell"),
    [("- starts a list", "\\- starts a list"), ("1. one", "1\\. one"), ("+ x", "\\+ x")],
)
def test_markdown_escapes_leading_block_markers(short: str, cell: str) -> None:
    rows = _table(to_markdown(_hostile_corpus(short), None), "Claims")
    assert rows[1][1] == cell


def test_markdown_notes_cannot_start_blocks(corpus: Corpus) -> None:
    take = Take(verdict=Verdict.DOUBT, note="# not a heading\n\n| not | a table |", updated=WHEN)
    mine = to_markdown(corpus, {"wang-50k-h100": take}).split("## Your verdicts", 1)[1]
    assert "  > \\# not a heading\n  >\n  > \\| not \\| a table \\|" in mine


# --------------------------------------------------------------------------- output


def test_write_output_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    assert write_output("first\n", str(target), force=False) is None
    assert target.read_text(encoding="utf-8") == "first\n"
    problem = write_output("second\n", str(target), force=False)
    assert problem is not None and problem.file == target
    assert problem.message == "exists; use --force to overwrite"
    assert target.read_text(encoding="utf-8") == "first\n"
    assert write_output("second ✓\n", str(target), force=True) is None
    assert target.read_text(encoding="utf-8") == "second ✓\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md"]


def test_write_output_creates_files_as_open_would(tmp_path: Path) -> None:
    umask = os.umask(0o027)
    try:
        assert write_output("x\n", str(tmp_path / "new.md"), force=False) is None
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o640
    (tmp_path / "new.md").chmod(0o600)
    assert write_output("y\n", str(tmp_path / "new.md"), force=True) is None
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o600  # kept


def test_write_output_reports_bad_targets(tmp_path: Path) -> None:
    folder = write_output("x", str(tmp_path), force=True)
    assert folder is not None and "folder" in folder.message
    missing = write_output("x", str(tmp_path / "no" / "such.md"), force=False)
    assert missing is not None and "no such folder" in missing.message
    assert list(tmp_path.iterdir()) == []


def test_write_output_dash_is_stdout(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert write_output("to stdout ✓\n", "-", force=False) is None
    assert capsysbinary.readouterr().out == "to stdout ✓\n".encode()
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- schema


def test_seed_json_schema() -> None:
    text = seed_json_schema()
    schema = json.loads(text)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "deepseek-tui story seed file"
    assert schema["type"] == "object"
    assert {"story", "claims", "gpus", "fleets", "reactions"} <= set(schema["properties"])
    assert schema["required"] == ["story"]
    gpu = schema["$defs"]["Gpu"]["properties"]["fp8_dense_tflops"]
    assert '{"const": "unsupported"}' in json.dumps(gpu)
    assert text.startswith('{\n  "$schema"') and text.endswith("}\n")
