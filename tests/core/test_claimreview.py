"""ClaimReview JSON-LD: Google's properties, the reviewer, the rating scale, honest copies.

Google's fact-check structured data guidelines (developers.google.com/search/docs/
appearance/structured-data/factcheck, "Structured data type definitions") list, for
``ClaimReview``: required ``claimReviewed``, ``reviewRating``, ``url``; recommended
``author``, ``datePublished``, ``itemReviewed``. For its ``Claim``: recommended
``appearance`` (or ``firstAppearance``), ``author``, ``datePublished``. For its
``Rating``: required ``alternateName``; recommended ``bestRating``, ``name``,
``ratingValue``, ``worstRating``. ``google_problems`` checks them on every object.
Two recommended ones are left out where the data does not hold them, rather than
invented: the claim's date when the seed gives none, and the rating's numbers for a
rating that is a word only (asserted, speculative, or the user's verdict).
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.core.support import MINIMAL, SECOND_STORY
from tui.cli import main
from tui.core.claimreview import (
    BEST_RATING,
    STATUS_RATING,
    WORST_RATING,
    Reviewer,
    ReviewerError,
    ReviewUrlError,
    check_review_url,
    choose_reviewer,
    missing,
    scale_note,
    to_claimreview,
)
from tui.core.config import load_config
from tui.core.corpus import Corpus
from tui.core.export import seed_json_schema
from tui.core.labels import VERDICT_WORD
from tui.core.model import ClaimStatus, Verdict
from tui.core.schema import StoryFile, to_model
from tui.core.userdata import Take

WHEN = dt.datetime(2025, 1, 28, 9, 30, tzinfo=dt.UTC)
DAY = dt.date(2025, 2, 1)
TEMPLATE = "https://example.org/checks/{story}#{claim}"
REVIEWER = Reviewer("Example Checks", "https://example.org", "Organization", TEMPLATE)
OLD_EXPORT = Path(__file__).resolve().parents[1] / "data" / "claimreview" / "old-export.jsonld"
WORD_ONLY = {s.value.capitalize() for s, v in STATUS_RATING.items() if v is None} | set(
    VERDICT_WORD.values())


def _takes() -> dict[str, Take]:
    return {
        "wang-50k-h100": Take(verdict=Verdict.DOUBT, note="Smuggled? Show me.", updated=WHEN),
        "dsv3-training-cost": Take(verdict=Verdict.BELIEVE, updated=WHEN),
        "nvidia-export-compliant": Take(verdict=None, note="", updated=WHEN),  # cleared
        "claim-since-removed": Take(verdict=Verdict.UNSURE, note="old thought", updated=WHEN),
    }


def with_archived_source(corpus: Corpus) -> Corpus:
    """The minimal story whose paper was also read via a copy and has a Wayback snapshot."""
    data = tomllib.loads(MINIMAL.read_text(encoding="utf-8"))
    assert data["story"]["id"] == corpus.story.id
    data["sources"][0]["via"] = "https://mirror.example/test-paper"
    data["sources"][0]["archived"] = (
        "https://web.archive.org/web/20250121000000/https://example.org/test-paper")
    return Corpus.build(to_model(StoryFile.model_validate(data)))


# --------------------------------------------------------------------------- Google


def _is_web_url(value: object) -> bool:
    parts = urlsplit(value) if isinstance(value, str) else None
    return parts is not None and parts.scheme in ("http", "https") and bool(parts.netloc)


def _is_date(value: object) -> bool:
    """An ISO 8601 date or date-time, possibly of reduced precision (``2021``, ``2021-03``)."""
    if not isinstance(value, str):
        return False
    for form in ("%Y", "%Y-%m", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            dt.datetime.strptime(value, form)
        except ValueError:
            continue
        return True
    return False


def google_problems(review: dict[str, Any], *, claim_dated: bool = True) -> list[str]:
    """Google's required and recommended ClaimReview properties missing from ``review``."""
    problems = []
    if not isinstance(review.get("claimReviewed"), str) or not review["claimReviewed"]:
        problems.append("claimReviewed (required)")
    if not _is_web_url(review.get("url")):
        problems.append("url (required)")
    author = review.get("author")
    if not isinstance(author, dict) or author.get("@type") not in ("Organization", "Person") \
            or not author.get("name"):
        problems.append("author with a name (recommended)")
    if not _is_date(review.get("datePublished")):
        problems.append("datePublished (recommended)")
    rating = review.get("reviewRating")
    if not isinstance(rating, dict) or not rating.get("alternateName"):
        problems.append("reviewRating.alternateName (required)")
        rating = {}
    if rating.get("name") != rating.get("alternateName"):
        problems.append("reviewRating.name (recommended)")
    low, value, high = (rating.get(key) for key in ("worstRating", "ratingValue", "bestRating"))
    if rating.get("alternateName") in WORD_ONLY:
        if (low, value, high) != (None, None, None):
            problems.append("a number on a rating that is a word only")
    elif not (isinstance(low, int) and isinstance(value, int) and isinstance(high, int)
              and low <= value <= high):
        problems.append("reviewRating worstRating ≤ ratingValue ≤ bestRating (recommended)")
    item = review.get("itemReviewed")
    if not isinstance(item, dict) or item.get("@type") != "Claim":
        return [*problems, "itemReviewed, a Claim (recommended)"]
    claimant = item.get("author")
    if not isinstance(claimant, dict) or not claimant.get("name"):
        problems.append("itemReviewed.author (recommended)")
    appearances = item.get("appearance") or item.get("firstAppearance")
    if not appearances or not all(a.get("@type") == "CreativeWork" and a.get("name")
                                  for a in appearances):
        problems.append("itemReviewed.appearance (recommended)")
    if claim_dated != _is_date(item.get("datePublished")):
        problems.append("itemReviewed.datePublished (recommended, when the claim has a date)")
    return problems


