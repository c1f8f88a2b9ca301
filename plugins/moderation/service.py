"""Moderation: reports, the queue, claims, decisions, appeals and figures. Content statuses are changed
only through the core's `services.status`; every decision is audited there and here."""
import statistics
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _, lazy_gettext as _l, ngettext
from sqlalchemy import func, or_, select

from opsspace import page_cache
from opsspace.database import writes
from opsspace.extensions import db
from opsspace.models import BlogPost, Comment, ContentSignal, Notification, Revision, User, utcnow
from opsspace.models.content import HELD, HIDDEN, PUBLISHED
from opsspace.services import NotFound, PermissionDenied, Throttled, ValidationError, audit, parse_id, status

from .models import Action, Appeal, Clause, Item, Report

CLAIM_MINUTES = 15
#: Names people read for each decision and state (the stored values are codes).
LABELS = {
    "keep": _l("kept"), "hide": _l("hidden"), "restore": _l("restored"), "release": _l("released"),
    "reject": _l("rejected"), "warn": _l("author warned"), "escalate": _l("escalated"), "suspend": _l("author suspended"),
    "auto_hide": _l("hidden automatically"), "appeal_upheld": _l("appeal: decision upheld"),
    "appeal_granted": _l("appeal granted"), "open": _l("waiting"), "actioned": _l("action taken"),
    "dismissed": _l("no breach found"), "escalated": _l("escalated to administrators"), "upheld": _l("upheld"),
    "overturned": _l("granted"), "revision": _l("wiki revision"), "post": _l("blog post"), "comment": _l("comment"),
    "person": _l("profile"),
}


def label(code: str | None) -> str:
    return str(LABELS.get(code, code or ""))
TYPES = ("revision", "post", "comment", "person")
#: What each decision does to the content, and the item's state after it.
DECISIONS = {
    "keep": (None, "dismissed"),
    "hide": (HIDDEN, "actioned"),
    "restore": (PUBLISHED, "dismissed"),
    "release": (PUBLISHED, "dismissed"),
    "reject": (HIDDEN, "actioned"),
    "warn": (None, "actioned"),
    "escalate": (None, "escalated"),
    "suspend": (None, "actioned"),
}
APPEALABLE = ("hide", "reject", "warn", "suspend", "auto_hide")
DEFAULT_CLAUSES = [
    ("1", "Respect colleagues: no insults, harassment or derogatory remarks",
     "Respecter ses collègues : aucune insulte, aucun harcèlement ni propos dénigrant"),
    ("2", "Protect information: nothing classified, personal or confidential",
     "Protéger l'information : rien de classifié, de personnel ni de confidentiel"),
    ("3", "Speak for yourself, not for the employer", "Parler en son nom, pas en celui de l'employeur"),
    ("4", "Keep it lawful: copyright, privacy, official languages",
     "Respecter la loi : droit d'auteur, vie privée, langues officielles"),
]


class ClaimedByOther(ValidationError):
    def __init__(self, holder: User):
        super().__init__({"claim": _("%(name)s is working on this item. Wait until they finish, or until their "
                                     "claim expires.", name=holder.display_name)})
        self.holder = holder


# --- clauses ----------------------------------------------------------------------------------

def clauses(include_inactive: bool = False) -> list[Clause]:
    if db.session.scalar(select(func.count()).select_from(Clause)) == 0:
        _add_default_clauses()
    stmt = select(Clause).order_by(Clause.position, Clause.code)
    if not include_inactive:
        stmt = stmt.where(Clause.active.is_(True))
    return list(db.session.scalars(stmt))


@writes
def _add_default_clauses() -> None:
    """The first time any page shows the report form: in a write transaction of its own (a write inside a page's
    read transaction fails at once on SQLite when another worker writes), counted again inside it, since the
    workers of a fresh site all get here at once; a worker that loses the race on PostgreSQL reads the winner's."""
    from sqlalchemy.exc import IntegrityError

    if db.session.scalar(select(func.count()).select_from(Clause)):
        return
    for position, (code, en, fr) in enumerate(DEFAULT_CLAUSES):
        db.session.add(Clause(code=code, title_en=en, title_fr=fr, position=position))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()


