"""Request bodies: read under a size limit (413 as soon as it is exceeded), media type."""

from __future__ import annotations

from fastapi import Request
from starlette.requests import ClientDisconnect

from api.errors import ApiError


async def read_body(request: Request, max_bytes: int) -> bytes:
    """The request body, or 413 as soon as it is known to be larger than `max_bytes`."""
    too_large = ApiError(413, f"the body is larger than the limit of {max_bytes} bytes")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > max_bytes:
                raise too_large
            chunks.append(chunk)
    except ClientDisconnect:  # nobody to answer: a 400 for the log, not a 500 traceback
        raise ApiError(400, "the client went away before sending the whole body") from None
    return b"".join(chunks)


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()
