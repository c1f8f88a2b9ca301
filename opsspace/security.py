"""Sign-in plumbing and request and response hardening: Flask-Login set-up, safe redirects, refusing unreadable
input (invalid UTF-8, NUL characters, ids beyond any database's range), security headers."""
import zlib
from urllib.parse import unquote_to_bytes, urlsplit

from flask import abort, request
from flask.sessions import SecureCookieSessionInterface
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from itsdangerous import Serializer, TimestampSigner, URLSafeTimedSerializer
from itsdangerous.encoding import base64_encode
from werkzeug.routing import IntegerConverter

from . import plugins
from .services import MAX_ID

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def request_path() -> str:
    """The path and query of the current request, for a `next` that brings the person back here."""
    return request.full_path.rstrip("?")


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None. Refuses //host, /\\host, scheme: and control characters."""
    if not target or not isinstance(target, str):
        return None
    if any(ord(ch) < 32 or ch == "\\" for ch in target):
        return None
    if not target.startswith("/") or target.startswith("//"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def _refuse_unreadable_text():
    """before_request, ahead of everything that reads the request: refuse text no form or link typed by a person
    sends (invalid UTF-8, NUL characters) with a clear 400, instead of saving it silently changed (Werkzeug
    would replace bad bytes) or failing in the database (PostgreSQL refuses NUL)."""
    sources = [request.query_string]
    if request.mimetype == "application/x-www-form-urlencoded":
        sources.append(request.get_data(cache=True))  # kept for the form parser (bounded by MAX_CONTENT_LENGTH)
    for raw in sources:
        data = unquote_to_bytes(raw.replace(b"+", b" "))
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            abort(400, _("What was sent is not valid UTF-8 text. Check what you typed or pasted, then try again."))
        if b"\x00" in data:
            abort(400, _("What was sent contains a NUL character, which cannot be saved. Remove it and try again."))
    if request.mimetype == "multipart/form-data" and any("\x00" in value for value in request.form.values()):
        abort(400, _("What was sent contains a NUL character, which cannot be saved. Remove it and try again."))


class IdConverter(IntegerConverter):
    """`<int:...>` in routes: a number larger than any id a database holds matches no route (404) instead of
    failing in the database."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def init_input_checks(app) -> None:
    """Before any other request hook (CSRF reads the form) and before any route is added."""
    app.before_request(_refuse_unreadable_text)
    app.url_map.converters["int"] = IdConverter


def _kept(owner, store: str, key, make):
    """`make()`, worked out once per `key` and kept on `owner` (in its attribute `store`)."""
    kept = owner.__dict__.setdefault(store, {})
    found = kept.get(key)
    if found is None:
        found = kept[key] = make()
    return found


class _Signer(TimestampSigner):
    """itsdangerous's timestamp signer, keeping the keys it derives: they depend only on the secret and the
    salt, and deriving one is an HMAC on every signature and every check."""

    def derive_key(self, secret_key=None):
        return _kept(self, "_derived", secret_key, lambda: super(_Signer, self).derive_key(secret_key))


class Signing(URLSafeTimedSerializer):
    """URLSafeTimedSerializer with the same output and checks, made cheaper for the small values signed on
    every page (the session cookie, the CSRF token): one signer per salt instead of one per call, derived keys
    kept, and no zlib attempt on payloads under COMPRESS_FROM bytes (a zlib stream costs more than it saves
    there, and setting one up took 14 µs). Stock itsdangerous and Flask-WTF read what it signs, and the
    reverse."""

    default_signer = _Signer
    COMPRESS_FROM = 128

    def make_signer(self, salt=None):
        return _kept(self, "_signers", salt, lambda: super(Signing, self).make_signer(salt))

    def dump_payload(self, obj) -> bytes:
        """The URL-safe format: base64 of the JSON, or "." and base64 of the JSON compressed by zlib when that
        is shorter (tried only from COMPRESS_FROM bytes)."""
        payload = Serializer.dump_payload(self, obj)  # the JSON alone, built once
        if len(payload) >= self.COMPRESS_FROM:
            compressed = zlib.compress(payload)
            if len(compressed) < len(payload) - 1:
                return b"." + base64_encode(compressed)
        return base64_encode(payload)


class CookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, signed by one :class:`Signing` per set of keys rather than a new
    serializer and signer twice per request (opening and saving): it is on the path of every page, kept ones
    included."""

    def get_signing_serializer(self, app):
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        return _kept(self, "_signers", keys, lambda: self._signing(app))

    def _signing(self, app) -> Signing | None:
        flasks = super().get_signing_serializer(app)
        if flasks is None:  # no secret key: Flask refuses sessions (_kept tries again next time)
            return None
        return Signing(flasks.secret_keys, salt=flasks.salt, serializer=flasks.serializer,
                       signer_kwargs=flasks.signer_kwargs)


def init_login(app, login_manager) -> None:
    app.session_interface = CookieSessions()
    from .services import users

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(users.load_session_user)


def _harden(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if response.mimetype == "text/html":
        # Pages differ by account and language; a shared intranet proxy must never hand one person's page to another.
        headers.setdefault("Cache-Control", "private, no-store" if current_user.is_authenticated else "no-cache")
        response.vary.add("Cookie")
        response.vary.add("Accept-Language")
    return response


def _notify_plugins(response):
    user = current_user if current_user.is_authenticated else None
    plugins.hook().request_finished(request=request, response=response, user=user)
    return response


def init_app(app) -> None:
    app.after_request(_harden)
    app.after_request(_notify_plugins)
    app.jinja_env.globals["request_path"] = request_path
