"""Safe defaults for the server: loopback unless told otherwise, a token on every request
when it listens elsewhere, a cap on request bodies, and headers that keep the page to its own
origin.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

__all__ = [
    "TOKEN_ENV",
    "TOKEN_COOKIE",
    "LOOPBACK_NAMES",
    "is_loopback",
    "check_bind",
    "BodyLimitMiddleware",
    "GuardMiddleware",
]

TOKEN_ENV = "EVENTWIRE_TOKEN"
TOKEN_COOKIE = "eventwire_token"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")

# The page loads nothing from outside its own server; the browser enforces it too.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'"
)


def is_loopback(host: str) -> bool:
    """True for names and addresses that only this machine can reach."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen beyond this machine without an access token."""
    if not is_loopback(host) and not token:
        raise ValueError(
            f"refusing to listen on {host} without an access token: pass --token SECRET or set {TOKEN_ENV} "
            "(every request must then carry it), or listen on 127.0.0.1"
        )
    if token is not None and len(token) < 16:
        raise ValueError("the access token is too short: use at least 16 characters (e.g. `openssl rand -hex 16`)")


async def _send_json(send, status: int, detail: str, headers: list[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers],
    })
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    """413 for request bodies over ``max_bytes``, whether announced by Content-Length or streamed."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = f"request body too large: the limit is {self.max_bytes} bytes"
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    await _send_json(send, 400, "invalid Content-Length header")
                    return
                if length > self.max_bytes:
                    await _send_json(send, 413, message)
                    return
        seen = 0
        started = False
        refused = False

        async def limited_receive():
            nonlocal seen, refused
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_bytes:
                    # answer now and tell the app the client has gone; whatever it answers is dropped
                    if not started and not refused:
                        refused = True
                        await _send_json(send, 413, message)
                    return {"type": "http.disconnect"}
            return msg

        async def tracking_send(msg):
            nonlocal started
            if refused:
                return
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        await self.app(scope, limited_receive, tracking_send)


class GuardMiddleware:
    """Access token (when set), Host check (when not), and security headers on every response.

    With a token, a request is let in when it carries ``Authorization: Bearer TOKEN``, the
    ``eventwire_token`` cookie, or ``?token=TOKEN`` (which also sets the cookie, so that the page's
    scripts and styles load). Without a token the server is loopback-only and answers only to
    loopback Host names, which stops DNS-rebinding pages from reading it.
    """

    def __init__(self, app, token: str | None, allowed_hosts: tuple[str, ...] | None = None):
        self.app = app
        self.token = token
        self.allowed_hosts = tuple(h.lower() for h in allowed_hosts) if allowed_hosts is not None else None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        extra: list[tuple[bytes, bytes]] = []
        if self.token is None:
            if self.allowed_hosts is not None and _host_name(headers.get("host", "")) not in self.allowed_hosts:
                await _send_json(send, 400, "unexpected Host header: this server answers only to its loopback address")
                return
        else:
            given, from_query = _token_from(headers, scope.get("query_string", b""))
            if given is None or not hmac.compare_digest(given.encode(), self.token.encode()):
                await _send_json(
                    send, 401,
                    "missing or wrong access token: send 'Authorization: Bearer TOKEN' or open /?token=TOKEN",
                    [(b"www-authenticate", b"Bearer")],
                )
                return
            if from_query:
                extra.append((
                    b"set-cookie",
                    f"{TOKEN_COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict".encode(),
                ))

        api = scope.get("path", "").startswith("/api/")

        async def with_headers(msg):
            if msg["type"] == "http.response.start":
                msg = dict(msg)
                msg["headers"] = [
                    *msg.get("headers", []),
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                    *([(b"cache-control", b"no-store")] if api else []),
                    *extra,
                ]
            await send(msg)

        await self.app(scope, receive, with_headers)


def _host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _cookies(headers: dict[str, str]) -> dict[str, str]:
    jar = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # noqa: BLE001 - a malformed cookie header is treated as none
        return {}
    return {k: m.value for k, m in jar.items()}


def _token_from(headers: dict[str, str], query_string: bytes) -> tuple[str | None, bool]:
    """The token the request carries, and whether it came in the query string."""
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip(), False
    values = parse_qs(query_string.decode("latin-1")).get("token")
    if values:
        return values[0], True
    return _cookies(headers).get(TOKEN_COOKIE), False
