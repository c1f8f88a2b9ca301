"""Language choice: the user's preference, then the session toggle, then Accept-Language, then English."""
from babel import negotiate_locale
from flask import current_app, g, has_request_context, request, session
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

#: Each language in its own name (the toggle, language menus)...
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
#: ...and in the words of the interface ("Read this page in French").
LANGUAGE_IN_UI = {"en": _l("English"), "fr": _l("French")}


def _choose() -> tuple[str, str]:
    """(language, where it came from): source is user, session, header or default."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"], "default"
    user = current_user
    if user and user.is_authenticated and user.preferred_language in languages:
        return user.preferred_language, "user"
    if session.get("lang") in languages:
        return session["lang"], "session"
    # Werkzeug's best_match picks "en" for "fr-CA, en-US;q=0.7"; Babel's negotiation gets "fr" right.
    preferred = [value for value, _quality in request.accept_languages]
    chosen = negotiate_locale(preferred, languages, sep="-", aliases={})
    if chosen:
        return chosen, "header"
    return current_app.config["BABEL_DEFAULT_LOCALE"], "default"


def select_locale() -> str:
    language, source = _choose()
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
