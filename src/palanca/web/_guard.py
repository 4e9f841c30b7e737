"""ASGI guards in front of the dashboard: Host check, access token, body-size limit, security headers.

- ``Host`` must name an allowed host (loopback by default), so a page on another site cannot reach the
  dashboard through DNS rebinding.
- With a token (required when serving beyond loopback), every ``/api/`` request must send it in the
  ``X-Palanca-Token`` header; the page asks for it once and keeps it for the browser session.
- A request body above ``max_body_bytes`` is refused with 413 before it is read into memory.
- Every response carries a Content-Security-Policy that allows only the dashboard's own scripts,
  so a string that got into a page could not run even if it were not escaped; a response that sets its
  own policy (the sandboxed run report) keeps it instead.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

__all__ = ["CSP", "LOOPBACK_HOSTS", "Guard"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


class _TooLarge(BaseException):
    """Raised inside ``receive`` when the body passes the limit (a BaseException, so no handler eats it)."""


def _hostname(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):  # [::1]:8050
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


async def _json(send: Send, status: int, message: str, extra: Iterable[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"error": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": [*headers, *_SECURITY_HEADERS, *extra]})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """Wrap ``app`` with the checks of the module docstring.

    Parameters
    ----------
    allowed_hosts : iterable of str or None
        Host names (no port) the ``Host`` header may carry; ``None`` allows any (only with a token).
    token : str or None
        The access token ``/api/`` requests must send; ``None``: no token (loopback only).
    max_body_bytes : int
        Largest request body accepted.
    """

    def __init__(
        self, app: ASGIApp, *, allowed_hosts: Iterable[str] | None, token: str | None, max_body_bytes: int
    ) -> None:
        if allowed_hosts is None and not token:
            raise ValueError("allowing any Host header needs a token")
        self.app = app
        self.allowed = None if allowed_hosts is None else frozenset(_hostname(h) for h in allowed_hosts)
        self.token = token
        self.max_body_bytes = int(max_body_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if self.allowed is not None and _hostname(headers.get("host", "")) not in self.allowed:
            await _json(send, 400, "invalid Host header: this dashboard answers only requests to its own host name")
            return
        if self.token and scope.get("path", "").startswith("/api/"):
            given = headers.get("x-palanca-token", "")
            if not secrets.compare_digest(given.encode(), self.token.encode()):
                await _json(send, 401, "this dashboard needs its access token (printed by `palanca serve`)")
                return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
            await _json(send, 413, f"request body too large (limit {self.max_body_bytes} bytes)")
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise _TooLarge
            return message

        async def secured_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                own = list(message.get("headers", []))
                has_csp = any(k.lower() == b"content-security-policy" for k, _ in own)  # a stricter page's own
                extra = [h for h in _SECURITY_HEADERS if not (has_csp and h[0] == b"content-security-policy")]
                message = {**message, "headers": [*own, *extra]}
            await send(message)

        try:
            await self.app(scope, limited_receive, secured_send)
        except _TooLarge:
            if not started:
                await _json(send, 413, f"request body too large (limit {self.max_body_bytes} bytes)")
