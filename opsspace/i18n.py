"""Language choice: the user's preference, then the session toggle, then Accept-Language, then English."""
from functools import lru_cache

from babel import negotiate_locale
from flask import current_app, g, has_request_context, request, session
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

#: Each language in its own name (the toggle, language menus)...
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
#: ...and in the words of the interface ("Read this page in French").
LANGUAGE_IN_UI = {"en": _l("English"), "fr": _l("French")}


def choice(user=None, session_language: str | None = None, accept_language: str | None = None,
           app=None) -> tuple[str, str]:
    """(language, where it came from) for these inputs: source is user, session, header or default.

    The one rule for the whole site: the views ask it through :func:`choose`, and the reader's page cache
    asks it before Flask has a request (so it takes plain values, and `app` when there is no app context).
    """
    config = (app or current_app).config
    languages = config["LANGUAGES"]
    if user is not None and user.is_authenticated and user.preferred_language in languages:
        return user.preferred_language, "user"
    if session_language in languages:
        return session_language, "session"
    chosen = _negotiate(accept_language or "", tuple(languages))
    if chosen:
        return chosen, "header"
    return config["BABEL_DEFAULT_LOCALE"], "default"


@lru_cache(maxsize=512)  # browsers send a handful of distinct headers; this is on every page's path
def _negotiate(header: str, languages: tuple) -> str | None:
    # Werkzeug's best_match picks "en" for "fr-CA, en-US;q=0.7"; Babel's negotiation gets "fr" right.
    preferred = [value for value, _quality in parse_accept_header(header, LanguageAccept)]
    return negotiate_locale(preferred, languages, sep="-", aliases={})


def choose() -> tuple[str, str]:
    """(language, where it came from) for the current request: the user's preference, then the session toggle,
    then Accept-Language, then the default."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"], "default"
    return choice(current_user, session.get("lang"), request.headers.get("Accept-Language"))


def select_locale() -> str:
    language, source = choose()
    if has_request_context():
        g.locale_source = source
    return language


def select_timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def current_language() -> str:
    return str(get_locale() or "en")


def language_known() -> bool:
    """False when nothing told us the reader's language: error pages then speak both."""
    current_language()
    return g.get("locale_source", "default") != "default"


def other_language() -> str:
    return "fr" if current_language() == "en" else "en"


def init_app(app) -> None:
    app.jinja_env.globals.update(
        current_language=current_language,
        other_language=other_language,
        language_names=LANGUAGE_NAMES,
        language_label=lambda code: str(LANGUAGE_IN_UI.get(code, code)),
    )
