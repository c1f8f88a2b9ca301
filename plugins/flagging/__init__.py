"""The flagging plugin: derogatory-content detection under the acceptable-use policy (policy terms matched
against evasion, aimed-at-a-person scoring, an optional classifier), and the wellbeing path for statements of
self-harm, which never penalize anyone and reach wellbeing responders only."""
from flask import render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from opsspace.hookspecs import SLOT_ACCOUNT_MENU, SLOT_BEFORE_CONTENT, hookimpl


@hookimpl
def opsspace_setup(app):
    from . import models  # noqa: F401  (the tables)
    from opsspace.page_cache import quiet

    quiet(models.PolicyTerm, models.WellbeingAlert, models.WellbeingEvent, models.SupportContacts)
    from .views import bp, wellbeing_bp

    app.config.setdefault("FLAGGING_FLAG_AT", 0.3)
    app.config.setdefault("FLAGGING_HOLD_AT", 0.8)
    app.config.setdefault("FLAGGING_CLASSIFIER", True)
    app.register_blueprint(bp)
    app.register_blueprint(wellbeing_bp)


@hookimpl
def content_submitted(content, author):
    from . import service

    return service.on_submitted(content, author)


@hookimpl
def template_slot(slot, context):
    if not getattr(current_user, "is_authenticated", False):
        return None
    from flask import url_for

    if slot == SLOT_ACCOUNT_MENU:
        links = Markup()
        if current_user.is_moderator:
            links += Markup('<li><a href="{}">{}</a></li>').format(url_for("flagging.terms"), _l("Policy terms"))
        if current_user.is_wellbeing_responder:
            links += Markup('<li><a href="{}">{}</a></li>').format(url_for("wellbeing.index"), _l("Wellbeing alerts"))
        return links or None
    if slot == SLOT_BEFORE_CONTENT:
        from . import service

        due = service.support_notice_due(current_user)
        if due is not None:
            from opsspace.i18n import current_language

            return Markup(render_template("flagging/_support_notice.html", note=due,
                                          contacts=service.contacts_html(current_language())))
    return None


@hookimpl
def admin_menu(user):
    from flask import url_for

    return [(str(_l("Wellbeing support contacts")), url_for("wellbeing.contacts"))]
