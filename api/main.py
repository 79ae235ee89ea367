"""The module-level factory uvicorn imports (`api.main:app_from_env`, with `factory=True`):
each worker process builds its own app from the environment, which `kg serve` fills in."""

from __future__ import annotations

import os

from fastapi import FastAPI

from api.app import create_app
from kg.settings import get_settings

READ_ONLY_ENV = "KG_API_READ_ONLY"


def app_from_env() -> FastAPI:
    """The app for the current environment (KG_* settings); KG_API_READ_ONLY=1 opens the store
    read-only, which `kg serve --workers N` (N > 1) sets so the workers can share it."""
    read_only = os.environ.get(READ_ONLY_ENV, "").strip().lower() in ("1", "true", "yes")
    return create_app(get_settings(), read_only=read_only)
