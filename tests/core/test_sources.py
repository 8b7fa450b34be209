"""Sources name their original publisher; a copy that was read is ``via``.

FACTS.md, "Source hygiene": copies (proxies, staging hosts, a ROT13 mirror, re-posts)
are never cited as the publisher; the canonical URL is used where the table gives one,
and tag or listing pages that drift are dropped. The JSON and Markdown exports carry
``via``; ClaimReview leaves it out (its ``archivedAt`` is only a real snapshot, ``archived``).
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlsplit

import pytest
from pydantic import ValidationError

from tui.core.claimreview import to_claimreview
from tui.core.corpus import Corpus
from tui.core.export import seed_json_schema, to_json, to_markdown
from tui.core.model import Claim, Source, SourceKind
from tui.core.schema import Source as SourceModel

# FACTS.md, Source hygiene: hosts that are copies, never to be cited as the publisher
COPY_HOSTS = {
    "vuink.com", "businessplus-ie-preprod.go-vip.net", "wccftech-com.nproxy.org",
    "blitz.nocrawl.www.anandtech.com", "sibshop.uat.jiralog.com", "api.ai-analytics.org",
    "open-gov.usebase.io", "www.awof.org", "awof.org", "dailynewsff.com", "globetimeline.com",
    "www.japanviral.com", "bulletinlab.com", "greatretirementdelight.com", "www.tumgag.com",
    "techpowerup.com", "huggingface.co",
}
# ... and the canonical URL where the table gives one
CANONICAL = {
    "toms-semia": "https://www.tomshardware.com/tech-industry/artificial-intelligence/deepseek-might-not-be-as-disruptive-as-claimed-firm-reportedly-has-50-000-nvidia-gpus-and-spent-usd1-6-billion-on-buildouts",
    "toms-h20": "https://www.tomshardware.com/tech-industry/artificial-intelligence/nvidia-writes-off-usd5-5-billion-in-gpus-as-us-govt-chokes-off-supply-of-h20s-to-china",
    "businessplus": "https://businessplus.ie/news/nvidia-loses-usd589bn/",
    "wccf": "https://wccftech.com/chinese-ai-lab-deepseek-has-50000-nvidia-h100-ai-gpus-says-ai-ceo/",
    "at-a100-80": "https://www.anandtech.com/show/16250/nvidia-announces-a100-80gb-ampere-gets-hbm2e-memory-upgrade",
    "aws-cb": "https://aws.amazon.com/ec2/capacityblocks/pricing/",
    "fr-2022": "https://www.federalregister.gov/d/2022-21658",
}
# ... or, where the original URL is not verified, the publisher and the date to cite
UNVERIFIED = {
    "at-h100-prod": ("AnandTech", dt.date(2022, 9, 20)),
    "newsweek": ("Newsweek", None),
    "geekwire": ("GeekWire", None),
    "axios": ("Axios", None),
    "reuters-chip-ban-speedup": ("Reuters", dt.date(2023, 10, 24)),
}


def _host(url: str) -> str:
    return urlsplit(url).hostname or ""


def _source(seed: Corpus, source_id: str) -> Source:
    source = seed.get(source_id)
    assert isinstance(source, Source), source_id
    return source


def test_no_source_cites_a_copy_as_its_url(seed: Corpus) -> None:
    for source in seed.sources:
        if source.url is not None:
            assert _host(source.url) not in COPY_HOSTS, source.id
        if source.via is not None:
            assert source.publisher, f"{source.id}: a copy must name the original publisher"
            assert "copy" not in source.title.lower(), f"{source.id}: the original's title"


def test_copies_cite_the_canonical_url_and_keep_the_copy_as_via(seed: Corpus) -> None:
    for source_id, url in CANONICAL.items():
        source = _source(seed, source_id)
        assert source.url == url
        assert source.via is not None and _host(source.via) in COPY_HOSTS, source_id


def test_unverified_originals_are_cited_by_publisher_and_date(seed: Corpus) -> None:
    for source_id, (publisher, date) in UNVERIFIED.items():
        source = _source(seed, source_id)
        assert source.url is None, source_id
        assert source.via is not None and _host(source.via) in COPY_HOSTS
        assert (source.publisher, source.date) == (publisher, date)


def test_drifting_tag_pages_are_gone(seed: Corpus) -> None:
    ids = {source.id for source in seed.sources}
    assert not ids & {"tumgag", "tpu-h800", "vuink-h20", "greatret", "r1-notes-copy"}
    hosts = {_host(url) for s in seed.sources for url in (s.url, s.via) if url}
    assert not hosts & {"www.tumgag.com", "techpowerup.com"}


def test_the_altman_source_is_his_x_post(seed: Corpus) -> None:
    post = _source(seed, "altman-x-post")
    assert post.url == "https://x.com/sama/status/1884066337103962416"
    assert "X post" in post.title and "CNBC" not in post.title
    assert post.kind is SourceKind.PRIMARY
    assert "cnbc-altman" not in seed
    for source in seed.sources:
        if source.url and _host(source.url) == "x.com":
            assert "CNBC" not in source.title and "CNBC" not in (source.publisher or "")


def test_r1_api_prices_come_from_deepseeks_release_page(seed: Corpus) -> None:
    claim = seed.get("ds-rivals-openai")
    assert isinstance(claim, Claim) and claim.status_note is not None
    assert "$0.14" in claim.status_note and "$2.19" in claim.status_note
    release = _source(seed, "r1-date")
    assert release.url == "https://api-docs.deepseek.com/news/news250120"
    assert release.publisher == "DeepSeek" and release.kind is SourceKind.PRIMARY
    assert release.via is not None and _host(release.via) == "huggingface.co"
    assert "r1-date" in claim.sources
    assert all(_host(_source(seed, s).url or "") != "huggingface.co" for s in claim.sources)


# --------------------------------------------------------------------------- the schema


def test_a_source_needs_a_url_or_a_via() -> None:
    base = {"id": "s", "title": "A report", "publisher": "Outlet", "kind": "reporting"}
    assert SourceModel.model_validate({**base, "via": "https://copy.example/a"}).url is None
    assert SourceModel.model_validate({**base, "url": "https://outlet.example/a"}).via is None
    with pytest.raises(ValidationError, match="no URL: give url"):
        SourceModel.model_validate(base)
    with pytest.raises(ValidationError, match="via repeats url"):
        SourceModel.model_validate({**base, "url": "https://a.example", "via": "https://a.example"})
    with pytest.raises(ValidationError) as caught:
        SourceModel.model_validate({**base, "via": "javascript:alert(1)"})
    assert [tuple(e["loc"]) for e in caught.value.errors()] == [("via",)]


def test_archived_is_a_snapshot_of_its_own() -> None:
    base = {"id": "s", "title": "A report", "kind": "reporting",
            "url": "https://outlet.example/a", "via": "https://copy.example/a"}
    snapshot = "https://web.archive.org/web/20250128000000/https://outlet.example/a"
    assert SourceModel.model_validate({**base, "archived": snapshot}).archived == snapshot
    assert SourceModel.model_validate(base).archived is None
    for wrong in (base["url"], base["via"], "arxiv:2412.19437"):
        with pytest.raises(ValidationError, match="archived must be the snapshot's own"):
            SourceModel.model_validate({**base, "archived": wrong})
    with pytest.raises(ValidationError) as caught:
        SourceModel.model_validate({**base, "archived": "javascript:alert(1)"})
    assert [tuple(e["loc"]) for e in caught.value.errors()] == [("archived",)]
    described = json.dumps(json.loads(seed_json_schema())["$defs"]["Source"]["properties"])
    assert "archived snapshot" in described


def test_the_json_schema_describes_via() -> None:
    source = json.loads(seed_json_schema())["$defs"]["Source"]
    assert set(source["required"]) == {"id", "title", "kind"}
    assert set(source["properties"]["kind"]["$ref"].split("/")[-1:]) == {"SourceKind"}
    assert "via" in source["properties"] and "url" in source["properties"]
    assert "copy" in json.dumps(source["properties"]["via"])


# --------------------------------------------------------------------------- exports


def test_exports_carry_via(seed: Corpus) -> None:
    data = json.loads(to_json(seed, None))
    semia = next(s for s in data["sources"] if s["id"] == "toms-semia")
    assert semia["url"] == CANONICAL["toms-semia"] and _host(semia["via"]) == "vuink.com"
    markdown = to_markdown(seed, None)
    assert f"]({CANONICAL['toms-semia']}) (read via [vuink.com](https://vuink.com/" in markdown
    assert "Elon Musk questions DeepSeek microchip claims (read via [dailynewsff.com]" in markdown
    reviews = json.loads(to_claimreview(seed, None, date_published=dt.date(2025, 2, 1)))
    claims = [claim.id for claim in seed.claims]
    semianalysis = reviews[claims.index("semianalysis-50k-hopper")]["itemReviewed"]
    toms = next(a for a in semianalysis["appearance"] if a.get("url") == CANONICAL["toms-semia"])
    assert toms["publisher"] == {"@type": "Organization", "name": "Tom's Hardware"}
    semia = next(a for a in semianalysis["appearance"]
                 if a["name"].startswith("DeepSeek Debates"))
    assert semia["url"] == "https://semianalysis.com/2025/01/31/deepseek-debates/"
    assert semia["genre"] == "analysis" and toms["genre"] == "reporting"
    sources = {s["id"]: s for s in data["sources"]}
    assert sources["dsv3"]["kind"] == "primary" and sources["strat"]["kind"] == "analysis"
    assert "primary: [DeepSeek-V3 Technical Report" in markdown
    # A copy is not an archived snapshot: no via reaches ClaimReview, as archivedAt or at all
    copies = [source.via for source in seed.sources if source.via]
    text = json.dumps(reviews)
    assert copies and "archivedAt" not in text
    assert not [copy for copy in copies if copy in text]