def test_every_review_has_googles_required_and_recommended_properties(seed: Corpus) -> None:
    for takes in (None, _takes()):
        reviews = json.loads(to_claimreview(seed, takes, reviewer=REVIEWER, date_published=DAY))
        assert len(reviews) == len(seed.claims) == 14
        for claim, review in zip(seed.claims, reviews, strict=True):
            assert google_problems(review, claim_dated=claim.date is not None) == [], claim.id
    numbered = [r for r in reviews if "ratingValue" in r["reviewRating"]]
    assert len(numbered) >= 4  # the check above saw numbers, not only words


def test_the_google_check_fails_on_the_old_export() -> None:
    """The export before the reviewer and the rating scale: no url, no scale."""
    old = json.loads(OLD_EXPORT.read_text(encoding="utf-8"))
    problems = [google_problems(review, claim_dated="datePublished" in review["itemReviewed"])
                for review in old]
    assert all("url (required)" in found for found in problems)
    assert all("reviewRating.name (recommended)" in found for found in problems)
    numbers = "reviewRating worstRating ≤ ratingValue ≤ bestRating (recommended)"
    assert sum(numbers in found for found in problems) >= 5


def test_without_a_reviewer_the_reviews_lack_url_and_author(seed: Corpus) -> None:
    reviews = json.loads(to_claimreview(seed, None, date_published=DAY))
    for review in reviews:
        assert "url" not in review and "author" not in review
        assert google_problems(review, claim_dated="datePublished" in review["itemReviewed"]) \
            == ["url (required)", "author with a name (recommended)"]
    assert [lack.prop for lack in missing(Reviewer())] == ["url", "author"]
    assert missing(REVIEWER) == []


# --------------------------------------------------------------------------- the reviews


def test_one_review_per_claim_with_the_reviewers_identity(seed: Corpus) -> None:
    text = to_claimreview(seed, _takes(), reviewer=REVIEWER, date_published=DAY)
    reviews = json.loads(text)
    for claim, review in zip(seed.claims, reviews, strict=True):
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["url"] == f"https://example.org/checks/deepseek-r1#{claim.id}"
        assert review["claimReviewed"] == claim.short
        assert review["itemReviewed"]["description"] == claim.text
        assert review["author"] == {"@type": "Organization", "name": "Example Checks",
                                    "url": "https://example.org"}
        assert review["datePublished"] == "2025-02-01"
        assert review["itemReviewed"]["author"]["name"] == seed.actor_name(claim.by)
    assert text == to_claimreview(seed, _takes(), reviewer=REVIEWER, date_published=DAY)
    person = REVIEWER._replace(kind="Person", url=None)
    assert json.loads(to_claimreview(seed, None, reviewer=person))[0]["author"] == {
        "@type": "Person", "name": "Example Checks"}


def test_the_rating_scale(seed: Corpus) -> None:
    reviews = json.loads(to_claimreview(seed, None, reviewer=REVIEWER, date_published=DAY))
    seen = set()
    for claim, review in zip(seed.claims, reviews, strict=True):
        rating = review["reviewRating"]
        assert rating["alternateName"] == rating["name"] == claim.status.value.capitalize()
        value = STATUS_RATING[claim.status]
        if value is None:
            assert not {"ratingValue", "bestRating", "worstRating"} & set(rating)
        else:
            assert (rating["worstRating"], rating["ratingValue"], rating["bestRating"]) == (
                WORST_RATING, value, BEST_RATING)
        seen.add(claim.status)
    assert seen == set(ClaimStatus)  # the bundled story uses every status
    assert [STATUS_RATING[s] for s in ClaimStatus] == [5, 4, None, 2, None, 1]
    described = json.loads(seed_json_schema())["$defs"]["ClaimStatus"]["description"]
    assert scale_note() in described and "disputed 2" in described


