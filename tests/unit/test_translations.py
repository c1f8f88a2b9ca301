"""The French catalog is complete and correct: every user-visible string is translated, placeholders survive
translation, the compiled catalog is current, and a French browser gets the French interface.

When a test here fails after you added or changed a string: run `make extract-messages`, translate the new
or fuzzy entries in opsspace/translations/fr/LC_MESSAGES/messages.po, then `make translations`.
"""
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "opsspace" / "translations"
FR_PO = TRANSLATIONS / "fr" / "LC_MESSAGES" / "messages.po"
FR_MO = FR_PO.with_suffix(".mo")

HOW_TO_FIX = (
    "Run `make extract-messages`, translate the new or fuzzy entries in "
    "opsspace/translations/fr/LC_MESSAGES/messages.po (remove the `#, fuzzy` line once checked), "
    "then run `make translations`."
)

#: Python %-format conversions as gettext and Jinja's newstyle gettext apply them (`%%` included: in a
#: template every translation is %-formatted, so a lone `%` in a msgstr breaks the page).
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]")


def _keywords() -> list[str]:
    """The extra -k keywords of the Makefile's extract-messages target, so this test extracts exactly what it does."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    line = next((line for line in makefile.splitlines() if "pybabel extract" in line), "")
    return re.findall(r"-k\s+(\S+)", line) or ["_l", "lazy_gettext"]


def _key(message):
    return message.id[0] if isinstance(message.id, (tuple, list)) else message.id


def _forms(value) -> list[str]:
    return list(value) if isinstance(value, (tuple, list)) else [value]


def _placeholders(text: str) -> Counter:
    found = Counter(match.group(0) for match in PLACEHOLDER.finditer(text or ""))
    stray = PLACEHOLDER.sub("", text or "").count("%")
    if stray:
        found["% (a lone percent sign)"] = stray
    return found


def _read_po(path: Path):
    assert path.exists(), f"{path.relative_to(ROOT)} is missing. {HOW_TO_FIX}"
    with path.open("rb") as fh:
        return read_po(fh, locale=path.parts[-3])


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The catalog template `make extract-messages` would write now, extracted from the working tree."""
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    command = [sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "babel.cfg", "--no-wrap"]
    for keyword in _keywords():
        command += ["-k", keyword]
    command += ["-o", str(pot), "."]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"pybabel extract failed:\n{result.stdout}\n{result.stderr}"
    with pot.open("rb") as fh:
        template = read_po(fh)
    assert len(template) > 0, "pybabel extract found no messages: check babel.cfg"
    return template


@pytest.fixture(scope="module")
def french():
    return _read_po(FR_PO)


def test_every_extracted_string_has_a_french_translation(extracted, french):
    problems = []
    for message in extracted:
        if not message.id:
            continue
        where = ", ".join(f"{path}:{line}" for path, line in message.locations[:3]) or "?"
        entry = french.get(message.id, message.context)
        if entry is None or (message.pluralizable and _forms(entry.id) != _forms(message.id)):
            problems.append(f"missing      {_key(message)!r}  ({where})")
        elif entry.fuzzy:
            problems.append(f"fuzzy        {_key(message)!r}  ({where})")
        elif not all(form.strip() for form in _forms(entry.string)):
            problems.append(f"untranslated {_key(message)!r}  ({where})")
    assert not problems, (
        f"{len(problems)} user-visible string(s) lack a French translation in "
        f"opsspace/translations/fr/LC_MESSAGES/messages.po:\n  " + "\n  ".join(problems) + f"\n{HOW_TO_FIX}"
    )


def test_french_catalog_header_is_usable(french):
    # A fuzzy header makes `pybabel compile` skip the whole catalog: the site would silently stay in English.
    assert not french.fuzzy, f"the header of {FR_PO.relative_to(ROOT)} is marked fuzzy: remove its `#, fuzzy` line"
    assert french.plural_forms.replace(" ", "") == "nplurals=2;plural=(n>1);", french.plural_forms
    fuzzy = [_key(message) for message in french if message.id and message.fuzzy]
    assert not fuzzy, f"fuzzy entries are not used by the site; check and unmark them: {fuzzy}. {HOW_TO_FIX}"


def test_french_translations_keep_their_placeholders(french):
    problems = []
    for message in french:
        if not message.id or not any(_forms(message.string)):
            continue
        ids = _forms(message.id)
        expected = _placeholders(ids[0])
        for index, text in enumerate(_forms(message.string)):
            # French plural forms: [0] for 0 and 1, [1] for 2 and more; both may use msgid or msgid_plural's set.
            allowed = [expected] if len(ids) == 1 else [_placeholders(ids[0]), _placeholders(ids[-1])]
            found = _placeholders(text)
            if found not in allowed:
                label = _key(message) if len(ids) == 1 else f"{_key(message)} [msgstr[{index}]]"
                problems.append(f"{label!r}: expected {sorted(allowed[0].elements())}, found {sorted(found.elements())}")
    assert not problems, (
        "French translations must keep exactly the msgid's %-placeholders (`%(name)s`, `%(num)d`, `%%`):\n  "
        + "\n  ".join(problems)
    )


def test_compiled_french_catalog_is_current(french):
    assert FR_MO.exists(), f"{FR_MO.relative_to(ROOT)} is missing: run `make translations` (`make test` does it)."
    with FR_MO.open("rb") as fh:
        compiled = read_mo(fh)
    stale = []
    for message in french:
        if not message.id or message.fuzzy or not all(_forms(message.string)):
            continue
        entry = compiled.get(message.id, message.context)
        if entry is None or _forms(entry.string) != _forms(message.string):
            stale.append(_key(message))
    assert not stale, (
        f"{FR_MO.relative_to(ROOT)} is older than messages.po ({len(stale)} entries differ, e.g. {stale[:3]}): "
        "run `make translations`."
    )


def test_login_page_in_french_for_a_french_browser(client):
    assert FR_MO.exists(), f"{FR_MO.relative_to(ROOT)} is missing: run `make translations` (`make test` does it)."
    response = client.get("/login", headers={"Accept-Language": "fr-CA, en-US;q=0.7"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<html lang="fr"' in page
    assert "Se connecter" in page
    assert ">Sign in<" not in page
