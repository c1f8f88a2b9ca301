"""The acceptable-use policy and the site disclaimer: versions, acceptance, and the contribution gate."""
from flask_babel import gettext as _
from sqlalchemy import select

from .. import page_cache
from ..database import writes
from ..extensions import db
from ..models import PolicyVersion, User, utcnow
from . import PolicyAcceptanceRequired, PermissionDenied, ValidationError
from . import audit

#: Version 0 of each text: what a new site shows until an admin publishes its own.
BUILT_IN = {
    "aup": {
        "en": (
            "## Acceptable use of OPSspace\n\n"
            "OPSspace is a shared workplace. By contributing you agree to:\n\n"
            "1. **Respect colleagues.** No insults, harassment or derogatory remarks about any person or group.\n"
            "2. **Protect information.** Post nothing classified, personal or confidential.\n"
            "3. **Speak for yourself.** Your posts are your own views, not your employer's.\n"
            "4. **Keep it lawful.** Respect copyright, privacy and the official languages.\n\n"
            "Moderators may hold or hide content that breaks this policy. Every moderation act is recorded "
            "and can be appealed."
        ),
        "fr": (
            "## Utilisation acceptable d'OPSspace\n\n"
            "OPSspace est un espace de travail commun. En y contribuant, vous vous engagez à :\n\n"
            "1. **Respecter vos collègues.** Aucune insulte, aucun harcèlement ni propos dénigrant envers "
            "une personne ou un groupe.\n"
            "2. **Protéger l'information.** Ne publiez rien de classifié, de personnel ou de confidentiel.\n"
            "3. **Parler en votre nom.** Vos publications expriment vos opinions, pas celles de votre employeur.\n"
            "4. **Respecter la loi.** Respectez le droit d'auteur, la vie privée et les langues officielles.\n\n"
            "Les modérateurs peuvent retenir ou masquer un contenu contraire à cette politique. Chaque "
            "acte de modération est consigné et peut faire l'objet d'un appel."
        ),
    },
    "disclaimer": {
        "en": "The views expressed are my own and not necessarily those of my employer.",
        "fr": "Les opinions exprimées sont les miennes et ne reflètent pas nécessairement celles de mon employeur.",
    },
}

PERSONAL_DISCLAIMER_MAX = 280


def current(kind: str) -> PolicyVersion:
    """The newest version of a site text, or the built-in version 0 when none was published."""
    latest = db.session.scalars(
        select(PolicyVersion).where(PolicyVersion.kind == kind).order_by(PolicyVersion.number.desc()).limit(1)
    ).first()
    if latest is None:
        latest = PolicyVersion(kind=kind, number=0, text_en=BUILT_IN[kind]["en"], text_fr=BUILT_IN[kind]["fr"])
    return latest


def current_number(kind: str) -> int:
    """current(kind).number, kept by each process until something changes (every signed-in page asks)."""
    return page_cache.memo(("policy-number", kind), lambda: current(kind).number)


def current_text(kind: str, language: str) -> str:
    """current(kind).text(language), kept like current_number (every author block shows the disclaimer)."""
    return page_cache.memo(("policy-text", kind, language), lambda: current(kind).text(language))


def versions(kind: str) -> list[PolicyVersion]:
    return list(db.session.scalars(
        select(PolicyVersion).where(PolicyVersion.kind == kind).order_by(PolicyVersion.number.desc())
    ))


@writes
def publish(kind: str, *, text_en: str, text_fr: str, summary: str, actor: User) -> PolicyVersion:
    """Publish a new version of the AUP or the disclaimer (admins only). A new AUP asks everyone to accept again."""
    if not actor.is_admin:
        raise PermissionDenied(_("Only administrators can change the policy."))
    text_en, text_fr, summary = text_en.strip(), text_fr.strip(), summary.strip()
    errors = {}
    if not text_en:
        errors["text_en"] = _("The English text is required.")
    if not text_fr:
        errors["text_fr"] = _("The French text is required.")
    if kind == "disclaimer" and (len(text_en) > PERSONAL_DISCLAIMER_MAX * 2 or len(text_fr) > PERSONAL_DISCLAIMER_MAX * 2):
        errors["text_en"] = _("A disclaimer must be short: %(max)d characters at most.", max=PERSONAL_DISCLAIMER_MAX * 2)
    previous = current(kind)
    if not errors and previous.text_en == text_en and previous.text_fr == text_fr:
        errors["text_en"] = _("Nothing changed: edit the text before publishing a new version.")
    if errors:
        raise ValidationError(errors)
    version = PolicyVersion(kind=kind, number=previous.number + 1, text_en=text_en, text_fr=text_fr,
                            summary=summary or None, created_by_id=actor.id)
    db.session.add(version)
    audit.record(actor, f"policy.{kind}_published", target_type="policy", target_id=f"{kind}:{version.number}",
                 reason=summary, version=version.number)
    db.session.commit()
    return version


def needs_acceptance(user: User) -> bool:
    """True when a signed-in user has not accepted the current AUP version."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.accepted_policy_version is None or user.accepted_policy_version < current_number("aup")


@writes
def accept(user: User, number: int) -> None:
    """Record that the user accepted AUP version `number`, which must be the current one."""
    version = current("aup")
    if number != version.number:
        raise ValidationError({"version": _("The policy changed while you were reading it: please read it again.")})
    user.accepted_policy_version = version.number
    user.accepted_policy_at = utcnow()
    audit.record(user, "policy.accepted", target_type="policy", target_id=f"aup:{version.number}")
    db.session.commit()


def ensure_accepted(user: User) -> None:
    """The gate before any contribution: raises PolicyAcceptanceRequired when the user must accept first."""
    if needs_acceptance(user):
        raise PolicyAcceptanceRequired(_("Please read and accept the acceptable-use policy before contributing."))
