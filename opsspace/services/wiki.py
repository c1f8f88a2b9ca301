"""Wiki pages: saving revisions (with three-way merges instead of lost edits), history, revert, moves,
protection, backlinks, translations, and what each person may see."""
from dataclasses import dataclass, field
from typing import NamedTuple

import merge3
from flask_babel import gettext as _
from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from ..database import writes
from ..extensions import db
from ..models import Revision, User, WikiLink, WikiPage, WikiRedirect, utcnow
from ..models.content import HELD, HIDDEN, LANGUAGES, PUBLISHED
from . import MAX_ID, NotFound, PermissionDenied, ValidationError, audit, content, paths, policy, rendering, social

MAX_BODY = 500_000
MAX_TITLE = 200
MAX_SUMMARY = 500


@dataclass
class SaveResult:
    """What became of a save: ``saved``, ``merged`` (someone else saved meanwhile; both kept),
    ``unchanged`` (nothing to save) or ``conflict`` (nothing saved; ``theirs`` and ``mine`` to reconcile)."""

    outcome: str
    page: WikiPage | None = None
    revision: Revision | None = None
    head: Revision | None = None  # on conflict: the revision saved meanwhile
    mine: str = ""
    merged_with_markers: str = ""
    signals: list = field(default_factory=list)

    @property
    def held(self) -> bool:
        return self.revision is not None and self.revision.status == HELD


# --- reading ----------------------------------------------------------------------------------

def find(path: str) -> tuple[WikiPage | None, str | None]:
    """The page at a path, following a redirect left by a move: (page, path it was redirected from)."""
    page = db.session.scalars(select(WikiPage).where(WikiPage.path == path)).first()
    if page is not None:
        return page, None
    redirect = db.session.scalars(select(WikiRedirect).where(WikiRedirect.path == path)).first()
    if redirect is not None:
        return db.session.get(WikiPage, redirect.page_id), path
    return None, None


def get_or_404(path: str) -> WikiPage:
    page = db.session.scalars(select(WikiPage).where(WikiPage.path == path)).first()
    if page is None:
        raise NotFound(_("There is no page called %(path)s.", path=paths.title_of(path)))
    return page


def can_moderate(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_moderator)


def can_see(user, revision: Revision) -> bool:
    """Published revisions are public; held and hidden ones are for their author and moderators."""
    if revision.status == PUBLISHED:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return user.id == revision.author_id or user.is_moderator


def can_edit(user, page: WikiPage | None) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return page is None or not page.protected or user.is_moderator


def revision(page: WikiPage, number: int) -> Revision:
    found = None
    if 0 < number <= MAX_ID:  # a larger number is no revision (and would fail in the database)
        found = db.session.scalars(select(Revision).where(Revision.page_id == page.id,
                                                          Revision.number == number)).first()
    if found is None:
        raise NotFound(_("This page has no revision %(number)d.", number=number))
    return found


def revision_for(page: WikiPage, user) -> Revision | None:
    """What this person sees at the page: their own newer held revision if any, else the published one."""
    if getattr(user, "is_authenticated", False):
        # Whose held revisions there are, then which is this person's: the comparison, not the query, is
        # personal, so members who have none can share the page (member_pages).
        held = db.session.scalars(select(Revision).where(Revision.page_id == page.id, Revision.status == HELD,
                                                         Revision.number > _current_number(page))
                                  .order_by(Revision.number.desc()))
        for revision_ in held:
            if revision_.author_id == user.id:
                return revision_
    return page.current_revision


def _current_number(page: WikiPage):
    return page.current_revision.number if page.current_revision else 0


def history(page: WikiPage):
    return select(Revision).where(Revision.page_id == page.id).order_by(Revision.number.desc())


def existing_paths(candidates: set[str]) -> set[str]:
    """Which of these paths lead somewhere: a page, or a redirect to one."""
    if not candidates:
        return set()
    found = set(db.session.scalars(select(WikiPage.path).where(WikiPage.path.in_(candidates))))
    found |= set(db.session.scalars(select(WikiRedirect.path).where(WikiRedirect.path.in_(candidates))))
    return found


class Shown(NamedTuple):
    html: str
    toc: list
    existing: set  # which of the `also` paths exist


def rendered(rev: Revision, *, also: set[str] = frozenset()) -> Shown:
    """The revision's HTML (cached: revisions never change) with links to missing pages marked, its table of
    contents, and which of the paths `also` (a page's breadcrumbs) exist: one lookup for both."""
    from flask import url_for

    result = rendering.cached(("revision", rev.id), lambda: rendering.render(rev.body, content=rev))
    existing = existing_paths(set(result.links) | set(also))
    html = rendering.mark_missing_links(result.html, existing, lambda path: url_for("wiki.edit", path=path))
    return Shown(html, result.toc, existing & set(also))


