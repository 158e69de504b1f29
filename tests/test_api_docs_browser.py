"""``/docs`` renders in headless Chromium with the network blocked: every asset is local.

Chromium runs with every host name resolving to nothing but 127.0.0.1 and a dead proxy
for anything not on loopback, so a CDN URL would fail to load and Swagger UI would stay
blank. The test asserts the rendered DOM lists the saved-query operations, that every
script and style the page references is on the server itself, and leaves a screenshot
in its temporary folder. Skipped when no Chromium is installed (``.ci/run`` installs it).
"""

# ruff: noqa: F811  (pytest fixtures imported from live_server are parameters here)

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from live_server import Live, live_api, news_store  # noqa: F401

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


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


def test_docs_render_offline_in_chromium(live_api: Live, tmp_path: Path) -> None:
    url = f"{live_api.url}/docs"
    with live_api.client() as http:
        page = http.get("/docs")
    assert "'self'" in page.headers["content-security-policy"]
    referenced = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", page.text)
    referenced += re.findall(r"""url:\s*["']([^"']+)["']""", page.text)
    assert referenced and all(u.startswith("/") for u in referenced), referenced

    dom = _chromium(tmp_path, "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert 'class="swagger-ui' in dom.stdout
    operations = set(re.findall(r'data-path="(/queries/[a-z_]+)"', dom.stdout))
    assert {"/queries/top_entities", "/queries/neighbourhood"} <= operations, operations
    assert "Failed to load API definition" not in dom.stdout

    shot = tmp_path / "docs.png"
    taken = _chromium(tmp_path, f"--screenshot={shot}", url)
    assert taken.returncode == 0 and shot.stat().st_size > 10_000, taken.stderr[-2000:]
