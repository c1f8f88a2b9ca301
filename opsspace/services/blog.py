"""Blog posts: drafts, publishing through the content pipeline, edits that keep every earlier version,
soft deletion that admins can undo, and who may see what."""
import re
import unicodedata
from dataclasses import dataclass, field

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from ..database import writes
from ..extensions import db
from ..models import BlogPost, PostVersion, User, utcnow
from ..models.content import DELETED, DRAFT, HELD, HIDDEN, LANGUAGES, PUBLISHED
from . import NotFound, PermissionDenied, ValidationError, audit, content, policy, rendering, social, users

MAX_TITLE = 200
MAX_BODY = 200_000
MAX_TAGS = 12
MAX_TAG = 40


@dataclass
class PostResult:
    outcome: str  # "saved", "unchanged" or "conflict"
    post: BlogPost
    signals: list = field(default_factory=list)

    @property
    def held(self) -> bool:
        return self.post.status == HELD


def normalize_tags(raw: str | list | None) -> str:
    """"Data, open government ,data" -> ",data,open government,". Raises ValidationError when too many or too long."""
    parts = raw if isinstance(raw, list) else (raw or "").split(",")
    tags: list[str] = []
    for part in parts:
        tag = re.sub(r"\s+", " ", str(part)).strip().lower().lstrip("#")
        if tag and tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise ValidationError({"tags": _("Use %(max)d tags at most.", max=MAX_TAGS)})
    if any(len(tag) > MAX_TAG or "," in tag for tag in tags):
        raise ValidationError({"tags": _("A tag can have %(max)d characters at most.", max=MAX_TAG)})
    return f",{','.join(tags)}," if tags else ""


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:80].strip("-")
    return slug or "post"


def _unique_slug(author_id: int, title: str, exclude_id: int | None = None) -> str:
    base = slugify(title)
    taken = set(db.session.scalars(select(BlogPost.slug).where(BlogPost.author_id == author_id,
                                                               BlogPost.slug.like(base + "%"),
                                                               BlogPost.id != (exclude_id or 0))))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


# --- who sees what ----------------------------------------------------------------------------

def urls(post_ids) -> dict[int, str]:
    """Each post's address, by id, from one query: for pages that link to many posts."""
    if not post_ids:
        return {}
    return {row.id: url_for("blog.post", username=row.username, slug=row.slug) for row in db.session.execute(
        select(BlogPost.id, BlogPost.slug, User.username).join(User, BlogPost.author_id == User.id)
        .where(BlogPost.id.in_(set(post_ids))))}


def can_see(viewer, post: BlogPost) -> bool:
    """Published: everyone. Draft: its author. Held or hidden: its author and moderators.
    Deleted: its author and admins."""
    if post.status == PUBLISHED:
        return True
    if not getattr(viewer, "is_authenticated", False):
        return False
    if viewer.id == post.author_id:
        return True
    if post.status in (HELD, HIDDEN):
        return viewer.is_moderator
    return post.status == DELETED and viewer.is_admin


def get_visible(username: str, slug: str, viewer) -> BlogPost:
    """The post, or NotFound when it does not exist or this person may not see it (no leak either way)."""
    author = users.get(username)
    post = None
    if author is not None:
        post = db.session.scalars(select(BlogPost).where(BlogPost.author_id == author.id,
                                                         BlogPost.slug == slug)).first()
    if post is None or not can_see(viewer, post):
        raise NotFound(_("There is no such post."))
    return post


def published(tag: str | None = None, language: str | None = None, author: User | None = None):
    """Published posts, newest first."""
    stmt = select(BlogPost).where(BlogPost.status == PUBLISHED).order_by(BlogPost.published_at.desc(),
                                                                          BlogPost.id.desc())
    if tag:
        stmt = stmt.where(BlogPost.tags.like(f"%,{tag.strip().lower()},%"))
    if language in LANGUAGES:
        stmt = stmt.where(BlogPost.language == language)
    if author is not None:
        stmt = stmt.where(BlogPost.author_id == author.id)
    return stmt


def own_unpublished(author: User):
    """The author's drafts, held, hidden and deleted posts, for their own blog page."""
    return (select(BlogPost).where(BlogPost.author_id == author.id, BlogPost.status != PUBLISHED)
            .order_by(BlogPost.updated_at.desc()))


