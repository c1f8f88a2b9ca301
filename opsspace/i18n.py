"""Language choice: the user's preference, then the session toggle, then Accept-Language, then English."""
from functools import lru_cache

from babel import negotiate_locale
from flask import current_app, g, has_request_context, request, session
from flask_babel import format_date, format_datetime, get_locale, get_timezone, get_translations
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from jinja2 import pass_eval_context
from markupsafe import Markup
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


def _catalog():
    """The translations in force, kept on `g` while the locale stays the same (force_locale changes it).
    Flask-Babel looks them up again on every call, through a dozen context lookups: 13 µs a string, and a
    page asks for forty."""
    locale = get_locale()
    kept = g.get("_catalog")
    if kept is None or kept[0] is not locale:
        kept = g._catalog = (locale, get_translations())
    return kept[1]


@pass_eval_context
def _gettext(eval_ctx, string: str, **variables):
    """Jinja's newstyle gettext: escaped where the template escapes, always %-formatted (so "%%" is "%")."""
    translated = _catalog().ugettext(string)
    return (Markup(translated) if eval_ctx.autoescape else translated) % variables


@pass_eval_context
def _ngettext(eval_ctx, singular: str, plural: str, num: int, **variables):
    variables.setdefault("num", num)
    translated = _catalog().ungettext(singular, plural, num)
    return (Markup(translated) if eval_ctx.autoescape else translated) % variables


def _kept_format(format_value):
    """A date filter whose results are kept per value, arguments, locale and time zone: a list of results or
    comments shows many dates of the same few days, and Babel takes 30 µs to format one."""
    @lru_cache(maxsize=4096)
    def formatted(value, args, locale, timezone):  # computed while `locale` and `timezone` are in force
        return format_value(value, *args)

    def format_filter(value=None, *args, **kwargs):
        if value is None or kwargs:  # None is "now"
            return format_value(value, *args, **kwargs)
        return formatted(value, args, str(get_locale()), str(get_timezone()))

    return format_filter


def init_app(app) -> None:
    app.jinja_env.globals.update(
        current_language=current_language,
        other_language=other_language,
        language_names=LANGUAGE_NAMES,
        language_label=lambda code: str(LANGUAGE_IN_UI.get(code, code)),
    )
    # In place of the callables and filters Flask-Babel installed (newstyle, as these are): the translations
    # looked up once per request, and _() and ngettext() called straight, not through Jinja's "_" alias and
    # its newstyle wrapper (two context calls each): 24 µs a string became 8. Dates are formatted once per value.
    app.jinja_env.globals.update(_=_gettext, gettext=_gettext, ngettext=_ngettext)
    app.jinja_env.filters.update(dateformat=_kept_format(format_date), datetimeformat=_kept_format(format_datetime))
