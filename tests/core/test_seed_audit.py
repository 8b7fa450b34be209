"""The seed against FACTS.md after the second audit (issue 14): the items it found wrong.

Expected values are FACTS.md's: NVIDIA closed at $142.62 (Jan 24) and $118.42 (Jan 27),
−16.97%; R1's $294K is three parts on 512 H800s; "Lmao, no" is dated Jan 27–29;
Chosun's "local time" is US time; the H20 count is our inference.
"""

from __future__ import annotations

import datetime as dt
import re

from tui.core import formatting as fmt
from tui.core.corpus import Corpus
from tui.core.model import Claim, DatePrecision, Event, Fleet, Note, Reaction


def _text(seed: Corpus, item_id: str) -> str:
    item = seed.get(item_id)
    assert item is not None, item_id
    return " ".join(str(value) for value in item if isinstance(value, str))


def test_nvidias_close_and_fall() -> None:
    jan_24, jan_27, other = 142.62, 118.42, 118.58
    assert round((jan_27 - jan_24) / jan_24 * 100, 2) == -16.97
    assert round((other - jan_24) / jan_24 * 100, 2) == -16.86


def test_nvidias_close_in_the_seed(seed: Corpus) -> None:
    event = _text(seed, "ev-2025-01-27-nvidia-drop")
    note = _text(seed, "note-nvidia-drop-figures")
    for text in (event, note):
        assert "$142.62" in text and "$118.42" in text and "16.97%" in text
        assert "$118.58" in text  # one outlet's figure, said to differ
        assert "142.11" not in text
    assert "16.86%" in note


def test_no_item_says_the_294k_is_the_final_stage_alone(seed: Corpus) -> None:
    everything = [seed.story.summary] + [
        _text(seed, item.id) for name in ("claims", "fleets", "events", "notes", "runs")
        for item in getattr(seed, name)
    ]
    for text in everything:
        if "final" in text and "stage" in text:  # only to say the $294K is not that stage
            assert "final stage alone" in text, text
        assert "rate is an assumption" not in text and "our assumption" not in text
    claim = seed.get("nature-r1-cost")
    assert isinstance(claim, Claim)
    for part in ("R1-Zero reinforcement learning (about 198 hours)",
                 "SFT-data generation (about 5K GPU-hours)",
                 "R1 reinforcement learning (about 80 hours)", "147K GPU-hours",
                 "$2 per H800-hour"):
        assert part in claim.text, part
    assert claim.status_note is not None and "stated in the supplement" in claim.status_note
    fleet = seed.get("fleet-r1-512-h800")
    assert isinstance(fleet, Fleet) and "final" not in fleet.label.lower()
    assert [(p.gpu, p.count) for p in fleet.parts] == [("h800-sxm", 512)]
    assert "fleet-r1-h800" not in seed


def test_the_a100_note_does_not_guess_where_the_misreading_began(seed: Corpus) -> None:
    note = seed.get("note-10k-a100-misreading")
    assert isinstance(note, Note)
    assert "may be where" not in note.text and "mix-up began" not in note.text
    assert "September 2025" in note.text  # when DeepSeek said it owns A100s


def test_lmao_no_is_dated_within_a_range(seed: Corpus) -> None:
    for item_id in ("musk-lmao-no", "ev-2025-01-27-musk-lmao"):
        item = seed.get(item_id)
        assert isinstance(item, Reaction | Event)
        when = item.date
        # issue 28 #10: GuruFocus reports it on Jan 27, after Benioff's post of Jan 26/27
        assert (when.date, when.end) == (dt.date(2025, 1, 26), dt.date(2025, 1, 27))
        assert when.precision is DatePrecision.APPROXIMATE
        assert fmt.when(when) == "c. 2025-01-26–2025-01-27"
    reaction = seed.get("musk-lmao-no")
    assert isinstance(reaction, Reaction) and reaction.date.note is not None
    assert "GuruFocus, is dated Jan 27" in reaction.date.note
    assert "gurufocus" in reaction.sources


def test_chosuns_local_time_is_us_time(seed: Corpus) -> None:
    reaction = seed.get("musk-obviously")
    assert isinstance(reaction, Reaction) and reaction.date.note is not None
    assert "US time" in reaction.date.note
    assert not re.search(r"\(Korean time\)", reaction.date.note)


def test_the_h20_count_is_marked_as_our_inference(seed: Corpus) -> None:
    fleet = seed.get("fleet-semianalysis")
    assert isinstance(fleet, Fleet) and fleet.note is not None
    [h20] = [part for part in fleet.parts if part.gpu == "h20"]
    assert h20.uncertain and h20.count == 30_000
    assert "50,000 − ~10,000 − ~10,000 = ~30,000" in fleet.note
    # issue 28 #6: the count may be SemiAnalysis's own (its table), and the table's
    # 10,000 A100s are the Fire-Flyer 2 fleet, left out so as not to count them twice
    assert "may be the figure in its cost table" in fleet.note
    assert "10,000 A100s" in fleet.note and "Fire-Flyer 2 fleet" in fleet.note
    claim = seed.get("semianalysis-50k-hopper")
    assert isinstance(claim, Claim) and claim.status_note is not None
    assert "'orders for many more' H20s" in claim.status_note
    assert "may also be SemiAnalysis's own table figure" in claim.status_note
