"""Every bundled story holds the source rules (README, "What counts as a source").

Each test iterates over every seed file in ``seeds/``, so a story added later is held
to the same rules: every source has a kind, a publisher and a date (or says the date
is unknown); every GPU's figures rest on the maker's own document or say they do not;
every quote rests on the original post or transcript or says it was not found; no
source sits on a host a reader cannot judge; and no GitHub source points at a path
the repository's ``main`` does not have (checked against a list kept here, offline).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pydantic import ValidationError

from tui.core.checks import source_warnings
from tui.core.corpus import Corpus
from tui.core.loader import load_file
from tui.core.model import Source, SourceKind
from tui.core.paths import default_seeds
from tui.core.schema import Source as SourceModel

SEED_FILES = sorted(default_seeds().glob("*.toml"))

# Issue 27: content farms, aggregators and pages with no publisher (never a source)
UNJUDGEABLE_HOSTS = {
    "yetfresh.com", "nitbuz.xyz", "euroasia24.com", "freetechnologyy.blogspot.com",
    "neighborhoodsf.com", "autopilotr.com", "awesomeagents.ai", "aiwiki.ai", "1cnz.cn",
    "digiterialabs.com", "siliconcat.net", "nidrot.com", "usa-newnews.com",
    "sysrqmts.com", "smbom.com", "philisun.com", "compux.net",
}

# GitHub files cited by a bundled story that exist on the repository's main branch
# (checked by hand; a new GitHub source must be added here once its path is checked)
ON_MAIN = {
    ("deepseek-ai/DeepSeek-V3", "README.md"),
    ("deepseek-ai/DeepSeek-R1", "README.md"),
    ("Interconnects-AI/homebase",
     "public/2025/2025-01-09-deepseekv3andtheactualcostoftrainingfrontieraimode.md"),
    ("winston-zhang-orz/gpu-specs", "specs.md"),
    ("astroC86/gpu-datasheet", "README.md"),
    ("everyday-cc/ai",
     "_news/2023-03-23-nvidia-creates-pared-back-h100-gpu-for-export-to-china-called-h800.md"),
}
# GitHub files cited at a fixed commit (a permalink), each checked by hand at that commit
PINNED = {
    # stargate.toml: the copy of NVIDIA's Blackwell datasheet tables that was read
    ("atineoSE/coding-model-seeks-gpu", "pipeline/pipeline/sources/gb200_specs.md"),
}
# ... and paths known not to be on main (issue 28: an unmerged third-party change)
NOT_ON_MAIN = {("deepseek-ai/DeepSeek-V3", "INTRO.rst")}


def _story(path: Path) -> Corpus:
    loaded = load_file(path)
    assert isinstance(loaded, Corpus), loaded
    return loaded


@pytest.fixture(scope="module", params=SEED_FILES, ids=[p.name for p in SEED_FILES])
def story(request: pytest.FixtureRequest) -> Corpus:
    return _story(request.param)


def _sources(story: Corpus, ids: tuple[str, ...]) -> list[Source]:
    found = [story.get(source_id) for source_id in ids]
    return [source for source in found if isinstance(source, Source)]


def test_there_are_bundled_stories() -> None:
    assert SEED_FILES and any(p.name == "deepseek-r1.toml" for p in SEED_FILES)


def test_every_source_has_a_kind_a_publisher_and_a_date_or_says_why_not(story: Corpus) -> None:
    for source in story.sources:
        assert isinstance(source.kind, SourceKind), source.id
        assert source.publisher, f"{source.id}: no publisher"
        if source.date is None:
            assert source.date_unknown and source.date_note, f"{source.id}: no date"
    assert source_warnings(story.sources) == []


def test_every_gpu_rests_on_the_makers_document_or_says_it_does_not(story: Corpus) -> None:
    for gpu in story.gpus:
        kinds = {source.kind for source in _sources(story, gpu.sources)}
        if gpu.not_from_maker:
            assert gpu.note and "not from the maker" in gpu.note.lower(), gpu.id
        else:
            makers = [s for s in _sources(story, gpu.sources)
                      if s.kind is SourceKind.PRIMARY and s.publisher == gpu.vendor]
            assert makers, f"{gpu.id}: no {gpu.vendor} document among {sorted(kinds)}"


def test_every_quote_rests_on_its_original_or_says_it_was_not_found(story: Corpus) -> None:
    for reaction in story.reactions:
        if not reaction.quote:
            continue
        sources = _sources(story, reaction.sources)
        primary = [s for s in sources if s.kind is SourceKind.PRIMARY]
        if reaction.original_not_found:
            assert not primary, f"{reaction.id}: has a primary source yet says not found"
            assert reaction.note and "not found" in reaction.note, reaction.id
        else:
            assert primary, f"{reaction.id}: no primary source for the quote"
        others = [s for s in sources if s.kind is not SourceKind.PRIMARY]
        assert others, f"{reaction.id}: keep one report beside the original"


def test_x_posts_are_primary_and_primary_posts_are_on_x(story: Corpus) -> None:
    for source in story.sources:
        host = urlsplit(source.url or "").hostname
        if host == "x.com":
            assert source.kind is SourceKind.PRIMARY, source.id
            assert "/status/" in (source.url or ""), source.id


def test_no_source_is_on_an_unjudgeable_host(story: Corpus) -> None:
    for source in story.sources:
        for url in (source.url, source.via):
            host = (urlsplit(url).hostname or "") if url else ""
            assert host.removeprefix("www.") not in UNJUDGEABLE_HOSTS, source.id


def test_github_sources_point_at_paths_on_main(story: Corpus) -> None:
    for source in story.sources:
        for url in (source.url, source.via):
            parts = urlsplit(url or "")
            if parts.hostname != "github.com":
                continue
            owner, repo, blob, branch, *path = parts.path.strip("/").split("/")
            cited = (f"{owner}/{repo}", "/".join(path))
            if re.fullmatch(r"[0-9a-f]{40}", branch):  # a permalink: cannot move or vanish
                assert blob == "blob" and cited in PINNED, f"{source.id}: {url} not checked"
                continue
            assert (blob, branch) == ("blob", "main"), url
            assert cited not in NOT_ON_MAIN, f"{source.id}: {url} is not on main"
            assert cited in ON_MAIN, f"{source.id}: {url} not checked against main"


def test_the_path_list_catches_the_dead_intro_file() -> None:
    assert not ON_MAIN & NOT_ON_MAIN


# --------------------------------------------------------------------------- schema


BASE = {"id": "s", "title": "A report", "kind": "reporting", "url": "https://a.example/x"}


def test_a_source_needs_a_known_kind() -> None:
    assert SourceModel.model_validate(BASE).kind is SourceKind.REPORTING
    with pytest.raises(ValidationError):
        SourceModel.model_validate({**BASE, "kind": "blog"})
    without = dict(BASE)
    del without["kind"]
    with pytest.raises(ValidationError):
        SourceModel.model_validate(without)
    with pytest.raises(ValidationError):
        SourceModel.model_validate({**BASE, "primary": True})  # the old flag is gone


def test_an_unknown_date_is_said_with_a_note() -> None:
    ok = SourceModel.model_validate({**BASE, "date_unknown": True, "date_note": "undated page"})
    assert ok.date is None and ok.date_unknown
    with pytest.raises(ValidationError, match="date_note"):
        SourceModel.model_validate({**BASE, "date_unknown": True})
    with pytest.raises(ValidationError, match="one or the other"):
        SourceModel.model_validate({**BASE, "date": "2025-01-01", "date_unknown": True,
                                    "date_note": "x"})


def test_validate_warns_about_sources_without_publisher_or_date(tmp_path: Path) -> None:
    import subprocess

    text = (default_seeds() / "deepseek-r1.toml").read_text(encoding="utf-8")
    text = text.replace('publisher = "Stratechery (Ben Thompson)"\ndate = 2025-01-27\n', "", 1)
    seed = tmp_path / "story.toml"
    seed.write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "tui.cli", "validate", str(seed)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "warning: deepseek-r1: source strat: no publisher and no date" in done.stderr
