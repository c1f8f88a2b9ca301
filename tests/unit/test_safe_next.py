"""?next= must only ever lead to a path on this site."""
import pytest

from opsspace.security import safe_next

UNSAFE = [
    "//evil.example", "https://evil.example", "http://evil.example/x", "/\\evil.example", "\\\\evil.example",
    "https:evil.example", "javascript:alert(1)", "//evil.example/%2F..", "/\tevil", "/\nevil", "evil.example",
    "", None, " //evil.example", "\x00/x", "///evil.example",
]
SAFE = ["/", "/policy", "/people/jane.doe?tab=posts", "/wiki/Some%20Page#Section", "/search?q=%2F%2Fx"]


@pytest.mark.parametrize("target", UNSAFE)
def test_unsafe_targets_are_refused(target):
    assert safe_next(target) is None


@pytest.mark.parametrize("target", SAFE)
def test_site_paths_are_kept(target):
    assert safe_next(target) == target
