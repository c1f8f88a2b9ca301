"""Accounts: creation, sign-in with throttling, roles, activation, profile and preferences."""
import hashlib
import hmac
import re
import secrets

from flask import current_app
from flask_babel import format_datetime, gettext as _
from sqlalchemy import delete, func, or_, select
from werkzeug.security import check_password_hash, generate_password_hash

from .. import page_cache
from ..database import writes
from ..extensions import db
from ..models import ROLES, LoginAttempt, User, utcnow
from ..models.users import new_auth_token
from . import NotFound, PermissionDenied, Throttled, ValidationError
from . import audit, content, policy

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,38}[a-z0-9]$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LANGUAGES = ("en", "fr")
BIO_MAX = 5000


def _hash(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def _check_password(password: str) -> None:
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        raise ValidationError({"password": _("The password must have at least %(min)d characters.", min=minimum)})


def get(username: str) -> User | None:
    return db.session.scalars(select(User).where(User.username == username.strip().lower())).first()


def get_or_404(username: str) -> User:
    user = get(username)
    if user is None:
        raise NotFound(_("No one has the user name %(name)s.", name=username))
    return user


def load_session_user(session_id: str) -> User | None:
    """Flask-Login's loader: the id carries the auth token, so a rotated token ends old sessions."""
    user_id, _sep, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = page_cache.row(User, int(user_id))
    if user is None or not user.active or not hmac.compare_digest(user.auth_token, token):
        return None
    if user.suspended_until is not None and user.suspended_until > utcnow():
        return None
    return user


@writes
def create(username: str, *, display_name: str | None = None, email: str | None = None,
           password: str | None = None, role: str = "employee", actor: User | None = None,
           title: str | None = None, department: str | None = None,
           preferred_language: str | None = None, wellbeing_responder: bool = False) -> User:
    """Create a local account. `actor` is the admin doing it (None from the command line)."""
    username = username.strip().lower()
    errors = {}
    if not USERNAME_RE.match(username):
        errors["username"] = _("A user name has 3 to 40 characters: lower-case letters, digits, dots, dashes or underscores.")
    elif get(username) is not None:
        errors["username"] = _("The user name %(name)s is taken.", name=username)
    if role not in ROLES:
        errors["role"] = _("Unknown role %(role)s: choose one of %(roles)s.", role=role, roles=", ".join(ROLES))
    email = (email or "").strip().lower() or None
    if email and not EMAIL_RE.match(email):
        errors["email"] = _("That does not look like an e-mail address.")
    elif email and db.session.scalars(select(User.id).where(User.email == email)).first():
        errors["email"] = _("Another account uses that e-mail address.")
    if errors:
        raise ValidationError(errors)
    if password is not None:
        _check_password(password)
    user = User(username=username, display_name=(display_name or username).strip(), email=email,
                password_hash=_hash(password) if password else None, role=role, title=title,
                department=department, preferred_language=preferred_language,
                is_wellbeing_responder=wellbeing_responder)
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "user.created", target_type="user", target_id=user.username, role=role,
                 wellbeing_responder=wellbeing_responder)
    content.enqueue_index("person", user.id)
    db.session.commit()
    content.update_index()
    return user


# --- sign-in and throttling -------------------------------------------------------------------

