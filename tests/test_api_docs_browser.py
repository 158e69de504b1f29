"""``/docs`` renders in headless Chromium with the network blocked: every asset is local.

Chromium runs with every host name resolving to nothing but 127.0.0.1 and a dead proxy
for anything not on loopback, so a CDN URL would fail to load and Swagger UI would stay
blank. The test asserts the rendered DOM lists the saved-query operations, that every
script and style the page references is on the server itself, that Chromium's net log
holds no request off loopback (ReDoc too), and leaves a screenshot in its temporary
folder. Skipped when no Chromium is installed (``.ci/run`` installs it).
"""

# ruff: noqa: F811  (pytest fixtures imported from live_server are parameters here)

from __future__ import annotations

import re
import shutil
import socket
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from live_server import Live, live_api, news_store  # noqa: F401

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=127.0.0.1",
        "--virtual-time-budget=15000", "--window-size=1280,2200",
    ]  # fmt: skip
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip


# Chromium's own background requests (time, updates, accounts, autofill), not the page's.
BROWSER_HOSTS = {"clients2.google.com", "update.googleapis.com", "accounts.google.com",
                 "content-autofill.googleapis.com"}  # fmt: skip


def _outside_requests(netlog: Path) -> set[str]:
    """Every URL in Chromium's net log that is not on loopback (nor the browser's own)."""
    urls = set(re.findall(r'"url":"([^"]+)"', netlog.read_text(encoding="utf-8")))
    return {u for u in urls if urlsplit(u).scheme in ("http", "https", "ws", "wss")
            and urlsplit(u).hostname not in {"127.0.0.1", *BROWSER_HOSTS}}  # fmt: skip


@pytest.fixture
def no_outbound(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Refuse every socket connection of this process (the app's thread included) that
    leaves the machine; loopback and Unix sockets still work. Yields the refused ones."""
    refused: list[object] = []
    connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> None:
        host = address[0] if isinstance(address, tuple) else None
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in LOOPBACK:
            refused.append(address)
            raise OSError(f"network blocked by the test: {address!r}")
        connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)
    return refused


def test_docs_render_offline_in_chromium(
    live_api: Live, tmp_path: Path, no_outbound: list[object]
) -> None:
    with pytest.raises(OSError, match="network blocked"):  # the block is in force
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    assert no_outbound == [("192.0.2.1", 80)]
    no_outbound.clear()
    url = f"{live_api.url}/docs"
    with live_api.client() as http:
        page = http.get("/docs")
    assert "'self'" in page.headers["content-security-policy"]
    referenced = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", page.text)
    referenced += re.findall(r"""url:\s*["']([^"']+)["']""", page.text)
    assert referenced and all(u.startswith("/") for u in referenced), referenced

    netlog = tmp_path / "netlog.json"
    dom = _chromium(tmp_path, f"--log-net-log={netlog}", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert f"{live_api.url}/openapi.json" in netlog.read_text(encoding="utf-8")
    assert _outside_requests(netlog) == set()
    assert 'class="swagger-ui' in dom.stdout
    operations = set(re.findall(r'data-path="(/queries/[a-z_]+)"', dom.stdout))
    assert {"/queries/top_entities", "/queries/neighbourhood"} <= operations, operations
    assert "Failed to load API definition" not in dom.stdout

    redoc_log = tmp_path / "redoc-netlog.json"
    redoc = _chromium(tmp_path, f"--log-net-log={redoc_log}", "--dump-dom", f"{live_api.url}/redoc")
    assert redoc.returncode == 0 and "Top entities" in redoc.stdout, redoc.stderr[-2000:]
    assert _outside_requests(redoc_log) == set()

    shot = tmp_path / "docs.png"
    taken = _chromium(tmp_path, f"--screenshot={shot}", url)
    assert taken.returncode == 0 and shot.stat().st_size > 10_000, taken.stderr[-2000:]
    assert no_outbound == []
