"""The dashboard's tables, each with its columns, shown on the page and exported as CSV: daily figures, top
pages, top content, sources, people most followed, posts without a response, searches, monthly uniques."""
import csv
import io
import statistics
from dataclasses import dataclass
from typing import Callable

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, desc, func, select

from opsspace.extensions import db
from opsspace.models import BlogPost, Comment, Follow, PageWatch, User, WikiPage
from opsspace.models.content import PUBLISHED

from . import metrics
from .metrics import Period
from .models import DailyPath, DailySource, SearchCount

TOP = 25


@dataclass
class Table:
    name: str
    title: object  # lazy string
    columns: list  # [(key, label)]
    rows: Callable  # period -> list[dict]


def _between(column, period: Period):
    start, end = period.bounds()
    return (column >= start) & (column < end)


def daily(period: Period) -> list[dict]:
    rows = metrics.daily_rows(period)
    out = []
    for day in period.days():
        row = rows.get(day)
        values = {column: getattr(row, column) if row else 0 for column, _label in DAILY_COLUMNS[1:]}
        values["day"] = day.isoformat()
        values["stickiness"] = round(values["stickiness"], 4)
        out.append(values)
    return out


def top_pages(period: Period) -> list[dict]:
    views = func.sum(DailyPath.views)
    rows = db.session.execute(
        select(DailyPath.path, views, func.sum(DailyPath.member_views), func.sum(DailyPath.visitors))
        .where(DailyPath.day >= period.first, DailyPath.day <= period.last)
        .group_by(DailyPath.path).order_by(desc(views), DailyPath.path).limit(TOP)).all()
    return [{"path": path, "views": v, "member_views": m, "visitor_days": u} for path, v, m, u in rows]


def _resolve(kind: str, ref: str):
    """(title, url, id) of a piece of content from what the page view kept."""
    if kind == "page":
        page = db.session.scalars(select(WikiPage).where(WikiPage.path == ref)).first()
        return (page.title, url_for("wiki.page", path=page.path), page.id) if page else (ref, None, None)
    if kind == "post":
        username, _sep, slug = ref.partition("/")
        post = db.session.scalars(select(BlogPost).join(User, User.id == BlogPost.author_id)
                                  .where(User.username == username, BlogPost.slug == slug)).first()
        return (post.title, url_for("blog.post", username=username, slug=slug), post.id) if post else (ref, None, None)
    person = db.session.scalars(select(User).where(User.username == ref)).first()
    return (person.display_name, url_for("people.profile", username=ref), person.id) if person else (ref, None, None)


KIND_LABELS = {"page": _l("wiki page"), "post": _l("blog post"), "person": _l("profile")}


def top_content(period: Period) -> list[dict]:
    """The most viewed pages, posts and profiles, with the comments and follows they drew in the period."""
    views = func.sum(DailyPath.views)
    rows = db.session.execute(
        select(DailyPath.content_type, DailyPath.content_ref, views, func.sum(DailyPath.visitors))
        .where(DailyPath.day >= period.first, DailyPath.day <= period.last, DailyPath.content_type.is_not(None))
        .group_by(DailyPath.content_type, DailyPath.content_ref)
        .order_by(desc(views), DailyPath.content_type, DailyPath.content_ref).limit(TOP)).all()
    out = []
    for kind, ref, count, visitor_days in rows:
        title, link, content_id = _resolve(kind, ref)
        comments = follows = 0
        if content_id is not None and kind in ("page", "post"):
            comments = db.session.scalar(select(func.count()).select_from(Comment).where(
                Comment.target_type == kind, Comment.target_id == content_id, _between(Comment.created_at, period)))
        if content_id is not None and kind == "page":
            follows = db.session.scalar(select(func.count()).select_from(PageWatch).where(
                PageWatch.page_id == content_id, _between(PageWatch.created_at, period)))
        if content_id is not None and kind == "person":
            follows = db.session.scalar(select(func.count()).select_from(Follow).where(
                Follow.followee_id == content_id, _between(Follow.created_at, period)))
        out.append({"kind": str(KIND_LABELS[kind]), "title": title, "url": link, "views": count,
                    "visitor_days": visitor_days, "comments": comments, "follows": follows})
    return out


def sources(period: Period) -> list[dict]:
    visits = func.sum(DailySource.visits)
    rows = db.session.execute(
        select(DailySource.source, visits, func.sum(DailySource.visitors))
        .where(DailySource.day >= period.first, DailySource.day <= period.last)
        .group_by(DailySource.source).order_by(desc(visits), DailySource.source).limit(TOP)).all()
    return [{"source": source, "visits": v, "visitor_days": u} for source, v, u in rows]


def people(period: Period) -> list[dict]:
    followers = func.count()
    new = func.sum(case((_between(Follow.created_at, period), 1), else_=0))
    rows = db.session.execute(
        select(User.username, User.display_name, followers, new).join(Follow, Follow.followee_id == User.id)
        .group_by(User.id, User.username, User.display_name)
        .order_by(desc(followers), User.display_name).limit(TOP)).all()
    return [{"person": name, "url": url_for("people.profile", username=username), "followers": total,
             "new_followers": int(added or 0)} for username, name, total, added in rows]