def report_choices() -> list[tuple[str, str, str]]:
    """(code, English title, French title) of the active clauses, for the report form beside every piece of
    content: kept by each process until something changes."""
    return page_cache.memo("moderation-clauses",
                           lambda: [(clause.code, clause.title_en, clause.title_fr) for clause in clauses()])


def clause_title(code: str | None, language: str) -> str:
    found = db.session.scalars(select(Clause).where(Clause.code == code)).first() if code else None
    return f"{code}. {found.title(language)}" if found else (code or "")


@writes
def save_clause(actor: User, code: str, title_en: str, title_fr: str, active: bool = True) -> Clause:
    if not actor.is_admin:
        raise PermissionDenied(_("Only administrators can change the list of clauses."))
    code, title_en, title_fr = code.strip(), title_en.strip(), title_fr.strip()
    errors = {}
    if not code or len(code) > 20:
        errors["code"] = _("Give the clause a short number or code.")
    if not title_en:
        errors["title_en"] = _("The English text is required.")
    if not title_fr:
        errors["title_fr"] = _("The French text is required.")
    if errors:
        raise ValidationError(errors)
    clause = db.session.scalars(select(Clause).where(Clause.code == code)).first()
    if clause is None:
        clause = Clause(code=code, position=len(clauses(True)))
        db.session.add(clause)
    clause.title_en, clause.title_fr, clause.active = title_en, title_fr, active
    audit.record(actor, "moderation.clause_saved", target_type="clause", target_id=code, title_en=title_en)
    db.session.commit()
    return clause


# --- content ----------------------------------------------------------------------------------

def content_of(item: Item):
    if item.content_type == "person":
        return db.session.get(User, item.content_id)
    return status.find(item.content_type, item.content_id)


def _reportable(content_type: str, content_id: int):
    """The content, if it is public (reports are for what readers can see)."""
    if parse_id(content_id) is None:  # no id any database holds
        raise NotFound(_("That content does not exist."))
    if content_type == "person":
        person = db.session.get(User, content_id)
        if person is None or not person.active:
            raise NotFound(_("That content does not exist."))
        return person, person.id
    obj = status.find(content_type, content_id)
    if obj.status != PUBLISHED:
        raise NotFound(_("That content does not exist."))
    return obj, obj.author_id


def _item_for(content_type: str, content_id: int, author_id: int) -> Item:
    item = db.session.scalars(select(Item).where(Item.content_type == content_type,
                                                 Item.content_id == content_id)).first()
    if item is None:
        item = Item(content_type=content_type, content_id=content_id, author_id=author_id)
        db.session.add(item)
        db.session.flush()
    elif item.state != "open":
        item.state, item.closed_at = "open", None  # new reports reopen a closed item
    return item


def reporter_weight(reporter: User) -> float:
    """Reports that led to action count more; reports that were dismissed count less (0.25 to 2)."""
    rows = db.session.execute(select(Item.state, func.count()).join(Report, Report.item_id == Item.id)
                              .where(Report.reporter_id == reporter.id,
                                     Item.state.in_(("actioned", "dismissed"))).group_by(Item.state)).all()
    counts = dict(rows)
    upheld, dismissed = counts.get("actioned", 0), counts.get("dismissed", 0)
    return round(max(0.25, min(2.0, 2 * (upheld + 1) / (upheld + dismissed + 2))), 2)


def _rescore(item: Item) -> None:
    reports = db.session.scalar(select(func.coalesce(func.sum(Report.weight), 0.0)).where(Report.item_id == item.id))
    signals = db.session.scalar(select(func.coalesce(func.sum(ContentSignal.score), 0.0)).where(
        ContentSignal.content_type == item.content_type, ContentSignal.content_id == item.content_id,
        ContentSignal.action != "wellbeing"))
    item.score = round(float(reports) + float(signals), 2)


