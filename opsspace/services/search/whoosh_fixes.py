"""A correction to Whoosh 2.7.4 (its last release, 2016), applied once when the search package loads.

**AndMaybeMatcher.skip_to** ("a, and b's score too when b is there") moved the optional matcher to the id it
was asked for, not to where the required one landed. When the required matcher has no posting at that id it
lands further on, the optional one stays behind, and the document it lands on loses the optional part of its
score. Whoosh's top-N search builds these matchers on the way (every ten matches its collector "replaces" an
OR of a word in a title and in a body with one of them required), so ranked pages lost results: at 100,000
documents "budget type:post" showed 10 wrong results of 20, and "service desk" one. Fixed, the top-N search
ranks exactly as scoring every match does (tests/unit/test_ranking.py), at the same speed.
"""
from whoosh.matching import binary, mcore


def _and_maybe_skip_to(self, id):
    if not self.a.is_active():
        raise mcore.ReadTooFar
    moved_a = self.a.skip_to(id)
    moved_b = False
    if self.a.is_active() and self.b.is_active():
        moved_b = self.b.skip_to(self.a.id())  # where a landed, which may be past `id`
    return moved_a or moved_b


def apply() -> None:
    binary.AndMaybeMatcher.skip_to = _and_maybe_skip_to
