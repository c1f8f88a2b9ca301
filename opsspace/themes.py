"""Themes: theme.toml discovery, the template loader chain (active theme, its parents, default) and static files."""
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from flask import abort, current_app, send_from_directory, url_for
from jinja2 import ChoiceLoader, FileSystemLoader
from werkzeug.security import safe_join

from .access import access

DEFAULT_THEME = "default"


class ThemeError(RuntimeError):
    """A theme is missing or its theme.toml is wrong; the message says which file to fix."""


@dataclass(frozen=True)
class Theme:
    name: str
    version: str
    parent: str | None
    path: Path

    @property
    def templates(self) -> Path:
        return self.path / "templates"

    @property
    def static(self) -> Path:
        return self.path / "static"


def discover(search_path: list[str]) -> dict[str, Theme]:
    """Every theme found in the search path, by name (the first directory that has a name wins)."""
    found: dict[str, Theme] = {}
    for directory in search_path:
        for toml_path in sorted(Path(directory).glob("*/theme.toml")):
            try:
                meta = tomllib.loads(toml_path.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise ThemeError(f"{toml_path}: {exc}") from exc
            name = meta.get("name") or toml_path.parent.name
            if name in found:
                continue
            found[name] = Theme(name=name, version=str(meta.get("version", "0")),
                                parent=meta.get("parent") or None, path=toml_path.parent)
    return found


def chain(themes: dict[str, Theme], name: str) -> list[Theme]:
    """The active theme, then its parents, always ending with the default theme."""
    if name not in themes:
        raise ThemeError(f"theme {name!r} not found in {sorted(themes)}: check the THEME setting")
    result: list[Theme] = []
    while name and name not in [t.name for t in result]:
        if name not in themes:
            raise ThemeError(f"theme {result[-1].name!r} names a parent {name!r} that does not exist")
        result.append(themes[name])
        name = themes[name].parent
    if DEFAULT_THEME not in [t.name for t in result]:
        result.append(themes[DEFAULT_THEME])
    return result


def check_required_slots(active: list[Theme]) -> None:
    """Refuse a theme whose layout leaves out a slot the core must fill (the disclaimer, the AUP notice)."""
    from .hookspecs import REQUIRED_SLOTS

    layout = next(t.templates / "layout.html" for t in active if (t.templates / "layout.html").is_file())
    source = layout.read_text(encoding="utf-8")
    missing = sorted(name for name in REQUIRED_SLOTS
                     if not re.search(r"slot\(\s*['\"]" + re.escape(name) + r"['\"]", source))
    if missing:
        raise ThemeError(f"{layout} must call {', '.join(f'slot({name!r})' for name in missing)}: "
                         "the core renders the disclaimer and the policy notice there, and no theme may drop them")


def init_app(app) -> None:
    themes = discover(app.config["THEMES_PATH"])
    if DEFAULT_THEME not in themes:
        raise ThemeError(f"the default theme is missing from {app.config['THEMES_PATH']}")
    active = chain(themes, app.config["THEME"])
    check_required_slots(active)
    app.extensions["opsspace.themes"] = active
    # The app loader is searched before blueprint folders, so a theme can override plugin templates too.
    app.jinja_loader = ChoiceLoader([FileSystemLoader(str(theme.templates)) for theme in active])
    app.add_url_rule("/themes/<theme>/static/<path:filename>", "theme_static", static)
    app.jinja_env.globals["theme_static"] = static_url


def static_url(filename: str) -> str:
    return url_for("theme_static", theme=current_app.extensions["opsspace.themes"][0].name, filename=filename)


@access("public")
def static(theme: str, filename: str):
    """Serve a theme's static file, falling back along the active chain to the default theme."""
    active = current_app.extensions["opsspace.themes"]
    names = [t.name for t in active]
    if theme not in names:
        abort(404)
    for candidate in active[names.index(theme):]:
        path = safe_join(str(candidate.static), filename)
        if path and Path(path).is_file():
            return send_from_directory(candidate.static, filename, max_age=3600)
    abort(404)