def children(page_path: str) -> list[WikiPage]:
    """Pages one level below a path."""
    prefix = page_path + "/"
    rows = db.session.scalars(select(WikiPage).where(_under(prefix)).order_by(WikiPage.path))
    return [p for p in rows if "/" not in p.path[len(prefix):] and p.current_revision_id]


def _under(prefix: str):
    """Paths that start with `prefix` (which ends with "/"), as a condition the path index answers.

    SQLite cannot use an index for LIKE ... ESCAPE (and its LIKE ignores case), so there it is the range
    [prefix, prefix with "/" raised to "0"), exact under SQLite's binary collation. PostgreSQL's collation
    may not order "/" that way, so there it stays a LIKE.
    """
    if db.engine.dialect.name == "sqlite":
        return and_(WikiPage.path >= prefix, WikiPage.path < prefix[:-1] + "0")
    like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return WikiPage.path.like(like, escape="\\")


def tree(prefix: str = "", depth: int = 2) -> list[tuple[WikiPage, int]]:
    """Published pages under a prefix (or everywhere), at most `depth` levels down: (page, level)."""
    stmt = select(WikiPage).where(WikiPage.current_revision_id.is_not(None)).order_by(WikiPage.path)
    base = 0
    if prefix:
        stmt = stmt.where(_under(prefix + "/"))
        base = prefix.count("/") + 1
    result = []
    for page in db.session.scalars(stmt):
        level = page.path.count("/") - base
        if level < depth:
            result.append((page, level))
    return result


def backlinks(page: WikiPage) -> list[WikiPage]:
    """Pages whose current text links here, by the current path or any old one."""
    targets = [page.path, *db.session.scalars(select(WikiRedirect.path).where(WikiRedirect.page_id == page.id))]
    return list(db.session.scalars(
        select(WikiPage).join(WikiLink, WikiLink.source_id == WikiPage.id)
        .where(WikiLink.target_path.in_(targets)).distinct().order_by(WikiPage.path)
    ))


def recent_changes(author: str | None = None, language: str | None = None):
    """Published wiki revisions, newest first, each with its page loaded (``revision.page``)."""
    stmt = (select(Revision).join(WikiPage, Revision.page_id == WikiPage.id).options(contains_eager(Revision.page))
            .where(Revision.status == PUBLISHED).order_by(Revision.created_at.desc(), Revision.id.desc()))
    if author:
        stmt = stmt.join(User, Revision.author_id == User.id).where(User.username == author.strip().lower())
    if language in LANGUAGES:
        stmt = stmt.where(WikiPage.language == language)
    return stmt


def translation_state(page: WikiPage) -> dict:
    """Whether this page or its translation may be out of date (one changed after they were last in line)."""
    other = page.translation
    if other is None:
        return {}
    return {
        "this_stale": page.translation_synced_at is not None and other.updated_at > page.translation_synced_at,
        "other_stale": other.translation_synced_at is not None and page.updated_at > other.translation_synced_at,
    }


# --- writing ----------------------------------------------------------------------------------

def _check_text(title: str, body: str, summary: str, language: str) -> dict:
    errors = {}
    if not title:
        errors["title"] = _("Give the page a title.")
    elif len(title) > MAX_TITLE:
        errors["title"] = _("The title can have %(max)d characters at most.", max=MAX_TITLE)
    if len(body) > MAX_BODY:
        errors["body"] = _("The text is too long: %(max)d characters at most. Split it into several pages.",
                           max=MAX_BODY)
    if "\x00" in body or "\x00" in title or "\x00" in summary:
        errors["body"] = _("The text contains a NUL character, which cannot be saved. Remove it and try again.")
    if len(summary) > MAX_SUMMARY:
        errors["summary"] = _("The summary can have %(max)d characters at most.", max=MAX_SUMMARY)
    if language not in LANGUAGES:
        errors["language"] = _("Choose English or French.")
    return errors


def _lock(path: str) -> WikiPage | None:
    """The page row, locked until commit on PostgreSQL (SQLite's write transaction already excludes others)."""
    return db.session.scalars(select(WikiPage).where(WikiPage.path == path).with_for_update()).first()


def _lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n")
    return text.splitlines(keepends=True) if text.endswith("\n") else (text + "\n").splitlines(keepends=True)


def _merge(base: str, mine: str, theirs: str) -> tuple[str | None, str]:
    """Three-way merge. Returns (merged text or None on conflict, text with conflict markers)."""
    merger = merge3.Merge3(_lines(base), _lines(mine), _lines(theirs))
    conflict = any(group[0] == "conflict" for group in merger.merge_groups())
    marked = "".join(merger.merge_lines(name_a=_("your version"), name_b=_("the saved version")))
    if conflict:
        return None, marked
    merged = "".join(merger.merge_lines())
    return merged.rstrip("\n") if not mine.endswith("\n") else merged, marked


