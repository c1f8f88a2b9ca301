"""Wiki page paths: how a title or a [[link]] becomes a path, and which paths are allowed."""
import re

from flask_babel import gettext as _

# The last segment of a path cannot be one of these: they name the page's own actions in the URL.
RESERVED = frozenset({"edit", "history", "diff", "revisions", "revert", "move", "backlinks", "protect",
                      "translation", "watch", "comments"})
FORBIDDEN = re.compile(r"[#?<>\[\]{}|\\\x00-\x1f\x7f%]")
MAX_LENGTH = 255
MAX_SEGMENT = 100


class BadPath(ValueError):
    """The path cannot name a page; the message (translated) says why."""


def normalize(raw: str) -> str:
    """Turn what a user typed ("human resources / Onboarding ") into a path ("Human_resources/Onboarding").

    Spaces become underscores, each segment starts with a capital letter (as in MediaWiki, so
    [[onboarding]] and [[Onboarding]] are the same page), empty segments disappear.
    Raises BadPath for characters that cannot be in a path, reserved names, or a path that is too long.
    """
    text = (raw or "").replace("_", " ").strip()
    segments = []
    for segment in text.split("/"):
        segment = re.sub(r"\s+", " ", segment).strip()
        if not segment:
            continue
        if segment in (".", ".."):
            raise BadPath(_("A page name cannot be “.” or “..”."))
        if FORBIDDEN.search(segment):
            raise BadPath(_("A page name cannot contain # ? < > [ ] { } | \\ % or control characters."))
        if len(segment) > MAX_SEGMENT:
            raise BadPath(_("Each part of a page name can have %(max)d characters at most.", max=MAX_SEGMENT))
        segments.append((segment[0].upper() + segment[1:]).replace(" ", "_"))
    if not segments:
        raise BadPath(_("Give the page a name."))
    if segments[-1].lower() in RESERVED:
        raise BadPath(_("A page name cannot end with “%(word)s”: that word is used for page actions.",
                        word=segments[-1]))
    path = "/".join(segments)
    if len(path) > MAX_LENGTH:
        raise BadPath(_("A page name can have %(max)d characters at most.", max=MAX_LENGTH))
    return path


def title_of(path: str) -> str:
    """The default title of a page: the last segment of its path, with spaces."""
    return path.rsplit("/", 1)[-1].replace("_", " ")


def try_normalize(raw: str) -> str | None:
    try:
        return normalize(raw)
    except BadPath:
        return None
