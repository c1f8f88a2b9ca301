"""The content pipeline shared by every kind of content (DESIGN §5): signals, status, outbox, after-commit."""
from ..extensions import db
from ..models import ContentSignal, SearchOutbox
from ..models.content import HELD, PUBLISHED
from .. import plugins
from . import HoldWarning


def submit(content, author, warn: bool = False) -> tuple[str, list[dict]]:
    """Ask the plugins about content about to be committed (it is flushed, so it has an id).

    Returns the status it gets — ``held`` when any signal asks to hold, else ``published`` — and every
    signal, for the caller to show the author. With `warn` (an author at an editor, who has not yet
    chosen to save anyway), a text that would be held is not saved at all: the transaction is rolled back
    and :class:`HoldWarning` tells the author why, before anything is stored.
    """
    results = plugins.hook().content_submitted(content=content, author=author)
    signals = [signal for result in results if result for signal in result]
    if warn and any(signal.get("action") == "hold" for signal in signals):
        db.session.rollback()
        raise HoldWarning(signals)
    for signal in signals:  # kept with the content, for moderators
        db.session.add(ContentSignal(content_type=content.content_type, content_id=content.id,
                                     kind=str(signal.get("kind", ""))[:40], score=float(signal.get("score") or 0),
                                     evidence=list(signal.get("evidence") or []),
                                     policy_clause=signal.get("policy_clause"), action=signal.get("action", "flag")))
    status = HELD if any(signal.get("action") == "hold" for signal in signals) else PUBLISHED
    return status, signals


def enqueue_index(doc_type: str, doc_id: int) -> None:
    """Add search-index work to the current transaction, so it commits (or not) with the content."""
    db.session.add(SearchOutbox(doc_type=doc_type, doc_id=doc_id))


def after_commit(content, is_new: bool) -> None:
    """Once the content is committed: update the search index from the outbox (never failing the
    request: what cannot be indexed now stays in the outbox), then tell the plugins it is published."""
    update_index()
    if getattr(content, "status", PUBLISHED) == PUBLISHED:
        plugins.hook().content_published(content=content, is_new=is_new)


def update_index() -> None:
    """After a commit that queued index work: apply it now (a busy index leaves it queued, never fails)."""
    from . import search

    search.after_commit()
