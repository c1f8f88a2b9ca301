"""Content: wiki pages and their immutable revisions, redirects left by moves, wiki links, and the search outbox."""
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from . import utcnow

# One status vocabulary for all content (DESIGN §4).
DRAFT, PUBLISHED, HELD, HIDDEN, DELETED = "draft", "published", "held", "hidden", "deleted"
STATUSES = (DRAFT, PUBLISHED, HELD, HIDDEN, DELETED)
LANGUAGES = ("en", "fr")


class WikiPage(db.Model):
    """A page: where it lives, its language and translation, and which revision readers see."""

    __tablename__ = "wiki_pages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(String(255), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(5), default="en")
    # The page in the other official language, if any (both sides point at each other).
    translation_id: Mapped[int | None] = mapped_column(ForeignKey("wiki_pages.id", use_alter=True))
    # The newest published revision: what readers see. None until one is published.
    current_revision_id: Mapped[int | None] = mapped_column(ForeignKey("wiki_revisions.id", use_alter=True))
    protected: Mapped[bool] = mapped_column(Boolean, default=False)
    # When this page was last brought in line with its translation (on linking, or an edit marked so).
    translation_synced_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # When the published text last changed: used for recent changes and to tell a translation is out of date.
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    current_revision = relationship("Revision", foreign_keys=[current_revision_id], post_update=True)
    translation = relationship("WikiPage", remote_side=[id], foreign_keys=[translation_id], post_update=True)

    @property
    def parent_path(self) -> str | None:
        return self.path.rsplit("/", 1)[0] if "/" in self.path else None

    def __repr__(self) -> str:
        return f"<WikiPage {self.path}>"


class Revision(db.Model):
    """One saved version of a page. Never changed once written, except its status (a moderator may hide it)."""

    __tablename__ = "wiki_revisions"
    __table_args__ = (
        UniqueConstraint("page_id", "number", name="uq_wiki_revisions_page_number"),
        Index("ix_wiki_revisions_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("wiki_pages.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, 3... per page
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("wiki_revisions.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(12), default=PUBLISHED)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    page = relationship("WikiPage", foreign_keys=[page_id])
    author = relationship("User", lazy="joined")
    parent = relationship("Revision", remote_side=[id])

    content_type = "revision"

    def __repr__(self) -> str:
        return f"<Revision {self.page_id}#{self.number} {self.status}>"


class WikiRedirect(db.Model):
    """An old path a page was moved away from; links and bookmarks to it still arrive."""

    __tablename__ = "wiki_redirects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(String(255), unique=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("wiki_pages.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class WikiLink(db.Model):
    """A [[link]] in a page's current published text, by target path: the source of backlinks."""

    __tablename__ = "wiki_links"
    __table_args__ = (UniqueConstraint("source_id", "target_path", name="uq_wiki_links_source_target"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("wiki_pages.id"), index=True)
    target_path: Mapped[str] = mapped_column(String(255), index=True)


class SearchOutbox(db.Model):
    """Work for the search index, written in the same transaction as the content it describes.

    Drained after commit; whatever a crash leaves here is drained at start-up or by `opsspace search update`.
    """

    __tablename__ = "search_outbox"
    # Ids are never given twice (on SQLite a deleted row's id went to the next row): a drain removes the rows
    # it applied by id, and must not remove a newer one queued meanwhile.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_type: Mapped[str] = mapped_column(String(20))  # page, post, comment, person
    doc_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
