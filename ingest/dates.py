"""Publication dates as sources write them, read as ISO calendar days.

The write statements store these as Cypher ``date`` values (``date($text)``); the source's
own text is kept beside the date when it says more (``published_text``).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

__all__ = ["document_date", "iso_date", "published_text"]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")


def iso_date(text: str | None) -> str | None:
    """``YYYY-MM-DD`` of a publication date as sources write it, else ``None`` (the
    statements store it with ``date()``): ISO (``2024-05-01``, ``2024-05-01T08:30:00Z``),
    RFC 2822 as RSS feeds write it (``Wed, 01 May 2024 08:30:00 GMT``), and day, month
    name and year in either order (``1 May 2024``, ``May 1, 2024``). The calendar day
    written is kept (no conversion to UTC)."""
    if not text:
        return None
    text = text.strip()
    if _ISO_DATE.match(text):
        try:
            return dt.date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    cleaned = _ORDINAL.sub(r"\1", text.replace(",", " ").replace(".", " "))
    for pattern in ("%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y"):
        try:
            return dt.datetime.strptime(" ".join(cleaned.split()), pattern).date().isoformat()
        except ValueError:
            continue
    return None


def published_text(text: str | None) -> str | None:
    """The source's own publication text, kept beside the date when it says more than the
    date (a time, a zone, another format) or could not be read as one: nothing the source
    gave is lost."""
    if not text or not text.strip():
        return None
    text = text.strip()
    return None if iso_date(text) == text else text


def document_date(published: str | None, today: str) -> str:
    """The date a document counts for: its ISO publication date, else ``today``."""
    return iso_date(published) or today