def _check_report_rate(reporter: User) -> None:
    """At most MODERATION_REPORTS_PER_HOUR reports (new or changed) per person per hour, counted in the database
    so the limit holds across worker processes: the reporter's row is locked first (PostgreSQL; SQLite's write
    transaction already serializes), so two reports sent at once cannot both slip under the limit."""
    from datetime import timedelta

    limit = current_app.config.get("MODERATION_REPORTS_PER_HOUR", 20)
    db.session.execute(select(User.id).where(User.id == reporter.id).with_for_update())
    recent = db.session.scalar(select(func.count()).select_from(Report).where(
        Report.reporter_id == reporter.id, Report.updated_at >= utcnow() - timedelta(hours=1)))
    if recent >= limit:
        raise Throttled(_("You have sent %(count)d reports in the last hour, the most anyone can. The moderators "
                          "are working through them; try again later.", count=limit))


@writes
def report(reporter: User, content_type: str, content_id: int, clause: str, details: str = "") -> Item:
    """File (or update) this person's report on a piece of content. Enough reports hide it pending review."""
    if content_type not in TYPES:
        raise NotFound(_("That content does not exist."))
    obj, author_id = _reportable(content_type, content_id)
    if author_id == reporter.id:
        raise ValidationError({"clause": _("You cannot report your own content.")})
    _check_report_rate(reporter)
    if clause not in {c.code for c in clauses()}:
        raise ValidationError({"clause": _("Choose the clause of the policy that applies.")})
    details = (details or "").strip()
    if len(details) > 2000:
        raise ValidationError({"details": _("Details can have %(max)d characters at most.", max=2000)})
    item = _item_for(content_type, content_id, author_id)
    existing = db.session.scalars(select(Report).where(Report.item_id == item.id,
                                                       Report.reporter_id == reporter.id)).first()
    if existing is None:
        existing = Report(item_id=item.id, reporter_id=reporter.id)
        db.session.add(existing)
    existing.clause, existing.details, existing.updated_at = clause, details, utcnow()
    existing.weight = reporter_weight(reporter)
    db.session.flush()
    _rescore(item)
    audit.record(reporter, "moderation.reported", target_type=content_type, target_id=content_id,
                 policy_clause=clause, item=item.id)
    db.session.commit()
    _maybe_auto_hide(item, obj)
    return item


def _maybe_auto_hide(item: Item, obj) -> None:
    """N distinct reporters before review hide the content pending review — but staff's content is hidden
    only when staff reported it too."""
    if item.auto_hidden or item.content_type == "person" or getattr(obj, "status", None) != PUBLISHED:
        return
    reporters = list(db.session.scalars(select(User).join(Report, Report.reporter_id == User.id)
                                        .where(Report.item_id == item.id)))
    if len(reporters) < current_app.config.get("MODERATION_AUTO_HIDE_REPORTS", 3):
        return
    author = db.session.get(User, item.author_id)
    if author.is_moderator and not any(r.is_moderator for r in reporters):
        return
    status.change(obj, HIDDEN, None, clause=_top_clause(item), action="auto_hide",
                  reason=ngettext("Hidden automatically after %(num)d report, until a moderator reviews it.",
                                  "Hidden automatically after %(num)d reports, until a moderator reviews it.",
                                  len(reporters)))
    item.auto_hidden = True
    db.session.add(Action(item_id=item.id, moderator_id=None, action="auto_hide", clause=_top_clause(item),
                          reason=f"{len(reporters)} reports"))
    db.session.commit()


def _top_clause(item: Item) -> str:
    return db.session.scalar(select(Report.clause).where(Report.item_id == item.id).group_by(Report.clause)
                             .order_by(func.count().desc()).limit(1)) or "1"


# --- the queue --------------------------------------------------------------------------------

