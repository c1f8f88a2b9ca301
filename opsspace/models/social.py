"""People together: follows, watched wiki pages, in-app notifications, avatars."""
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from . import utcnow


class Follow(db.Model):
    """`follower` reads `followee`'s blog: new posts notify them."""

    __tablename__ = "follows"

    follower_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    followee_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PageWatch(db.Model):
    """A user watching a wiki page: its edits notify them."""

    __tablename__ = "page_watches"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("wiki_pages.id"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Notification(db.Model):
    """Something that happened that concerns `user`. Withdrawn when its content stops being public."""

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user_unread", "user_id", "read_at"),
        Index("ix_notifications_target", "target_type", "target_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(30))  # comment, reply, mention, new_post, page_edit
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    target_type: Mapped[str] = mapped_column(String(10))  # post, comment, revision
    target_id: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str | None] = mapped_column(String(1000))  # e.g. a moderation clause and reason
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(DateTime)

    actor = relationship("User", foreign_keys=[actor_id], lazy="joined")


class Avatar(db.Model):
    """A profile picture, re-encoded on upload; kept in the database so every web node serves it."""

    __tablename__ = "avatars"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    mime: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
