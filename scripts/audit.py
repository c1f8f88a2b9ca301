"""Known vulnerabilities in the pinned dependencies (`make audit`, run by `make test`).

Every exact pin in pyproject.toml (the dependencies and every extra) is checked with pip-audit against PyPI's
vulnerability data (`--vulnerability-service pypi`: the registry itself, no other host). A pin with a known
vulnerability fails with the package, the advisory and the versions that fix it.

PyPI answers for one release at https://pypi.org/pypi/<name>/<version>/json. Where that address cannot be
reached (some registry mirrors and proxies serve only the project-wide https://pypi.org/pypi/<name>/json), pip-audit
can audit nothing and says so per package; for a pin that is the project's newest release, the project-wide
answer lists exactly that release's known vulnerabilities, and this script uses it. Pins it could audit neither
way are listed; with --strict (or AUDIT_STRICT=1) they fail the run too.

    python scripts/audit.py [--strict] [--pyproject path]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*==\s*([^\s;,]+)\s*(;.*)?$")


def pins(pyproject: Path) -> dict[str, str]:
    """name -> version for every exact pin (dependencies and all extras); anything else is an error."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    found, loose = {}, []
    for requirement in data.get("dependencies", []) + [r for extra in data.get("optional-dependencies", {}).values()
                                                       for r in extra]:
        match = PIN.match(requirement)
        if match is None:
            loose.append(requirement)
        else:
            found[match.group(1).lower()] = match.group(3)
    if loose:
        raise SystemExit(f"audit: these requirements are not pinned exactly (name==version): {loose}")
    return found


def pip_audit(requirements: dict[str, str]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("".join(f"{name}=={version}\n" for name, version in sorted(requirements.items())))
    try:
        result = subprocess.run(
            [str(Path(sys.executable).with_name("pip-audit")), "--requirement", handle.name, "--no-deps",
             "--disable-pip", "--vulnerability-service", "pypi", "--format", "json", "--progress-spinner", "off"],
            capture_output=True, text=True, timeout=600)
    finally:
        os.unlink(handle.name)
    if not result.stdout.strip():
        raise SystemExit(f"audit: pip-audit failed to run:\n{result.stderr}")
    return json.loads(result.stdout)


def newest_release_vulnerabilities(name: str, version: str) -> list[dict] | None:
    """PyPI's project-wide answer, which describes its newest release only: the known vulnerabilities of
    `version` when it is that release, else None (not auditable this way)."""
    try:
        with urllib.request.urlopen(f"https://pypi.org/pypi/{name}/json", timeout=30) as response:
            data = json.load(response)
    except (OSError, urllib.error.URLError, ValueError):
        return None
    if data.get("info", {}).get("version") != version:
        return None
    return [{"id": v.get("id"), "aliases": v.get("aliases") or [], "fix_versions": v.get("fixed_in") or []}
            for v in data.get("vulnerabilities") or [] if not v.get("withdrawn")]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pyproject", type=Path, default=PROJECT_ROOT / "pyproject.toml")
    parser.add_argument("--strict", action="store_true", default=os.environ.get("AUDIT_STRICT") == "1",
                        help="also fail when a pin could not be audited")
    args = parser.parse_args(argv)
    requirements = pins(args.pyproject)
    report = pip_audit(requirements)
    vulnerable: dict[str, list[dict]] = {}
    unaudited = []
    for dependency in report.get("dependencies", []):
        name = dependency["name"].lower()
        if dependency.get("skip_reason"):
            found = newest_release_vulnerabilities(name, requirements.get(name, dependency.get("version", "")))
            if found is None:
                unaudited.append(name)
            elif found:
                vulnerable[name] = found
        elif dependency.get("vulns"):
            vulnerable[name] = dependency["vulns"]
    audited = len(requirements) - len(unaudited)
    for name, vulns in sorted(vulnerable.items()):
        version = requirements.get(name, "?")
        for vuln in vulns:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed release is published"
            aliases = f" ({', '.join(vuln['aliases'])})" if vuln.get("aliases") else ""
            print(f"VULNERABLE: {name}=={version}: {vuln['id']}{aliases}; fixed in: {fixes}")
    if vulnerable:
        print(f"audit: {len(vulnerable)} pinned package(s) have known vulnerabilities. Raise each pin in "
              f"pyproject.toml to a fixed version (or replace the package), then run `make audit` again.")
    if unaudited:
        print(f"audit: {len(unaudited)} of {len(requirements)} pins could not be audited (PyPI's per-release "
              f"vulnerability data did not answer, and they are not their project's newest release): "
              f"{', '.join(sorted(unaudited))}")
    if not vulnerable:
        print(f"audit: no known vulnerability in the {audited} pins audited"
              + (f" ({len(unaudited)} not audited)" if unaudited else ""))
    return 1 if vulnerable or (unaudited and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
