"""The statistics plugin's tables: raw page views (hashed visitor ids, kept for a retention period), one row
per member per active day, per-period salts, daily search counts, and the daily rollups kept for good."""
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from opsspace.extensions import db
from opsspace.models import utcnow

#: Event kinds: a signed-in member's page view, a reader's, a crawler's (no visitor id).
MEMBER, READER, BOT = "member", "reader", "bot"
PATH_MAX = 300
SOURCE_MAX = 255
QUERY_MAX = 100


class Event(db.Model):
    """One page view. No address, no user agent, no query string: only a visitor id hashed with the period's
    salt (which is deleted two periods later), the path, what it showed, and where the visitor came from."""

    __tablename__ = "stats_events"
    __table_args__ = (Index("ix_stats_events_day_visitor", "day", "visitor", "ts"),
                      Index("ix_stats_events_ts", "ts"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ts: Mapped[datetime] = mapped_column(DateTime)  # naive UTC
    day: Mapped[date] = mapped_column(Date)  # the local day (ANALYTICS_TZ) of ts
    kind: Mapped[str] = mapped_column(String(6))  # member, reader, bot
    visitor: Mapped[str | None] = mapped_column(String(16))  # None for crawlers
    path: Mapped[str] = mapped_column(String(PATH_MAX))
    content_type: Mapped[str | None] = mapped_column(String(10))  # page, post, person
    content_ref: Mapped[str | None] = mapped_column(String(PATH_MAX))  # wiki path, username/slug, username
    source: Mapped[str | None] = mapped_column(String(SOURCE_MAX))  # another site's host, "direct", or None


class MemberDay(db.Model):
    """A member was active (signed in and used the site) on a local day: the source of DAU, WAU and MAU."""

    __tablename__ = "stats_member_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)


class Salt(db.Model):
    """The random key of one counting period ("d:2026-03-08" or "m:2026-03"); only the current and the
    previous period's exist, so visitor ids of older periods can never be recomputed."""

    __tablename__ = "stats_salts"

    period: Mapped[str] = mapped_column(String(12), primary_key=True)
    salt: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SearchCount(db.Model):
    """How often a normalized query was searched on a local day, and how often it found nothing (counts only)."""

    __tablename__ = "stats_search_counts"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    query: Mapped[str] = mapped_column(String(QUERY_MAX), primary_key=True)
    searches: Mapped[int] = mapped_column(Integer, default=0)
    zero_results: Mapped[int] = mapped_column(Integer, default=0)


class Job(db.Model):
    """The last time slot a periodic job ran in: several worker processes agree on who runs it."""

    __tablename__ = "stats_jobs"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_slot: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)


class Daily(db.Model):
    """One local day's figures, rebuilt by the rollup (delete and insert in one transaction) and kept for good."""

    __tablename__ = "stats_daily"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    page_views: Mapped[int] = mapped_column(Integer, default=0)
    member_views: Mapped[int] = mapped_column(Integer, default=0)
    reader_views: Mapped[int] = mapped_column(Integer, default=0)
    crawler_views: Mapped[int] = mapped_column(Integer, default=0)
    visitors: Mapped[int] = mapped_column(Integer, default=0)
    member_visitors: Mapped[int] = mapped_column(Integer, default=0)
    reader_visitors: Mapped[int] = mapped_column(Integer, default=0)
    visits: Mapped[int] = mapped_column(Integer, default=0)
    bounces: Mapped[int] = mapped_column(Integer, default=0)
    visit_seconds: Mapped[int] = mapped_column(Integer, default=0)
    # Distinct visitors from the first of the month to this day: exact only under a monthly salt.
    month_visitors: Mapped[int | None] = mapped_column(Integer)
    salt_period: Mapped[str] = mapped_column(String(5), default="day")
    dau: Mapped[int] = mapped_column(Integer, default=0)
    wau: Mapped[int] = mapped_column(Integer, default=0)
    mau: Mapped[int] = mapped_column(Integer, default=0)
    stickiness: Mapped[float] = mapped_column(Float, default=0.0)
    new_members: Mapped[int] = mapped_column(Integer, default=0)
    engaged_members: Mapped[int] = mapped_column(Integer, default=0)
    new_posts: Mapped[int] = mapped_column(Integer, default=0)
    new_pages: Mapped[int] = mapped_column(Integer, default=0)
    edits: Mapped[int] = mapped_column(Integer, default=0)
    comments: Mapped[int] = mapped_column(Integer, default=0)
    mentions: Mapped[int] = mapped_column(Integer, default=0)
    follows: Mapped[int] = mapped_column(Integer, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)  # the day was over when it was rolled up
    computed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class DailyPath(db.Model):
    """Views of one path on one local day (with the content it showed, if any)."""

    __tablename__ = "stats_daily_paths"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    path: Mapped[str] = mapped_column(String(PATH_MAX), primary_key=True)
    content_type: Mapped[str | None] = mapped_column(String(10))
    content_ref: Mapped[str | None] = mapped_column(String(PATH_MAX))
    views: Mapped[int] = mapped_column(Integer, default=0)
    member_views: Mapped[int] = mapped_column(Integer, default=0)
    visitors: Mapped[int] = mapped_column(Integer, default=0)


class DailySource(db.Model):
    """Visits that began from one source (another site's host, or "direct") on one local day."""

    __tablename__ = "stats_daily_sources"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    source: Mapped[str] = mapped_column(String(SOURCE_MAX), primary_key=True)
    visits: Mapped[int] = mapped_column(Integer, default=0)
    visitors: Mapped[int] = mapped_column(Integer, default=0)
