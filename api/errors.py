"""Problem details (RFC 9457) for every error, so clients get a message, never a trace."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from kg.stores.base import RecordUnavailable

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("geokg.api")


class ApiError(HTTPException):
    """An expected failure with a title and a human sentence (`detail`)."""

    def __init__(
        self,
        status: int,
        detail: str,
        title: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(status_code=status, detail=detail, headers=headers)
        self.title = title


def problem(
    status: int,
    title: str,
    detail: str,
    instance: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, object] = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    return JSONResponse(
        body, status_code=status, media_type=PROBLEM_JSON, headers=dict(headers or {})
    )


TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


def allowed_methods(request: Request) -> str:
    """Every method the API serves at this path, from its OpenAPI paths (Starlette's own
    405 names only the first matching route's methods). A path documented as it is
    (/articles/preview) is that resource alone, not also a value of a template
    (/articles/{article_id})."""
    paths = request.app.openapi().get("paths", {})
    if request.url.path in paths:
        return ", ".join(sorted(m.upper() for m in paths[request.url.path]))
    methods: set[str] = set()
    for template, operations in paths.items():
        # OpenAPI drops the ':path' convertor of /id/{path:path}; put it back.
        regex, _, _ = compile_path(template.replace("{path}", "{path:path}"))
        if regex.match(request.url.path):
            methods |= {m.upper() for m in operations}
    return ", ".join(sorted(methods))


def install_error_handlers(app: FastAPI) -> None:
    """Turn every HTTP error, validation error and crash into problem+json."""

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        title = getattr(exc, "title", None) or TITLES.get(exc.status_code, "Error")
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        return problem(exc.status_code, title, str(exc.detail), str(request.url.path), headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "request"
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return problem(422, "Unprocessable Content", "; ".join(parts), str(request.url.path))

    @app.exception_handler(RecordUnavailable)
    async def _record(request: Request, exc: RecordUnavailable) -> JSONResponse:
        return problem(503, "Record unavailable", str(exc), str(request.url.path))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return problem(
            500, "Internal Server Error", "the server failed; see its log", str(request.url.path)
        )
