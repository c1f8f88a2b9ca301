"""The moderation plugin's tables: the policy clauses reports cite, queue items, reports, actions, appeals."""
from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opsspace.extensions import db
from opsspace.models import utcnow


class Clause(db.Model):
    """A clause of the acceptable-use policy, as reporters and moderators cite it (admins edit the list)."""

    __tablename__ = "moderation_clauses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    title_en: Mapped[str] = mapped_column(String(200))
    title_fr: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def title(self, language: str) -> str:
        return self.title_fr if language == "fr" else self.title_en


class Item(db.Model):
    """One piece of content under review, gathering its reports and automatic signals."""

    __tablename__ = "moderation_items"
    __table_args__ = (
        UniqueConstraint("content_type", "content_id", name="uq_moderation_items_content"),
        Index("ix_moderation_items_state", "state", "opened_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_type: Mapped[str] = mapped_column(String(10))  # revision, post, comment, person
    content_id: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    state: Mapped[str] = mapped_column(String(12), default="open")  # open, actioned, dismissed, escalated
    score: Mapped[float] = mapped_column(Float, default=0.0)
    auto_hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    opened_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    first_action_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime)

    author = relationship("User", foreign_keys=[author_id], lazy="joined")
    claimed_by = relationship("User", foreign_keys=[claimed_by_id], lazy="joined")


class Report(db.Model):
    """One person's report on an item (a second report by the same person updates the first)."""

    __tablename__ = "moderation_reports"
    __table_args__ = (UniqueConstraint("item_id", "reporter_id", name="uq_moderation_reports_item_reporter"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("moderation_items.id"), index=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    clause: Mapped[str] = mapped_column(String(20))
    details: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    reporter = relationship("User", lazy="joined")


class Action(db.Model):
    """A moderator's decision on an item, with the clause and the reason (also in the audit log)."""

    __tablename__ = "moderation_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("moderation_items.id"), index=True)
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # None: automatic
    action: Mapped[str] = mapped_column(String(20))
    clause: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    moderator = relationship("User", lazy="joined")


class Appeal(db.Model):
    """The author's one appeal against an action; decided by another moderator."""

    __tablename__ = "moderation_appeals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("moderation_actions.id"), unique=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(12), default="open")  # open, upheld, overturned
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decision_reason: Mapped[str | None] = mapped_column(Text)

    action = relationship("Action", lazy="joined")