def test_the_users_verdict_is_the_rating_word_without_a_number(seed: Corpus) -> None:
    reviews = json.loads(to_claimreview(seed, _takes(), reviewer=REVIEWER, date_published=DAY))
    by_claim = dict(zip([claim.id for claim in seed.claims], reviews, strict=True))
    assert by_claim["wang-50k-h100"]["reviewRating"] == {
        "@type": "Rating", "alternateName": "Doubt", "name": "Doubt",
        "ratingExplanation": "Smuggled? Show me."}
    assert by_claim["dsv3-training-cost"]["reviewRating"]["alternateName"] == "Believe"
    assert "ratingValue" not in by_claim["dsv3-training-cost"]["reviewRating"]
    cleared = by_claim["nvidia-export-compliant"]["reviewRating"]  # cleared: the status
    nvidia = next(c for c in seed.claims if c.id == "nvidia-export-compliant")
    assert cleared["alternateName"] == "Asserted"
    assert cleared.get("ratingExplanation") == nvidia.status_note


def test_dates_are_as_precise_as_known(seed: Corpus) -> None:
    reviews = json.loads(to_claimreview(seed, None, reviewer=REVIEWER, date_published=DAY))
    by_claim = dict(zip([claim.id for claim in seed.claims], reviews, strict=True))
    assert by_claim["fireflyer-a100"]["itemReviewed"]["datePublished"] == "2021"  # a year
    assert by_claim["musk-rivalry"]["itemReviewed"]["appearance"] == [{
        "@type": "CreativeWork",
        "name": f"{seed.story.source}: Is Musk’s Criticism Fair Or Just Rivalry?"}]
    today = dt.datetime.now(dt.UTC).date().isoformat()
    assert {r["datePublished"] for r in json.loads(to_claimreview(seed, None))} == {today}


def test_archived_at_is_the_snapshot_never_the_copy(minimal: Corpus) -> None:
    corpus = with_archived_source(minimal)
    source = corpus.sources[0]
    text = to_claimreview(corpus, None, reviewer=REVIEWER)
    appearance = json.loads(text)[0]["itemReviewed"]["appearance"][0]
    assert appearance["archivedAt"] == source.archived
    assert appearance["url"] == source.url and appearance["datePublished"] == "2025-01-20"
    assert source.via is not None and source.via not in text


# --------------------------------------------------------------------------- the reviewer


@pytest.mark.parametrize(("template", "problem"), [
    ("https://example.org/{story}/{clam}", "unknown placeholder {clam}; the placeholders"),
    ("https://example.org/{}", "unknown placeholder {}"),
    ("https://example.org/{story!r}", "takes no format or conversion"),
    ("https://example.org/{story", "not a URL template"),
    ("example.org/{story}", "does not make an absolute http(s) URL"),
    ("https://example.org/my checks/{claim}", "does not make an absolute http(s) URL"),
])
def test_a_review_url_template_that_cannot_make_a_url(template: str, problem: str) -> None:
    with pytest.raises(ReviewUrlError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        check_review_url(template)


def test_flags_override_the_config_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[claimreview]\nauthor = "Config Checks"\nauthor-url = "https://c.example"\n'
                    'author-type = "Person"\nreview-url = "https://c.example/{{x}}/{claim}"\n',
                    encoding="utf-8")
    config, problems = load_config(path)
    assert problems == []
    assert choose_reviewer(config.claimreview) == Reviewer(
        "Config Checks", "https://c.example", "Person", "https://c.example/{{x}}/{claim}")
    chosen = choose_reviewer(config.claimreview, author="Flag Checks", author_type="organization",
                             review_url=TEMPLATE)
    assert chosen == Reviewer("Flag Checks", "https://c.example", "Organization", TEMPLATE)
    for flags, option in (({"author": " "}, "--author"),
                          ({"author_url": "ftp://x"}, "--author-url"),
                          ({"author_type": "Robot"}, "--author-type"),
                          ({"review_url": "https://x/{id}"}, "--review-url")):
        with pytest.raises(ReviewerError) as caught:
            choose_reviewer(config.claimreview, **flags)
        assert caught.value.option == option
    with pytest.raises(ReviewerError, match="names no one"):
        choose_reviewer(None, author_url="https://example.org")


def test_a_broken_claimreview_table_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[claimreview]\nauthor-url = "https://c.example"\nreview-url = "x{y}"\n'
                    'colour = "red"\n', encoding="utf-8")
    config, problems = load_config(path)
    assert config.claimreview.author is None
    assert [(p.item, p.message.split(";")[0]) for p in problems] == [
        ("claimreview.review-url", "unknown placeholder {y}"),
        ("claimreview.colour", "Extra inputs are not permitted"),
    ]


