"""Run mypy over the ``newsgraph`` package as installed from this checkout.

The repository's folders map into one import name (``graph/`` is ``newsgraph.graph``
and so on, see ``[tool.setuptools] package-dir`` in ``pyproject.toml``). mypy reads
source folders, not setuptools' editable import hook, so this script lays the
mapping out as a tree of links under ``build/mypy/newsgraph`` and runs mypy there.

    python tools/typecheck.py [MYPY ARGS...]
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TREE = ROOT / "build" / "mypy"


def link_tree() -> Path:
    """``build/mypy/newsgraph`` laid out as the installed package, by symbolic links."""
    mapping = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-dir"
    ]
    package = TREE / "newsgraph"
    package.mkdir(parents=True, exist_ok=True)
    for name, folder in mapping.items():
        if name == "newsgraph":
            for source in (ROOT / folder).glob("*.py"):
                _link(package / source.name, source)
        elif name.count(".") == 1:
            _link(package / name.split(".")[1], ROOT / folder)
    return TREE


def _link(link: Path, target: Path) -> None:
    if link.is_symlink() and link.resolve() == target.resolve():
        return
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(target)


def main() -> int:
    """Lay out the tree, then run mypy with the project's configuration."""
    link_tree()
    command = [sys.executable, "-m", "mypy", *sys.argv[1:]]
    return subprocess.run(command, cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
