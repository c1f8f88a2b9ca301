"""scripts/audit.py (make audit): every pin is read, a loose requirement is refused, and a vulnerable pin fails
with the package, the advisory and the fixed versions. pip-audit's answer is given here in its own JSON shape;
`make audit` asks the real service."""
import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit.py"


@pytest.fixture
def audit():
    spec = importlib.util.spec_from_file_location("audit_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_pin_of_the_project_is_read(audit):
    found = audit.pins(SCRIPT.parents[1] / "pyproject.toml")
    assert found["flask"] and found["werkzeug"] and found["pytest"] and found["pip-audit"] == "2.10.1"
    assert found["psycopg"]  # an extra's pin, with its own extras in brackets


def test_a_loose_requirement_is_refused(audit, tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\ndependencies = ["Flask>=3"]\n')
    with pytest.raises(SystemExit, match="not pinned exactly"):
        audit.pins(pyproject)


def test_a_vulnerable_pin_fails_naming_the_package_and_the_fix(audit, tmp_path, monkeypatch, capsys):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\ndependencies = ["Werkzeug==2.2.2", "Flask==3.1.3", "old==1.0"]\n')
    answer = {"dependencies": [
        {"name": "werkzeug", "version": "2.2.2", "vulns": [
            {"id": "GHSA-xg9f-g7g7-2323", "fix_versions": ["2.2.3"], "aliases": ["CVE-2023-25577"],
             "description": "..."}]},
        {"name": "flask", "version": "3.1.3", "vulns": []},
        {"name": "old", "skip_reason": "Dependency not found on PyPI and could not be audited: old (1.0)"}],
        "fixes": []}
    monkeypatch.setattr(audit, "pip_audit", lambda requirements: answer)
    monkeypatch.setattr(audit, "newest_release_vulnerabilities", lambda name, version: None)
    assert audit.main(["--pyproject", str(pyproject)]) == 1
    out = capsys.readouterr().out
    assert "VULNERABLE: werkzeug==2.2.2: GHSA-xg9f-g7g7-2323 (CVE-2023-25577); fixed in: 2.2.3" in out
    assert "could not be audited" in out and "old" in out
    answer["dependencies"][0]["vulns"] = []
    assert audit.main(["--pyproject", str(pyproject)]) == 0  # nothing known: passes, saying what was not audited
    assert audit.main(["--pyproject", str(pyproject), "--strict"]) == 1