def save_page(path: str, *, body: str, author: User, title: str | None = None, summary: str = "",
              language: str | None = None, base_revision_id: int | None = None, sync_translation: bool = False,
              audit_action: str = "wiki.revision_saved", warn: bool = False) -> SaveResult:
    """Save an edit: a new immutable revision, or a merge with what was saved meanwhile, or a conflict.

    `base_revision_id` is the revision the editor started from (None for a new page). Never
    last-write-wins: if the page moved on, the texts are merged three ways; if they cannot be,
    nothing is saved and the result carries both texts. Raises ValidationError for bad input,
    PermissionDenied, PolicyAcceptanceRequired.
    """
    path = paths.normalize(path) if path else ""
    body = (body or "").replace("\r\n", "\n")
    title = (title or "").strip()
    summary = (summary or "").strip()
    for attempt in range(2):
        try:
            return _save(path, body, author, title, summary, language, base_revision_id, sync_translation,
                         audit_action, warn)
        except IntegrityError:
            # Another process created the page or the same revision number first: start again from
            # what is saved now, which turns into a merge or a shown conflict, never a lost edit.
            db.session.rollback()
            if attempt:
                raise
    raise AssertionError("unreachable")


@writes
def _save(path, body, author, title, summary, language, base_revision_id, sync_translation, audit_action, warn):
    policy.ensure_accepted(author)
    page = _lock(path)
    if not can_edit(author, page):
        raise PermissionDenied(_("This page is protected: only moderators can edit it."))
    title = title or (page.title if page else paths.title_of(path))
    language = language or (page.language if page else "en")
    errors = _check_text(title, body, summary, language)
    if errors:
        raise ValidationError(errors)
    head = page.current_revision if page else None
    is_new = page is None
    outcome = "saved"
    if head is not None and base_revision_id != head.id:
        base = db.session.get(Revision, base_revision_id) if base_revision_id else None
        if base is not None and base.page_id != page.id:
            base = None
        merged, marked = _merge(base.body if base else "", body, head.body)
        base_title = base.title if base else ""
        if merged is None or (title != head.title and head.title != base_title and title != base_title):
            return SaveResult("conflict", page=page, head=head, mine=body, merged_with_markers=marked)
        body, outcome = merged, "merged"
        if title == base_title:
            title = head.title
    if head is not None and body == head.body and title == head.title and language == page.language:
        return SaveResult("unchanged", page=page, revision=head)
    if page is None:
        # The page shows the title of its first revision readers may see (_publish): until then, one made
        # from its path, so a held or hidden first revision's title is not shown to everyone.
        page = WikiPage(path=path, title=paths.title_of(path), language=language)
        db.session.add(page)
        db.session.flush()
    number = (db.session.scalar(select(func.max(Revision.number)).where(Revision.page_id == page.id)) or 0) + 1
    rev = Revision(page_id=page.id, number=number, parent_id=head.id if head else None, author_id=author.id,
                   title=title, body=body, summary=summary, status=PUBLISHED)
    db.session.add(rev)
    db.session.flush()
    rev.status, signals = content.submit(rev, author, warn)
    if rev.status == PUBLISHED:
        _publish(page, rev, language, sync_translation)
    audit.record(author, audit_action, target_type="page", target_id=page.id, path=page.path,
                 revision=rev.number, status=rev.status, merged=outcome == "merged")
    content.enqueue_index("page", page.id)
    db.session.commit()
    content.after_commit(rev, is_new)
    return SaveResult(outcome, page=page, revision=rev, signals=signals)


def _publish(page: WikiPage, rev: Revision, language: str, sync_translation: bool) -> None:
    """Make a revision the one readers see, and keep the page's links in step with its text."""
    now = utcnow()
    page.current_revision = rev
    page.title = rev.title
    page.language = language
    page.updated_at = now
    if sync_translation and page.translation is not None:
        page.translation_synced_at = now
        page.translation.translation_synced_at = now
    result = rendering.cached(("revision", rev.id), lambda: rendering.render(rev.body, content=rev))
    db.session.execute(WikiLink.__table__.delete().where(WikiLink.source_id == page.id))
    for target in sorted(result.links):
        db.session.add(WikiLink(source_id=page.id, target_path=target))
    social.on_revision_published(rev, page, result.mentions)