def _key(kind: str, value: str) -> str:
    """A keyed hash, so attempts can be counted without storing user names or addresses."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


# Checked against when the user name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASHES: dict[str, str] = {}


def _failures_since(column, key: str, since) -> int:
    last_success = db.session.scalar(
        select(func.max(LoginAttempt.created_at)).where(column == key, LoginAttempt.succeeded.is_(True))
    )
    if last_success is not None and last_success > since:
        since = last_success
    return db.session.scalar(
        select(func.count()).select_from(LoginAttempt)
        .where(column == key, LoginAttempt.succeeded.is_(False), LoginAttempt.created_at > since)
    )


@writes
def authenticate(username: str, password: str, address: str) -> User:
    """Check a sign-in. Raises Throttled after too many failures (per account, and per address), else
    ValidationError for a wrong name or password or an inactive account. Every attempt is counted."""
    config = current_app.config
    account_key, address_key = _key("account", username.strip().lower()), _key("address", address or "")
    now = utcnow()
    since = now - config["LOGIN_THROTTLE_WINDOW"]
    minutes = int(config["LOGIN_THROTTLE_WINDOW"].total_seconds() // 60)
    if (_failures_since(LoginAttempt.account_key, account_key, since) >= config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]
            or _failures_since(LoginAttempt.address_key, address_key, since) >= config["LOGIN_MAX_FAILURES_PER_ADDRESS"]):
        # The refused attempt is not counted: an attacker cannot extend the lock-out forever, and it ends on time.
        raise Throttled(_("Too many failed sign-in attempts. Wait %(minutes)d minutes, then try again.", minutes=minutes))
    user = get(username)
    if user is not None and user.password_hash:
        ok = check_password_hash(user.password_hash, password)
    else:
        method = config["PASSWORD_HASH_METHOD"]
        _DUMMY_HASHES.setdefault(method, generate_password_hash(secrets.token_hex(8), method=method))
        check_password_hash(_DUMMY_HASHES[method], password)
        ok = False
    db.session.add(LoginAttempt(account_key=account_key, address_key=address_key, succeeded=ok, created_at=now))
    # Old attempts are only needed for the window: drop them as we go so the table stays small.
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.created_at < now - 4 * config["LOGIN_THROTTLE_WINDOW"]))
    db.session.commit()
    if not ok:
        raise ValidationError({"password": _("Wrong user name or password.")})
    if not user.active:
        raise ValidationError({"username": _("This account is deactivated. Ask an administrator if you need it back.")})
    if user.suspended_until is not None and user.suspended_until > now:
        raise ValidationError({"username": _("This account is suspended until %(date)s.",
                                             date=format_datetime(user.suspended_until, "medium"))})
    return user


# --- administration ---------------------------------------------------------------------------

def search(text: str = "", role: str | None = None, active: bool | None = None):
    """A select of users matching a name or e-mail fragment, for the admin list."""
    stmt = select(User).order_by(User.username)
    if text:
        like = f"%{text.strip().lower()}%"
        stmt = stmt.where(or_(func.lower(User.username).like(like), func.lower(User.display_name).like(like),
                              func.lower(User.email).like(like)))
    if role:
        stmt = stmt.where(User.role == role)
    if active is not None:
        stmt = stmt.where(User.active.is_(active))
    return stmt


def _require_admin(actor: User, target: User, reason: str) -> str:
    if not actor.is_admin:
        raise PermissionDenied(_("Only administrators can change accounts."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason: it is kept in the audit log.")})
    return reason


@writes
def set_role(actor: User, target: User, role: str, reason: str) -> None:
    reason = _require_admin(actor, target, reason)
    if role not in ROLES:
        raise ValidationError({"role": _("Unknown role %(role)s: choose one of %(roles)s.", role=role, roles=", ".join(ROLES))})
    if target.id == actor.id and role != "admin":
        raise ValidationError({"role": _("You cannot remove your own administrator role.")})
    if role == target.role:
        return
    previous, target.role = target.role, role
    audit.record(actor, "user.role_changed", target_type="user", target_id=target.username, reason=reason,
                 before=previous, after=role)
    db.session.commit()


@writes
def set_active(actor: User, target: User, active: bool, reason: str) -> None:
    reason = _require_admin(actor, target, reason)
    if target.id == actor.id and not active:
        raise ValidationError({"active": _("You cannot deactivate your own account.")})
    if target.active == active:
        return
    target.active = active
    if not active:
        target.auth_token = new_auth_token()  # ends every session the account has
    audit.record(actor, "user.activated" if active else "user.deactivated", target_type="user",
                 target_id=target.username, reason=reason)
    content.enqueue_index("person", target.id)
    db.session.commit()
    content.update_index()


@writes
def set_wellbeing_responder(actor: User, target: User, responder: bool, reason: str) -> None:
    reason = _require_admin(actor, target, reason)
    if target.is_wellbeing_responder == responder:
        return
    target.is_wellbeing_responder = responder
    audit.record(actor, "user.responder_added" if responder else "user.responder_removed", target_type="user",
                 target_id=target.username, reason=reason)
    db.session.commit()


# --- the user's own settings ------------------------------------------------------------------

def check_profile(user: User, *, display_name: str, email: str | None = None, preferred_language: str | None = None,
                  title: str | None = None, department: str | None = None, personal_disclaimer: str | None = None,
                  location: str | None = None, languages_spoken: list[str] | None = None, bio: str | None = None,
                  expertise: str | None = None) -> dict:
    """Check a profile form; returns the cleaned values, or raises ValidationError with every field's error."""
    from .blog import normalize_tags

    errors = {}
    display_name = (display_name or "").strip()
    if not display_name:
        errors["display_name"] = _("Your display name is required.")
    elif len(display_name) > 120:
        errors["display_name"] = _("Your display name is too long: %(max)d characters at most.", max=120)
    email = (email or "").strip().lower() or None
    if email and not EMAIL_RE.match(email):
        errors["email"] = _("That does not look like an e-mail address.")
    elif email and db.session.scalars(select(User.id).where(User.email == email, User.id != user.id)).first():
        errors["email"] = _("Another account uses that e-mail address.")
    if preferred_language not in (None, "", *LANGUAGES):
        errors["preferred_language"] = _("Choose English or French.")
    personal_disclaimer = (personal_disclaimer or "").strip() or None
    if personal_disclaimer and len(personal_disclaimer) > policy.PERSONAL_DISCLAIMER_MAX:
        errors["personal_disclaimer"] = _("Your disclaimer line is too long: %(max)d characters at most.",
                                          max=policy.PERSONAL_DISCLAIMER_MAX)
    for field, value in (("title", title), ("department", department), ("location", location)):
        if value and len(value.strip()) > 120:
            errors[field] = _("Too long: %(max)d characters at most.", max=120)
    bio = (bio or "").replace("\r\n", "\n").strip() or None
    if bio and len(bio) > BIO_MAX:
        errors["bio"] = _("Your introduction is too long: %(max)d characters at most.", max=BIO_MAX)
    spoken = [code for code in (languages_spoken or []) if code in LANGUAGES]
    try:
        expertise = normalize_tags(expertise)
    except ValidationError as error:
        errors["expertise"] = error.errors["tags"]
    if errors:
        raise ValidationError(errors)
    return {"display_name": display_name, "email": email, "preferred_language": preferred_language or None,
            "title": (title or "").strip() or None, "department": (department or "").strip() or None,
            "location": (location or "").strip() or None,
            "languages_spoken": f",{','.join(spoken)}," if spoken else "", "bio": bio, "expertise": expertise,
            "personal_disclaimer": personal_disclaimer}


