"""Loading seeds: the real story, every kind of broken file, folders, and text cleaning."""

from __future__ import annotations

import datetime as dt
import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.core.support import (
    BOM_CRLF,
    BROKEN,
    MINIMAL,
    MIXED,
    SECOND_STORY,
    SEED,
    line_containing,
    minimal_text,
)
from tui.core.corpus import Corpus
from tui.core.files import read_document
from tui.core.loader import load_file, story_files
from tui.core.model import ClaimStatus, FleetStatus, Reaction, Stance
from tui.core.problems import Problem, format_problem
from tui.core.seeds import LoadResult, load

# --------------------------------------------------------------------------- the real seed


def test_real_seed_loads_with_no_problems() -> None:
    result = load([SEED])
    assert result.problems == ()
    assert result.ok
    assert [corpus.story.id for corpus in result.stories] == ["deepseek-r1"]
    assert result.files == (SEED,)


def test_bundled_seed_folder_loads_every_story_with_no_problems() -> None:
    result = load([SEED.parent])
    assert result.problems == ()
    ids_in_files = {
        tomllib.loads(path.read_text(encoding="utf-8"))["story"]["id"]
        for path in sorted(SEED.parent.glob("*.toml"))
    }
    assert {corpus.story.id for corpus in result.stories} == ids_in_files


def test_real_seed_counts(seed: Corpus) -> None:
    assert len(seed.claims) == 14
    assert len(seed.reactions) == 11
    assert len(seed.gpus) == 8
    assert len(seed.fleets) == 5
    # every item is indexed once
    sizes = [len(seed.sections), len(seed.sources), len(seed.actors), len(seed.claims)]
    sizes += [len(seed.gpus), len(seed.fleets), len(seed.reactions), len(seed.events)]
    sizes += [len(seed.notes), len(seed.runs), len(seed.prices), len(seed.utilisations)]
    assert len(seed) == sum(sizes)
    assert {run.id for run in seed.runs} == {"run-v3", "run-r1"}


def test_real_seed_has_the_misreported_10000_a100_claim(seed: Corpus) -> None:
    misreported = [c for c in seed.claims if c.status is ClaimStatus.MISREPORTED]
    matching = [c for c in misreported if "10,000" in c.short and "A100" in c.short]
    assert len(matching) == 1
    claim = matching[0]
    assert seed.kind_of(claim.gpus[0]) == "gpu"
    assert claim.gpus[0].startswith("a100")
    # the note says what the 10,000 A100s really were, and names the H800s
    assert claim.status_note is not None
    assert "Fire-Flyer 2" in claim.status_note
    assert "2,048" in claim.status_note and "512" in claim.status_note


def test_real_seed_has_wangs_50000_h100_claim_and_fleet(seed: Corpus) -> None:
    claims = [c for c in seed.claims if c.by == "wang"]
    assert len(claims) == 1
    wang = claims[0]
    assert "50,000" in wang.short and "H100" in wang.short
    assert wang.gpus == ("h100-sxm",)
    assert wang.status is ClaimStatus.DISPUTED
    assert wang.date is not None and wang.date.date == dt.date(2025, 1, 23)
    fleets = [f for f in seed.fleets if f.claim == wang.id]
    assert len(fleets) == 1
    assert fleets[0].stated_by == "wang"
    assert fleets[0].owner == "deepseek"
    assert fleets[0].status is FleetStatus.CLAIMED
    assert [(p.gpu, p.count) for p in fleets[0].parts] == [("h100-sxm", 50_000)]


def test_real_seed_has_musks_two_quotes(seed: Corpus) -> None:
    by_quote = {r.quote: r for r in seed.reactions if r.quote}
    obviously = by_quote["Obviously"]
    lmao = by_quote["Lmao, no"]
    assert obviously.actor == lmao.actor == "musk"
    assert obviously.stance is lmao.stance is Stance.SKEPTICAL
    assert obviously.replies_to == "wang-50k-h100"
    parent = seed.get(lmao.replies_to or "")
    assert seed.kind_of(lmao.replies_to or "") == "reaction"
    assert getattr(parent, "actor", None) == "benioff"


@pytest.mark.parametrize("actor", ["nadella", "altman", "benioff"])
def test_praise_from_nadella_altman_benioff_is_supportive_or_mixed(
    seed: Corpus, actor: str
) -> None:
    reactions = [r for r in seed.reactions if r.actor == actor]
    assert reactions, f"no reaction by {actor}"
    assert {r.stance for r in reactions} <= {Stance.SUPPORTIVE, Stance.MIXED}