def revert(page: WikiPage, number: int, author: User, reason: str = "") -> SaveResult:
    """Restore an old revision's text as a new revision (history keeps everything)."""
    old = revision(page, number)
    if old.status == HIDDEN and not can_moderate(author):
        raise PermissionDenied(_("This revision was hidden by a moderator and cannot be restored."))
    summary = _("Restored revision %(number)d", number=number) + (f": {reason.strip()}" if reason.strip() else "")
    head = page.current_revision
    return save_page(page.path, body=old.body, title=old.title, summary=summary[:MAX_SUMMARY], author=author,
                     base_revision_id=head.id if head else None, audit_action="wiki.reverted")


@writes
def move(page: WikiPage, new_path: str, actor: User, reason: str = "") -> WikiPage:
    """Give a page (and its subpages) a new path; each old path keeps a redirect."""
    policy.ensure_accepted(actor)
    if not can_edit(actor, page):
        raise PermissionDenied(_("This page is protected: only moderators can move it."))
    try:
        new_path = paths.normalize(new_path)
    except paths.BadPath as error:
        raise ValidationError({"new_path": str(error)}) from error
    old_path = page.path
    if new_path == old_path:
        raise ValidationError({"new_path": _("The new name is the same as the old one.")})
    if new_path.startswith(old_path + "/"):
        raise ValidationError({"new_path": _("A page cannot be moved below itself.")})
    subpages = list(db.session.scalars(
        select(WikiPage).where(_under(old_path + "/"))))
    moves = [(page, new_path)] + [(sub, new_path + sub.path[len(old_path):]) for sub in subpages]
    for moved, target in moves:
        if len(target) > paths.MAX_LENGTH:
            raise ValidationError({"new_path": _("A page name can have %(max)d characters at most.", max=paths.MAX_LENGTH)})
        if db.session.scalars(select(WikiPage.id).where(WikiPage.path == target)).first():
            raise ValidationError({"new_path": _("A page called %(path)s already exists.", path=target)})
    for moved, target in moves:
        # A redirect already at the target is replaced by the page itself (e.g. moving a page back).
        db.session.execute(WikiRedirect.__table__.delete().where(WikiRedirect.path == target))
        db.session.add(WikiRedirect(path=moved.path, page_id=moved.id))
        audit.record(actor, "wiki.moved", target_type="page", target_id=moved.id, reason=reason or None,
                     before=moved.path, after=target)
        moved.path = target
        content.enqueue_index("page", moved.id)
    db.session.commit()
    content.update_index()
    return page


@writes
def set_protection(page: WikiPage, protected: bool, actor: User, reason: str) -> None:
    if not can_moderate(actor):
        raise PermissionDenied(_("Only moderators and administrators can protect pages."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give a reason: it is kept in the audit log.")})
    if page.protected == protected:
        return
    page.protected = protected
    audit.record(actor, "wiki.protected" if protected else "wiki.unprotected", target_type="page",
                 target_id=page.id, reason=reason.strip(), path=page.path)
    db.session.commit()


@writes
def link_translation(page: WikiPage, other_path: str, actor: User) -> WikiPage:
    """Pair a page with its version in the other official language (both sides point at each other)."""
    policy.ensure_accepted(actor)
    other_path = paths.try_normalize(other_path or "")
    other = db.session.scalars(select(WikiPage).where(WikiPage.path == other_path)).first() if other_path else None
    if other is None:
        raise ValidationError({"other_path": _("There is no page with that name.")})
    if other.id == page.id or other.language == page.language:
        raise ValidationError({"other_path": _("Choose a page in the other language.")})
    if not (can_edit(actor, page) and can_edit(actor, other)):
        raise PermissionDenied(_("This page is protected: only moderators can change it."))
    now = utcnow()
    for side in (page, other):
        previous = side.translation
        if previous is not None and previous.id not in (page.id, other.id):
            previous.translation = None
            previous.translation_synced_at = None
    page.translation, other.translation = other, page
    page.translation_synced_at = other.translation_synced_at = now
    audit.record(actor, "wiki.translation_linked", target_type="page", target_id=page.id,
                 path=page.path, other=other.path)
    db.session.commit()
    return other


@writes
def unlink_translation(page: WikiPage, actor: User) -> None:
    policy.ensure_accepted(actor)
    other = page.translation
    if other is None:
        return
    page.translation = other.translation = None
    page.translation_synced_at = other.translation_synced_at = None
    audit.record(actor, "wiki.translation_unlinked", target_type="page", target_id=page.id,
                 path=page.path, other=other.path)
    db.session.commit()


def search_titles(text: str, limit: int = 10) -> list[WikiPage]:
    like = f"%{text.strip().lower()}%"
    return list(db.session.scalars(
        select(WikiPage).where(or_(func.lower(WikiPage.title).like(like), func.lower(WikiPage.path).like(like)))
        .where(WikiPage.current_revision_id.is_not(None)).order_by(WikiPage.path).limit(limit)))