@writes
def sync_items() -> None:
    """Open items for held content and for automatic flags that have none yet."""
    # Only what has no item yet is read (anti-joins on indexed columns), so the cost follows what is new,
    # not everything ever flagged.
    def no_item(kind, id_column):
        return ~select(Item.id).where(Item.content_type == kind, Item.content_id == id_column).exists()

    candidates = set()
    for model, kind in ((BlogPost, "post"), (Comment, "comment"), (Revision, "revision")):
        for obj_id, author_id in db.session.execute(select(model.id, model.author_id).where(
                model.status == HELD, no_item(kind, model.id))):
            candidates.add((kind, obj_id, author_id))
    flagged = select(ContentSignal.content_type, ContentSignal.content_id).where(
        ContentSignal.action.in_(("flag", "hold")),
        ~select(Item.id).where(Item.content_type == ContentSignal.content_type,
                               Item.content_id == ContentSignal.content_id).exists()).distinct()
    for kind, content_id in db.session.execute(flagged):
        try:
            obj = status.find(kind, content_id)
        except NotFound:
            continue
        candidates.add((kind, content_id, obj.author_id))
    for kind, content_id, author_id in sorted(candidates):
        item = Item(content_type=kind, content_id=content_id, author_id=author_id)
        db.session.add(item)
        db.session.flush()
        _rescore(item)
    db.session.commit()


def queue(state: str = "open", clause: str | None = None, content_type: str | None = None,
          older_than_days: int | None = None, order: str = "oldest"):
    stmt = select(Item)
    if state == "appealed":
        stmt = stmt.where(Item.id.in_(select(Action.item_id).join(Appeal, Appeal.action_id == Action.id)
                                      .where(Appeal.state == "open")))
    elif state in ("open", "actioned", "dismissed", "escalated"):
        stmt = stmt.where(Item.state == state)
    if clause:
        stmt = stmt.where(Item.id.in_(select(Report.item_id).where(Report.clause == clause)))
    if content_type in TYPES:
        stmt = stmt.where(Item.content_type == content_type)
    if older_than_days:
        stmt = stmt.where(Item.opened_at <= utcnow() - timedelta(days=older_than_days))
    order_by = (Item.score.desc(), Item.opened_at) if order == "score" else (Item.opened_at, Item.id)
    return stmt.order_by(*order_by)


def reports_of(item: Item) -> list[Report]:
    return list(db.session.scalars(select(Report).where(Report.item_id == item.id).order_by(Report.created_at)))


def signals_of(item: Item) -> list[ContentSignal]:
    return list(db.session.scalars(select(ContentSignal).where(ContentSignal.content_type == item.content_type,
                                                               ContentSignal.content_id == item.content_id,
                                                               ContentSignal.action != "wellbeing")))


def actions_of(item: Item) -> list[Action]:
    return list(db.session.scalars(select(Action).where(Action.item_id == item.id).order_by(Action.created_at)))


def appeals_of(item: Item) -> dict[int, Appeal]:
    rows = db.session.scalars(select(Appeal).join(Action, Appeal.action_id == Action.id).where(Action.item_id == item.id))
    return {appeal.action_id: appeal for appeal in rows}


def author_history(item: Item) -> list[Action]:
    """Earlier decisions on the same author's other content."""
    return list(db.session.scalars(select(Action).join(Item, Action.item_id == Item.id)
                                   .where(Item.author_id == item.author_id, Item.id != item.id)
                                   .order_by(Action.created_at.desc()).limit(20)))


def get(item_id: int) -> Item:
    item = db.session.get(Item, item_id)
    if item is None:
        raise NotFound(_("There is no such item."))
    return item


# --- claims and decisions ---------------------------------------------------------------------

def _lock(item: Item) -> None:
    """Lock the item's row until commit (PostgreSQL; SQLite's write transaction already excludes others),
    then read it again: two moderators never act on one item at once."""
    db.session.execute(select(Item.id).where(Item.id == item.id).with_for_update())
    db.session.refresh(item)


def holder(item: Item) -> User | None:
    if item.claimed_by_id and item.claimed_until and item.claimed_until > utcnow():
        return item.claimed_by
    return None


@writes
def claim(item: Item, moderator: User) -> None:
    """Take the item for CLAIM_MINUTES; nobody else can act on it meanwhile."""
    if not moderator.is_moderator:
        raise PermissionDenied(_("Only moderators can do this."))
    _lock(item)
    current = holder(item)
    if current is not None and current.id != moderator.id:
        raise ClaimedByOther(current)
    item.claimed_by_id, item.claimed_until = moderator.id, utcnow() + timedelta(minutes=CLAIM_MINUTES)
    db.session.commit()


