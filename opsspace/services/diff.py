"""Differences between two texts, readable for prose: lines are aligned first, then changed lines are
compared word by word, so a one-word fix in a long paragraph shows as one word, not a whole new paragraph."""
import difflib
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

TOKEN_RE = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
CONTEXT = 2  # unchanged lines kept around each change


@dataclass
class DiffLine:
    kind: str  # "same", "added", "removed", "changed", "gap"
    old_number: int | None
    new_number: int | None
    html: Markup  # the line, with <del>/<ins> around changed words


@dataclass
class DiffResult:
    lines: list[DiffLine]
    added: int
    removed: int

    @property
    def identical(self) -> bool:
        return not self.added and not self.removed


def _words(old: str, new: str) -> Markup:
    a, b = TOKEN_RE.findall(old), TOKEN_RE.findall(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(Markup("<del>%s</del>") % "".join(a[i1:i2]))
        if j2 > j1:
            out.append(Markup("<ins>%s</ins>") % "".join(b[j1:j2]))
    return Markup("").join(out)


def compare(old: str, new: str) -> DiffResult:
    """Compare two texts; unchanged stretches longer than the context are folded into a gap line."""
    a, b = (old or "").splitlines(), (new or "").splitlines()
    lines: list[DiffLine] = []
    added = removed = 0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            span = list(range(i2 - i1))
            keep = span if len(span) <= 2 * CONTEXT + 1 else span[:CONTEXT] + [None] + span[-CONTEXT:]
            if op == "equal" and not lines:  # leading context: only the end of it
                keep = span[-CONTEXT:] if len(span) > CONTEXT else span
                if len(span) > CONTEXT:
                    keep = [None] + keep
            for k in keep:
                if k is None:
                    lines.append(DiffLine("gap", None, None, Markup("")))
                else:
                    lines.append(DiffLine("same", i1 + k + 1, j1 + k + 1, escape(a[i1 + k])))
            continue
        if op == "replace":
            pairs = min(i2 - i1, j2 - j1)
            for k in range(pairs):
                lines.append(DiffLine("changed", i1 + k + 1, j1 + k + 1, _words(a[i1 + k], b[j1 + k])))
            removed += i2 - i1
            added += j2 - j1
            for k in range(i1 + pairs, i2):
                lines.append(DiffLine("removed", k + 1, None, Markup("<del>%s</del>") % a[k]))
            for k in range(j1 + pairs, j2):
                lines.append(DiffLine("added", None, k + 1, Markup("<ins>%s</ins>") % b[k]))
        elif op == "delete":
            removed += i2 - i1
            for k in range(i1, i2):
                lines.append(DiffLine("removed", k + 1, None, Markup("<del>%s</del>") % a[k]))
        elif op == "insert":
            added += j2 - j1
            for k in range(j1, j2):
                lines.append(DiffLine("added", None, k + 1, Markup("<ins>%s</ins>") % b[k]))
    # Trailing context: trim an unchanged tail to CONTEXT lines.
    tail = 0
    while tail < len(lines) and lines[len(lines) - 1 - tail].kind == "same":
        tail += 1
    if tail > CONTEXT and tail != len(lines):
        del lines[len(lines) - tail + CONTEXT:]
        lines.append(DiffLine("gap", None, None, Markup("")))
    return DiffResult(lines=lines, added=added, removed=removed)
