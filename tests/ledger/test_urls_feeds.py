"""URLs and feeds against a local server: the failures a user meets, each a clear error naming the input."""

from __future__ import annotations

import gzip

import pytest

from tests.ledger.httpserver import Route, Site, serve
from zonewatch.errors import InputError
from zonewatch.ingest import urls
from zonewatch.ingest.feeds import MIN_CONTENT_CHARS, feed_documents, looks_like_feed
from zonewatch.ingest.sources import iter_documents

ARTICLE = (
    "<html><head><title>Tencent in Chengdu</title></head><body><article><p>"
    + ("Tencent invests RMB 5 billion in Chengdu Hi-Tech Zone on 2020-08-20. " * 5)
    + "</p></article></body></html>"
)


@pytest.fixture(autouse=True)
def _fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(urls, "BACKOFF_S", 0.0)


def rss(*items: tuple[str, str, str]) -> bytes:
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Thu, 20 Aug 2020 08:00:00 GMT</pubDate><description><![CDATA[{c}]]></description></item>"
        for t, link, c in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>news</title>{body}</channel></rss>'.encode()


def test_page_is_read_with_title_and_final_url() -> None:
    site = Site({"/a": Route(ARTICLE.encode()), "/old": Route(redirect="/a")})
    with serve(site):
        docs = list(iter_documents([site.url("/old")]))
    assert len(docs) == 1 and not isinstance(docs[0], Exception)
    assert "RMB 5 billion" in docs[0].text and docs[0].url == site.url("/a")


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(b"gone", status=404), "HTTP 404"),
        (Route(b"oops", status=500), "HTTP 500"),
        (Route(redirect="/loop"), "redirect"),
        (Route(b"x" * 5000), "limit"),
        (Route(b"a" * 50_000, gzip=True), "limit"),
        (Route(b"", status=200), "empty"),
    ],
    ids=["404", "500", "redirect-loop", "too-big", "gzip-bomb", "empty"],
)
def test_bad_urls_give_one_clear_error(route: Route, reason: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZONEWATCH_HTTP_MAX_BYTES", "4000")
    site = Site({"/loop": route})
    with serve(site):
        docs = list(iter_documents([site.url("/loop")]))
    assert len(docs) == 1 and isinstance(docs[0], InputError)
    assert site.url("/loop") in str(docs[0]) and reason in str(docs[0])


def test_server_errors_are_retried() -> None:
    site = Site({"/e": Route(b"", status=503)})
    with serve(site), pytest.raises(InputError):
        urls.fetch(site.url("/e"), timeout=2, max_bytes=1000)
    assert len(site.requests) == urls.RETRIES + 1


def test_timeout_is_an_error_not_a_hang() -> None:
    site = Site({"/slow": Route(b"late", delay=1.0)})
    with serve(site), pytest.raises(InputError, match="timed out"):
        urls.fetch(site.url("/slow"), timeout=0.2, max_bytes=1000)


def test_gzip_within_the_limit_is_decompressed() -> None:
    site = Site({"/z": Route(ARTICLE.encode(), gzip=True)})
    with serve(site):
        fetched = urls.fetch(site.url("/z"), timeout=2, max_bytes=100_000)
    assert fetched.body == ARTICLE.encode()
    assert gzip.compress(b"x")  # the server really sent gzip: checked by the bomb case above


def test_feed_entries_use_their_content_or_fetch_their_link() -> None:
    full = "<p>" + "NetEase invests RMB 2 billion in Tianfu Software Park on 2020-08-21. " * 4 + "</p>"
    assert len(full) > MIN_CONTENT_CHARS
    site = Site({"/article": Route(ARTICLE.encode())})
    with serve(site):
        site.routes["/feed"] = Route(
            rss(("NetEase", site.url("/netease"), full), ("Tencent", site.url("/article"), "teaser")),
            content_type="application/rss+xml",
        )
        fetched = urls.fetch(site.url("/feed"), timeout=2, max_bytes=100_000)
        assert looks_like_feed(fetched)
        docs = list(feed_documents(fetched, site.url("/feed")))
        fetched_paths = [path for path, _ in site.requests]
    assert [d.title for d in docs] == ["NetEase", "Tencent"]  # type: ignore[union-attr]
    assert "NetEase invests" in docs[0].text and "Tencent invests" in docs[1].text  # type: ignore[union-attr]
    assert docs[0].published is not None and docs[0].published.iso() == "2020-08-20"  # type: ignore[union-attr]
    assert "/netease" not in fetched_paths and "/article" in fetched_paths


def test_malformed_feed_is_an_error() -> None:
    site = Site({"/feed": Route(b"<rss><channel><item>", content_type="application/rss+xml")})
    with serve(site):
        docs = list(iter_documents([site.url("/feed")]))
    assert len(docs) == 1 and isinstance(docs[0], InputError) and "feed" in str(docs[0])
