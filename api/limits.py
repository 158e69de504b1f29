"""A limit on request bodies: larger ones are refused with 413 before they are read whole.

Three 100 MB POSTs once took the API to 840 MB of memory. A declared
``Content-Length`` over the limit is refused at once; a chunked body is counted as it
arrives and refused as soon as it passes the limit.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.api.errors import error_response
from newsgraph.graph.errors import NewsgraphError

__all__ = ["BodyLimitMiddleware", "RequestTooLargeError"]


class RequestTooLargeError(NewsgraphError):
    """The request body is larger than ``NEWSGRAPH_MAX_REQUEST_BYTES``."""

    status_code = 413
    exit_code = 2
    code = "request_too_large"


class BodyLimitMiddleware:
    """Refuse HTTP request bodies over ``max_bytes`` (413, the JSON error shape)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _error(self) -> RequestTooLargeError:
        return RequestTooLargeError(
            f"request body is over {self.max_bytes} bytes (NEWSGRAPH_MAX_REQUEST_BYTES)",
            limit=self.max_bytes,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await error_response(self._error())(scope, receive, send)
                return
        received = 0
        started = refused = False

        async def limited_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:  # answer now; the app sees the client leave
                    refused = True
                    if not started:
                        await error_response(self._error())(scope, receive, send)
                    return {"type": "http.disconnect"}
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 has been sent
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except Exception:
            if not refused:
                raise