def test_reaction_times_match_the_fact_sheet(seed: Corpus) -> None:
    """FACTS.md section 4: times decoded from post ids, in UTC."""
    expected = {
        "kimmonismus-clip": (dt.date(2025, 1, 24), dt.time(16, 15)),
        "nadella-jevons": (dt.date(2025, 1, 27), dt.time(5, 48)),
        "altman-impressive": (dt.date(2025, 1, 28), dt.time(2, 29)),
    }
    for reaction_id, (date, time) in expected.items():
        reaction = seed.get(reaction_id)
        assert isinstance(reaction, Reaction)
        assert (reaction.date.date, reaction.date.time_utc) == (date, time), reaction_id


def test_real_seed_has_the_gpus_the_story_needs(seed: Corpus) -> None:
    ids = {g.id for g in seed.gpus}
    assert {"a100-sxm-80", "h100-sxm", "h800-sxm", "h20"} <= ids
    assert any(i.startswith("a100-pcie-") for i in ids)
    assert any(i.startswith("a800") for i in ids)
    assert seed.get("h800-sxm").cut_from == "h100-sxm"  # type: ignore[union-attr]


@pytest.mark.parametrize("count", [2048, 512])
def test_real_seed_has_deepseeks_disclosed_h800_fleets(seed: Corpus, count: int) -> None:
    fleets = [
        f for f in seed.fleets if [(p.gpu, p.count) for p in f.parts] == [("h800-sxm", count)]
    ]
    assert len(fleets) == 1
    fleet = fleets[0]
    assert fleet.owner == fleet.stated_by == "deepseek"
    assert fleet.status is FleetStatus.DISCLOSED
    assert fleet.approximate is False


def test_real_seed_deepseek_facts(seed: Corpus) -> None:
    """FACTS.md section 3: V3 cost, R1 cost and release date."""
    v3 = seed.get("dsv3-training-cost")
    assert v3 is not None
    assert "$5.576M" in v3.short and "2.788M" in v3.short  # type: ignore[union-attr]
    assert v3.status is ClaimStatus.ESTABLISHED  # type: ignore[union-attr]
    r1 = seed.get("nature-r1-cost")
    assert "$294K" in r1.short and "512 H800s" in r1.short  # type: ignore[union-attr]
    release = seed.get("ev-2025-01-20-r1-release")
    assert release.date.date == dt.date(2025, 1, 20)  # type: ignore[union-attr]
    v3_release = seed.get("ev-2024-12-26-v3-release")
    assert v3_release.date.date == dt.date(2024, 12, 26)  # type: ignore[union-attr]


# --------------------------------------------------------------------------- broken files


@dataclass(frozen=True)
class Expected:
    """One problem a broken file must give."""

    item: str
    message: str
    line: str | None
    """Text on the line the problem must point at; ``None``: no line number."""
    nth: int | None = None
    """Which line holding ``line`` (when it is not the only one)."""
    check_line: bool = True


EXPECTED: dict[str, list[Expected]] = {
    "duplicate-id.toml": [
        Expected(
            "claims[1].id",
            "duplicate id 'lab-cluster' (already used by a claim)",
            'id = "lab-cluster"',
            nth=2,
        )
    ],
    "dangling-ref.toml": [
        Expected("claims[1].by", "unknown actor id 'alise' (did you mean 'alice'?)", 'by = "alise"')
    ],
    "wrong-type.toml": [
        Expected("claims[1].short", "Input should be a valid string, got 1000", "short = 1000")
    ],
    "unknown-key.toml": [
        Expected(
            "claims[0].staus_note",
            "unknown key 'staus_note' (did you mean 'status_note'?)",
            "staus_note =",
        )
    ],
    "negative-figure.toml": [Expected("gpus[1].tdp_w", "must be ≥ 0, got -700", "tdp_w = -700")],
    "nan-figure.toml": [
        Expected(
            "gpus[1].memory_bandwidth_gbs",
            "expected a finite number",
            "memory_bandwidth_gbs = nan",
        )
    ],
    "missing-key.toml": [
        # the key is absent, so the problem points at the item's header
        Expected("gpus[1].tdp_w", "required key is missing", "[[gpus]]", nth=2)
    ],
    "reply-loop.toml": [
        Expected(
            "reactions[0].replies_to",
            "the reply chain loops at 'alice-no-way'",
            'replies_to = "bob-agrees"',
        ),
        Expected(
            "reactions[1].replies_to",
            "the reply chain loops at 'bob-agrees'",
            'replies_to = "alice-no-way"',
        ),
    ],
    "no-provenance.toml": [
        Expected("claims[1]", "no provenance: give a section or sources", "[[claims]]", nth=2)
    ],
    "bad-uncertain-field.toml": [
        Expected(
            "gpus[1].uncertain", "not a figure field: tdp (figure fields:", 'uncertain = ["tdp"]'
        )
    ],
    "wrong-kind-ref.toml": [Expected("claims[1].by", "'intro' is a section", 'by = "intro"')],
    "affiliation-not-org.toml": [
        Expected("actors[1].affiliation", "'bob' is not an organisation", 'affiliation = "bob"')
    ],
    "bad-id.toml": [Expected("notes[0].id", "got 'Note X2'", 'id = "Note X2"')],
    "bad-enum.toml": [Expected("reactions[1].stance", "got 'angry'", 'stance = "angry"')],
    "bad-url.toml": [Expected("sources[0].url", "got 'javascript:alert(1)'", 'url = "javascript:')],
    "unknown-top-key.toml": [
        Expected("note", "unknown key 'note' (did you mean 'notes'?)", "[[note]]", check_line=False)
    ],
    "invalid-toml.toml": [Expected("", "invalid TOML: Illegal character", 'title = "About the X2')],
    "empty.toml": [Expected("", "file is empty", None)],
    "not-utf8.toml": [Expected("", "not UTF-8 text: byte 0xff", 'title = "Test story: a minimal')],
}


