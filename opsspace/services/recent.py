"""Recent changes across the site: published wiki revisions and blog posts, newest first, in one list."""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, literal, select, union_all

from ..extensions import db
from ..models import BlogPost, Revision, User, WikiPage
from ..models.content import LANGUAGES, PUBLISHED


@dataclass
class Change:
    kind: str  # "page" or "post"
    at: datetime
    obj: object  # the Revision (with .page) or the BlogPost
    author: User


def _sources(author: str | None, language: str | None, kinds: tuple[str, ...]):
    parts = []
    if "page" in kinds:
        revisions = (select(literal("page").label("kind"), Revision.id.label("id"), Revision.created_at.label("at"))
                     .join(WikiPage, Revision.page_id == WikiPage.id).where(Revision.status == PUBLISHED))
        if author:
            revisions = revisions.join(User, Revision.author_id == User.id).where(User.username == author)
        if language:
            revisions = revisions.where(WikiPage.language == language)
        parts.append(revisions)
    if "post" in kinds:
        posts = (select(literal("post").label("kind"), BlogPost.id.label("id"), BlogPost.published_at.label("at"))
                 .where(BlogPost.status == PUBLISHED))
        if author:
            posts = posts.join(User, BlogPost.author_id == User.id).where(User.username == author)
        if language:
            posts = posts.where(BlogPost.language == language)
        parts.append(posts)
    return union_all(*parts).subquery()


def changes(author: str | None = None, language: str | None = None, kinds=("page", "post"),
            limit: int = 50, offset: int = 0) -> tuple[list[Change], int]:
    """One page of changes and the total count. Filters: author (user name), language, kinds."""
    author = (author or "").strip().lower() or None
    language = language if language in LANGUAGES else None
    kinds = tuple(k for k in kinds if k in ("page", "post")) or ("page", "post")
    source = _sources(author, language, kinds)
    total = db.session.scalar(select(func.count()).select_from(source))
    rows = db.session.execute(select(source.c.kind, source.c.id, source.c.at)
                              .order_by(source.c.at.desc(), source.c.id.desc()).limit(limit).offset(offset)).all()
    revision_ids = [row.id for row in rows if row.kind == "page"]
    post_ids = [row.id for row in rows if row.kind == "post"]
    revisions = {r.id: r for r in db.session.scalars(select(Revision).where(Revision.id.in_(revision_ids)))}
    posts = {p.id: p for p in db.session.scalars(select(BlogPost).where(BlogPost.id.in_(post_ids)))}
    result = []
    for row in rows:
        obj = revisions.get(row.id) if row.kind == "page" else posts.get(row.id)
        if obj is not None:
            result.append(Change(row.kind, row.at, obj, obj.author))
    return result, total
