"""The flagging plugin's behaviour: checking submitted content, the policy terms moderators keep, and the
wellbeing path (alerts for responders, the support notice for the author, what responders did)."""
import threading
import time
from importlib import resources

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from opsspace.database import begin_write, writes
from opsspace.extensions import db
from opsspace.models import Notification, User, utcnow
from opsspace.services import NotFound, PermissionDenied, ValidationError, audit, rendering

from .engine import CATEGORIES, Detector, Term, Verdict, load_terms
from .models import PolicyTerm, SupportContacts, WellbeingAlert, WellbeingEvent
from .normalize import tokens

LANGUAGES = ("en", "fr")
ACTIONS = ("flag", "hold")
ALERT_ACTIONS = ("seen", "contacted", "referred", "no_action", "closed", "reopened")
PEOPLE_TTL = 300  # seconds a process keeps its copy of the people directory

_lock = threading.Lock()


# --- checking -------------------------------------------------------------------------------------------

def default_terms() -> list[Term]:
    text = resources.files(__package__).joinpath("data/default_terms.tsv").read_text(encoding="utf-8")
    return load_terms(text.splitlines())


def _classifier():
    if not current_app.config.get("FLAGGING_CLASSIFIER", True):
        return None
    try:
        from profanity_check import predict_prob  # the optional `ml` extra
    except ImportError:
        return None
    return lambda text: predict_prob([text])[0]


def detector() -> Detector:
    """This process's detector for this app, rebuilt when the terms change (any process may change them), when
    members join or leave, and every few minutes for changed display names."""
    stamp = db.session.execute(select(
        select(func.count()).select_from(PolicyTerm).scalar_subquery(),
        select(func.max(PolicyTerm.updated_at)).scalar_subquery(),
        select(func.count()).select_from(User).where(User.active.is_(True)).scalar_subquery(),
        select(func.max(User.id)).scalar_subquery())).one()
    config = current_app.config
    key = (tuple(stamp), config["FLAGGING_FLAG_AT"], config["FLAGGING_HOLD_AT"], config["FLAGGING_CLASSIFIER"])
    # Kept on the app itself: a cache keyed by id(app) could hand a new app the detector of a collected one.
    cache = current_app.extensions.setdefault("flagging.detector", {})
    with _lock:
        cached = cache.get("detector")
        if cached and cached[0] == key and time.monotonic() - cached[1] < PEOPLE_TTL:
            return cached[2]
    if stamp[0]:
        terms = [Term(t.term, t.language, t.category, t.action, t.clause, t.id)
                 for t in db.session.scalars(select(PolicyTerm).where(PolicyTerm.active.is_(True)))]
    else:
        terms = default_terms()  # nobody has edited the list yet: the defaults apply
    people = db.session.execute(select(User.username, User.display_name).where(User.active.is_(True))).all()
    built = Detector(terms, people, config["FLAGGING_FLAG_AT"], config["FLAGGING_HOLD_AT"], _classifier())
    with _lock:
        cache["detector"] = (key, time.monotonic(), built)
    return built


def text_of(content) -> tuple[str, str | None]:
    """The words of a revision, post or comment as one text, and its declared language."""
    language = getattr(content, "language", None)
    if language is None and getattr(content, "page", None) is not None:
        language = content.page.language
    parts = [getattr(content, "title", None) or "", content.body or ""]
    tags = getattr(content, "tags", None)
    if tags:
        parts.append(tags if isinstance(tags, str) else " ".join(tags))
    return "\n".join(p for p in parts if p), language


def check_text(text: str, language: str | None = None) -> Verdict:
    return detector().check(text, language)


def on_submitted(content, author) -> list[dict]:
    """content_submitted: the signals for this content; a wellbeing statement opens (or adds to) an alert in
    the same transaction as the content."""
    text, language = text_of(content)
    verdict = check_text(text, language)
    if verdict.wellbeing:
        _raise_alert(content, author, verdict.wellbeing)
    return verdict.signals()


# --- policy terms ---------------------------------------------------------------------------------------

def terms(language: str = "", category: str = "", query: str = "", include_inactive: bool = True):
    ensure_terms()
    stmt = select(PolicyTerm).order_by(PolicyTerm.language, PolicyTerm.category, PolicyTerm.folded)
    if language in LANGUAGES:
        stmt = stmt.where(PolicyTerm.language == language)
    if category in CATEGORIES:
        stmt = stmt.where(PolicyTerm.category == category)
    if query:
        stmt = stmt.where(PolicyTerm.folded.contains(_fold(query)))
    if not include_inactive:
        stmt = stmt.where(PolicyTerm.active.is_(True))
    return stmt


def ensure_terms() -> None:
    """Write the default terms into the table the first time anyone looks at the list."""
    if db.session.scalar(select(func.count()).select_from(PolicyTerm)):
        return
    begin_write()
    if db.session.scalar(select(func.count()).select_from(PolicyTerm)):
        return
    try:
        seen = set()
        for term in default_terms():
            if (_fold(term.text), term.language) in seen:
                continue
            seen.add((_fold(term.text), term.language))
            db.session.add(PolicyTerm(term=term.text, folded=_fold(term.text), language=term.language,
                                      category=term.category, action=term.action, clause=term.clause))
        db.session.commit()
    except IntegrityError:  # another process wrote them first
        db.session.rollback()


