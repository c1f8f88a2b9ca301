"""The moderation plugin: reports from readers, a review queue with claims and reasons, hide/restore through
the core, appeals decided by another moderator, and figures for the admin dashboard."""
from flask import render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from opsspace.hookspecs import SLOT_ACCOUNT_MENU, SLOT_CONTENT_ACTIONS, SLOT_PROFILE, hookimpl


@hookimpl
def opsspace_setup(app):
    from . import models  # noqa: F401  (the tables)
    from opsspace.page_cache import quiet

    # Readers never see the queue itself; releasing or hiding content changes the content's own table.
    quiet(models.Item, models.Report, models.Action, models.Appeal)
    from .views import bp

    from .service import label

    app.config.setdefault("MODERATION_AUTO_HIDE_REPORTS", 3)
    app.config.setdefault("MODERATION_REPORTS_PER_HOUR", 20)
    app.register_blueprint(bp)
    app.jinja_env.globals["moderation_label"] = label


def _report_form(content_type: str, content_id: int, label: str) -> Markup:
    from . import service

    return Markup(render_template("moderation/_report.html", content_type=content_type, content_id=content_id,
                                  label=label, clauses=service.report_choices()))


@hookimpl
def template_slot(slot, context):
    if not getattr(current_user, "is_authenticated", False):
        return None
    if slot == SLOT_CONTENT_ACTIONS:
        content = context.get("content")
        kind = getattr(content, "content_type", None)
        if kind in ("revision", "post", "comment") and content.status == "published" \
                and content.author_id != current_user.id:
            return _report_form(kind, content.id, "")
    elif slot == SLOT_PROFILE:
        person = context.get("person")
        if person is not None and person.id != current_user.id:
            return _report_form("person", person.id, "")
    elif slot == SLOT_ACCOUNT_MENU:
        from flask import url_for

        links = Markup('<li><a href="{}">{}</a></li>').format(url_for("moderation.mine"),
                                                               _l("Moderation decisions about my content"))
        if current_user.is_moderator:
            links += Markup('<li><a href="{}">{}</a></li>').format(url_for("moderation.queue"), _l("Moderation queue"))
        return links
    return None


@hookimpl
def admin_menu(user):
    from flask import url_for

    return [(str(_l("Moderation queue")), url_for("moderation.queue")),
            (str(_l("Policy clauses")), url_for("moderation.clauses"))]


@hookimpl
def admin_stats():
    from . import service

    figures = service.figures()
    median = figures["median_hours"]
    return [
        {"label": str(_l("Moderation items opened (30 days)")), "value": figures["opened"]},
        {"label": str(_l("Actioned (30 days)")), "value": figures["actioned"]},
        {"label": str(_l("Dismissed (30 days)")), "value": figures["dismissed"]},
        {"label": str(_l("Open backlog")), "value": figures["backlog"]},
        {"label": str(_l("Median hours to first action")), "value": "—" if median is None else median},
    ]
