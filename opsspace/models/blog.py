"""Blogs and comments: posts with every earlier version kept, comments (one level of replies) likewise."""
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from . import utcnow
from .content import DRAFT


def tag_list(stored: str | None) -> list[str]:
    """Tags are kept as ",a,b," so one LIKE finds a tag on SQLite and PostgreSQL alike."""
    return [tag for tag in (stored or "").split(",") if tag]


class BlogPost(db.Model):
    __tablename__ = "blog_posts"
    __table_args__ = (
        UniqueConstraint("author_id", "slug", name="uq_blog_posts_author_slug"),
        Index("ix_blog_posts_status_published", "status", "published_at"),
        # A person's posts, newest first (their profile, their blog): without it, SQLite walks every
        # published post of the site to find one author's ten.
        Index("ix_blog_posts_author_status_published", "author_id", "status", "published_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    slug: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(5), default="en")
    tags: Mapped[str] = mapped_column(String(600), default="")
    status: Mapped[str] = mapped_column(String(12), default=DRAFT)
    status_reason: Mapped[str | None] = mapped_column(Text)  # why a moderator hid it, shown to the author
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(DateTime)

    author = relationship("User", lazy="joined")

    content_type = "post"

    @property
    def tag_list(self) -> list[str]:
        return tag_list(self.tags)


class PostVersion(db.Model):
    """A post as it was before an edit (records law: nothing published is silently lost)."""

    __tablename__ = "blog_post_versions"
    __table_args__ = (UniqueConstraint("post_id", "number", name="uq_blog_post_versions_post_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("blog_posts.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(5))
    tags: Mapped[str] = mapped_column(String(600), default="")
    status: Mapped[str] = mapped_column(String(12))
    editor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    editor = relationship("User", lazy="joined")


class Comment(db.Model):
    """A comment on a blog post or a wiki page; `parent_id` makes it a reply (one level)."""

    __tablename__ = "comments"
    __table_args__ = (Index("ix_comments_target", "target_type", "target_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    target_type: Mapped[str] = mapped_column(String(10))  # "post" or "page"
    target_id: Mapped[int] = mapped_column(Integer)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12))
    status_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    author = relationship("User", lazy="joined")

    content_type = "comment"


class CommentVersion(db.Model):
    __tablename__ = "comment_versions"
    __table_args__ = (UniqueConstraint("comment_id", "number", name="uq_comment_versions_comment_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