def popular_tags(limit: int = 20) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for tags in db.session.scalars(select(BlogPost.tags).where(BlogPost.status == PUBLISHED)
                                   .order_by(BlogPost.published_at.desc()).limit(500)):
        for tag in tags.strip(",").split(","):
            if tag:
                counts[tag] = counts.get(tag, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


def versions(post: BlogPost) -> list[PostVersion]:
    return list(db.session.scalars(select(PostVersion).where(PostVersion.post_id == post.id)
                                   .order_by(PostVersion.number.desc())))


def can_see_versions(viewer, post: BlogPost) -> bool:
    return getattr(viewer, "is_authenticated", False) and (viewer.id == post.author_id or viewer.is_moderator)


def rendered(post: BlogPost):
    return rendering.cached(("post", post.id, post.version), lambda: rendering.render(post.body, content=post)).html


# --- writing ----------------------------------------------------------------------------------

def _check(title: str, body: str, language: str) -> dict:
    errors = {}
    if not title:
        errors["title"] = _("Give the post a title.")
    elif len(title) > MAX_TITLE:
        errors["title"] = _("The title can have %(max)d characters at most.", max=MAX_TITLE)
    if not body.strip():
        errors["body"] = _("Write something before saving.")
    elif len(body) > MAX_BODY:
        errors["body"] = _("The text is too long: %(max)d characters at most.", max=MAX_BODY)
    if "\x00" in body or "\x00" in title:
        errors["body"] = _("The text contains a NUL character, which cannot be saved. Remove it and try again.")
    if language not in LANGUAGES:
        errors["language"] = _("Choose English or French.")
    return errors


@writes
def save_post(author: User, *, title: str, body: str, tags: str = "", language: str = "en", publish: bool = False,
              post: BlogPost | None = None, base_version: int | None = None, warn: bool = False) -> PostResult:
    """Create or edit a post. `publish` sends a draft through the pipeline (it may be held); an edit of
    a post already out keeps the earlier text as a version. `base_version` guards against two tabs:
    if the post changed since the editor opened, nothing is saved (outcome ``conflict``)."""
    policy.ensure_accepted(author)
    if post is not None:
        # The row as it is now, locked until commit (PostgreSQL; SQLite's write transaction already excludes
        # other writers): two saves at once cannot both pass the version check below.
        db.session.execute(select(BlogPost.id).where(BlogPost.id == post.id).with_for_update())
        db.session.refresh(post)
    if post is not None and post.author_id != author.id:
        raise PermissionDenied(_("Only the author can edit a post."))
    if post is not None and post.status == DELETED:
        raise ValidationError({"form": _("This post is deleted: ask an administrator to restore it first.")})
    title, body = (title or "").strip(), (body or "").replace("\r\n", "\n")
    errors = _check(title, body, language)
    try:
        tags = normalize_tags(tags)
    except ValidationError as error:
        errors.update(error.errors)
    if errors:
        raise ValidationError(errors)
    if post is not None and base_version is not None and post.version != base_version:
        return PostResult("conflict", post)
    is_new = post is None
    was_public = post is not None and post.published_at is not None
    if post is None:
        post = BlogPost(author_id=author.id, slug=_unique_slug(author.id, title), status=DRAFT)
        db.session.add(post)
    elif (title, body, tags, language) == (post.title, post.body, post.tags, post.language) and not (
            publish and post.status == DRAFT):
        return PostResult("unchanged", post)
    else:
        if was_public:  # records law: the text people could read is kept
            db.session.add(PostVersion(post_id=post.id, number=post.version, title=post.title, body=post.body,
                                       language=post.language, tags=post.tags, status=post.status,
                                       editor_id=author.id))
        post.version += 1
    post.title, post.body, post.tags, post.language = title, body, tags, language
    post.updated_at = utcnow()
    db.session.flush()
    signals: list = []
    first_publication = False
    if publish or post.status in (PUBLISHED, HELD):
        post.status, signals = content.submit(post, author, warn)
        if post.status == PUBLISHED and post.published_at is None:
            post.published_at = utcnow()
            first_publication = True
    if post.status == PUBLISHED:
        mentions = rendering.cached(("post", post.id, post.version),
                                    lambda: rendering.render(post.body, content=post)).mentions
        if first_publication:
            social.on_post_published(post, mentions)
    audit.record(author, "post.created" if is_new else "post.updated", target_type="post", target_id=post.id,
                 status=post.status, version=post.version)
    _enqueue_with_comments(post)
    db.session.commit()
    content.after_commit(post, is_new or first_publication)
    return PostResult("saved", post, signals)


@writes
def delete_post(post: BlogPost, actor: User) -> None:
    """The author removes a post: gone for everyone else, kept in the database, restorable by admins."""
    if actor.id != post.author_id and not actor.is_admin:
        raise PermissionDenied(_("Only the author can delete a post."))
    if post.status == DELETED:
        return
    post.status = DELETED
    post.updated_at = utcnow()
    social.withdraw("post", post.id)
    audit.record(actor, "post.deleted", target_type="post", target_id=post.id, title=post.title)
    _enqueue_with_comments(post)
    db.session.commit()
    content.update_index()


@writes
def restore_post(post: BlogPost, actor: User, reason: str) -> None:
    if not actor.is_admin:
        raise PermissionDenied(_("Only administrators can restore a deleted post."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give a reason: it is kept in the audit log.")})
    if post.status != DELETED:
        return
    post.status = PUBLISHED if post.published_at else DRAFT
    if post.status == PUBLISHED:
        social.restore("post", post.id)
    audit.record(actor, "post.restored", target_type="post", target_id=post.id, reason=reason.strip())
    _enqueue_with_comments(post)
    db.session.commit()
    content.update_index()


def _enqueue_with_comments(post: BlogPost) -> None:
    """A post's comments are findable only while the post is: reindex them with it."""
    from ..models import Comment

    content.enqueue_index("post", post.id)
    for comment_id in db.session.scalars(select(Comment.id).where(Comment.target_type == "post",
                                                                  Comment.target_id == post.id)):
        content.enqueue_index("comment", comment_id)


def count_by(author: User) -> int:
    return db.session.scalar(select(func.count()).select_from(BlogPost)
                             .where(BlogPost.author_id == author.id, BlogPost.status == PUBLISHED))


def excerpt(post: BlogPost, length: int = 280) -> str:
    """The first words of a post, as plain text (for listings and feeds)."""
    text = " ".join(rendering.plain_text(rendered(post)).split())
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + "…"
