"""Sign-in plumbing and request and response hardening: Flask-Login set-up, safe redirects, refusing unreadable
input (invalid UTF-8, NUL characters, ids beyond any database's range), security headers."""
import zlib
from urllib.parse import unquote_to_bytes, urlsplit

from flask import abort, request
from flask.sessions import SecureCookieSessionInterface
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from itsdangerous import Serializer, SignatureExpired, TimestampSigner, URLSafeTimedSerializer
from itsdangerous.encoding import base64_decode, base64_encode, want_bytes
from werkzeug.routing import IntegerConverter

from . import page_cache, plugins
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


KEEP_CHECKED = 4096  # signed values (session cookies) whose check a process keeps


def _keep(store: dict, key, value) -> None:
    if len(store) >= KEEP_CHECKED:
        store.clear()  # simpler than least-recently-used, and a miss only costs the check again
    store[key] = value


class _Signer(TimestampSigner):
    """itsdangerous's timestamp signer, keeping the keys it derives (they depend only on the secret and the
    salt, and deriving one is an HMAC on every signature and every check), and the values it found well signed:
    a browser sends the same session cookie with every page. The age limit is checked every time."""

    def derive_key(self, secret_key=None):
        return _kept(self, "_derived", secret_key, lambda: super(_Signer, self).derive_key(secret_key))

    def unsign(self, signed_value, max_age=None, return_timestamp=False):
        checked = self.__dict__.setdefault("_checked", {})
        key = want_bytes(signed_value)
        found = checked.get(key)
        if found is None:
            found = super().unsign(key, return_timestamp=True)  # raises BadSignature: nothing is kept
            _keep(checked, key, found)
        value, signed_at = found
        if max_age is not None:  # as TimestampSigner.unsign words it
            age = self.get_timestamp() - int(signed_at.timestamp())
            if age > max_age:
                raise SignatureExpired(f"Signature age {age} > {max_age} seconds", payload=value,
                                       date_signed=signed_at)
            if age < 0:
                raise SignatureExpired(f"Signature age {age} < 0 seconds", payload=value, date_signed=signed_at)
        return (value, signed_at) if return_timestamp else value


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

    def load_payload(self, payload, *args, serializer=None, **kwargs):
        """As itsdangerous reads it, keeping what compressed payloads inflate to (see _Signer.unsign)."""
        if serializer is None and payload.startswith(b"."):
            inflated = self.__dict__.setdefault("_inflated", {})
            json = inflated.get(payload)
            if json is None:
                try:
                    json = zlib.decompress(base64_decode(payload[1:]))
                except Exception:
                    return super().load_payload(payload, *args, **kwargs)  # raises itsdangerous's BadPayload
                _keep(inflated, payload, json)
            return Serializer.load_payload(self, json)
        return super().load_payload(payload, *args, serializer=serializer, **kwargs)

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

    def open_session(self, app, request):
        opened = request.environ.pop(page_cache.OPENED, None)  # opened already by page_cache.KeptPages
        return opened if opened is not None else super().open_session(app, request)

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


HARDENING = (("Content-Security-Policy", CONTENT_SECURITY_POLICY), ("X-Content-Type-Options", "nosniff"),
             ("X-Frame-Options", "DENY"), ("Referrer-Policy", "same-origin"),
             ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"))
PAGE_VARY = ("Cookie", "Accept-Language")
_HARDENING = tuple((name, name.lower(), value) for name, value in HARDENING)


def _harden(response):
    headers = response.headers
    present = {name.lower() for name, _value in headers.items()}  # one pass, not one per header: on every page
    for name, lowered, value in _HARDENING:
        if lowered not in present:
            headers.add(name, value)
    if request.is_secure and "strict-transport-security" not in present:
        headers.add("Strict-Transport-Security", "max-age=31536000")
    if response.mimetype == "text/html":
        # Pages differ by account and language; a shared intranet proxy must never hand one person's page to another.
        if "cache-control" not in present:
            headers.add("Cache-Control", "private, no-store" if current_user.is_authenticated else "no-cache")
        if "vary" not in present:
            headers.add("Vary", ", ".join(PAGE_VARY))
        else:
            for name in PAGE_VARY:
                response.vary.add(name)
    return response


def _notify_plugins(response):
    user = current_user if current_user.is_authenticated else None
    plugins.hook().request_finished(request=request, response=response, user=user)
    return response


def init_app(app) -> None:
    app.after_request(_harden)
    app.after_request(_notify_plugins)
    app.jinja_env.globals["request_path"] = request_path