def _notify_reporters(item: Item, decision: str) -> None:
    for reporter_id in db.session.scalars(select(Report.reporter_id).where(Report.item_id == item.id)):
        db.session.add(Notification(user_id=reporter_id, kind="report_outcome", actor_id=None,
                                    target_type=item.content_type, target_id=item.content_id,
                                    title=_item_title(item)[:200], detail=decision))


def _item_title(item: Item) -> str:
    obj = content_of(item)
    return obj.display_name if item.content_type == "person" else status.title_of(obj)


@writes
def act(item: Item, moderator: User, decision: str, clause: str, reason: str, suspend_days: int = 0) -> Action:
    """Decide on an item (the moderator must hold it, or it must be free). Every decision needs a clause
    and a reason, changes the content through the core, tells the author and the reporters, and is kept."""
    if decision not in DECISIONS:
        raise ValidationError({"decision": _("Choose what to do.")})
    if decision == "suspend" and not moderator.is_admin:
        raise PermissionDenied(_("Only administrators can suspend an account."))
    _lock(item)
    current = holder(item)
    if current is not None and current.id != moderator.id:
        raise ClaimedByOther(current)
    clause, reason = (clause or "").strip(), (reason or "").strip()
    if not clause or not reason:
        raise ValidationError({"reason": _("Give a reason: the author will read it, and it is kept in the audit log."),
                               **({} if clause else {"clause": _("Choose the clause of the policy that applies.")})})
    new_status, new_state = DECISIONS[decision]
    obj = content_of(item)
    if decision == "keep" and item.auto_hidden:
        new_status = PUBLISHED  # dismissing the reports puts back what they hid
    if new_status is not None:
        if item.content_type == "person":
            raise ValidationError({"decision": _("A profile cannot be hidden: warn its owner, or escalate.")})
        if decision == "release" and obj.status != HELD:
            raise ValidationError({"decision": _("Only held content can be released.")})
        status.change(obj, new_status, moderator, clause=clause, reason=reason, action=decision)
    elif decision == "warn":
        db.session.add(Notification(user_id=item.author_id, kind="moderation", actor_id=None,
                                    target_type=item.content_type, target_id=item.content_id,
                                    title=_item_title(item)[:200], detail=f"warn|{clause}|{reason}"[:1000]))
    elif decision == "suspend":
        days = max(1, min(365, int(suspend_days or 0)))
        status.suspend(moderator, db.session.get(User, item.author_id), utcnow() + timedelta(days=days), reason)
    action = Action(item_id=item.id, moderator_id=moderator.id, action=decision, clause=clause, reason=reason)
    db.session.add(action)
    item.state = new_state
    item.first_action_at = item.first_action_at or utcnow()
    item.closed_at = utcnow() if new_state in ("actioned", "dismissed") else None
    item.claimed_by_id = item.claimed_until = None
    if new_state in ("actioned", "dismissed"):
        _notify_reporters(item, "actioned" if new_state == "actioned" else "dismissed")
    if new_status is None:  # a status change was audited by the core already
        audit.record(moderator, f"moderation.{decision}", target_type=item.content_type,
                     target_id=item.content_id, reason=reason, policy_clause=clause, item=item.id)
    db.session.commit()
    return action


@writes
def appeal(action: Action, author: User, text: str) -> Appeal:
    """The author appeals a decision, once; it goes back to the queue for another moderator."""
    item = db.session.get(Item, action.item_id)
    if author.id != item.author_id:
        raise PermissionDenied(_("Only the author can appeal this decision."))
    if action.action not in APPEALABLE:
        raise ValidationError({"text": _("This decision cannot be appealed.")})
    if db.session.scalars(select(Appeal).where(Appeal.action_id == action.id)).first():
        raise ValidationError({"text": _("You already appealed this decision.")})
    text = (text or "").strip()
    if not text or len(text) > 5000:
        raise ValidationError({"text": _("Explain your appeal in 1 to %(max)d characters.", max=5000)})
    found = Appeal(action_id=action.id, author_id=author.id, text=text)
    db.session.add(found)
    item.state, item.closed_at = "open", None
    audit.record(author, "moderation.appealed", target_type=item.content_type, target_id=item.content_id,
                 item=item.id, decision=action.action)
    db.session.commit()
    return found