def _fold(text: str) -> str:
    return " ".join(t.key for t in tokens(text))[:120]


def _check_term(form) -> tuple[dict, dict]:
    values = {"term": (form.get("term") or "").strip(), "language": form.get("language", ""),
              "category": form.get("category", ""), "action": form.get("action", ""),
              "clause": (form.get("clause") or "1").strip(), "note": (form.get("note") or "").strip()}
    errors = {}
    if not values["term"] or not _fold(values["term"]):
        errors["term"] = _("Enter a word or a phrase (letters, at least one).")
    elif len(values["term"]) > 120:
        errors["term"] = _("A term is at most 120 characters.")
    if values["language"] not in LANGUAGES:
        errors["language"] = _("Choose English or French.")
    if values["category"] not in CATEGORIES:
        errors["category"] = _("Choose a category.")
    if values["action"] not in ACTIONS:
        errors["action"] = _("Choose what a match does: flag for review, or hold until a moderator releases it.")
    if not values["clause"] or len(values["clause"]) > 20:
        errors["clause"] = _("Give the policy clause this term falls under.")
    if len(values["note"]) > 1000:
        errors["note"] = _("The note is at most 1,000 characters.")
    return values, errors


@writes
def save_term(moderator: User, form, term_id: int | None = None) -> PolicyTerm:
    """Add a term, or change one; audited either way. Raises ValidationError with the form's errors."""
    ensure_terms()
    values, errors = _check_term(form)
    folded = _fold(values["term"]) if not errors.get("term") else ""
    term = db.session.get(PolicyTerm, term_id) if term_id else None
    if term_id and term is None:
        raise NotFound(_("There is no such term."))
    clash = db.session.scalars(select(PolicyTerm).where(PolicyTerm.folded == folded,
                                                        PolicyTerm.language == values["language"])).first()
    if folded and clash is not None and clash is not term:
        errors["term"] = _("“%(term)s” is already on the list (as “%(existing)s”).", term=values["term"],
                           existing=clash.term)
    if errors:
        raise ValidationError(errors)
    before = None
    if term is None:
        term = PolicyTerm(created_by_id=moderator.id)
        db.session.add(term)
    else:
        before = {"term": term.term, "language": term.language, "category": term.category, "action": term.action,
                  "clause": term.clause}
    term.term, term.folded, term.language = values["term"], folded, values["language"]
    term.category, term.action, term.clause, term.note = (values["category"], values["action"], values["clause"],
                                                          values["note"])
    term.updated_at = utcnow()
    db.session.flush()
    audit.record(moderator, "flagging.term_added" if before is None else "flagging.term_changed",
                 target_type="term", target_id=term.id, term=term.term, language=term.language,
                 category=term.category, term_action=term.action, clause=term.clause, before=before)
    db.session.commit()
    return term


