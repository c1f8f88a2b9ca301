"""Profiles: the people directory, avatars (checked and re-encoded), and a person's recent activity."""
import io

from flask_babel import format_decimal, gettext as _
from sqlalchemy import func, or_, select

from ..database import writes
from ..extensions import db
from ..models import Avatar, BlogPost, Comment, Revision, User, WikiPage, utcnow
from ..models.content import PUBLISHED
from . import NotFound, ValidationError

AVATAR_SIZE = 256
AVATAR_MAX_BYTES = 2 * 1024 * 1024
AVATAR_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def directory(name: str = "", department: str = "", expertise: str = ""):
    """Active people, by name, narrowed by name, department and expertise."""
    stmt = select(User).where(User.active.is_(True)).order_by(func.lower(User.display_name), User.username)
    if name.strip():
        like = f"%{name.strip().lower()}%"
        stmt = stmt.where(or_(func.lower(User.display_name).like(like), User.username.like(like)))
    if department.strip():
        stmt = stmt.where(func.lower(User.department) == department.strip().lower())
    if expertise.strip():
        stmt = stmt.where(User.expertise.like(f"%,{expertise.strip().lower()},%"))
    return stmt


def departments() -> list[str]:
    return [d for d in db.session.scalars(select(User.department).where(User.active.is_(True),
                                                                         User.department.is_not(None))
                                          .distinct().order_by(User.department)) if d]


def prepare_avatar(data: bytes) -> bytes:
    """Check an uploaded picture (size, and its real type from its content, not its name) and return it
    re-encoded as a square PNG. Raises ValidationError when the file is too large or not an image."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > AVATAR_MAX_BYTES:
        megabytes = format_decimal(AVATAR_MAX_BYTES / (1024 * 1024), format="#,##0.#")
        raise ValidationError({"avatar": _("The picture is too large: %(max)s MB at most.", max=megabytes)})
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            probe.verify()
        if kind not in AVATAR_FORMATS:
            raise ValueError(kind)
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > 40_000_000:
                raise ValueError("too many pixels")
            image.seek(0)
            picture = image.convert("RGBA")
    except (UnidentifiedImageError, ValueError, OSError, Image.DecompressionBombError):
        raise ValidationError({"avatar": _("That file is not a picture we can use: choose a JPEG, PNG, GIF or "
                                           "WebP image.")}) from None
    side = min(picture.size)
    left, top = (picture.width - side) // 2, (picture.height - side) // 2
    picture = picture.crop((left, top, left + side, top + side)).resize((AVATAR_SIZE, AVATAR_SIZE))
    output = io.BytesIO()
    picture.save(output, format="PNG", optimize=True)  # re-encoded: nothing of the upload but its pixels
    return output.getvalue()


@writes
def set_avatar(user: User, png: bytes) -> None:
    """Keep a picture made by prepare_avatar as the user's avatar."""
    avatar = db.session.get(Avatar, user.id) or Avatar(user_id=user.id)
    avatar.data, avatar.mime, avatar.updated_at = png, "image/png", utcnow()
    db.session.add(avatar)
    user.has_avatar = True
    db.session.commit()


@writes
def remove_avatar(user: User) -> None:
    avatar = db.session.get(Avatar, user.id)
    if avatar is not None:
        db.session.delete(avatar)
    user.has_avatar = False
    db.session.commit()


def avatar(user: User) -> Avatar | None:
    return db.session.get(Avatar, user.id)


def activity(person: User, limit: int = 10) -> dict:
    """A person's recent public work: posts, wiki edits and comments."""
    posts = list(db.session.scalars(select(BlogPost).where(BlogPost.author_id == person.id,
                                                           BlogPost.status == PUBLISHED)
                                    .order_by(BlogPost.published_at.desc()).limit(limit)))
    edits = list(db.session.execute(
        select(Revision, WikiPage).join(WikiPage, Revision.page_id == WikiPage.id)
        .where(Revision.author_id == person.id, Revision.status == PUBLISHED)
        .order_by(Revision.created_at.desc()).limit(limit)).all())
    comments = [c for c in db.session.scalars(select(Comment).where(Comment.author_id == person.id,
                                                                   Comment.status == PUBLISHED)
                                              .order_by(Comment.created_at.desc()).limit(limit * 2))]
    from . import comments as comment_service

    visible = []
    for comment in comments:
        try:
            where = comment_service.target(comment.target_type, comment.target_id, None)
        except NotFound:  # its post or page is gone from public view
            continue
        if where.kind != "post" or where.obj.status == PUBLISHED:
            visible.append((comment, where.title, comment_service.url(comment)))
        if len(visible) >= limit:
            break
    return {"posts": posts, "edits": edits, "comments": visible}
