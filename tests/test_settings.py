"""Settings: read from NEWSGRAPH_* only, every one documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from newsgraph.graph.settings import Settings

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_setting_is_documented_in_the_readme() -> None:
    text = README.read_text()
    documented = set(re.findall(r"`NEWSGRAPH_([A-Z0-9_]+)`", text))
    declared = {name.upper() for name in Settings.model_fields}
    assert declared - documented == set(), "settings missing from the README"
    test_only = {f"TEST_NEO4J_{k}" for k in ("URL", "USER", "PASSWORD", "DATABASE")}
    assert documented - declared - test_only == set()


def test_environment_is_read_with_the_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_GRAPH_URL", "bolt://db:7687")
    monkeypatch.setenv("NEWSGRAPH_CORS_ORIGINS", "http://a.example, http://b.example")
    monkeypatch.setenv("NEWSGRAPH_ROW_CAP", "50")
    monkeypatch.setenv("NEWSGRAPH_API_KEY", "s3cret")
    settings = Settings()
    assert settings.graph_url == "bolt://db:7687" and not settings.embedded
    assert settings.cors_origins == ["http://a.example", "http://b.example"]
    assert settings.row_cap == 50
    assert settings.api_key is not None and settings.api_key.get_secret_value() == "s3cret"
    assert "s3cret" not in repr(settings)


def test_defaults_are_the_embedded_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NEWSGRAPH_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    settings = Settings()
    # The user's data folder, whatever the working directory is.
    assert settings.embedded and settings.data_dir == tmp_path / "xdg" / "newsgraph"


def test_bad_values_name_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_BATCH_SIZE", "zero")
    with pytest.raises(ValidationError, match="batch_size"):
        Settings()
