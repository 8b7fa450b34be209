"""ClaimReview JSON-LD: one schema.org review per claim, in a form a fact-checker can publish.

Google's fact-check guidelines require ``claimReviewed``, ``reviewRating`` (with
``alternateName``) and ``url`` on each review, and recommend its ``author``,
``datePublished`` and ``itemReviewed`` (a ``Claim`` with its ``author``,
``datePublished`` and ``appearance``) and the rating's ``ratingValue``, ``bestRating``,
``worstRating`` and ``name``. The reviewer's identity and the page the review is
published on come from the user (``Reviewer``: flags or the config file's
``[claimreview]`` table); what the export cannot know it leaves out and says so
(``missing``), rather than writing a placeholder.

Rating: a claim's status is placed on a 1 (false) to 5 (true) scale by
``STATUS_RATING``; "asserted" and "speculative" say how far a claim was checked, not
whether it is true, so they carry a word and no number. Where the user gave a verdict,
it is the review's rating instead (its word only: a verdict is not a point on the
status scale), and the story's status is left as it is.

``claimReviewed`` is the claim's one-line summary (Google asks for under about 75
characters); the claim in full, in our own words, is the ``Claim``'s ``description``.

Sources: an appearance names the original (``url``) and, only where the seed gives
one, an archived snapshot of it (``archivedAt``). A copy that was read instead of the
original (``via``) is left out: ClaimReview has no property for "where we read it", and
the explanation text is the reason for the rating, not a bibliography.
"""

from __future__ import annotations

import datetime as dt
import json
import string
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote, urlsplit

from tui.core.export import web_url
from tui.core.labels import VERDICT_WORD
from tui.core.model import Actor, ActorKind, Claim, ClaimStatus, DatePrecision, When
from tui.core.text import clean_text

if TYPE_CHECKING:
    from tui.core.config import ClaimReviewConfig
    from tui.core.corpus import Corpus
    from tui.core.userdata import Take

WORST_RATING = 1
BEST_RATING = 5
STATUS_RATING: dict[ClaimStatus, int | None] = {
    ClaimStatus.ESTABLISHED: 5,  # confirmed by a primary source
    ClaimStatus.REPORTED: 4,  # confirmed by secondary sources only
    ClaimStatus.DISPUTED: 2,  # contradicted by others with some evidence
    ClaimStatus.MISREPORTED: 1,  # a reading the primary sources contradict
    ClaimStatus.ASSERTED: None,  # not independently checked: no judgement of truth
    ClaimStatus.SPECULATIVE: None,  # a guess or a joke: no judgement of truth
}
"""Each status on the 1 (false) to 5 (true) scale; ``None``: a word only, no number.

3, the middle, is left unused on purpose: it would read as "half true", which is what
an unchecked claim is not known to be.
"""

AUTHOR_TYPES = ("Organization", "Person")
PLACEHOLDERS = ("story", "claim")
SCHEMA_CONTEXT = "https://schema.org"


def scale_note() -> str:
    """The status scale in one sentence, for the seed's JSON Schema and the docs."""
    numbered = ", ".join(
        f"{status.value} {value}" for status, value in STATUS_RATING.items() if value is not None
    )
    words = " and ".join(s.value for s, value in STATUS_RATING.items() if value is None)
    return (
        f"In ClaimReview exports the status is the rating on a {WORST_RATING} (false) to "
        f"{BEST_RATING} (true) scale: {numbered}; {words} are not a judgement of truth and "
        "carry their word only."
    )


# --------------------------------------------------------------------------- the reviewer


class ReviewUrlError(ValueError):
    """A review URL template that cannot make a URL; the message says why."""


def check_review_url(template: str) -> str:
    """``template`` if it makes an absolute http(s) URL from ``{story}`` and ``{claim}``.

    Raises ``ReviewUrlError`` naming the problem: an unknown or malformed placeholder
    (``{{`` and ``}}`` are literal braces), or a result that is not a web address.
    """
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as error:
        raise ReviewUrlError(f"not a URL template ({error}); write a literal brace as "
                             "{{ or }}") from None
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in PLACEHOLDERS:
            field = field if field.isprintable() else repr(field)
            raise ReviewUrlError(f"unknown placeholder {{{field}}}; the placeholders are "
                                 "{story} and {claim}")
        if spec or conversion:
            raise ReviewUrlError(f"placeholder {{{field}}} takes no format or conversion; "
                                 f"write it as {{{field}}}")
    try:
        check_web_url(render_review_url(template, "story-id", "claim-id"))
    except ValueError:
        raise ReviewUrlError("does not make an absolute http(s) URL without spaces: "
                             f"{template!r}") from None
    return template