def test_every_broken_file_has_an_expectation() -> None:
    on_disk = {path.name for path in BROKEN.iterdir() if path.suffix == ".toml"}
    assert on_disk == set(EXPECTED)
    # the defects the brief asks for are all there
    assert {
        "duplicate-id.toml",
        "dangling-ref.toml",
        "wrong-type.toml",
        "unknown-key.toml",
        "negative-figure.toml",
        "empty.toml",
        "not-utf8.toml",
        "invalid-toml.toml",
        "missing-key.toml",
        "reply-loop.toml",
        "no-provenance.toml",
        "bad-uncertain-field.toml",
    } <= on_disk


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_gives_exactly_the_expected_problems(name: str) -> None:
    path = BROKEN / name
    result = load_file(path)
    assert isinstance(result, list), f"{name} loaded"
    expected = EXPECTED[name]
    assert len(result) == len(expected), [str(p) for p in result]
    for problem, want in zip(result, expected, strict=True):
        assert problem.file == path
        assert problem.item == want.item
        assert want.message in problem.message, problem.message
        if want.line is None:
            assert problem.line is None
        elif want.check_line:
            assert problem.line == line_containing(path, want.line, want.nth)
        # the printed form names the file, the line and the item
        shown = str(problem)
        assert shown.startswith(str(path))
        assert problem.message in shown
        if problem.item:
            assert f": {problem.item}: " in shown


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - {"empty.toml", "not-utf8.toml"}))
def test_broken_file_differs_from_minimal_story_in_one_place(name: str) -> None:
    """Each broken file is the minimal story with one defect (and a comment header)."""
    good = [line for line in minimal_text().splitlines() if not line.startswith("#")]
    bad = [
        line
        for line in (BROKEN / name).read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    changed = [(a, b) for a, b in zip(good, bad, strict=False) if a != b]
    # a replaced line keeps the count; a removed or merged line shifts the rest
    assert len(changed) == 1 or abs(len(good) - len(bad)) == 1


def test_not_utf8_reports_the_byte_offset() -> None:
    path = BROKEN / "not-utf8.toml"
    [problem] = load_file(path)  # type: ignore[misc]
    offset = path.read_bytes().index(b"\xff")
    assert problem.message == f"not UTF-8 text: byte 0xff at offset {offset}"


def test_broken_folder_loads_nothing_and_names_every_file() -> None:
    result = load([BROKEN])
    assert result.stories == ()
    assert not result.ok
    assert {path.name for path in result.bad_files} == set(EXPECTED)
    assert len(result.problems) == sum(len(v) for v in EXPECTED.values())
    assert result.bad_files == tuple(sorted(result.bad_files))


def test_line_numbers_survive_bom_and_crlf(tmp_path: Path) -> None:
    source = BROKEN / "dangling-ref.toml"
    path = tmp_path / "dangling-bom-crlf.toml"
    path.write_bytes(b"\xef\xbb\xbf" + source.read_text().replace("\n", "\r\n").encode())
    [problem] = load_file(path)  # type: ignore[misc]
    assert problem.item == "claims[1].by"
    assert problem.line == line_containing(source, 'by = "alise"')


def test_not_utf8_after_a_bom_names_the_right_byte_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bom-bad.toml"
    raw = b'\xef\xbb\xbfa = 1\nb = "\xff"\n'
    path.write_bytes(raw)
    problem = read_document(path)
    assert isinstance(problem, Problem)
    offset = raw.index(b"\xff")
    assert problem.message == f"not UTF-8 text: byte 0xff at offset {offset}"
    assert problem.line == 2
    # the bad byte opens line 2; the BOM shift would put it on line 1
    raw = b"\xef\xbb\xbfa=1\n\xff\n"
    path.write_bytes(raw)
    problem = read_document(path)
    assert isinstance(problem, Problem)
    assert problem.line == 2


# --------------------------------------------------------------------------- encodings and formats


def test_bom_and_crlf_file_loads() -> None:
    raw = BOM_CRLF.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw and raw.count(b"\r\n") == raw.count(b"\n")
    corpus = load_file(BOM_CRLF)
    assert isinstance(corpus, Corpus)
    assert corpus.story.id == "bom-crlf"
    assert corpus.story.title == "Test story: a minimal valid seed"
    # the multi-line summary keeps one LF per line break and no CR
    assert corpus.story.summary == "A tiny made-up story\nwritten with CRLF line ends."
    assert len(corpus.claims) == 2 and len(corpus.gpus) == 2


def test_json_seed_loads_the_same_story_as_toml(tmp_path: Path, minimal: Corpus) -> None:
    data = tomllib.loads(minimal_text())
    path = tmp_path / "minimal.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    corpus = load_file(path)
    assert isinstance(corpus, Corpus), corpus
    for name in ("story", "sections", "sources", "actors", "claims", "gpus"):
        assert getattr(corpus, name) == getattr(minimal, name), name
    for name in ("fleets", "reactions", "events", "notes"):
        assert getattr(corpus, name) == getattr(minimal, name), name


def test_json_problems(tmp_path: Path) -> None:
    array = tmp_path / "array.json"
    array.write_text("[1, 2]")
    [problem] = load_file(array)  # type: ignore[misc]
    assert problem.message == "expected a JSON object at the top, found list"
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "format": 1,\n  "story": \n}\n')
    [problem] = load_file(broken)  # type: ignore[misc]
    assert problem.message.startswith("invalid JSON: ")
    assert problem.line == 4
    dangling = tmp_path / "dangling.json"
    data = tomllib.loads(minimal_text())
    data["claims"][1]["by"] = "alise"
    dangling.write_text(json.dumps(data, default=str))
    [problem] = load_file(dangling)  # type: ignore[misc]
    assert problem.item == "claims[1].by"
    assert "did you mean 'alice'?" in problem.message
    assert problem.line is None  # no locator for JSON


