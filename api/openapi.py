"""The OpenAPI document: every error documented as application/problem+json (the Problem
schema), including FastAPI's request-validation 422."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.errors import PROBLEM_JSON, TITLES
from api.schemas import Problem

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
YEAR = "([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"  # 0001-9999
DATE_PATTERN = f"^{YEAR}(-(0[1-9]|1[0-2]))?$"
# A date at any precision, as the schema tells clients: a full date, or a year or year-month.
DATE_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "format": "date"},
        {"type": "string", "pattern": DATE_PATTERN},
    ]
}


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` entries for these error statuses, each a Problem."""
    return {
        code: {
            "description": TITLES.get(code, "Error"),
            "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
        }
        for code in codes
    }


def _validation_as_problem(schema: dict[str, Any]) -> None:
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            response = operation.get("responses", {}).get("422")
            if response and "application/json" in response.get("content", {}):
                response["content"] = {PROBLEM_JSON: {"schema": PROBLEM_REF}}
                response["description"] = "Invalid parameters or body"
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    schemas["Problem"] = Problem.model_json_schema()


def install_openapi(app: FastAPI) -> None:
    """Replace app.openapi with one that documents errors as Problems (built once)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
                tags=app.openapi_tags,
            )
            _validation_as_problem(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
