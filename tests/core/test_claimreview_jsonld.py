"""The ClaimReview export read as linked data: expanded by pyld, offline.

``tests/data/claimreview/schema-org-context.jsonld`` is a small schema.org context: the
schema.org terms the export may use, each mapped to its ``http://schema.org/`` IRI the
way schema.org's own context maps it, and no ``@vocab``. A document loader serves it
for ``https://schema.org`` (anything else fails the test: no network), so a term the
vocabulary does not know is dropped by the expansion, and the counts below catch it.

The export is also read the way a consumer of the linked data reads it: each review
must name its page (``schema:url``, an IRI) and its author with a name and web site, and
no appearance may carry a copy as ``schema:archivedAt``. The export as it was before the
reviewer and the rating scale (``old-export.jsonld``) fails these checks.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld  # type: ignore[import-untyped]

from tests.core.support import DATA
from tui.core.claimreview import Reviewer, to_claimreview
from tui.core.corpus import Corpus

SCHEMA = "http://schema.org/"
CONTEXT_FILE = DATA / "claimreview" / "schema-org-context.jsonld"
OLD_EXPORT = DATA / "claimreview" / "old-export.jsonld"
REVIEWER = Reviewer("Example Checks", "https://example.org", "Organization",
                    "https://example.org/checks/{story}#{claim}")


def _load_document(url: str, options: Any = None) -> dict[str, Any]:
    """pyld's document loader: the local schema.org context, and nothing else."""
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"the test asked for {url}: only the local context is served")
    document = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
    return {"contextUrl": None, "documentUrl": url, "document": document}


def _expand(data: Any) -> list[dict[str, Any]]:
    expanded: list[dict[str, Any]] = jsonld.expand(data, {"documentLoader": _load_document})
    return expanded


def _compact_terms(value: Any) -> list[str]:
    """Every property and type named in the export, once per use."""
    if isinstance(value, list):
        return [term for item in value for term in _compact_terms(item)]
    if not isinstance(value, dict):
        return []
    terms = []
    for key, item in value.items():
        if key == "@type":
            terms.append(f"type {item}")
        elif not key.startswith("@"):
            terms.append(key)
            terms += _compact_terms(item)
    return terms


def _expanded_terms(value: Any) -> list[str]:
    """The same, from the expansion: property IRIs and type IRIs."""
    if isinstance(value, list):
        return [term for item in value for term in _expanded_terms(item)]
    if not isinstance(value, dict):
        return []
    terms = []
    for key, item in value.items():
        if key == "@type":
            terms += [f"type {iri}" for iri in item]
        elif not key.startswith("@"):
            terms.append(key)
            terms += _expanded_terms(item)
    return terms


def vocabulary_problems(data: Any) -> list[str]:
    """What the expansion dropped, or mapped outside schema.org."""
    compact, expanded = _compact_terms(data), _expanded_terms(_expand(data))
    problems = [f"not a schema.org IRI: {term}" for term in expanded
                if not term.removeprefix("type ").startswith(SCHEMA)]
    kept = [term.replace(SCHEMA, "") for term in expanded]
    for term in sorted(set(compact)):
        if compact.count(term) != kept.count(term):
            problems.append(f"dropped as an unknown term: {term}")
    return problems


def _one(node: dict[str, Any], name: str) -> Any:
    values = node.get(SCHEMA + name) or [None]
    return values[0]


def linked_data_problems(data: Any) -> list[str]:
    """A review without its page or its author's identity, or a copy as archivedAt."""
    problems = []
    reviews = [n for n in _expand(data) if SCHEMA + "ClaimReview" in n.get("@type", [])]
    if not reviews:
        problems.append("no schema:ClaimReview")
    for review in reviews:
        page = _one(review, "url")
        if not (isinstance(page, dict) and page.get("@id", "").startswith("https://")):
            problems.append("a review without its page (schema:url, an IRI)")
        author = _one(review, "author")
        if not isinstance(author, dict) or not _one(author, "name") or not _one(author, "url"):
            problems.append("a review whose author has no name and web site")
    return problems


def _copies_as_archives(data: Any, corpus: Corpus) -> list[str]:
    copies = {source.via for source in corpus.sources if source.via}
    found = []
    for node in _walk(_expand(data)):
        for snapshot in node.get(SCHEMA + "archivedAt", []):
            if snapshot.get("@id") in copies:
                found.append(snapshot["@id"])
    return found


def _walk(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, list):
        return [node for item in value for node in _walk(item)]
    if isinstance(value, dict):
        return [value] + [node for item in value.values() for node in _walk(item)]
    return []


@pytest.fixture(scope="module")
def exported(request: pytest.FixtureRequest) -> Any:
    seed = request.getfixturevalue("seed")
    return json.loads(to_claimreview(seed, None, reviewer=REVIEWER,
                                     date_published=dt.date(2025, 2, 1)))


def test_every_term_of_the_export_is_schema_org(exported: Any) -> None:
    assert vocabulary_problems(exported) == []
    assert len(_compact_terms(exported)) > 14 * 10  # the walk saw the whole export


def test_each_review_names_its_page_and_author_as_linked_data(exported: Any, seed: Corpus) -> None:
    assert linked_data_problems(exported) == []
    assert _copies_as_archives(exported, seed) == []


def test_a_snapshot_is_an_archivedAt_iri(minimal: Corpus, tmp_path: Path) -> None:
    from tests.core.test_claimreview import with_archived_source

    corpus = with_archived_source(minimal)
    data = json.loads(to_claimreview(corpus, None, reviewer=REVIEWER))
    snapshots = [s["@id"] for node in _walk(_expand(data))
                 for s in node.get(SCHEMA + "archivedAt", [])]
    assert snapshots and set(snapshots) == {corpus.sources[0].archived}
    assert vocabulary_problems(data) == []


def test_the_checks_catch_an_unknown_term_and_the_old_export(seed: Corpus) -> None:
    """The checks can fail: on a made-up term, and on the export before the reviewer."""
    bogus = {"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewd": "x",
             "reviewRating": {"@type": "Verdict", "alternateName": "False"}}
    problems = vocabulary_problems(bogus)
    assert "dropped as an unknown term: claimReviewd" in problems
    assert "dropped as an unknown term: type Verdict" in problems
    assert len(problems) == 3  # and Verdict, a relative IRI, is not schema.org's
    old = json.loads(OLD_EXPORT.read_text(encoding="utf-8"))
    problems = linked_data_problems(old)
    assert problems.count("a review without its page (schema:url, an IRI)") == len(old) == 14
    assert problems.count("a review whose author has no name and web site") == 14
    assert len(_copies_as_archives(old, seed)) == 13
