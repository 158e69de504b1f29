"""All of newsgraph's settings, read from the environment (prefix ``NEWSGRAPH_``).

This is the only module that reads the environment. Every setting is documented
in the README's settings table; ``tests/test_settings.py`` checks that.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from platformdirs import user_data_dir
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = ["Settings", "get_settings"]


class Settings(BaseSettings):
    """newsgraph's configuration. Environment variables are ``NEWSGRAPH_<NAME>``."""

    model_config = SettingsConfigDict(
        env_prefix="NEWSGRAPH_", env_file=None, extra="ignore", frozen=True
    )

    graph_url: str = Field(
        default="",
        description="Graph store URL: empty for the embedded FalkorDB in DATA_DIR; "
        "falkordb://host:port or bolt://, neo4j://, neo4j+s:// for Neo4j.",
    )
    data_dir: Path = Field(
        default_factory=lambda: Path(user_data_dir("newsgraph", appauthor=False)),
        description="Embedded store folder (default: the platform's user data folder, "
        "e.g. ~/.local/share/newsgraph).",
    )
    graph_name: str = Field(default="newsgraph", description="FalkorDB graph key.")
    neo4j_user: str = Field(default="neo4j", description="Neo4j user name.")
    neo4j_password: SecretStr = Field(default=SecretStr(""), description="Neo4j password.")
    neo4j_database: str = Field(default="neo4j", description="Neo4j database name.")
    spacy_model: str = Field(default="en_core_web_sm", description="spaCy pipeline to load.")
    batch_size: int = Field(default=200, ge=1, le=10_000, description="Documents per write batch.")
    workers: int = Field(default=1, ge=1, le=64, description="Extraction processes.")
    max_article_bytes: int = Field(
        default=2_000_000, ge=1_000, description="Largest article accepted, in bytes."
    )
    evidence_per_document: int = Field(
        default=3, ge=1, le=100, description="Evidence sentences kept per edge and document."
    )
    query_timeout_ms: int = Field(default=10_000, ge=10, description="Saved-query timeout (ms).")
    row_cap: int = Field(default=1_000, ge=1, le=1_000_000, description="Rows a query may return.")
    api_key: SecretStr | None = Field(default=None, description="Key required by the HTTP API.")
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Origins allowed by CORS (comma-separated)."
    )
    write_lock_timeout_s: float = Field(
        default=60.0, ge=0, description="How long a writer waits for another writer to "
        "finish before it gives up (one writer per store)."
    )
    max_request_bytes: int = Field(
        default=1_000_000, ge=1_024, description="Largest HTTP request body the API accepts."
    )
    snapshots_kept: int = Field(
        default=3, ge=1, le=100, description="Checked snapshots of the embedded store kept "
        "in DATA_DIR/snapshots for `newsgraph db restore`."
    )
    startup_timeout_s: float = Field(
        default=30.0, gt=0, description="How long to wait for the store to become ready."
    )

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @property
    def embedded(self) -> bool:
        """True when the graph lives in the embedded FalkorDB under ``data_dir``."""
        return not self.graph_url or self.graph_url.startswith("embedded:")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
