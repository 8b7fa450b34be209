"""The inspector's text for sources read via a copy, and for a run's stages."""

from __future__ import annotations

import pytest

from tui.core.corpus import Corpus
from tui.core.loader import load_file
from tui.core.paths import default_seeds
from tui.ui.details import describe


@pytest.fixture(scope="module")
def seed() -> Corpus:
    corpus = load_file(default_seeds() / "deepseek-r1.toml")
    assert isinstance(corpus, Corpus), corpus
    return corpus


def test_a_copy_is_shown_as_read_via_beside_the_original(seed: Corpus) -> None:
    text = describe(seed, "toms-semia")
    plain = text.plain
    assert "Publisher: Tom's Hardware" in plain
    canonical = "https://www.tomshardware.com/tech-industry/artificial-intelligence/deepseek-"
    assert f"\n{canonical}" in plain
    assert "read via https://vuink.com/post/" in plain
    # both addresses are links to themselves
    links = {span.style.link for span in text.spans if getattr(span.style, "link", None)}
    assert any(link.startswith(canonical) for link in links)
    assert any(link.startswith("https://vuink.com/") for link in links)


def test_an_unverified_original_says_so(seed: Corpus) -> None:
    plain = describe(seed, "reuters-chip-ban-speedup").plain
    assert "Publisher: Reuters" in plain and "Date: 2023-10-24" in plain
    assert "original URL not verified: cited by title, publisher and date" in plain
    assert "read via https://greatretirementdelight.com/" in plain


def test_a_claims_sources_name_their_publisher_and_copy(seed: Corpus) -> None:
    plain = describe(seed, "semianalysis-50k-hopper").plain
    sources = plain[plain.index("\nSources\n"):]
    assert ("• [analysis] DeepSeek Debates: Chinese Leadership On Cost, True Training Cost, "
            "Closed Model Margin Impacts (SemiAnalysis, 2025-01-31)\n"
            "    https://semianalysis.com/2025/01/31/deepseek-debates/\n") in sources
    assert "    read via https://climateerinvest.blogspot.com/" in sources
    assert "(Tom's Hardware)\n    https://www.tomshardware.com/" in sources


def test_a_run_lists_its_stages(seed: Corpus) -> None:
    plain = describe(seed, "run-r1").plain
    assert "GPU-hours: 147.3K† on H800 SXM5" in plain
    assert "  R1-Zero reinforcement learning: 512 × 198 h = ≈101.4K" in plain
    assert "  SFT-data generation: ≈5K" in plain
    assert "  R1 reinforcement learning: 512 × 80 h = ≈40.96K" in plain
    assert "At: $2.00 per GPU-hour → $294.7K" in plain and "Stated cost: $294K" in plain
