"""Daily rollups and retention. A day's rows are rebuilt from what is stored (its page views, the member
activity rows, the core's content tables) by deleting and inserting them in one transaction, so running a
rollup twice gives the same rows. Raw page views are deleted after ANALYTICS_RETENTION_DAYS; rollups stay.

Definitions (also written on the dashboard): a visit is a run of one visitor's page views with no gap over
30 minutes, within one local day; a bounce is a visit of one page view; its duration runs from its first
page view to its last.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import BigInteger, case, cast, delete, distinct, func, insert, select, union

from opsspace.database import begin_write
from opsspace.extensions import db
from opsspace.models import BlogPost, Comment, Follow, Notification, PostVersion, Revision, User, utcnow

from . import clock
from .models import BOT, MEMBER, READER, Daily, DailyPath, DailySource, Event, MemberDay, Salt

VISIT_GAP = timedelta(minutes=30)
#: Member activity is kept this many days longer than page views: monthly actives need 30 days behind a day.
MEMBER_WINDOW = 30


def retention_days() -> int:
    return int(current_app.config["ANALYTICS_RETENTION_DAYS"])


def oldest_kept_day(today: date) -> date:
    """The first local day whose page views are still kept."""
    return today - timedelta(days=retention_days())


def _microseconds(column):
    """A stored time as whole microseconds since the epoch, computed by the database, exactly."""
    if db.engine.dialect.name == "postgresql":
        return cast(func.extract("epoch", column) * 1_000_000, BigInteger)
    # SQLite stores "YYYY-MM-DD HH:MM:SS.ffffff": the whole seconds (cut before the point, as strftime rounds
    # .999999 up), then the digits after the point.
    return (cast(func.strftime("%s", func.substr(column, 1, 19)), BigInteger) * 1_000_000
            + cast(func.substr(column, 21, 6), BigInteger))


@dataclass
class _Walk:
    """A day's page views, walked visitor by visitor in time order."""

    views: dict = field(default_factory=lambda: {MEMBER: 0, READER: 0, BOT: 0})
    visitors: dict = field(default_factory=lambda: {MEMBER: 0, READER: 0})
    visits: int = 0
    bounces: int = 0
    seconds: int = 0
    paths: list = field(default_factory=list)  # (path, type, ref, views, member views, visitors), by path
    sources: list = field(default_factory=list)  # (source, visits, visitors), by source


