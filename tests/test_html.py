"""HTML news pages: the stored Document keeps the page's title, canonical URL, publication
date and site name, and its text is the article without the page's boilerplate."""

from __future__ import annotations

from pathlib import Path

from newsgraph.graph.model import Document
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import GraphStore
from newsgraph.ingest.html import read_html
from newsgraph.ingest.sources import read_sources

# A page written for this test: a news article inside a typical site's chrome.
PAGE = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Harbourline Freight agrees venture with Kestrel Ports | The Tidewater Ledger</title>
<link rel="canonical" href="https://ledger.example.net/business/2025/03/harbourline-kestrel">
<meta property="og:title" content="Harbourline Freight agrees venture with Kestrel Ports">
<meta property="og:site_name" content="The Tidewater Ledger">
<meta property="og:url" content="https://ledger.example.net/business/2025/03/harbourline-kestrel">
<meta property="article:published_time" content="2025-03-14T08:30:00+00:00">
<script>window.adSlots = ["TOP BANNER SLOT"];</script>
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<header><nav><a href="/">Home</a> <a href="/markets">Markets</a> <a href="/world">World</a>
<a href="/subscribe">Subscribe for unlimited access</a></nav></header>
<main><article>
<h1>Harbourline Freight agrees venture with Kestrel Ports</h1>
<p class="byline">By a staff reporter, 14 March 2025. The company was founded in 1987.</p>
<p>Harbourline Freight said on Friday it had agreed a joint venture with Kestrel Ports to run
a container terminal on the northern coast, a deal worth several hundred million dollars.</p>
<p>The two companies will share the cost of new cranes and a rail link, and expect the
terminal to handle its first ships within two years, the chief executive told reporters.</p>
<p>Analysts said the venture gives Kestrel Ports a steady customer while Harbourline gains
capacity it has lacked since demand for shipping recovered last year.</p>
</article>
<aside><h3>Most read</h3><ul><li>Ten gadgets to buy before the summer sale ends</li>
<li>Celebrity chef opens floating restaurant</li></ul></aside></main>
<footer><p>Copyright 2025 Tidewater Ledger Media. All rights reserved. Terms of use.</p>
<p>Sign up for our newsletter to get the morning briefing.</p></footer>
</body></html>
"""
BOILERPLATE = ("cookies", "Subscribe", "Markets", "Most read", "gadgets", "Copyright",
               "newsletter", "TOP BANNER")  # fmt: skip


def test_page_metadata_and_main_text() -> None:
    article = read_html(PAGE)
    assert article.title == "Harbourline Freight agrees venture with Kestrel Ports"
    assert article.url == "https://ledger.example.net/business/2025/03/harbourline-kestrel"
    assert article.published == "2025-03-14"
    assert article.source == "The Tidewater Ledger"
    assert article.text.startswith(article.title + "\n\n")
    assert "joint venture with Kestrel Ports" in article.text
    assert "steady customer" in article.text
    for words in BOILERPLATE:
        assert words not in article.text, words


def test_no_date_is_guessed_from_the_body() -> None:
    page = PAGE.replace('<meta property="article:published_time" '
                        'content="2025-03-14T08:30:00+00:00">', "")  # fmt: skip
    page = page.replace("14 March 2025. ", "")
    assert read_html(page).published is None


def test_stored_document_keeps_the_metadata(falkordb_store: GraphStore, tmp_path: Path) -> None:
    from newsgraph.ingest.extract import EXTRACTOR_VERSION, Extractor
    from newsgraph.ingest.jobs import IngestOptions, run_ingest

    (tmp_path / "harbourline.html").write_text(PAGE, encoding="utf-8")
    (doc,) = read_sources([tmp_path], max_bytes=1_000_000)
    assert isinstance(doc, Document) and doc.id == "harbourline"
    options = IngestOptions(paths=(str(tmp_path),), extractor_version=EXTRACTOR_VERSION)
    summary = run_ingest(falkordb_store, Extractor(Settings()), options)
    assert summary.documents_new == 1 and not summary.documents_failed
    statement = falkordb_store.library.get("export/documents_full").text
    (row,) = falkordb_store.run(statement, {"ids": ["harbourline"]}).records()
    stored = row["properties"]
    assert stored["title"] == "Harbourline Freight agrees venture with Kestrel Ports"
    assert stored["url"] == "https://ledger.example.net/business/2025/03/harbourline-kestrel"
    assert stored["published"] == "2025-03-14"
    assert stored["source"] == "The Tidewater Ledger"
    assert "container terminal" in stored["text"]
    assert not any(words in stored["text"] for words in BOILERPLATE)
