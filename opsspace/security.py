"""Sign-in plumbing and response hardening: Flask-Login set-up, safe redirects, security headers."""
from urllib.parse import urlsplit

from flask import request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from . import plugins

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


def init_login(app, login_manager) -> None:
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
    app.jinja_env.globals["request_path"] = lambda: request.full_path.rstrip("?")
