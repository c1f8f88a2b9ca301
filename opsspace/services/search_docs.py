"""What the search index holds for each piece of content, built from the database (no Whoosh here).

One document per wiki page (its current published text), blog post, comment and person. `stamp`
fingerprints what was indexed, so `opsspace search verify` can tell a stale document from a current one.
"""
import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from ..extensions import db
from ..models import BlogPost, Comment, User, WikiPage
from ..models.content import HELD, LANGUAGES, PUBLISHED
from . import NotFound, rendering

TYPES = ("page", "post", "comment", "person")


@dataclass
class Doc:
    type: str
    id: int
    title: str
    text: str
    lang: str
    author: str  # user name
    author_name: str
    tags: list[str] = field(default_factory=list)
    status: str = PUBLISHED
    owner: int = 0  # the user who may see it when it is not published
    ref: str = ""  # what the view needs to build the link (path, "user/slug", comment id, user name)
    created: datetime | None = None
    updated: datetime | None = None

    @property
    def key(self) -> str:
        return f"{self.type}:{self.id}"

    @property
    def stamp(self) -> str:
        parts = (self.title, self.text, self.lang, self.author, ",".join(self.tags), self.status, self.ref,
                 str(self.updated))
        return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


def _page(page: WikiPage) -> Doc | None:
    revision = page.current_revision
    if revision is None:
        # A page whose only revisions await review: findable by its author (and moderators) alone.
        from ..models import Revision

        revision = db.session.scalars(select(Revision).where(Revision.page_id == page.id, Revision.status == HELD)
                                      .order_by(Revision.number.desc()).limit(1)).first()
        if revision is None:
            return None
        status = HELD
    else:
        status = PUBLISHED
    html = rendering.cached(("revision", revision.id), lambda: rendering.render(revision.body, content=revision)).html
    return Doc("page", page.id, revision.title, rendering.plain_text(html), page.language, revision.author.username,
               revision.author.display_name, [], status, revision.author_id, page.path, page.created_at,
               page.updated_at)


def _post(post: BlogPost) -> Doc:
    from . import blog

    return Doc("post", post.id, post.title, rendering.plain_text(blog.rendered(post)), post.language,
               post.author.username, post.author.display_name, post.tag_list, post.status, post.author_id,
               f"{post.author.username}/{post.slug}", post.published_at or post.created_at, post.updated_at)


def _comment(comment: Comment) -> Doc | None:
    from . import comments

    try:
        where = comments.target(comment.target_type, comment.target_id)
    except NotFound:  # its page has no published text
        return None
    status = comment.status
    if where.kind == "post" and where.obj.status != PUBLISHED and status == PUBLISHED:
        status = where.obj.status  # a comment is no more public than what it belongs to
    lang = where.obj.language if where.obj.language in LANGUAGES else "en"
    return Doc("comment", comment.id, where.title, rendering.plain_text(comments.rendered(comment)), lang,
               comment.author.username, comment.author.display_name, [], status, comment.author_id,
               str(comment.id), comment.created_at, comment.updated_at)


def _person(user: User) -> Doc | None:
    if not user.active:
        return None
    bio = rendering.plain_text(rendering.render(user.bio).html) if user.bio else ""
    text = " ".join(filter(None, [user.title, user.department, user.location, " ".join(user.expertise_list), bio]))
    return Doc("person", user.id, user.display_name, text, user.preferred_language or "en", user.username,
               user.display_name, user.expertise_list, PUBLISHED, user.id, user.username, user.created_at,
               user.created_at)


_MODELS = {"page": (WikiPage, _page), "post": (BlogPost, _post), "comment": (Comment, _comment),
           "person": (User, _person)}


def load(doc_type: str, doc_id: int) -> Doc | None:
    """The document for one item as it is now, or None when it should not be in the index."""
    model, build = _MODELS[doc_type]
    obj = db.session.get(model, doc_id)
    return build(obj) if obj is not None else None


def count() -> int:
    from sqlalchemy import func

    return sum(db.session.scalar(select(func.count()).select_from(model)) for model, _build in _MODELS.values())


def id_batches(batch: int = 200):
    """(type, ids) for every item the index may hold, type by type, in batches of ids (for parallel reading)."""
    for doc_type, (model, _build) in _MODELS.items():
        last = 0
        while True:
            ids = list(db.session.scalars(select(model.id).where(model.id > last).order_by(model.id).limit(batch)))
            if not ids:
                break
            yield doc_type, ids
            last = ids[-1]


def load_many(doc_type: str, ids: list[int]) -> list[Doc]:
    """The documents for these items as they are now (those that should not be in the index left out)."""
    model, build = _MODELS[doc_type]
    rows = db.session.scalars(select(model).where(model.id.in_(ids)).order_by(model.id))
    return [doc for doc in map(build, rows) if doc is not None]


def every(batch: int = 500):
    """Every document the database says the index should hold, type by type, in batches (bounded memory)."""
    for doc_type, (model, build) in _MODELS.items():
        last = 0
        while True:
            rows = list(db.session.scalars(select(model).where(model.id > last).order_by(model.id).limit(batch)))
            if not rows:
                break
            for obj in rows:
                doc = build(obj)
                yield doc_type, obj.id, doc
            last = rows[-1].id
            db.session.expunge_all()  # keep memory flat over 100,000 documents