@writes
def decide_appeal(found: Appeal, moderator: User, upheld: bool, clause: str, reason: str) -> None:
    """Another moderator than the one who acted decides: uphold, or overturn (the content comes back)."""
    if not moderator.is_moderator:
        raise PermissionDenied(_("Only moderators can do this."))
    if found.action.moderator_id == moderator.id:
        raise ValidationError({"decision": _("Another moderator must decide this appeal: you made the decision "
                                             "it appeals.")})
    if found.state != "open":
        raise ValidationError({"decision": _("This appeal is already decided.")})
    clause, reason = (clause or "").strip(), (reason or "").strip()
    if not clause or not reason:
        raise ValidationError({"reason": _("Give a reason: the author will read it, and it is kept in the audit log.")})
    item = db.session.get(Item, found.action.item_id)
    restored = False
    if not upheld and item.content_type != "person":
        obj = content_of(item)
        if obj.status == HIDDEN:
            status.change(obj, PUBLISHED, moderator, clause=clause, reason=reason, action="appeal_granted")
            restored = True
    found.state = "upheld" if upheld else "overturned"
    found.decided_by_id, found.decided_at, found.decision_reason = moderator.id, utcnow(), reason
    item.state, item.closed_at = ("actioned" if upheld else "dismissed"), utcnow()
    db.session.add(Action(item_id=item.id, moderator_id=moderator.id, clause=clause, reason=reason,
                          action="appeal_upheld" if upheld else "appeal_granted"))
    if not restored:  # the core told the author when it restored the content
        db.session.add(Notification(user_id=found.author_id, kind="moderation", actor_id=None,
                                    target_type=item.content_type, target_id=item.content_id,
                                    title=_item_title(item)[:200],
                                    detail=f"{'appeal_upheld' if upheld else 'appeal_granted'}|{clause}|{reason}"[:1000]))
    if not restored:  # a restoration was audited by the core already
        audit.record(moderator, "moderation.appeal_upheld" if upheld else "moderation.appeal_granted",
                     target_type=item.content_type, target_id=item.content_id, reason=reason,
                     policy_clause=clause, item=item.id)
    db.session.commit()


def decisions_about(author: User) -> list[tuple[Action, Item, Appeal | None]]:
    rows = db.session.execute(select(Action, Item).join(Item, Action.item_id == Item.id)
                              .where(Item.author_id == author.id, Action.action.in_(APPEALABLE))
                              .order_by(Action.created_at.desc())).all()
    return [(action, item, db.session.scalars(select(Appeal).where(Appeal.action_id == action.id)).first())
            for action, item in rows]


def open_appeal_for(author: User, action: Action) -> Appeal | None:
    return db.session.scalars(select(Appeal).where(Appeal.action_id == action.id)).first()


# --- figures ----------------------------------------------------------------------------------

def figures(days: int = 30) -> dict:
    since = utcnow() - timedelta(days=days)
    opened = db.session.scalar(select(func.count()).select_from(Item).where(Item.opened_at >= since))
    actioned = db.session.scalar(select(func.count()).select_from(Item).where(Item.state == "actioned",
                                                                             Item.closed_at >= since))
    dismissed = db.session.scalar(select(func.count()).select_from(Item).where(Item.state == "dismissed",
                                                                              Item.closed_at >= since))
    backlog = db.session.scalar(select(func.count()).select_from(Item).where(or_(Item.state == "open",
                                                                                Item.state == "escalated")))
    waits = [(first - opened_at).total_seconds() / 3600 for opened_at, first in db.session.execute(
        select(Item.opened_at, Item.first_action_at).where(Item.first_action_at.is_not(None),
                                                           Item.opened_at >= since)).all()]
    median = round(statistics.median(waits), 1) if waits else None
    return {"opened": opened, "actioned": actioned, "dismissed": dismissed, "backlog": backlog,
            "median_hours": median}
