"""The module-level factory uvicorn imports (`api.main:app_from_env`, with `factory=True`):
each worker process builds its own app from the environment, which `kg serve` fills in."""

from __future__ import annotations

from fastapi import FastAPI

from api.app import create_app
from kg.settings import get_settings


def app_from_env() -> FastAPI:
    """The app for the current environment (KG_* settings); KG_API_READ_ONLY=1 opens the store
    read-only, which `kg serve --workers N` (N > 1) sets so the workers can share it."""
    settings = get_settings()
    return create_app(settings, read_only=settings.api_read_only)
