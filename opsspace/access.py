"""Who may reach each route. Every view declares it with @access(...); a request hook enforces it.

Levels, from open to closed: ``public`` (anyone, even when reading requires a login),
``reader`` (anyone unless READ_REQUIRES_LOGIN), ``user`` (any signed-in account),
``moderator``, ``admin``, and ``responder`` (users marked as wellbeing responders).
A route with no declaration is refused for everyone, so a forgotten declaration fails closed.
"""
from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user

from .security import request_path

LEVELS = ("public", "reader", "user", "moderator", "admin", "responder")


def access(level: str):
    """Declare the level a view needs: ``@access("moderator")``."""
    if level not in LEVELS:
        raise ValueError(f"unknown access level {level!r}")

    def decorate(view):
        view.access_level = level
        return view

    return decorate


def level_of(app, endpoint: str) -> str | None:
    view = app.view_functions.get(endpoint)
    return getattr(view, "access_level", None)


def allowed(level: str, user) -> bool:
    if level == "public":
        return True
    if level == "reader":
        return not current_app.config["READ_REQUIRES_LOGIN"] or user.is_authenticated
    if not user.is_authenticated:
        return False
    if level == "user":
        return True
    if level == "responder":
        return bool(user.is_wellbeing_responder)
    return user.has_role(level)


def enforce():
    """before_request: refuse the request unless the current user meets the view's declared level."""
    if request.endpoint is None:  # 404 and 405 are handled by Flask
        return None
    level = level_of(current_app, request.endpoint)
    if level is None:
        current_app.logger.error("route %s declares no access level: refused", request.endpoint)
        abort(403)
    if allowed(level, current_user):
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request_path()))
    abort(403)