def render_review_url(template: str, story_id: str, claim_id: str) -> str:
    """The review page of one claim: the template with its ids filled in (URL-escaped)."""
    return template.format(story=quote(story_id, safe=""), claim=quote(claim_id, safe=""))


def check_web_url(url: str) -> str:
    """``url`` if it is an absolute http(s) address without spaces, else ``ValueError``."""
    parts = urlsplit(url)
    if (parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 2000
            or any(c.isspace() or not c.isprintable() for c in url)):
        raise ValueError(f"not an absolute http(s) URL without spaces: {url!r}")
    return url


class Reviewer(NamedTuple):
    """Who publishes the reviews, and where: from the flags, else the config file."""

    name: str | None = None
    url: str | None = None
    kind: str = "Organization"
    review_url: str | None = None  # a template checked by ``check_review_url``


NO_REVIEWER = Reviewer()
"""Neither flags nor config: the reviews have no ``url`` and no ``author``."""


class ReviewerError(ValueError):
    """An option that cannot be used as given; ``option`` names it."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(message)
        self.option = option


def choose_reviewer(
    settings: ClaimReviewConfig | None,
    *,
    author: str | None = None,
    author_url: str | None = None,
    author_type: str | None = None,
    review_url: str | None = None,
) -> Reviewer:
    """The reviewer from the flags given, else from the config file's ``[claimreview]``.

    Raises ``ReviewerError`` for a flag that cannot be used: an empty name, an author
    URL that is not a web address or names no one, a review URL template that cannot
    make a URL.
    """
    name = settings.author if settings else None
    url = settings.author_url if settings else None
    kind = settings.author_type if settings else AUTHOR_TYPES[0]
    template = settings.review_url if settings else None
    if author is not None:
        name = clean_text(author).strip()
        if not name or len(name) > 200:
            raise ReviewerError("--author", "give a name of 1 to 200 characters")
    if author_url is not None:
        try:
            url = check_web_url(author_url)
        except ValueError as error:
            raise ReviewerError("--author-url", str(error)) from None
    if author_type is not None:
        kind = next((t for t in AUTHOR_TYPES if t.lower() == author_type.lower()), "")
        if not kind:
            raise ReviewerError("--author-type", f"unknown type {author_type!r}; use "
                                + " or ".join(AUTHOR_TYPES))
    if review_url is not None:
        try:
            template = check_review_url(review_url)
        except ReviewUrlError as error:
            raise ReviewerError("--review-url", str(error)) from None
    if url is not None and name is None:
        raise ReviewerError("--author-url", "names no one: add --author NAME")
    return Reviewer(name, url, kind, template)


class Lack(NamedTuple):
    """A property Google asks for that the reviews will not have, and what adds it."""

    prop: str
    google: str  # "requires" or "recommends"
    flag: str
    key: str  # in the config file's [claimreview] table

    def advice(self, *, flags: bool = True) -> str:
        """``url (Google requires it): add --review-url … or set review-url in …``."""
        how = f"add {self.flag} or set {self.key}" if flags else f"set {self.key}"
        return (f"the reviews have no {self.prop} (Google {self.google} it): {how} in the "
                "[claimreview] table of the config file")


def missing(reviewer: Reviewer) -> list[Lack]:
    """What Google asks for that the reviewer did not give."""
    lacks = []
    if reviewer.review_url is None:
        lacks.append(Lack("url", "requires", "--review-url 'https://…/{story}#{claim}'",
                          "review-url"))
    if reviewer.name is None:
        lacks.append(Lack("author", "recommends", "--author NAME", "author"))
    return lacks


# --------------------------------------------------------------------------- the reviews


def _date(when: When) -> str:
    """A date as precise as it is known: ``2021``, ``2025-03``, a day, or a UTC time."""
    if when.precision == DatePrecision.YEAR:
        return f"{when.date.year:04d}"
    if when.precision == DatePrecision.MONTH:
        return f"{when.date.year:04d}-{when.date.month:02d}"
    if when.precision == DatePrecision.MINUTE and when.time_utc is not None:
        moment = dt.datetime.combine(when.date, when.time_utc, tzinfo=dt.UTC)
        return moment.isoformat().replace("+00:00", "Z")
    return when.date.isoformat()


def _appearances(corpus: Corpus, claim: Claim) -> list[dict[str, Any]]:
    """Where the claim appeared: its sources (original URL, publisher, date, snapshot),
    or the story's article when it has none."""
    by_id = {source.id: source for source in corpus.sources}
    found = []
    for source_id in claim.sources:
        source = by_id.get(source_id)
        if source is None:
            continue
        work: dict[str, Any] = {"@type": "CreativeWork"}
        if source.url:
            work["url"] = web_url(source.url)
        work["name"] = source.title
        work["genre"] = source.kind.value  # primary, reporting, analysis or reference
        if source.publisher:
            work["publisher"] = {"@type": "Organization", "name": source.publisher}
        if source.date is not None:
            work["datePublished"] = source.date.isoformat()
        if source.archived:
            work["archivedAt"] = source.archived
        found.append(work)
    if found:
        return found
    section = next((s for s in corpus.sections if s.id == claim.section), None)
    name = f"{corpus.story.source}: {section.title}" if section else corpus.story.source
    return [{"@type": "CreativeWork", "name": name}]