def _walk(day: date) -> _Walk:
    """The day's figures. The database walks each visitor's page views in time order and gives one row per
    visit; the paths are counted there too.

    Loading every page view into Python to walk it there took 4.5 s for a day of 500,000 page views by
    20,000 visitors, in a worker process's writer thread, holding the interpreter lock and so holding up
    that worker's requests. SQLite does the same in about 3.5 s in C, giving the lock back while it works
    (and PostgreSQL in its own process); what is left for Python is one row per visit."""
    gap = VISIT_GAP // timedelta(microseconds=1)
    times = (select(Event.visitor, Event.kind, Event.source, Event.ts, Event.id, _microseconds(Event.ts).label("us"))
             .where(Event.day == day, Event.visitor.is_not(None)).subquery())
    window = dict(partition_by=times.c.visitor, order_by=(times.c.ts, times.c.id))
    previous = func.lag(times.c.us).over(**window)
    flagged = select(times.c.visitor, times.c.ts, times.c.id, times.c.us, times.c.source,
                     func.first_value(times.c.kind).over(**window).label("kind"),
                     case((previous.is_(None) | (times.c.us - previous > gap), 1), else_=0).label("starts")).subquery()
    numbered = select(flagged.c.visitor, flagged.c.kind, flagged.c.us,
                      case((flagged.c.starts == 1, func.coalesce(func.nullif(flagged.c.source, ""), "direct")))
                      .label("source"),
                      func.sum(flagged.c.starts).over(partition_by=flagged.c.visitor,
                                                      order_by=(flagged.c.ts, flagged.c.id)).label("visit")).subquery()
    visits = db.session.execute(
        select(numbered.c.visitor, func.max(numbered.c.kind), func.max(numbered.c.source), func.count(),
               (func.max(numbered.c.us) - func.min(numbered.c.us)) // 1_000_000)
        .group_by(numbered.c.visitor, numbered.c.visit))
    walk = _Walk()
    kinds, sources = {}, {}
    for visitor, kind, source, views, seconds in visits:
        kinds[visitor] = kind  # a visitor counts as the kind of their first page view of the day
        walk.visits += 1
        walk.bounces += views == 1
        walk.seconds += seconds
        entry = sources.setdefault(source, [0, set()])
        entry[0] += 1
        entry[1].add(visitor)
    for kind in kinds.values():
        walk.visitors[kind] += 1
    walk.sources = [(source, count, len(who)) for source, (count, who) in sorted(sources.items())]
    walk.views.update(db.session.execute(select(Event.kind, func.count()).where(
        Event.day == day, Event.visitor.is_not(None)).group_by(Event.kind)).all())
    walk.views[BOT] += _count(select(func.count()).where(Event.day == day, Event.visitor.is_(None)))
    # Crawlers (no visitor id) never make a page popular.
    walk.paths = db.session.execute(
        select(Event.path, func.min(Event.content_type), func.min(Event.content_ref), func.count(),
               func.sum(case((Event.kind == MEMBER, 1), else_=0)), func.count(distinct(Event.visitor)))
        .where(Event.day == day, Event.visitor.is_not(None)).group_by(Event.path).order_by(Event.path)).all()
    return walk


def _count(stmt) -> int:
    return db.session.scalar(stmt) or 0


def _members(first: date, last: date) -> int:
    return _count(select(func.count(distinct(MemberDay.user_id))).where(MemberDay.day >= first, MemberDay.day <= last))


def _between(column, start: datetime, end: datetime):
    return (column >= start) & (column < end)


def content_figures(start: datetime, end: datetime) -> dict:
    """What members did in [start, end) (naive UTC), from the core's tables."""
    authors = union(
        select(BlogPost.author_id.label("who")).where(_between(BlogPost.created_at, start, end)),
        select(PostVersion.editor_id).where(_between(PostVersion.created_at, start, end)),
        select(Revision.author_id).where(_between(Revision.created_at, start, end)),
        select(Comment.author_id).where(_between(Comment.created_at, start, end)),
    ).subquery()
    return {
        "new_members": _count(select(func.count()).select_from(User).where(_between(User.created_at, start, end))),
        "engaged_members": _count(select(func.count(distinct(authors.c.who)))),
        "new_posts": _count(select(func.count()).select_from(BlogPost)
                            .where(_between(BlogPost.published_at, start, end))),
        "new_pages": _count(select(func.count()).select_from(Revision)
                            .where(_between(Revision.created_at, start, end), Revision.number == 1)),
        "edits": _count(select(func.count()).select_from(Revision)
                        .where(_between(Revision.created_at, start, end), Revision.number > 1)),
        "comments": _count(select(func.count()).select_from(Comment).where(_between(Comment.created_at, start, end))),
        "mentions": _count(select(func.count()).select_from(Notification)
                           .where(_between(Notification.created_at, start, end), Notification.kind == "mention")),
        "follows": _count(select(func.count()).select_from(Follow).where(_between(Follow.created_at, start, end))),
    }


def rollup_day(day: date, now: datetime | None = None) -> str:
    """Rebuild one local day's rows. Returns "done", or "kept" when the day's page views were already
    deleted under the retention rule and its rows are left as they are (a rollup never loses figures)."""
    tz, period = clock.zone(), clock.salt_period()
    now = now or utcnow()
    today = clock.today(tz, now)
    if day > today:
        raise ValueError(f"{day} has not begun yet")
    oldest = oldest_kept_day(today)
    # Everything is read first, in one snapshot, so other processes' writes wait only for the delete and insert.
    existing = db.session.get(Daily, day)
    if day < oldest and existing is not None:
        db.session.rollback()
        return "kept"
    walked = _walk(day)
    month_visitors = existing.month_visitors if existing is not None else None
    if period == clock.MONTH:
        first = day.replace(day=1)
        if first >= oldest:  # every page view of the month so far is still here: an exact count
            month_visitors = _count(select(func.count(distinct(Event.visitor))).where(
                Event.day >= first, Event.day <= day, Event.kind != BOT))
    else:
        month_visitors = None
    dau, wau, mau = _members(day, day), _members(day - timedelta(days=6), day), _members(day - timedelta(days=29), day)
    figures = content_figures(*clock.day_bounds(day, tz))
    begin_write()
    for model in (Daily, DailyPath, DailySource):
        db.session.execute(delete(model).where(model.day == day))
    db.session.execute(insert(Daily), [dict(
        day=day, page_views=walked.views[MEMBER] + walked.views[READER], member_views=walked.views[MEMBER],
        reader_views=walked.views[READER], crawler_views=walked.views[BOT],
        visitors=walked.visitors[MEMBER] + walked.visitors[READER], member_visitors=walked.visitors[MEMBER],
        reader_visitors=walked.visitors[READER], visits=walked.visits, bounces=walked.bounces,
        visit_seconds=walked.seconds, month_visitors=month_visitors, salt_period=period, dau=dau, wau=wau, mau=mau,
        stickiness=round(dau / mau, 4) if mau else 0.0, complete=day < today, computed_at=now, **figures)])
    if walked.paths:
        db.session.execute(insert(DailyPath), [
            dict(day=day, path=path, content_type=kind, content_ref=ref, views=views, member_views=member_views,
                 visitors=visitors)
            for path, kind, ref, views, member_views, visitors in walked.paths])
    if walked.sources:
        db.session.execute(insert(DailySource), [
            dict(day=day, source=source, visits=visits, visitors=visitors)
            for source, visits, visitors in walked.sources])
    db.session.commit()
    return "done"


def due_days(now: datetime | None = None) -> list[date]:
    """Today, yesterday, and every earlier day still within retention that has page views or activity but
    no finished rollup (after downtime)."""
    tz = clock.zone()
    today = clock.today(tz, now)
    oldest = oldest_kept_day(today)
    seen = set(db.session.scalars(select(Event.day).distinct().where(Event.day >= oldest)))
    seen |= set(db.session.scalars(select(MemberDay.day).distinct().where(MemberDay.day >= oldest)))
    finished = set(db.session.scalars(select(Daily.day).where(Daily.day >= oldest, Daily.complete.is_(True))))
    wanted = {day for day in seen if day not in finished and day <= today}
    wanted |= {today - timedelta(days=1), today}
    return sorted(wanted)


def purge(now: datetime | None = None) -> dict:
    """Apply retention: page views older than ANALYTICS_RETENTION_DAYS, member activity older than that plus
    the 30 days monthly actives look back, and every salt but the current and previous period's."""
    tz, period = clock.zone(), clock.salt_period()
    now = now or utcnow()
    today = clock.today(tz, now)
    oldest = oldest_kept_day(today)
    keep = {clock.period_key(today, period), clock.previous_period_key(today, period)}
    begin_write()
    events = db.session.execute(delete(Event).where(Event.day < oldest)).rowcount
    members = db.session.execute(delete(MemberDay).where(
        MemberDay.day < oldest - timedelta(days=MEMBER_WINDOW))).rowcount
    salts = db.session.execute(delete(Salt).where(Salt.period.not_in(keep))).rowcount
    db.session.commit()
    return {"events": events, "member_days": members, "salts": salts}


def run_periodic(now: datetime | None = None) -> list[date]:
    """What the app does on its own: roll up the days that are due, then apply retention."""
    days = due_days(now)
    for day in days:
        rollup_day(day, now)
    purge(now)
    return days