# --------------------------------------------------------------------------- folders and paths


def test_mixed_folder_loads_the_good_story_and_reports_the_bad_file() -> None:
    result = load([MIXED])
    assert [c.story.id for c in result.stories] == ["mixed-good"]
    assert result.bad_files == (MIXED / "broken.toml",)
    [problem] = result.problems
    assert problem.item == "claims[1].by"
    assert set(result.files) == {MIXED / "good.toml", MIXED / "broken.toml"}


def test_second_story_folder_loads_both_stories_in_path_order() -> None:
    result = load([SECOND_STORY])
    assert result.ok
    assert [c.story.id for c in result.stories] == ["minimal", "test-story"]
    test_story = result.stories[1]
    assert test_story.story.title == "Test story: a second dispute"
    assert test_story.actor_name("carol") == "Carol Example"


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    result = load([missing])
    assert result.stories == ()
    assert result.problems == (Problem(missing, "no such file or folder"),)
    assert result.files == ()


def test_empty_folder_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("not a story")
    result = load([tmp_path])
    assert result.stories == ()
    [problem] = result.problems
    assert problem.file == tmp_path
    assert "holds no story files" in problem.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO")
def test_a_path_that_is_neither_file_nor_folder(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    assert story_files(fifo) == Problem(fifo, "not a file or folder")


def test_folder_picks_only_seed_suffixes_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b.TOML").write_text(minimal_text().replace('id = "minimal"', 'id = "b"', 1))
    (tmp_path / "a.toml").write_text(minimal_text().replace('id = "minimal"', 'id = "a"', 1))
    (tmp_path / "notes.txt").write_text("ignored")
    (tmp_path / "sub.toml").mkdir()
    assert story_files(tmp_path) == [tmp_path / "a.toml", tmp_path / "b.TOML"]
    result = load([tmp_path])
    assert [c.story.id for c in result.stories] == ["a", "b"]
    assert result.ok


def test_duplicate_story_ids_across_files_are_reported(tmp_path: Path) -> None:
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text(minimal_text())
    second.write_text(minimal_text())
    result = load([tmp_path])
    assert [c.story.id for c in result.stories] == ["minimal"]
    [problem] = result.problems
    assert problem.file == second
    assert problem.item == "story.id"
    assert problem.message == f"story id 'minimal' is already used by {first}"
    assert result.bad_files == (second,)


def test_duplicate_story_ids_across_paths_keep_the_first(tmp_path: Path) -> None:
    result = load([MINIMAL, SECOND_STORY])
    assert [c.story.id for c in result.stories] == ["minimal", "test-story"]
    [problem] = result.problems
    assert problem.file == SECOND_STORY / "minimal.toml"
    assert str(MINIMAL) in problem.message


def test_load_result_properties() -> None:
    bad = Path("b.toml")
    result = LoadResult(
        stories=(),
        problems=(Problem(bad, "x"), Problem(Path("a.toml"), "y"), Problem(bad, "z")),
        files=(),
    )
    assert result.bad_files == (bad, Path("a.toml"))
    assert not result.ok


def test_format_problem_parts() -> None:
    root = Path("/seeds")
    problem = Problem(root / "s.toml", "bad", item="claims[3].by", line=7)
    assert format_problem(problem) == "/seeds/s.toml:7: claims[3].by: bad"
    assert format_problem(problem, root) == "s.toml:7: claims[3].by: bad"
    assert format_problem(Problem(Path("/x/y.toml"), "m"), root) == "/x/y.toml: m"


# --------------------------------------------------------------------------- text cleaning on load

HOSTILE = {
    "title": (
        'title = "Test story: a minimal valid seed"',
        r'title = "Test story: \u001b[31mred\u001b[0m \u001b]0;pwned\u0007title"',
        "Test story: red title",
    ),
    "alice": (
        'name = "Alice Example"',
        r'name = "Alice \u202eelpmaxE\u202c"',
        "Alice elpmaxE",
    ),
    "short": (
        'short = "The lab trained its model on 100 X1 cards"',
        r'short = "\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\ here"',
        "click here",
    ),
    "quote": (
        'quote = "No way"',
        r'quote = "No\u200b way\u0007\u0085\u009b2J"',
        "No way",
    ),
    "note": (
        'text = "The X2 is a made-up card with a cut interconnect."',
        r'text = "line one\r\nline\ttwo\u001b"',
        "line one\nline\ttwo",
    ),
}


def test_control_characters_and_escapes_are_stripped_on_load(tmp_path: Path) -> None:
    text = minimal_text()
    for old, new, _ in HOSTILE.values():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    corpus = load_file(path)
    assert isinstance(corpus, Corpus), corpus
    assert corpus.story.title == HOSTILE["title"][2]
    assert corpus.actor_name("alice") == HOSTILE["alice"][2]
    assert corpus.claims[0].short == HOSTILE["short"][2]
    assert corpus.reactions[0].quote == HOSTILE["quote"][2]
    assert corpus.notes[0].text == HOSTILE["note"][2]
    # and nothing hostile reaches search or titles
    assert "pwned" not in corpus.story.title
    assert corpus.search("elpmaxe") >= {"alice"}
    assert corpus.title_of("lab-cluster") == "Test Lab: click here"


def test_text_that_cleans_to_nothing_is_rejected(tmp_path: Path) -> None:
    text = minimal_text().replace('title = "Introduction"', r'title = "\u001b[31m\u202e"')
    path = tmp_path / "blank-title.toml"
    path.write_text(text, encoding="utf-8")
    result = load_file(path)
    assert isinstance(result, list), f"loaded with title {result.sections[0].title!r}"
    assert [p.item for p in result] == ["sections[0].title"]


def test_one_bad_fleet_part_is_one_problem(tmp_path: Path) -> None:
    text = minimal_text()
    assert text.count("count = 100 }") == 1
    path = tmp_path / "negative-count.toml"
    path.write_text(text.replace("count = 100 }", "count = -100 }"), encoding="utf-8")
    result = load_file(path)
    assert isinstance(result, list)
    assert [(p.item, p.line) for p in result] == [
        ("fleets[0].parts[0].count", line_containing(path, "count = -100"))
    ]


def test_an_unreadable_seed_folder_is_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "scandir", refuse)  # as root, a chmod would not stop it
    result = load([tmp_path])
    assert not result.stories
    assert [p.message for p in result.problems] == ["cannot read the folder: Permission denied"]