# --------------------------------------------------------------------------- the command


def test_the_readme_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "claimreview", "--author", "Example Checks",
                 "--author-url", "https://example.org", "--review-url", TEMPLATE]) == 0
    captured = capsys.readouterr()
    reviews = json.loads(captured.out)
    assert captured.err == ""
    assert all(r["url"].startswith("https://example.org/checks/deepseek-r1#") for r in reviews)
    assert all(r["author"]["@type"] == "Organization" for r in reviews)
    assert all(r["reviewRating"]["alternateName"] for r in reviews)
    assert "archivedAt" not in captured.out


def test_the_command_warns_what_the_reviews_lack(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "claimreview"]) == 0
    err = capsys.readouterr().err
    assert "no url (Google requires it): add --review-url" in err
    assert "no author (Google recommends it): add --author NAME" in err
    assert main(["export", "--format", "claimreview", "--review-url", "https://x.org/{stroy}"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == ("deepseek-tui export: --review-url: unknown placeholder "
                                    "{stroy}; the placeholders are {story} and {claim}")
    assert main(["export", "--format", "json", "--author", "X"]) == 2
    assert "--author: only for --format claimreview" in capsys.readouterr().err


def test_the_command_reads_the_config_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DEEPSEEK_TUI_CONFIG_DIR", str(tmp_path))
    (tmp_path / "config.toml").write_text(
        f'[claimreview]\nauthor = "Config Checks"\nreview-url = "{TEMPLATE}"\n', encoding="utf-8")
    assert main(["export", "--format", "claimreview", "--author", "Flag Checks"]) == 0
    captured = capsys.readouterr()
    review = json.loads(captured.out)[0]
    assert review["author"] == {"@type": "Organization", "name": "Flag Checks"}
    assert review["url"].startswith("https://example.org/checks/") and captured.err == ""
    (tmp_path / "config.toml").write_text('[claimreview]\nreview-url = "{x}"\n', encoding="utf-8")
    assert main(["export", "--format", "claimreview"]) == 2  # still written, and reported
    captured = capsys.readouterr()
    assert json.loads(captured.out)
    assert "claimreview.review-url: unknown placeholder" in captured.err


def test_all_writes_one_file_per_story_and_never_overwrites(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    args = ["export", "--seeds", str(SECOND_STORY), "--format", "claimreview", "--all",
            "--review-url", TEMPLATE, "--author", "Example Checks", "-o", str(folder)]
    assert main(args) == 0
    names = sorted(path.name for path in folder.iterdir())
    assert names == ["minimal.jsonld", "test-story.jsonld"]
    first = json.loads((folder / "minimal.jsonld").read_text(encoding="utf-8"))
    assert first[0]["url"].startswith("https://example.org/checks/minimal#")
    assert capsys.readouterr().err.count("wrote ") == 2
    (folder / "test-story.jsonld").write_text("mine\n", encoding="utf-8")
    (folder / "minimal.jsonld").unlink()
    assert main(args) == 2  # one clash: nothing at all is written
    assert "test-story.jsonld: exists; use --force to overwrite" in capsys.readouterr().err
    assert sorted(path.name for path in folder.iterdir()) == ["test-story.jsonld"]
    assert main([*args, "--force"]) == 0
    assert (folder / "test-story.jsonld").read_text(encoding="utf-8").startswith("[")
    assert main(["export", "--seeds", str(SECOND_STORY), "--all"]) == 2
    assert "-o DIR" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        main(["export", "--all", "--story", "minimal", "-o", str(folder)])
    assert stopped.value.code == 2
    assert main(["export", "--seeds", str(SECOND_STORY), "--all", "-o", str(tmp_path / "md")]) == 0
    assert sorted(p.name for p in (tmp_path / "md").iterdir()) == ["minimal.md", "test-story.md"]


def test_the_readme_shows_the_command_and_a_real_object(seed: Corpus) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert ("export --format claimreview --author \"Example Checks\" --author-url "
            f"https://example.org --review-url '{TEMPLATE}'") in readme
    shown = readme.split("One object of the command's output", 1)[1]
    shown = json.loads(shown.split("```json\n", 1)[1].split("```", 1)[0])
    day = dt.date.fromisoformat(shown["datePublished"])
    reviews = json.loads(to_claimreview(seed, None, reviewer=REVIEWER, date_published=day))
    assert shown in reviews
    described = readme.split("| status | `ratingValue` | why |", 1)[1].split("\n\n", 1)[0]
    for status, value in STATUS_RATING.items():
        assert f"| {status.value} | {'—' if value is None else value} |" in described
