"""Blueprints, one per area. Views parse the request, call one service, and render or redirect."""
from flask import request
from sqlalchemy import Select

from ..extensions import db


def register_blueprints(app) -> None:
    from . import admin, auth, blog, comments, feeds, main, notifications, people, recent, search, settings, wiki

    for module in (main, auth, settings, people, admin, wiki, recent, blog, comments, feeds, notifications, search):
        app.register_blueprint(module.bp)


MAX_PAGE = 100_000  # beyond any list's last page (a higher ?page= gives the last page): keeps offsets in range


def page_number() -> int:
    try:
        return min(max(1, int(request.args.get("page", 1))), MAX_PAGE)
    except ValueError:
        return 1


class ListPage:
    """One page of a list that is not a plain select (same attributes as Flask-SQLAlchemy's Pagination)."""

    def __init__(self, items, total: int, page: int, per_page: int):
        self.items, self.total, self.page, self.per_page = items, total, page, per_page
        self.pages = max(1, -(-total // per_page)) if total else 0
        self.has_prev, self.has_next = page > 1, page < self.pages
        self.prev_num, self.next_num = page - 1, page + 1


def paginate(stmt: Select, per_page: int | None = None):
    """One page of a select, from ?page=; a bad or too-high page number gives the last page, never an error."""
    from flask import current_app

    page = page_number()
    per_page = per_page or current_app.config["PAGE_SIZE"]
    pagination = db.paginate(stmt, page=page, per_page=per_page, error_out=False)
    if page > 1 and not pagination.items and pagination.pages:
        pagination = db.paginate(stmt, page=pagination.pages, per_page=per_page, error_out=False)
    return pagination
