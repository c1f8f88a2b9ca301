"""Template globals shared by every theme."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from . import plugins

ROLE_LABELS = {"employee": _l("Employee"), "moderator": _l("Moderator"), "admin": _l("Administrator")}
STATUS_LABELS = {"draft": _l("draft"), "published": _l("published"), "held": _l("awaiting review"),
                 "hidden": _l("hidden"), "deleted": _l("deleted")}


def has_endpoint(name: str) -> bool:
    """True when a route exists, so a layout can link to a feature only when it is installed."""
    return name in current_app.view_functions


def role_label(role: str) -> str:
    return str(ROLE_LABELS.get(role, role))


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def unread_notifications() -> int:
    from .services import social

    return social.unread_count(current_user)


def is_following(person_id: int) -> bool:
    from .services import social

    return social.is_following(current_user, person_id)


def is_watching(page_id: int) -> bool:
    from .services import social

    return social.is_watching(current_user, page_id)


def comment_html(comment):
    from .services import comments

    return comments.rendered(comment)


def admin_menu_items() -> list[tuple[str, str]]:
    """Links that plugins add to the admin navigation."""
    if not current_user.is_authenticated:
        return []
    return [item for items in plugins.hook().admin_menu(user=current_user) if items for item in items]


def init_app(app) -> None:
    app.jinja_env.globals.update(has_endpoint=has_endpoint, role_label=role_label, admin_menu_items=admin_menu_items,
                                 status_label=status_label, unread_notifications=unread_notifications,
                                 comment_html=comment_html, is_following=is_following, is_watching=is_watching)
