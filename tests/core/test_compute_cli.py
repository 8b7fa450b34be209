"""``deepseek-tui compute``: the figures it prints, its JSON, and what it refuses."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from tests.core.support import BROKEN, SECOND_STORY
from tui import compute_report
from tui.cli import EXIT_BAD_INPUT, EXIT_OK, main
from tui.core import compute
from tui.core.corpus import Corpus
from tui.core.model import Precision


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_compute_prints_the_figures_of_the_issue(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "compute", "--mfu", "0.35")
    assert (code, err) == (EXIT_OK, "")
    assert out.startswith("Compute lens at 35% of BF16 dense peak\n")
    assert "DeepSeek-V3: 3.2856e24 FLOP by 6ND" in out
    assert "34.6% of BF16 dense peak, 17.3% of FP8 dense peak" in out
    lines = out.splitlines()

    def row(label_start: str) -> list[str]:
        line = next(line for line in lines if line.strip().startswith(label_start))
        return line.split()

    assert "~10,000†" in row("Fire-Flyer 2") and "~34.8†" in row("Fire-Flyer 2")
    assert "~50,000" in row("Wang") and "~2.2" in row("Wang")
    assert "2,048" in row("V3 training cluster") and "53.6" in row("V3 training cluster")
    assert "DeepSeek-R1: lens does not apply" in out
    assert "6ND is a floor" in out
    assert "not a dense run" in out
    assert "Llama 3 405B on 8K–16K H100s (Meta)" in out and "38–43% of BF16 dense peak" in out
    assert "19.7%† of FP8 dense peak" in out
    assert "\x1b[" not in out and "┃" not in out  # piped: plain text


def test_compute_fp8_keeps_a100s_at_bf16(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "compute", "--precision", "fp8")
    assert code == EXIT_OK
    assert out.startswith("Compute lens at 35% of FP8 dense peak")
    fireflyer = next(line for line in out.splitlines() if "Fire-Flyer 2" in line)
    assert "BF16 (no FP8)" in fireflyer and "~34.8†" in fireflyer
    h800 = next(line for line in out.splitlines() if "V3 training cluster" in line)
    assert " FP8 " in h800 and "26.8" in h800


def test_compute_json_has_the_issue_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "compute", "--mfu", "0.35", "--json")
    assert code == EXIT_OK
    data = json.loads(out)
    v3 = next(run for run in data["runs"] if run["id"] == "run-v3")
    assert v3 == {"id": "run-v3", "training_flop": 3.2856e24,
                  "implied_utilisation": {"bf16": 0.346263, "fp8": 0.173123}}
    days = {fleet["id"]: fleet["days"] for fleet in data["fleets"]}
    assert days["fleet-fireflyer2"] == {"run-v3": 34.824}
    assert days["fleet-wang-h100"] == {"run-v3": 2.1963}
    assert days["fleet-v3-h800"] == {"run-v3": 53.6205}
    assert all(set(f) == {"id", "gpu_count", "precision", "days"} for f in data["fleets"])
    assert (data["mfu"], data["precision"]) == (0.35, "bf16")


def test_a_higher_mfu_shortens_every_run(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "compute", "--mfu", "0.7", "--json")
    days = {fleet["id"]: fleet["days"]["run-v3"] for fleet in json.loads(out)["fleets"]}
    assert days["fleet-v3-h800"] == pytest.approx(53.6205 / 2, rel=1e-5)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--mfu", "0"), "--mfu: utilisation must be above 0 and at most 1"),
        (("--mfu", "1.5"), "--mfu: utilisation must be above 0 and at most 1"),
        (("--mfu", "-0.2"), "--mfu: utilisation must be above 0 and at most 1"),
        (("--mfu", "nan"), "--mfu: utilisation must be above 0 and at most 1"),
        (("--mfu", "lots"), "--mfu: not a number: 'lots'"),
        (("--precision", "fp4"), "--precision: unknown precision 'fp4'"),
        (("--precision", "bf-16"), "(did you mean 'bf16'?)"),
    ],
)
def test_bad_options_exit_2_with_a_clear_message(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    code, out, err = _run(capsys, "compute", *argv)
    assert code == EXIT_BAD_INPUT == 2
    assert out == ""
    assert err.startswith("deepseek-tui compute: ") and message in err


def test_mfu_of_exactly_one_is_allowed(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = _run(capsys, "compute", "--mfu", "1", "--precision", "FP8")
    assert code == EXIT_OK


def test_compute_on_a_story_without_runs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "compute", "--seeds", str(SECOND_STORY), "--story",
                        "test-story", "--json")
    assert code == EXIT_OK
    assert json.loads(out)["runs"] == []


def test_compute_on_broken_seeds_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "compute", "--seeds", str(BROKEN / "dangling-ref.toml"))
    assert code == EXIT_BAD_INPUT and out == "" and "alise" in err


def test_on_a_terminal_the_lens_is_rich_tables_with_bars(seed: Corpus) -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=160, color_system=None)
    compute_report.print_lens(compute.lens(seed, 0.35, Precision.BF16), seed, console)
    out = buffer.getvalue()
    assert "Days for DeepSeek-V3's pre-training on each fleet at 35% of peak" in out
    assert "─" * 20 in out  # a Rich table rule
    assert "█" in out and "1d" in out and "100d" in out and "1k" in out
    assert "~34.8†" in out and "53.6" in out


def test_compute_on_stargate_says_there_is_no_run_and_adds_up_the_fleets(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Stargate has fleets but no training run: the lens says so and shows each fleet's
    peak instead of leaving the page empty."""
    code, out, _ = _run(capsys, "compute", "--story", "stargate-2025", "--precision", "fp8")
    assert code == EXIT_OK
    assert "No training run in this story" in out
    assert "What each fleet adds up to: dense peak PFLOPS, and at 35% of it" in out
    line = next(line for line in out.splitlines() if "64,000 GB200s" in line)
    assert "64,000†" in line and "320,000†" in line and "112,000†" in line  # 35% of peak
    assert "~2,000,000†" in out  # the FT's ~400,000 GB200s at 5,000 TFLOPS FP8 dense


def test_on_a_terminal_a_story_without_runs_gets_the_fleet_table() -> None:
    from tui.core.loader import load_file
    from tui.core.paths import default_seeds

    corpus = load_file(default_seeds() / "stargate.toml")
    assert isinstance(corpus, Corpus)
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=160, color_system=None)
    compute_report.print_lens(compute.lens(corpus, 0.35, Precision.BF16), corpus, console)
    out = buffer.getvalue()
    assert "No training run in this story" in out and "Peak PFLOPS" in out
    assert "160,000†" in out  # 64,000 × 2,500 TFLOPS BF16 dense
