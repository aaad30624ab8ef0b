"""Who may talk to the server: loopback by default, a bearer token otherwise; CSRF checks for form posts.

- `check_bind` refuses a non-loopback address unless a token is set (CLAIMSCOPE_API_TOKEN).
- `TokenGuard` (ASGI middleware) then requires the token on every request: `Authorization: Bearer <token>`, or
  the cookie a browser gets by opening any page once with `?token=<token>`. Compared in constant time.
- Pages post their forms with a double-submit CSRF token (cookie and hidden field must match); the API's
  edits take only JSON bodies, which a cross-site form cannot send. Both refuse a foreign `Origin`.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

TOKEN_ENV = "CLAIMSCOPE_API_TOKEN"
TOKEN_COOKIE = "claimscope_token"
CSRF_COOKIE = "claimscope_csrf"
CSRF_FIELD = "csrf"

# Scripts only from this server (no inline script, no event-handler attributes); Vega compiles its
# expressions with Function(), hence 'unsafe-eval'. Styles inline: Leaflet and Vega set them.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class BindError(Exception):
    """The server may not listen where it was asked to."""


def is_loopback(host: str) -> bool:
    """Whether an address only this machine can reach: 127.0.0.0/8, ::1 or `localhost`."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Raise BindError for a non-loopback host without a token: the data would be open to the network."""
    if not is_loopback(host) and not token:
        raise BindError(f"refusing to listen on {host}: it is reachable from other machines; set {TOKEN_ENV} "
                        "to a secret token (every request must then carry it), or bind 127.0.0.1")


def same_token(given: str | None, token: str) -> bool:
    """Constant-time comparison of a presented token with the server's."""
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


class TokenGuard:
    """ASGI middleware: with a token set, every HTTP request must present it (header or cookie); a
    `?token=` query logs a browser in (sets the cookie, redirects to the same URL without it)."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app, self.token = app, token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.token:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        bearer = headers.get("authorization", "")
        if bearer.lower().startswith("bearer ") and same_token(bearer[7:].strip(), self.token):
            await self.app(scope, receive, send)
            return
        cookie = SimpleCookie(headers.get("cookie", ""))
        if TOKEN_COOKIE in cookie and same_token(cookie[TOKEN_COOKIE].value, self.token):
            await self.app(scope, receive, send)
            return
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = dict(query).get("token")
        response: Response
        if scope["method"] == "GET" and same_token(given, self.token):
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            response = RedirectResponse(scope["path"] + (f"?{rest}" if rest else ""), status_code=303)
            response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
        else:
            response = PlainTextResponse("a token is required: send 'Authorization: Bearer <token>', or open "
                                         "the page once with ?token=<token>", status_code=401,
                                         headers={"WWW-Authenticate": "Bearer"})
        await response(scope, receive, send)


class SecurityHeaders:
    """ASGI middleware adding the content security policy and related headers to every response."""

    HEADERS = [
        (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"DENY"),
    ]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + self.HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)


def csrf_token(request: Request) -> str:
    """The CSRF token of this browser (from its cookie), or a new one `remember_csrf` will set."""
    return request.cookies.get(CSRF_COOKIE) or request.state.__dict__.setdefault("new_csrf", secrets.token_urlsafe(32))


def remember_csrf(request: Request, response: Response) -> None:
    """Set the CSRF cookie when this request made a new token."""
    new = request.state.__dict__.get("new_csrf")
    if new:
        response.set_cookie(CSRF_COOKIE, new, httponly=True, samesite="strict")


def foreign_origin(request: Request) -> bool:
    """Whether the request says it comes from a page of another site."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin == "null"
    return origin.split("://", 1)[-1] != request.headers.get("host", "")


def csrf_ok(request: Request, form: dict[str, str]) -> bool:
    """A form post is genuine: same origin, and its hidden token matches the browser's cookie."""
    cookie = request.cookies.get(CSRF_COOKIE)
    return not foreign_origin(request) and cookie is not None and same_token(form.get(CSRF_FIELD), cookie)