def _responses(period: Period):
    """Posts published in the period, each with the time of its first comment by someone other than its author."""
    first = (select(Comment.target_id.label("post_id"), func.min(Comment.created_at).label("at"))
             .join(BlogPost, and_(Comment.target_type == "post", Comment.target_id == BlogPost.id))
             .where(Comment.author_id != BlogPost.author_id, Comment.status == PUBLISHED)
             .group_by(Comment.target_id).subquery())
    return db.session.execute(
        select(BlogPost, first.c.at).outerjoin(first, first.c.post_id == BlogPost.id)
        .where(BlogPost.status == PUBLISHED, _between(BlogPost.published_at, period))
        .order_by(BlogPost.published_at)).all()


def response_figures(period: Period) -> dict:
    rows = _responses(period)
    waits = [(at - post.published_at).total_seconds() / 3600 for post, at in rows if at is not None]
    return {"posts": len(rows), "unanswered": sum(1 for _post, at in rows if at is None),
            "median_hours": round(statistics.median(waits), 1) if waits else None}


def unanswered(period: Period) -> list[dict]:
    return [{"title": post.title, "url": url_for("blog.post", username=post.author.username, slug=post.slug),
             "author": post.author.display_name, "published": post.published_at.date().isoformat()}
            for post, at in _responses(period) if at is None][:100]


def minimum_count() -> int:
    return int(current_app.config["ANALYTICS_SEARCH_MIN_COUNT"])


def _searches(period: Period, column) -> tuple[list[dict], int]:
    """Queries counted at least ANALYTICS_SEARCH_MIN_COUNT times in the period, and how many were withheld."""
    total = func.sum(column)
    grouped = (select(SearchCount.query, total.label("n"))
               .where(SearchCount.day >= period.first, SearchCount.day <= period.last)
               .group_by(SearchCount.query).having(total > 0).subquery())
    floor = minimum_count()
    shown = db.session.execute(select(grouped.c.query, grouped.c.n).where(grouped.c.n >= floor)
                               .order_by(desc(grouped.c.n), grouped.c.query).limit(TOP)).all()
    withheld = db.session.scalar(select(func.count()).select_from(grouped).where(grouped.c.n < floor)) or 0
    return [{"query": query, "searches": n} for query, n in shown], withheld


def searches(period: Period) -> list[dict]:
    return _searches(period, SearchCount.searches)[0]


def zero_searches(period: Period) -> list[dict]:
    return _searches(period, SearchCount.zero_results)[0]


def withheld(period: Period) -> dict:
    return {"searches": _searches(period, SearchCount.searches)[1],
            "zero": _searches(period, SearchCount.zero_results)[1]}


DAILY_COLUMNS = [
    ("day", _l("Day")), ("page_views", _l("Page views")), ("member_views", _l("Member page views")),
    ("reader_views", _l("Reader page views")), ("crawler_views", _l("Crawler page views")),
    ("visitors", _l("Unique visitors")), ("member_visitors", _l("Member visitors")),
    ("reader_visitors", _l("Reader visitors")), ("visits", _l("Visits")), ("bounces", _l("Bounces")),
    ("visit_seconds", _l("Total visit time (seconds)")), ("dau", _l("Daily active members")),
    ("wau", _l("Weekly active members")), ("mau", _l("Monthly active members")), ("stickiness", _l("Stickiness")),
    ("new_members", _l("New members")), ("engaged_members", _l("Contributing members")),
    ("new_posts", _l("New blog posts")), ("new_pages", _l("New wiki pages")), ("edits", _l("Wiki edits")),
    ("comments", _l("Comments")), ("mentions", _l("Mentions")), ("follows", _l("New follows")),
]

TABLES = {table.name: table for table in [
    Table("daily", _l("Daily figures"), DAILY_COLUMNS, daily),
    Table("pages", _l("Top pages"), [("path", _l("Page")), ("views", _l("Page views")),
                                     ("member_views", _l("By members")), ("visitor_days", _l("Visitor-days"))],
          top_pages),
    Table("content", _l("Top content"), [("title", _l("Content")), ("kind", _l("Kind")), ("views", _l("Page views")),
                                         ("visitor_days", _l("Visitor-days")), ("comments", _l("Comments")),
                                         ("follows", _l("Follows"))], top_content),
    Table("sources", _l("Sources"), [("source", _l("Source")), ("visits", _l("Visits")),
                                     ("visitor_days", _l("Visitor-days"))], sources),
    Table("people", _l("Most-followed people"), [("person", _l("Person")), ("followers", _l("Followers")),
                                                 ("new_followers", _l("New followers in the period"))], people),
    Table("unanswered", _l("Blog posts with no response"), [("title", _l("Post")), ("author", _l("Author")),
                                                            ("published", _l("Published"))], unanswered),
    Table("searches", _l("Top searches"), [("query", _l("Search")), ("searches", _l("Searches"))], searches),
    Table("zero-searches", _l("Searches that found nothing"), [("query", _l("Search")),
                                                               ("searches", _l("Searches"))], zero_searches),
    Table("months", _l("Unique visitors by month"), [("month", _l("Month")), ("through", _l("Counted through")),
                                                     ("visitors", _l("Unique visitors"))], metrics.month_uniques),
]}

#: A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    if isinstance(value, str) and text.startswith(FORMULA_START):
        return "'" + text
    return text


def to_csv(table: Table, period: Period) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(label) for _key, label in table.columns])
    for row in table.rows(period):
        writer.writerow([_cell(row.get(key)) for key, _label in table.columns])
    return buffer.getvalue()