def _rating(claim: Claim, take: Take | None) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating"}
    if take is not None and take.verdict is not None:
        word = VERDICT_WORD[take.verdict]
        value = None
    else:
        word = claim.status.value.capitalize()
        value = STATUS_RATING[claim.status]
    rating["alternateName"] = word
    rating["name"] = word
    if value is not None:
        rating["ratingValue"] = value
        rating["bestRating"] = BEST_RATING
        rating["worstRating"] = WORST_RATING
    explanation = (take.note if take else "") or claim.status_note
    if explanation:
        rating["ratingExplanation"] = explanation
    return rating


def _item(corpus: Corpus, claim: Claim) -> dict[str, Any]:
    actor = corpus.get(claim.by)
    kind = actor.kind if isinstance(actor, Actor) else ActorKind.PERSON
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": {
            "@type": "Organization" if kind == ActorKind.ORGANISATION else "Person",
            "name": corpus.actor_name(claim.by),
        },
        "description": claim.text,
        "appearance": _appearances(corpus, claim),
    }
    if claim.date is not None:
        item["datePublished"] = _date(claim.date)
    return item


def reviews(
    corpus: Corpus,
    takes: Mapping[str, Take] | None = None,
    *,
    reviewer: Reviewer = NO_REVIEWER,
    date_published: dt.date | None = None,
) -> list[dict[str, Any]]:
    """A ``ClaimReview`` per claim, in story order, as JSON-LD objects."""
    published = (date_published or dt.datetime.now(dt.UTC).date()).isoformat()
    live = {claim: take for claim, take in (takes or {}).items() if not take.empty}
    author: dict[str, str] | None = None
    if reviewer.name is not None:
        author = {"@type": reviewer.kind, "name": reviewer.name}
        if reviewer.url is not None:
            author["url"] = reviewer.url
    out = []
    for claim in corpus.claims:
        review: dict[str, Any] = {"@context": SCHEMA_CONTEXT, "@type": "ClaimReview"}
        if reviewer.review_url is not None:
            review["url"] = render_review_url(reviewer.review_url, corpus.story.id, claim.id)
        review["claimReviewed"] = claim.short
        review["itemReviewed"] = _item(corpus, claim)
        review["reviewRating"] = _rating(claim, live.get(claim.id))
        if author is not None:
            review["author"] = author
        review["datePublished"] = published
        out.append(review)
    return out


def to_claimreview(
    corpus: Corpus,
    takes: Mapping[str, Take] | None = None,
    *,
    reviewer: Reviewer = NO_REVIEWER,
    date_published: dt.date | None = None,
) -> str:
    """The reviews as an indented JSON-LD array: the same inputs give the same bytes."""
    data = reviews(corpus, takes, reviewer=reviewer, date_published=date_published)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
