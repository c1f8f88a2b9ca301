"""The core's own markup for template slots: the AUP notice and the author's disclaimer."""
from flask import render_template
from markupsafe import Markup
from flask_babel import get_locale
from flask_login import current_user

from .. import hookspecs
from . import policy


def core_slot(name: str, context: dict) -> str | None:
    """Markup the core puts first in a slot, or None. Themes cannot remove it: it comes from the slot itself."""
    if name == hookspecs.SLOT_AUP_NOTICE:
        if policy.needs_acceptance(current_user):
            return Markup(render_template("_aup_notice.html"))
        return None
    if name == hookspecs.SLOT_DISCLAIMER:
        author = context.get("author")
        if not author:  # None, or undefined in the template: the page has no author
            return None
        language = str(get_locale() or "en")
        return Markup(render_template("_disclaimer.html", author=author,
                                      site_text=policy.current_text("disclaimer", language)))
    return None
