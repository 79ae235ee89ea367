"""Settings: every one is documented, read from KG_* variables, and overridable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.settings import Settings, get_settings

DOC = Path(__file__).resolve().parents[3] / "docs" / "settings.md"


def test_every_setting_is_documented() -> None:
    documented = set(re.findall(r"`KG_([A-Z0-9_]+)`", DOC.read_text()))
    declared = {name.upper() for name in Settings.model_fields}
    assert declared - documented == set(), "settings missing from docs/settings.md"
    assert documented - declared == set(), "docs/settings.md names settings that do not exist"


def test_environment_is_read_with_the_kg_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_STORE_PATH", "/tmp/somewhere")
    monkeypatch.setenv("KG_NEO4J_URI", "bolt://localhost:7999")
    settings = get_settings()
    assert settings.store_path == Path("/tmp/somewhere")
    assert settings.neo4j_uri == "bolt://localhost:7999"


def test_explicit_overrides_beat_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_BASE_IRI", "https://env.example/")
    assert get_settings(base_iri="https://cli.example/").base_iri == "https://cli.example/"
    # An option the user did not give (None) leaves the environment's value alone.
    assert get_settings(base_iri=None).base_iri == "https://env.example/"
