"""HTML news pages: main text and metadata through trafilatura.

Most news that researchers collect is saved HTML. :func:`read_html` keeps what a
timeline and a citation need: the article's main text (navigation, cookie banners,
"related stories", footers and comments left out), its title (``og:title``, ``<title>``
or JSON-LD ``headline``), canonical URL (``<link rel="canonical">``, ``og:url``),
publication date (``article:published_time``, JSON-LD ``datePublished`` and the other
markers htmldate knows, without guessing from the body text) and site name
(``og:site_name``). When trafilatura finds no main text (very short or unusual pages),
the plain block reader of :mod:`ingest.sources` is the fallback, so a page is never
lost for want of an article container.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["HtmlArticle", "read_html"]

# Only metadata the page states: htmldate's extensive search would also take a year
# from the body ("founded in 2002") as the publication date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True)
class HtmlArticle:
    """What one HTML page holds: the main text and the metadata found (``None`` if absent)."""

    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None

    def metadata(self) -> dict[str, str | None]:
        """The :class:`~graph.model.Document` fields this page gives."""
        return {"title": self.title, "url": self.url, "published": self.published,
                "source": self.source}  # fmt: skip


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _blocks(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def read_html(html: str, fallback: str = "") -> HtmlArticle:
    """The main text and metadata of ``html``; ``fallback`` is the text to use when
    trafilatura finds no main text. The title leads the text (as a headline does), so
    the extractor sees the sentence most articles summarise themselves in."""
    import trafilatura  # lazy: only ingest of HTML needs it

    found = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )  # fmt: skip
    meta: dict[str, Any] = (
        {} if found is None else (found if isinstance(found, dict) else found.as_dict())
    )
    title = _clean(meta.get("title"))
    blocks = _blocks(meta.get("text") or "") or _blocks(fallback)
    if title and blocks and blocks[0] != title:
        blocks.insert(0, title)
    return HtmlArticle(
        text="\n\n".join(blocks),
        title=title,
        url=_clean(meta.get("url")),
        published=_clean(meta.get("date")),
        source=_clean(meta.get("sitename")),
    )