@writes
def set_term_active(moderator: User, term_id: int, active: bool, reason: str) -> PolicyTerm:
    term = db.session.get(PolicyTerm, term_id)
    if term is None:
        raise NotFound(_("There is no such term."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why: the change is recorded in the audit log.")})
    term.active = active
    term.updated_at = utcnow()
    audit.record(moderator, "flagging.term_enabled" if active else "flagging.term_disabled", target_type="term",
                 target_id=term.id, reason=reason[:1000], term=term.term, language=term.language)
    db.session.commit()
    return term


# --- the wellbeing path ---------------------------------------------------------------------------------

def responders() -> list[User]:
    return list(db.session.scalars(select(User).where(User.is_wellbeing_responder.is_(True),
                                                      User.active.is_(True)).order_by(User.id)))


def _raise_alert(content, author, statements: list[str]) -> None:
    kind = content.content_type
    alert = db.session.scalars(select(WellbeingAlert).where(
        WellbeingAlert.content_type == kind, WellbeingAlert.content_id == content.id,
        WellbeingAlert.state != "closed")).first()
    people = [r for r in responders() if r.id != author.id]
    if alert is None:
        alert = WellbeingAlert(content_type=kind, content_id=content.id, author_id=author.id,
                               statements=statements[:10], notified=[r.id for r in people])
        db.session.add(alert)
        db.session.flush()
        db.session.add(WellbeingEvent(alert_id=alert.id, action="raised",
                                      note=", ".join(r.display_name for r in people)))
        for responder in people:
            db.session.add(Notification(user_id=responder.id, kind="wellbeing_alert", actor_id=None,
                                        target_type="path", target_id=alert.id, title="",
                                        detail=url_for("wellbeing.alert", alert_id=alert.id)))
    else:
        alert.statements = list(dict.fromkeys([*alert.statements, *statements]))[:10]
        db.session.add(WellbeingEvent(alert_id=alert.id, action="updated", note=""))
    db.session.add(Notification(user_id=author.id, kind="wellbeing_support", actor_id=None, target_type="path",
                                target_id=alert.id, title="", detail=url_for("wellbeing.support")))


def alerts(state: str = "open"):
    stmt = select(WellbeingAlert).order_by(WellbeingAlert.created_at.desc())
    if state == "open":
        stmt = stmt.where(WellbeingAlert.state != "closed")
    elif state == "closed":
        stmt = stmt.where(WellbeingAlert.state == "closed")
    return stmt


def alert(alert_id: int, viewer: User) -> WellbeingAlert:
    if not viewer.is_wellbeing_responder:
        raise PermissionDenied(_("Only wellbeing responders see wellbeing alerts."))
    found = db.session.get(WellbeingAlert, alert_id)
    if found is None:
        raise NotFound(_("There is no such alert."))
    return found


def events(found: WellbeingAlert) -> list[WellbeingEvent]:
    return list(db.session.scalars(select(WellbeingEvent).where(WellbeingEvent.alert_id == found.id)
                                   .order_by(WellbeingEvent.created_at, WellbeingEvent.id)))


def content_of(found: WellbeingAlert):
    from opsspace.services import status

    return status.find(found.content_type, found.content_id)


@writes
def record(responder: User, alert_id: int, action: str, note: str) -> WellbeingAlert:
    """A responder records what they did. Closing needs a note; every step is kept."""
    found = alert(alert_id, responder)
    note = (note or "").strip()
    if action not in ALERT_ACTIONS:
        raise ValidationError({"action": _("Choose what you did.")})
    if action in ("contacted", "referred", "no_action", "closed") and not note:
        raise ValidationError({"note": _("Add a short note: the next responder relies on it.")})
    if len(note) > 4000:
        raise ValidationError({"note": _("The note is at most 4,000 characters.")})
    if action == "closed":
        found.state, found.closed_at = "closed", utcnow()
    elif action == "reopened":
        found.state, found.closed_at = "open", None
    elif found.state == "open":
        found.state = "in_progress"
    db.session.add(WellbeingEvent(alert_id=found.id, responder_id=responder.id, action=action, note=note))
    db.session.commit()
    return found


DEFAULT_CONTACTS = {
    "en": "**Employee and Family Assistance Program** — free, confidential counselling for you and your family, "
          "24 hours a day, 7 days a week. Ask Human Resources for the number, or look it up on the intranet.\n\n"
          "**Suicide Crisis Helpline** — call or text **9-8-8**, any time, in English or French.\n\n"
          "In an emergency, call **9-1-1**.",
    "fr": "**Programme d'aide aux employés et à la famille** — du counseling gratuit et confidentiel pour vous et "
          "votre famille, 24 heures sur 24, 7 jours sur 7. Demandez le numéro aux Ressources humaines ou "
          "cherchez-le dans l'intranet.\n\n"
          "**Ligne d'aide en cas de crise de suicide** — appelez ou textez le **9-8-8**, en tout temps, en français "
          "ou en anglais.\n\n"
          "En cas d'urgence, composez le **9-1-1**.",
}


def contacts() -> dict:
    row = db.session.scalars(select(SupportContacts).order_by(SupportContacts.id.desc())).first()
    if row is None:
        return {"en": DEFAULT_CONTACTS["en"], "fr": DEFAULT_CONTACTS["fr"], "row": None}
    return {"en": row.body_en, "fr": row.body_fr, "row": row}


def contacts_html(language: str):
    return rendering.render(contacts()["fr" if language == "fr" else "en"]).html


@writes
def save_contacts(admin: User, body_en: str, body_fr: str) -> SupportContacts:
    body_en, body_fr = (body_en or "").strip(), (body_fr or "").strip()
    errors = {}
    for field, body, missing in (
            ("body_en", body_en, _("Enter the support contacts in English: people in distress read them.")),
            ("body_fr", body_fr, _("Enter the support contacts in French: people in distress read them."))):
        if not body:
            errors[field] = missing
        elif len(body) > 5000:
            errors[field] = _("At most 5,000 characters.")
    if errors:
        raise ValidationError(errors)
    row = SupportContacts(body_en=body_en, body_fr=body_fr, updated_by_id=admin.id)
    db.session.add(row)
    db.session.flush()
    audit.record(admin, "wellbeing.contacts_changed", target_type="wellbeing_contacts", target_id=row.id)
    db.session.commit()
    return row


def support_notice_due(user: User):
    """The newest unread support notice of the last day for `user`, if any: shown above every page until they
    hide it (reading it in their notifications hides it too)."""
    from datetime import timedelta

    from opsspace.services import social

    if not social.unread_count(user):  # the count the layout shows anyway: nothing unread, no notice
        return None
    return db.session.scalars(select(Notification).where(
        Notification.user_id == user.id, Notification.kind == "wellbeing_support",
        Notification.read_at.is_(None), Notification.created_at >= utcnow() - timedelta(days=1))
        .order_by(Notification.id.desc()).limit(1)).first()
