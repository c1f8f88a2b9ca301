"""`opsspace demo`: a realistic sample site: people of every role, a bilingual wiki (demo_wiki), and blogs,
comments, follows and complete profiles (demo_blogs)."""
import secrets

import click
from flask.cli import with_appcontext

from . import demo_blogs, demo_wiki
from .services import users

#: (username, display name, role, title, department, language, wellbeing responder)
PEOPLE = [
    ("marie.tremblay", "Marie Tremblay", "admin", "Director, Digital Workplace", "Corporate Services", "fr", False),
    ("james.chen", "James Chen", "moderator", "Community Manager", "Communications", "en", False),
    ("nathalie.gagnon", "Nathalie Gagnon", "moderator", "Conseillère en éthique", "Ressources humaines", "fr", False),
    ("priya.sharma", "Priya Sharma", "employee", "Senior Policy Analyst", "Health Policy", "en", False),
    ("jean-francois.roy", "Jean-François Roy", "employee", "Analyste de données", "Statistiques", "fr", False),
    ("sarah.obrien", "Sarah O'Brien", "employee", "Program Officer", "Infrastructure Programs", "en", False),
    ("luc.bergeron", "Luc Bergeron", "employee", "Gestionnaire de projets TI", "Services numériques", "fr", False),
    ("aisha.mohamed", "Aisha Mohamed", "employee", "Procurement Specialist", "Finance", "en", False),
    ("daniel.lefebvre", "Daniel Lefebvre", "employee", "Conseiller, Programme d'aide aux employés", "Ressources humaines", "fr", True),
]


@click.command("demo")
@click.option("--password", default=None, help="Password for every demo account (default: one generated and printed).")
@with_appcontext
def demo(password):
    """Fill the site with realistic sample people of every role. Safe to run twice: existing accounts are kept."""
    password = password or secrets.token_urlsafe(9)
    created = _create_people(password)
    if created:
        click.echo(f"\nCreated {len(created)} demo accounts, all with the password:  {password}")
        for user in created:
            extra = ", wellbeing responder" if user.is_wellbeing_responder else ""
            click.echo(f"    {user.username:<20} {user.role}{extra}")
    else:
        click.echo("The demo people already exist: none added.")
    people = {username: users.get(username) for username, *_ in PEOPLE}
    with click.progressbar(length=len(demo_wiki.PAGES), label="Writing the demo wiki") as bar:
        revisions = demo_wiki.create_wiki(people, progress=bar.update)
    click.echo(f"Wiki: {revisions} revisions written." if revisions else "Wiki: the demo pages already exist.")
    with click.progressbar(length=len(demo_blogs.POSTS), label="Writing the demo blogs") as bar:
        made = demo_blogs.create_blogs(people, progress=bar.update)
    if made["posts"]:
        click.echo("Blogs: {posts} posts, {comments} comments, {follows} follows, {watches} watched pages, "
                   "{profiles} profiles completed.".format(**made))
    else:
        click.echo("Blogs: the demo posts already exist.")


def _create_people(password: str) -> list:
    created = []
    with click.progressbar(PEOPLE, label="Creating demo people", item_show_func=lambda p: p[0] if p else "") as bar:
        for username, name, role, title, department, language, responder in bar:
            if users.get(username) is not None:
                continue
            created.append(users.create(username, display_name=name, email=f"{username}@example.org",
                                        password=password, role=role, title=title, department=department,
                                        preferred_language=language, wellbeing_responder=responder))
    return created