@writes
def update_profile(user: User, **fields) -> None:
    """Save the user's own profile (fields as for check_profile). The bio and the personal disclaimer are
    published beside their content, so changing them needs the current AUP accepted."""
    values = check_profile(user, **fields)
    if values["personal_disclaimer"] != user.personal_disclaimer or values["bio"] != user.bio:
        policy.ensure_accepted(user)
    for name, value in values.items():
        setattr(user, name, value)
    content.enqueue_index("person", user.id)
    db.session.commit()
    content.update_index()


@writes
def set_language(user: User, language: str) -> None:
    if language in LANGUAGES and user.preferred_language != language:
        user.preferred_language = language
        db.session.commit()


@writes
def change_password(user: User, current_password: str, new_password: str) -> None:
    """Change the user's own password; every other session of the account ends."""
    if not user.password_hash or not check_password_hash(user.password_hash, current_password):
        raise ValidationError({"current_password": _("Your current password is not right.")})
    _check_password(new_password)
    user.password_hash = _hash(new_password)
    user.auth_token = new_auth_token()
    audit.record(user, "user.password_changed", target_type="user", target_id=user.username)
    db.session.commit()


@writes
def set_password(user: User, password: str) -> None:
    """Set a password from the command line (no current password needed)."""
    _check_password(password)
    user.password_hash = _hash(password)
    user.auth_token = new_auth_token()
    audit.record(None, "user.password_set", target_type="user", target_id=user.username)
    db.session.commit()
