"""The demo blogs: complete profiles, bilingual blog posts with their comments, follows and watched pages.

`create_blogs(people)` is called by `opsspace demo` once the demo people and the demo wiki exist (the posts
link to wiki pages, and a few comments go on wiki pages). Everything goes through the services, as if the
people had typed it themselves, so notifications, mentions, audit records and the search outbox are real.

The data is plain lists and dicts:

- ``PROFILES``: username -> location, languages spoken, expertise tags, a Markdown bio and, for a few,
  a personal disclaimer line. Display name, title, department, e-mail and language are kept as they are.
- ``FOLLOWS``: username -> the people they follow; ``WATCHES``: username -> the wiki pages they watch.
- ``POSTS``: each a dict of ``author``, ``title``, ``language``, ``tags``, ``body``, ``comments`` and,
  for a draft, ``publish=False``. Posts are published in list order, so the last one is the newest.
- ``PAGE_COMMENTS``: ``(wiki path, comments)``.

A comment is ``(author, text)``, or ``(author, text, n)`` for a reply to the n-th comment (counting from 0)
of the same thread. If the first post already exists, nothing is done, so running it twice adds nothing.
"""
from collections.abc import Callable

from sqlalchemy import select

from .extensions import db
from .models import BlogPost, User
from .models.content import PUBLISHED
from .services import blog, comments, policy, social, users, wiki


def create_blogs(people: dict[str, User], progress: Callable[[int], object] | None = None) -> dict:
    """Fill in profiles, follows, watches, posts and comments; returns how many of each were created.

    `people` maps the demo usernames to users (an author missing from it is replaced by the first person;
    a missing person's profile, follows and watches are skipped). `progress(1)` is called after each post
    of `POSTS`, to move a progress bar of `len(POSTS)` steps. Returns all zeros when the posts exist already.
    """
    if not people:
        raise ValueError("create_blogs needs the demo people: run it after they are created.")
    counts = dict.fromkeys(("profiles", "posts", "comments", "follows", "watches"), 0)
    for user in people.values():
        if policy.needs_acceptance(user):
            policy.accept(user, policy.current("aup").number)
    fallback = next(iter(people.values()))

    def person(username: str) -> User:
        return people.get(username, fallback)

    first = POSTS[0]
    if db.session.scalars(select(BlogPost.id).where(BlogPost.author_id == person(first["author"]).id,
                                                    BlogPost.title == first["title"])).first():
        return counts
    for username, profile in PROFILES.items():
        if username in people:
            _fill_profile(people[username], profile)
            counts["profiles"] += 1
    # Follows come before the posts, so followers find "new post" notifications waiting for them.
    for username, followed in FOLLOWS.items():
        for other in followed:
            if username in people and other in people and other != username \
                    and not social.is_following(people[username], people[other].id):
                social.set_following(people[username], people[other], True)
                counts["follows"] += 1
    for username, page_paths in WATCHES.items():
        for path in page_paths:
            page = wiki.find(path)[0]
            if username in people and page is not None and not social.is_watching(people[username], page.id):
                social.set_watching(people[username], page, True)
                counts["watches"] += 1
    for spec in POSTS:
        post = blog.save_post(person(spec["author"]), title=spec["title"], body=spec["body"], tags=spec["tags"],
                              language=spec["language"], publish=spec.get("publish", True)).post
        counts["posts"] += 1
        if post.status == PUBLISHED:  # a draft, or a post a moderation plugin held, cannot be commented on
            counts["comments"] += _discuss("post", post.id, spec.get("comments", []), person)
        if progress is not None:
            progress(1)
    for path, thread in PAGE_COMMENTS:
        page = wiki.find(path)[0]
        if page is not None and page.current_revision_id:
            counts["comments"] += _discuss("page", page.id, thread, person)
    return counts


def _fill_profile(user: User, profile: dict) -> None:
    """Complete a profile, keeping what the person already has (name, e-mail, title, department, language)."""
    users.update_profile(user, display_name=user.display_name, email=user.email,
                         preferred_language=user.preferred_language, title=user.title, department=user.department,
                         personal_disclaimer=profile.get("disclaimer") or user.personal_disclaimer,
                         location=profile["location"], languages_spoken=profile["languages"], bio=profile["bio"],
                         expertise=profile["expertise"])


def _discuss(target_type: str, target_id: int, thread: list[tuple], person: Callable[[str], User]) -> int:
    """Add a thread of comments, replies under the comment they answer; returns how many were added."""
    added = []
    for author, text, *answering in thread:
        parent_id = added[answering[0]].id if answering else None
        added.append(comments.add(target_type, target_id, person(author), text, parent_id=parent_id))
    return len(added)


# --- People ------------------------------------------------------------------------------------

PROFILES = {
    "marie.tremblay": dict(
        location="Gatineau (Québec)", languages=["fr", "en"],
        expertise="transformation numérique, gestion du changement, gouvernance, gestion de l'information",
        bio="""\
Directrice du Milieu de travail numérique aux Services ministériels, je dirige le projet qui a donné
naissance à OPSspace. J'ai passé quinze ans dans la fonction publique, d'abord en communications, puis en
gestion de l'information. Je crois qu'un bon intranet se construit **avec** les gens qui l'utilisent :
écrivez-moi vos idées, en français ou en anglais."""),
    "james.chen": dict(
        location="Ottawa, Ontario", languages=["en", "fr"],
        expertise="community management, internal communications, plain language, moderation",
        bio="""\
I look after the OPSspace community: blogs, comments and the *digital champions* network. Before joining
Communications, I was a reporter at a community newspaper in Richmond, B.C. Ask me anything about plain
language, moderation, or getting people to actually read your newsletter."""),
    "nathalie.gagnon": dict(
        location="Québec (Québec)", languages=["fr", "en"],
        expertise="valeurs et éthique, conflits d'intérêts, activités extérieures, langues officielles",
        disclaimer="Mes billets donnent des repères généraux; pour une situation précise, consultez-moi en "
                   "toute confidentialité.",
        bio="""\
Conseillère en éthique aux Ressources humaines, j'aide les employés et les gestionnaires à s'y retrouver
dans le Code de valeurs et d'éthique, les conflits d'intérêts et les activités extérieures. Mes conseils
sont confidentiels. Je suis aussi modératrice sur OPSspace, où je veille à ce que les échanges restent
respectueux."""),
    "priya.sharma": dict(
        location="Toronto, Ontario", languages=["en", "fr"],
        expertise="health policy, long-term care, accessibility, briefing notes, data visualization",
        bio="""\
Senior policy analyst in Health Policy, working on long-term care and mental health services. I care about
briefing notes that busy people can actually use, and about making our documents
[[Accessibility|accessible]] to everyone. Outside work: choir on Thursdays, trails on weekends."""),
    "jean-francois.roy": dict(
        location="Montréal (Québec)", languages=["fr", "en"],
        expertise="analyse de données, python, sql, visualisation, statistiques",
        bio="""\
Analyste de données à la Direction des statistiques, je transforme des fichiers désordonnés en tableaux et
en graphiques utiles. Je travaille surtout en Python et en SQL, et je participe à la
[[Projets/Stratégie des données|stratégie des données]]. Consultez-moi avant de lancer une collecte :
c'est là que tout se joue."""),
    "sarah.obrien": dict(
        location="Halifax, Nova Scotia", languages=["en"],
        expertise="infrastructure funding, grants and contributions, program delivery, service design",
        disclaimer="I write as a member of the union executive.",
        bio="""\
Program officer with Infrastructure Programs in the Atlantic region, where I help communities fund water
systems, roads and recreation centres. I'm also a member of our union local's executive. Happy to talk
grants and contributions, online intakes, or the best fish and chips in Halifax."""),
    "luc.bergeron": dict(
        location="Moncton (Nouveau-Brunswick)", languages=["fr", "en"],
        expertise="gestion de projets, agilité, migration infonuagique, services numériques",
        bio="""\
Gestionnaire de projets TI aux Services numériques. Je mène la livraison technique du projet
[[Projets/Milieu de travail numérique|Milieu de travail numérique]], de l'intranet jusqu'à la migration
infonuagique. Acadien de Moncton, je travaille en français et en anglais, souvent dans la même phrase."""),
    "aisha.mohamed": dict(
        location="Edmonton, Alberta", languages=["en"],
        expertise="procurement, contracting, acquisition cards, accessible procurement",
        bio="""\
Procurement specialist in Finance, based in Edmonton. I help teams buy what they need, quickly and by the
rules, with a special interest in accessible procurement. I'm learning French and practise by reading the
French posts here, so feel free to answer me *en français*."""),
    "daniel.lefebvre": dict(
        location="Winnipeg (Manitoba)", languages=["fr", "en"],
        expertise="santé mentale, gestion du stress, conflits au travail, mieux-être",
        disclaimer="Je partage de l'information générale; elle ne remplace pas une consultation confidentielle.",
        bio="""\
Conseiller au Programme d'aide aux employés et répondant en mieux-être sur OPSspace, à partir de
Saint-Boniface. J'offre de l'information et de l'orientation sur la santé mentale, le stress et les
conflits au travail. Si vous traversez une période difficile, écrivez-moi en toute confidentialité ou
appelez le [[Ressources humaines/Aide aux employés|PAE]], jour et nuit."""),
}

FOLLOWS = {
    "marie.tremblay": ["luc.bergeron", "james.chen", "nathalie.gagnon"],
    "james.chen": ["marie.tremblay", "nathalie.gagnon", "priya.sharma"],
    "nathalie.gagnon": ["daniel.lefebvre", "james.chen"],
    "priya.sharma": ["jean-francois.roy", "james.chen", "sarah.obrien"],
    "jean-francois.roy": ["priya.sharma", "luc.bergeron"],
    "sarah.obrien": ["aisha.mohamed", "priya.sharma", "jean-francois.roy"],
    "luc.bergeron": ["marie.tremblay", "jean-francois.roy", "james.chen"],
    "aisha.mohamed": ["sarah.obrien", "priya.sharma", "marie.tremblay", "james.chen"],
    "daniel.lefebvre": ["nathalie.gagnon", "marie.tremblay"],
}

WATCHES = {
    "nathalie.gagnon": ["Values_and_ethics", "Valeurs_et_éthique", "Human_resources/Onboarding"],
    "luc.bergeron": ["Projects/Digital_workplace/Roadmap", "Projets/Milieu_de_travail_numérique"],
    "aisha.mohamed": ["Procurement/Buying_under_25000", "Procurement/Acquisition_cards"],
    "priya.sharma": ["Accessibility", "Accessibility/Accessible_documents"],
    "daniel.lefebvre": ["Ressources_humaines/Aide_aux_employés", "Human_resources/Employee_assistance_program"],
}


# --- Posts, oldest first -----------------------------------------------------------------------

POSTS = [
    dict(author="james.chen", language="en", tags="opsspace, blogging, community",
         title="Blogs are open: a few suggestions before you write", body="""\
Starting today, everyone in the organization can keep a blog on OPSspace. The wiki is where a team keeps
reference information together; a blog is where you speak in your own voice: a project update, something
you learned the hard way, a question you would like colleagues to think about.

A big thank-you to @marie.tremblay and @luc.bergeron, whose teams made this part of the
[[Projects/Digital workplace|digital workplace project]] happen ahead of schedule.

## What makes a good post

- **One idea per post.** Three short posts are easier to read than one long one.
- **A title that says what the reader gets.** "Lessons from our intake pilot" beats "Update".
- **Tags**, so colleagues can find posts on the same subject. Look at the popular tags on the blog page
  before inventing a new one.
- **The language you prefer.** English and French are both welcome; set the language of the post so
  readers can filter.

## A few ground rules

Your posts are your own views, and the acceptable use policy applies: respect colleagues, post nothing
confidential, and remember that anyone in the organization can read what you write. If you are unsure,
ask yourself whether you would say it at an all-staff meeting.

The [[Communications/Style guide]] has advice on tone, numbers and dates that works for blogs too.

## Comments

Comments are open on every post. Disagreement is welcome when it is about ideas, not people. Moderators
(I am one of them, with @nathalie.gagnon) step in rarely, and every moderation decision is recorded and
can be appealed.

Questions? Leave a comment below: I read them all.
""", comments=[
        ("priya.sharma", "Great news! Is there a way to follow a colleague's blog so I don't miss new posts?"),
        ("james.chen", "Yes: open their profile and choose **Follow**. You will get a notification when they "
                       "publish something new.", 0),
        ("jean-francois.roy", "Bravo à toute l'équipe! Est-ce qu'on peut écrire un billet dans les deux langues "
                              "à la fois, ou vaut-il mieux publier deux billets?"),
        ("james.chen", "Bonne question! Nous suggérons deux billets, un par langue : chacun peut ainsi filtrer "
                       "les billets dans la langue de son choix.", 2),
    ]),

    dict(author="marie.tremblay", language="fr", tags="milieu de travail numérique, projet, mise à jour",
         title="Milieu de travail numérique : le point à mi-parcours", body="""\
Il y a un an, nous lancions le projet Milieu de travail numérique. Nous arrivons à mi-parcours : c'est le bon
moment pour faire le point, en toute transparence, sur ce qui va bien et sur ce qui nous donne plus de fil à
retordre.

## Ce qui est fait

- Le projet pilote de l'intranet s'est terminé avec environ 300 participants des Services ministériels et
  de la Politique de la santé.
- Le wiki compte déjà plus de 40 pages tenues à jour par les équipes, dans les deux langues.
- Les blogues et les profils sont ouverts à tout le personnel depuis ce mois-ci.

## Ce qui reste à faire

- **Le stockage infonuagique** : la migration des lecteurs partagés commencera cet hiver. C'est le chantier
  le plus lourd.
- **La formation** : nous offrirons des séances courtes, en français et en anglais, dans toutes les régions.
- **Le retrait de l'ancien intranet**, prévu au printemps 2026.

## Ce qui nous préoccupe

Je ne vous cacherai pas que la capacité de traduction est notre principal risque. Publier dans les deux
langues en même temps demande de la planification; je demande donc à chaque équipe de prévoir ses contenus
bilingues dès le départ, plutôt que de tout envoyer à la traduction la veille d'une échéance.

## Merci

Merci à @luc.bergeron et à son équipe pour la livraison technique, et à @james.chen pour l'accompagnement
du changement. Les dates détaillées sont dans la [[Projects/Digital workplace/Roadmap|feuille de route]],
et la description du projet sur la page [[Projets/Milieu de travail numérique]].

Vos questions sont les bienvenues dans les commentaires, en français ou en anglais.
""", comments=[
        ("sarah.obrien", "Thank you for being so open about the risks. Will the regional offices get their "
                         "training at the same time as headquarters?"),
        ("marie.tremblay", "Yes, Sarah: the sessions will start in the regions and in the National Capital "
                           "Region in the same week, in both languages.", 0),
        ("aisha.mohamed", "Merci pour la mise à jour! Je vais lire les billets en français pour pratiquer."),
    ]),

    dict(author="priya.sharma", language="en", tags="accessibility, writing, briefing notes",
         title="Five habits for accessible briefing notes", body="""\
Last spring a colleague who uses a screen reader told me, kindly, that our briefing notes were "a maze of
bold text". She was right. Since then our team has changed a few habits, and they have made our notes
better for everyone, not only for people who use assistive technology.

## 1. Use the heading styles

Our template now uses Heading 2 for *Issue*, *Background*, *Considerations* and *Recommendation*. A
screen-reader user can jump between sections the way a sighted reader skims. It also makes the navigation
pane useful for the rest of us.

## 2. Put the recommendation first

An executive reading on a phone between two meetings should get the answer in the first three lines. This
is plain-language advice as much as accessibility advice: see [[Communications/Plain language]].

## 3. Describe every chart in the text

A chart without a sentence explaining it is invisible to some readers. We write the takeaway ("Wait times
fell by 12% between 2022 and 2024") above the chart, and add alternative text that says what kind of chart
it is.

## 4. Make link text meaningful

Write "see the 2024 evaluation report", not "click here". Screen readers often list the links of a
document on their own, out of context.

## 5. Run the checker before sending

*Review > Check Accessibility* takes thirty seconds. It catches missing alternative text, tables without
a header row, and low contrast.

The full checklist is on the wiki: [[Accessibility/Accessible documents]]. If your team has its own habits,
please add them there, or tell me in the comments.
""", comments=[
        ("nathalie.gagnon", "Merci Priya. Nous allons adapter ces conseils à nos notes d'information en "
                            "français : les styles de titre existent aussi dans le gabarit français."),
        ("priya.sharma", "Merci Nathalie! If you put the French version on the wiki, I'll link to it from "
                         "this post.", 0),
    ]),

    dict(author="luc.bergeron", language="fr",
         tags="leçons apprises, gestion de projets, milieu de travail numérique",
         title="Projet pilote de l'intranet : cinq leçons apprises", body="""\
Le projet pilote de l'intranet s'est terminé après dix semaines. Au-delà des chiffres, voici ce que l'équipe
de projet en retient. Ces leçons valent, je crois, pour bien d'autres projets TI.

## 1. Les vrais utilisateurs d'abord

Nos essais internes nous avaient rassurés. Les participants du projet pilote, eux, ont trouvé en deux jours
des problèmes que nous n'avions jamais vus : par exemple, la recherche ne trouvait pas une page si l'on
tapait son titre en français.

## 2. Un problème réglé vite vaut mieux qu'un problème réglé parfaitement

Nous avons publié une nouvelle version chaque semaine. Les participants voyaient leurs commentaires pris en
compte, et ils en donnaient davantage.

## 3. Le bilinguisme se conçoit dès le départ

Ajouter le français « plus tard » coûte toujours plus cher. Le jumelage des pages dans les deux langues a
été conçu dès la première semaine, et c'est l'une des fonctions les plus appréciées.

## 4. Les champions font toute la différence

Dans les équipes qui avaient un champion numérique, l'adoption a été deux fois plus rapide. Merci à eux!

## 5. Dire ce qu'on ne fera pas

Nous avons reçu plus de 200 suggestions. Nous avons publié la liste de celles que nous ne retiendrions pas,
avec nos raisons. Personne ne s'en est plaint; plusieurs personnes nous ont même remerciés de notre
franchise.

La suite est décrite dans la [[Projects/Digital workplace/Roadmap|feuille de route]]. Merci à
@marie.tremblay pour sa confiance tout au long du projet pilote.
""", comments=[
        ("marie.tremblay", "Merci Luc. La leçon 5 mérite d'être répétée : dire non, avec ses raisons, c'est "
                           "aussi une façon de respecter les gens."),
    ]),

    dict(author="sarah.obrien", language="en", tags="lessons learned, grants and contributions, service design",
         title="Lessons learned from our first online intake", body="""\
This winter the Infrastructure Programs team ran its first fully online intake for the community
infrastructure fund. Municipalities, First Nations and not-for-profit organizations applied through a web
form instead of emailing us fifty-page PDFs. We received 412 applications in six weeks, about 30% more than
in the last paper round. Here is what we learned.

## What worked

- **A short eligibility quiz before the form.** Five yes-or-no questions saved many small organizations
  from writing an application that could not be funded.
- **Saving a draft.** Applicants could come back to their application; many finished it over several
  evenings.
- **Both languages from day one.** The form, the applicant guide and the help line were ready in English
  and French on the same morning.

## What we would do differently

- **Test with real applicants earlier.** Our first tests were with colleagues, who already know our
  jargon. A township clerk showed us in ten minutes that "eligible capital costs" meant nothing to her.
- **Plan for the last day.** A third of the applications arrived in the last 48 hours. The help line
  needed twice the staff that week.
- **Agree on the data before launch.** @jean-francois.roy helped us clean the export afterwards, but it
  would have been much easier to define the fields with him at the start.

## Next steps

We are writing a short guide for other program teams and will put it on the wiki. If your team is planning
an online intake, I am happy to share our templates: comment below or send me a message.
""", comments=[
        ("jean-francois.roy", "Merci pour la mention! Pour la prochaine ronde, je peux vous aider à définir les "
                              "champs du formulaire dès le départ. Un atelier d'une heure suffirait."),
        ("sarah.obrien", "Merci Jean-François, I'll take you up on that! Invitation coming for next month.", 0),
    ]),

    dict(author="nathalie.gagnon", language="fr", tags="valeurs et éthique, conflits d'intérêts",
         title="Conflits d'intérêts : les cinq questions qu'on me pose le plus souvent", body="""\
Comme conseillère en éthique, je reçois chaque semaine des questions sur les conflits d'intérêts. La plupart
commencent par « C'est probablement rien, mais... ». Bonne nouvelle : poser la question, c'est déjà faire
preuve de jugement. Voici les cinq questions qui reviennent le plus souvent.

## 1. « Un fournisseur m'a offert un cadeau. Puis-je l'accepter? »

Un objet promotionnel de faible valeur, oui. Un repas au restaurant, des billets de spectacle ou un cadeau
pendant un processus d'approvisionnement, non. En cas de doute, refusez poliment : les fournisseurs
connaissent nos règles.

## 2. « Ma sœur a posé sa candidature dans mon équipe. »

Vous devez le déclarer à votre gestionnaire et vous retirer du processus de sélection. Votre sœur n'est pas
pénalisée pour autant : c'est la crédibilité du processus que l'on protège.

## 3. « Puis-je avoir un deuxième emploi? »

Souvent, oui. Il faut toutefois le déclarer s'il peut entrer en conflit avec vos fonctions, par exemple un
travail de consultation dans le même domaine que votre poste.

## 4. « Je siège au conseil d'un organisme qui reçoit des subventions. »

Déclarez-le, et ne participez à aucune décision qui touche cet organisme, même de loin.

## 5. « Dois-je remplir la déclaration annuelle même si rien n'a changé? »

Oui. La déclaration annuelle confirme que votre situation est à jour; elle prend cinq minutes.

Le code et les formulaires sont sur la page [[Valeurs et éthique]]. Pour une situation particulière,
écrivez-moi : nos échanges restent confidentiels.
""", comments=[
        ("luc.bergeron", "Très clair, merci. Une question : une invitation à une conférence payée par un "
                         "fournisseur, est-ce que ça compte comme un cadeau?"),
        ("nathalie.gagnon", "Oui, Luc, c'est une forme d'hospitalité. Il faut l'approbation préalable de votre "
                            "gestionnaire, et la réponse est généralement non si ce fournisseur participe à un "
                            "processus d'approvisionnement avec nous.", 0),
    ]),

    dict(author="james.chen", language="en", tags="official languages, meetings, bilingualism",
         title="Seven tips for meetings that are truly bilingual", body="""\
Many of our meetings are bilingual in theory: the agenda is in both languages, the chair says *bonjour*,
and then everything happens in English. Francophone colleagues have told me it is one of the small things
that make them feel like guests in their own workplace. Here are seven habits that help, collected from
chairs who do this well.

1. **Send the material in both languages, at the same time.** If the French version comes a day later,
   people read the English one.
2. **Alternate the language of the chair.** Open in French one week and in English the next, and switch
   between agenda items.
3. **Say explicitly that both languages are welcome.** Many people need to hear it before they dare.
4. **Let people finish in their language.** Do not jump in to "help" by translating unless you are asked.
5. **Summarize decisions in both languages.** A short recap at the end of each item costs one minute.
6. **Write the minutes in both languages**, or at least the decisions and the actions.
7. **Watch the chat.** A question typed in French deserves an answer in French.

None of this requires perfect bilingualism from the chair. It requires attention, and a bit of courage the
first few times.

@nathalie.gagnon shared a great point with me: the person with the most authority in the room sets the
tone. When a director answers a French question in French, even haltingly, everyone else follows.

Our rights and obligations are summarized on the [[Official languages]] page. What have I missed?
""", comments=[
        ("marie.tremblay", "Merci James. J'ajouterais : quand on présente des diapositives, les montrer dans "
                           "les deux langues côte à côte aide beaucoup."),
        ("sarah.obrien", "Tip 4 is a good reminder for me. I sometimes jump in to translate, thinking I'm "
                         "helping. I'll ask first from now on!"),
    ]),

    dict(author="nathalie.gagnon", language="fr", tags="langues officielles, réunions, bilinguisme",
         title="Réunions bilingues : le point de vue d'une francophone", body="""\
@james.chen a publié de très bons conseils pour des réunions vraiment bilingues. Il m'a demandé d'y ajouter
mon point de vue, celui d'une francophone qui travaille dans une équipe majoritairement anglophone.

## Ce que l'on vit

Dans une réunion où tout se passe en anglais, je peux suivre et participer. Mais je participe moins bien :
je mets une seconde de plus à formuler mon idée, et la discussion est déjà passée à autre chose. À la
longue, on finit par se taire, ou par tout dire en anglais. Ce n'est la faute de personne en particulier;
c'est une habitude qui s'installe.

## Ce qui m'aide vraiment

- **Une question posée directement en français** : « Nathalie, qu'en penses-tu? » Cela m'autorise à
  répondre dans ma langue.
- **Des collègues anglophones qui essaient**, même avec un accent ou quelques fautes. C'est très apprécié,
  et cela encourage tout le monde.
- **Du temps pour réfléchir** : envoyer les questions à l'avance permet à chacun de préparer ses idées dans
  sa langue.
- **Des comptes rendus dans les deux langues**, pour que les décisions existent officiellement en français
  aussi.

## Une invitation

Aux francophones : parlons français en réunion, même quand c'est un peu plus difficile. C'est notre droit,
et c'est aussi ce qui permet aux autres de pratiquer.

Aux anglophones : votre français, même imparfait, est le bienvenu.

Nos droits et nos obligations sont résumés sur la page [[Langues officielles]].
""", comments=[
        ("james.chen", "Thank you, Nathalie, for writing this. Asking a question directly in French is such "
                       "a simple habit, and I hadn't thought of it."),
    ]),

    dict(author="priya.sharma", language="en", tags="data visualization, data, charts",
         title="Charts that tell the truth: a short guide", body="""\
Last month @jean-francois.roy and I reviewed some forty charts from our branch's briefing notes and
reports. Most were fine. A few, without anyone meaning to, told a different story from the data. Here are
the rules we agreed on, with thanks to the data team for their patience.

## Pick the chart for the question

| The question | A good chart | Avoid |
|---|---|---|
| How has it changed over time? | Line chart | 3-D columns |
| How do categories compare? | Horizontal bar chart, sorted | A pie with nine slices |
| What share of the whole? | Stacked bar, or a pie with two or three slices | Donuts with outside labels |
| How are the values spread? | Histogram or box plot | The average alone |
| Exact numbers matter | A table | Any chart |

## Five rules

1. **Start bar charts at zero.** A bar's length is its message; cutting the axis exaggerates differences.
2. **Say the takeaway in the title.** "Wait times fell by 12% since 2022" rather than "Wait times,
   2018–2024".
3. **Label directly.** Put names at the end of the lines instead of in a legend the reader must decode.
4. **Use colour with care.** One highlight colour for what matters, grey for the rest, and never colour
   alone to carry meaning: about one man in twelve has some form of colour blindness.
5. **Show uncertainty** when the numbers come from a survey or a model.

## Before you share

Ask a colleague who has not seen the data what the chart says. If their answer is not your message, change
the chart, not the colleague.

The data team is building a shared chart template as part of the
[[Projets/Stratégie des données|data strategy]]. Watch that page for news.
""", comments=[
        ("jean-francois.roy", "Excellent résumé! J'ajouterais : évitez les deux axes verticaux sur un même "
                              "graphique. Avec un deuxième axe, on peut faire dire presque n'importe quoi à une "
                              "courbe."),
        ("priya.sharma", "So true, Jean-François. Adding it to our checklist.", 0),
    ]),

    dict(author="jean-francois.roy", language="fr", tags="données, visualisation, statistiques",
         title="Moyenne ou médiane? Un exemple avec les délais de traitement", body="""\
La semaine dernière, on m'a demandé pourquoi notre tableau de bord indiquait un délai de traitement moyen de
38 jours, alors que la plupart des demandes sont réglées en moins d'un mois. Bonne question! La réponse tient
en un mot : la moyenne.

## Un exemple

Voici les délais de traitement de dix demandes fictives, mais réalistes :

| Demande | Délai (jours) |
|---|---:|
| A | 12 |
| B | 15 |
| C | 18 |
| D | 19 |
| E | 21 |
| F | 22 |
| G | 25 |
| H | 28 |
| I | 60 |
| J | 160 |

La **moyenne** est de 38 jours. La **médiane**, c'est-à-dire la valeur du milieu, est de 21,5 jours. Deux
dossiers très complexes suffisent à tirer la moyenne vers le haut, et à donner une image trompeuse du
service que reçoivent la plupart des gens.

## Ce que je recommande

- Pour des délais, des salaires ou des montants, présentez la **médiane**, et ajoutez la moyenne seulement
  si elle apporte quelque chose.
- Montrez la **répartition** : un histogramme ou une boîte à moustaches en dit plus qu'un seul chiffre.
- Donnez le **90e centile** quand les cas extrêmes comptent : « 9 demandes sur 10 sont traitées en
  60 jours ou moins. »
- Indiquez toujours la **période** et le **nombre de cas**.

## Pour aller plus loin

Ces bonnes pratiques feront partie du guide de visualisation que nous préparons dans le cadre de la
[[Projets/Stratégie des données|stratégie des données]]. @priya.sharma a déjà publié d'excellents conseils
sur le choix des graphiques; je vous les recommande.
""", comments=[
        ("priya.sharma", "This example is perfect for explaining why our dashboards will report the median. "
                         "May I reuse the table in a training session?"),
        ("jean-francois.roy", "Bien sûr, Priya! Les données sont fictives, donc aucun problème.", 0),
    ]),

    dict(author="aisha.mohamed", language="en", tags="procurement, accessibility, lessons learned",
         title="Buying accessible from the start: what one contract taught me", body="""\
Last year I helped a branch buy an online booking tool for training rooms. The contract was small, the tool
was popular, and three weeks after launch we learned that it could not be used with a keyboard alone. A
colleague with a mobility disability could not book a room without asking someone to do it for her.

Fixing it cost more than doing it right would have. Here is what I now do on every purchase of a tool or
service that people will use, even small ones.

## Put accessibility in the requirements

Write it in the statement of work, not in a meeting after the contract is signed. For software, one
sentence goes a long way: *"The solution must meet WCAG 2.1 level AA, and the supplier will provide a
recent accessibility conformance report."*

## Ask for evidence, then check it

A supplier's "yes, we are accessible" is a start, not proof. Ask for the report, and ask the accessibility
team to look at a demo. Ten minutes with a screen reader tells you a lot.

## Involve the people who will use it

Before choosing, invite two or three future users, including someone who uses assistive technology, to try
the products on the short list.

## Keep it proportionate

For a box of pens, none of this matters. For anything people will use every day, it does.

The wiki explains [[Procurement/Buying under 25000|buying under $25,000]], and the [[Accessibility]] page
has a section on accessible purchasing. I'd love to hear from other buyers: what has worked for you?
""", comments=[
        ("priya.sharma", "Thank you for sharing an honest story. Did the supplier eventually fix the keyboard "
                         "problem?"),
        ("aisha.mohamed", "They did, in a later release, about four months after. Our colleague was very "
                          "patient with all of us.", 0),
    ]),

    dict(author="priya.sharma", language="en", tags="welcome, health policy, team news",
         title="Please welcome Tomás and Mei to Health Policy", body="""\
It is a pleasure to welcome two new colleagues to the Health Policy team this month.

## Tomás Alvarez, policy analyst

Tomás joins us from a provincial ministry of health in Winnipeg, where he worked on pharmacare and drug
pricing. He has a master's degree in public health and a soft spot for well-organized spreadsheets. He will
work with me on the long-term care file. Outside work, he coaches a youth soccer team and is, by his own
account, a terrible but enthusiastic cook.

## Mei Lin, junior analyst (co-op)

Mei is a health sciences student at the University of Ottawa, here with us for two terms. She will help
with the literature review for the evaluation of mental health services. She speaks English, French and
Mandarin, which was already useful on her second day.

## Making them feel at home

A few requests for everyone:

- Say hello if you see them in the office on Tuesdays and Wednesdays, our team days.
- Invite them to your meetings as observers: it is the fastest way to learn how we work.
- Be patient with acronyms. We counted 43 in our last briefing package.

Tomás and Mei, the [[Human resources/Onboarding|onboarding page]] and its
[[Human resources/Onboarding/First week checklist|first-week checklist]] will help with the practical side.
For everything else, ask me, or your onboarding buddy from outside the team, @sarah.obrien, who kindly
volunteered.

Welcome to the team!
""", comments=[
        ("sarah.obrien", "Welcome Tomás and Mei! Happy to be your buddy. Coffee on Wednesday?"),
    ]),

    dict(author="luc.bergeron", language="fr", tags="bienvenue, services numériques, équipe",
         title="Bienvenue à Amélie et Karim dans l'équipe des Services numériques", body="""\
J'ai le plaisir d'accueillir deux nouvelles personnes dans l'équipe des Services numériques.

## Amélie Fortin, analyste en expérience utilisateur

Amélie arrive du secteur privé, où elle concevait des applications bancaires. Elle animera les tests avec
les utilisateurs pour la phase 2 de l'intranet, y compris avec des personnes qui utilisent des technologies
d'assistance. Si vous aimeriez participer à une séance de test, faites-lui signe : elle cherche déjà des
volontaires!

## Karim Haddad, développeur

Karim nous vient d'un autre ministère fédéral, où il a travaillé sur des formulaires en ligne. Il se joint
à l'équipe qui prépare la migration vers le stockage infonuagique. Passionné de logiciels libres, il a déjà
proposé deux améliorations au code de l'intranet pendant sa première semaine.

## Un accueil réussi

Nous avons suivi la [[Ressources humaines/Intégration/Liste de la première semaine|liste de la première semaine]] :
poste de travail prêt le premier jour, un parrain ou une marraine dans l'équipe, et un dîner
d'équipe le vendredi. Pour leurs accès, le [[Service de dépannage TI]] a été, comme toujours, d'une
efficacité remarquable.

Amélie et Karim sont bilingues et travaillent à partir de Moncton et de Gatineau. N'hésitez pas à leur
écrire pour vous présenter.

Bienvenue parmi nous!
""", comments=[
        ("marie.tremblay", "Bienvenue Amélie et Karim! Au plaisir de vous rencontrer à la prochaine réunion "
                           "de la direction générale."),
    ]),

    dict(author="sarah.obrien", language="en", tags="ergonomics, telework, health and safety",
         title="My home office on a budget: five changes that cost almost nothing", body="""\
After my second winter of telework from a kitchen chair, my back sent me a clear message. Before spending
any money, I read the advice on [[Health and safety/Ergonomics and home offices]], and then tried a few
cheap fixes. Six months later, the pain is gone. I am not an ergonomist, so take this as one colleague's
experience.

## What I changed

- **Screen height.** My laptop sits on a stack of old binders so the top of the screen is at eye level,
  with a separate keyboard and mouse. Cost: a $25 keyboard.
- **Chair.** A rolled towel behind my lower back, and a footrest made from a sturdy box. Cost: nothing.
- **Light.** I turned my desk sideways to the window. No more glare in the afternoon, no more squinting.
- **Breaks.** A reminder every 50 minutes to stand up, refill my water glass and look out the window for a
  minute.
- **A real end to the day.** I close the laptop and put it in a drawer. It sounds silly; it works.

## When it is not enough

If you have pain that does not go away, talk to your manager. You can ask for an ergonomic assessment, and
the organization can provide equipment for your home office. You do not need a diagnosis to ask.

What are your best home-office tricks? Share them below.
""", comments=[
        ("aisha.mohamed", "The binders trick works! I use two old phone books... if anyone still remembers "
                          "those."),
    ]),

    dict(author="daniel.lefebvre", language="fr", tags="santé mentale, mieux-être, changement",
         title="Traverser une période de changement sans s'épuiser", body="""\
Nouveaux outils, nouvelles règles de présence au bureau, réorganisations : beaucoup d'entre nous vivent
plusieurs changements en même temps. Au Programme d'aide aux employés, nous entendons souvent la même
phrase : « Je devrais être capable de suivre. » Le changement fatigue, même quand il est positif. Ce n'est
pas un signe de faiblesse.

## Quelques repères

- **Nommez ce qui change.** Faire la liste de ce qui change pour vous, et de ce qui reste stable, aide à
  retrouver un peu de contrôle.
- **Choisissez vos batailles.** Vous n'avez pas besoin de maîtriser tous les nouveaux outils la première
  semaine.
- **Parlez-en.** À un collègue, à votre gestionnaire, à un proche. Souvent, on découvre qu'on n'est pas
  seul à trouver cela difficile.
- **Protégez vos pauses.** Une marche de dix minutes le midi vaut mieux qu'une réunion de plus.
- **Surveillez les signaux** : sommeil perturbé, irritabilité, difficulté à se concentrer pendant plusieurs
  semaines.

## Pour les gestionnaires

Expliquez le pourquoi, pas seulement le quoi. Donnez des dates réalistes. Et demandez à chaque personne de
votre équipe comment elle va, puis écoutez vraiment la réponse.

## De l'aide, en tout temps

Le [[Ressources humaines/Aide aux employés|Programme d'aide aux employés]] est confidentiel, gratuit et
offert jour et nuit, pour vous et votre famille. Vous pouvez aussi écrire aux répondants en mieux-être sur
OPSspace.
""", comments=[
        ("nathalie.gagnon", "Merci Daniel, c'est un message important. Je le partagerai avec mon équipe."),
    ]),

    dict(author="sarah.obrien", language="en", tags="hybrid work, workplace, opinion",
         title="Hybrid work: a personal view", body="""\
I have been asked to write down what I said at our last town hall, so here it is. These are my personal
views, and I know many colleagues see things differently. I hope we can talk about it with the same respect
we show each other in meetings.

## What I hear

Since the requirement of three days a week in the office, I have heard from many colleagues. Some are
glad: they missed the hallway conversations, and new employees in particular learn faster when they can
turn to someone and ask. Others are struggling: long commutes, crowded floors where it is hard to find a
desk, and video calls taken from the office with headphones on, which feels a bit absurd.

## What I think

I believe the question should be less "how many days" and more "what are the office days for". A day in
the office is worth the commute when the team is there together: for a workshop, a planning session, or a
new colleague to welcome. It is harder to justify when everyone spends it on calls with people in other
cities.

So my suggestion, for what it is worth:

- Teams agree on their **anchor days** and use them for work that really benefits from being together.
- Managers keep using **individual arrangements** where they make sense: caregiving, accessibility needs,
  distance.
- We **measure** what matters (desk availability, commute times, how people feel about their work) and
  share the results.

## What I am not saying

I am not saying the policy is wrong for everyone, or that managers are acting in bad faith. Most managers I
talk to are trying to make it work for their teams with the space they have.

The current rules are explained on [[Human resources/Flexible work arrangements]]. I would genuinely like to
hear other views in the comments, especially from people who disagree with me.
""", comments=[
        ("luc.bergeron", "Merci Sarah pour ce billet nuancé. Dans notre équipe, les journées d'ancrage "
                         "fonctionnent bien : nous gardons le mardi pour la planification et les ateliers."),
        ("priya.sharma", "I see it a bit differently: for our new analysts, being in the office more often "
                         "has really helped. But I agree that office days should have a purpose."),
        ("sarah.obrien", "That's a fair point, Priya, and new employees are exactly where I see the most "
                         "benefit too. Thank you for adding it.", 1),
        ("marie.tremblay", "Merci pour ce ton respectueux. Les données sur la disponibilité des postes de "
                           "travail seront présentées au comité de direction le mois prochain; je les "
                           "partagerai ici."),
    ]),

    dict(author="james.chen", language="en", tags="accessibility, video, how-to",
         title="Captions and transcripts: an accessibility how-to for video", body="""\
More and more of our internal communications are short videos: a message from the deputy head, a two-minute
tutorial, a recorded town hall. Every one of them needs captions and, ideally, a transcript. Here is how we
do it in Communications, step by step.

## Captions

1. **Start from a script** if you have one. Captions made from a script are accurate from the start.
2. **Use automatic captions as a first draft**, never as the final version. They struggle with names,
   acronyms, and French words in an English video (and the reverse).
3. **Correct the draft**: names, numbers, punctuation. Allow about ten minutes per minute of video the
   first time; it gets faster.
4. **Keep captions readable**: two lines at most, in sync, and on screen long enough to read.
5. **Include meaningful sounds**, like [applause] or [music], and identify speakers when it is not obvious.

## French and English

A bilingual video needs captions in the language spoken, and a version captioned in the other language. We
usually publish two files, *EN* and *FR*, so each viewer can choose.

## Transcripts

A transcript is the text of the video, on the same page. It helps people who are deafblind, people who
prefer reading, and anyone who wants to find that one sentence without watching again. Describe what is
shown on screen when it matters ("the chart shows wait times falling").

## Live events

For a live town hall, book real-time captioning (CART) at least two weeks ahead. Automatic live captions
are better than nothing, but not good enough for a large audience.

More on the [[Accessibility]] page. Questions are welcome below.
""", comments=[
        ("priya.sharma", "Very helpful. Do you have a list of captioning providers we can book for live "
                         "events?"),
        ("aisha.mohamed", "@priya.sharma there is a standing offer for real-time captioning: send me a note "
                          "and I will share the details.", 0),
    ]),

    dict(author="jean-francois.roy", language="fr", tags="automatisation, python, leçons apprises",
         title="Automatiser un rapport mensuel : ce que j'aurais aimé savoir", body="""\
Pendant trois ans, j'ai produit à la main le rapport mensuel sur les programmes de subventions : exporter
les données, les nettoyer dans un tableur, copier les graphiques dans un document, vérifier, recommencer.
Environ deux jours par mois. Cet automne, j'ai enfin automatisé le processus avec un petit programme en
Python. Le rapport se produit maintenant en quelques minutes. Voici ce que j'ai appris en chemin.

## Ce qui a bien fonctionné

- **Commencer petit.** J'ai d'abord automatisé l'étape la plus pénible, le nettoyage des données, avant de
  toucher au reste.
- **Comparer avec l'ancien rapport.** Pendant deux mois, j'ai produit les deux versions en parallèle. J'ai
  trouvé trois erreurs... dans l'ancienne méthode manuelle.
- **Garder le code dans un dépôt partagé**, avec un fichier qui explique comment le lancer. Si je suis
  absent, un collègue peut produire le rapport.

## Ce que je ferais autrement

- **Parler plus tôt aux personnes qui lisent le rapport.** Une fois la production automatisée, nous avons
  constaté que la moitié des tableaux n'étaient lus par personne. Nous les avons retirés.
- **Documenter les règles d'affaires.** Pourquoi exclut-on les demandes retirées? La réponse était dans ma
  tête, pas dans le code.
- **Penser à la sécurité dès le départ.** Les données contiennent des renseignements sur des organismes; il
  a fallu revoir où les fichiers intermédiaires étaient enregistrés.

## Et vous?

Si vous passez des heures chaque mois sur une tâche répétitive, parlons-en. L'équipe des données peut vous
aider à évaluer si l'automatisation en vaut la peine. @sarah.obrien, je pense notamment à vos exports de
demandes!
""", comments=[
        ("sarah.obrien", "Yes please! Our application exports take me half a day every month. Let's talk."),
        ("jean-francois.roy", "Parfait, Sarah, je t'envoie une invitation cette semaine.", 0),
    ]),

    dict(author="aisha.mohamed", language="en", tags="procurement, finance, year-end",
         title="Year-end purchasing: dates to keep in mind", body="""\
The fiscal year ends on March 31, and every year the last weeks bring a rush of purchase requests. Goods
must be received, and services delivered, by March 31 to be paid from this year's budget, so a request
sent too late cannot be approved, however urgent it is. To help you plan, here are this year's deadlines.

| What you are buying | Send the complete request by | Why |
|---|---|---|
| Goods under $10,000 (acquisition card) | March 14 | Delivery must happen by March 31 |
| Goods and services under $25,000 | February 21 | Quotes, approval and delivery take about five weeks |
| Services from a standing offer | February 7 | Call-ups need approval at two levels |
| Anything over $25,000 | January 24 | Competitive process and contract review |
| Software subscriptions | February 14 | The IT security review comes first |

## Three tips

1. **A complete request is a fast request.** Include the quote, the financial coding and the approval of
   the budget holder with your first email.
2. **Do not split purchases** to stay under a limit. It is against the rules, and it is also easy to see
   in the reports.
3. **Tell us early about big purchases**, even if the details are not final. We can reserve time for them.

Acquisition card holders: please reconcile your February statement by March 10. The rules are on
[[Procurement/Acquisition cards]].

Questions? The procurement team answers the shared mailbox every day, and I am happy to help by phone.
""", comments=[
        ("marie.tremblay", "Merci Aisha, c'est très clair. Je transmets le tableau à tous les gestionnaires "
                           "de la direction générale."),
        ("luc.bergeron", "Est-ce que la date du 14 février s'applique aussi aux renouvellements de licences?"),
        ("aisha.mohamed", "Yes, Luc, if the product changed: it then needs the security review again. "
                          "Unchanged renewals can wait until February 28.", 1),
    ]),

    dict(author="marie.tremblay", language="en", tags="digital workplace, champions, recognition",
         title="A thank-you to our digital champions", body="""\
This week I want to say thank you, in English this time, to a group that rarely gets the spotlight: our
digital champions.

When we started the [[Projects/Digital workplace|digital workplace project]], we knew that tools alone would
not change how we work. We needed people in every branch who would try things first, tolerate a few bugs,
and help their neighbours. Forty-one of you volunteered, on top of your regular jobs.

## What the champions did

- Tested the intranet for ten weeks during the pilot, and sent more than 200 comments, most of them kind
  and all of them useful.
- Ran 60 drop-in sessions in the regions, including the first sessions in French outside the National
  Capital Region.
- Found the bug that sometimes lost text when two people edited the same page. It is fixed now, thanks to
  them.
- Reviewed and corrected dozens of help pages in both languages.

## What comes next

Phase 2 starts this winter (see the [[Projects/Digital workplace/Roadmap|roadmap]]). The champions network
will grow, and its members will get recognition in their performance agreements, as many of you asked.
@luc.bergeron will share the details soon.

To every champion: *merci*. You turned a project into a movement.
""", comments=[
        ("luc.bergeron", "Merci Marie! Les détails sur la reconnaissance seront publiés d'ici deux semaines."),
        ("jean-francois.roy", "Fier d'avoir été champion pour l'équipe des statistiques. Je recommande "
                              "l'expérience!"),
    ]),

    dict(author="aisha.mohamed", language="en", tags="procurement, acquisition cards, tips",
         title="Acquisition cards: what I wish I had known in my first year", body="""\
I have been a procurement specialist for six years, but I still remember my first month with an acquisition
card, and the mildly panicked email I sent about a hotel booking. Here are the things nobody told me, in the
hope that they save you a few questions.

## The card is for the organization, not for you

It sounds obvious, but it means no personal purchases, not even "I will pay it back". Travel goes through
the travel system, not the acquisition card, unless your branch has an exception in writing.

## Keep every receipt, right away

Take a photo of the receipt the moment you buy. By the end of the month, the paper receipt will be in a
coat pocket, a car, or the recycling bin.

## Check the supplier before you pay

Some goods must be bought through a standing offer or a national contract, even if a local store is
cheaper. When in doubt, ask us first: changing supplier before buying is easy, undoing a purchase is not.

## Reconcile monthly, not quarterly

Ten minutes a month is easier than an afternoon every three months, and errors are easier to dispute
while the seller still remembers you.

## Know your limits

Your single-purchase limit and your monthly limit are in your cardholder agreement. Splitting a purchase to
stay under a limit is not allowed.

All the rules are on [[Procurement/Acquisition cards]], and I answer questions in the comments.
""", comments=[]),

    dict(author="marie.tremblay", language="fr", tags="retraite, remerciements, services ministériels",
         title="Bonne retraite, Francine!", body="""\
Vendredi prochain, Francine Côté prendra sa retraite après 34 ans de service, dont les 20 dernières années
aux Services ministériels. Je ne pouvais pas la laisser partir sans lui rendre hommage ici, sur cet intranet
qu'elle a tant contribué à nourrir.

## Un parcours remarquable

Francine a commencé au service du courrier en 1991, à une époque où l'on déplaçait les dossiers sur des
chariots. Elle est ensuite devenue agente, puis gestionnaire de la gestion de l'information. C'est elle qui
a mené le passage des dossiers papier aux dossiers numériques, un chantier de plusieurs années que bien peu
de gens auraient eu la patience de mener à terme.

## Ce qu'on retiendra d'elle

- Sa mémoire phénoménale : elle savait où se trouvait **tout**, y compris des décisions de 1998 que tout le
  monde avait oubliées.
- Sa générosité : des dizaines d'entre nous ont appris le métier à ses côtés.
- Son humour, et ses fameuses tartes au sucre lors des fêtes de bureau.

## Pour lui dire au revoir

- Une carte circule jusqu'à jeudi; @james.chen a aussi préparé une carte en ligne pour les collègues des
  régions.
- Un 5 à 7 aura lieu vendredi à la cafétéria du 3e étage. Tout le monde est invité.
- Vous pouvez aussi lui laisser un mot ci-dessous : je lui imprimerai les commentaires.

Francine, merci pour tout. Profite bien de ton jardin, de tes petits-enfants et de ce voyage en Gaspésie
dont tu nous parles depuis des années!
""", comments=[
        ("james.chen", "Francine trained me in records management when I arrived. Congratulations and thank "
                       "you, Francine! The online card is open until Thursday."),
        ("nathalie.gagnon", "Bonne retraite, Francine! Merci pour ta patience et ta bonne humeur. Profite bien "
                            "de la Gaspésie."),
        ("aisha.mohamed", "Bonne retraite, Francine! Thank you for always finding the file I needed, even the "
                          "ones from 1998."),
    ]),

    dict(author="james.chen", language="en", tags="moderation, community", publish=False,
         title="Moderation on OPSspace, explained (draft)", body="""\
Notes for a future post. Not to be published before @nathalie.gagnon has reviewed it.

## Why we moderate

OPSspace is open to everyone in the organization, so a few rules keep it a place where people feel safe to
write. Moderation is there to protect people and information, not to settle debates.

## What moderators can do

- **Hold** a post or a comment for review, when it may break the acceptable use policy.
- **Hide** it, when it does. The author is told why, and can appeal.
- Nothing is ever erased: every decision is recorded, with its reason.

## What moderators do not do

- Edit your words.
- Remove a post because someone disagrees with it.

## Still to write

- How to appeal, step by step.
- Examples from the pilot, anonymized.
- A French version, written with Nathalie rather than translated.
"""),

    dict(author="daniel.lefebvre", language="fr", tags="mieux-être, ateliers", publish=False,
         title="Ateliers sur la résilience cet automne (brouillon)", body="""\
Brouillon, à valider avec les Ressources humaines avant la publication.

## Ateliers offerts

Le Programme d'aide aux employés offrira cet automne une série d'ateliers d'une heure, en ligne et en
personne, dans les deux langues :

- **Gérer le stress en période de changement** (octobre);
- **Mieux dormir quand la tête ne s'arrête pas** (novembre);
- **Soutenir un collègue qui traverse une période difficile** (décembre), pour les gestionnaires et les
  répondants en mieux-être.

## À confirmer

- Les dates et les salles dans chaque région.
- Le lien d'inscription.
- Une séance en soirée pour les équipes qui travaillent par quarts.

Les ateliers sont confidentiels : aucune liste de participants n'est transmise aux gestionnaires. Pour
toute question, écrivez-moi ou consultez la page du Programme d'aide aux employés.
"""),
]


# --- Comments on wiki pages --------------------------------------------------------------------

PAGE_COMMENTS = [
    ("Human_resources/Onboarding", [
        ("sarah.obrien", "Suggestion: add a line about arranging the workplace accessibility assessment before "
                         "the first day, not after. A new colleague of ours waited three weeks for the right "
                         "equipment."),
        ("nathalie.gagnon", "Bonne idée, Sarah. J'ajoute une ligne dans la section destinée aux gestionnaires "
                            "cette semaine.", 0),
        ("priya.sharma", "This page was a lifesaver when I prepared for Tomás and Mei's arrival. Thank you to "
                         "everyone who keeps it current."),
    ]),
    ("Human_resources/Flexible_work_arrangements", [
        ("aisha.mohamed", "Does a compressed schedule need its own agreement, or can it be in the same form as "
                          "my telework agreement?"),
        ("nathalie.gagnon", "Les deux peuvent figurer dans la même entente, Aisha : il suffit de cocher les deux "
                            "options dans le formulaire. @daniel.lefebvre, tu confirmes?", 0),
        ("daniel.lefebvre", "Je confirme! Une seule entente suffit, revue chaque année avec le gestionnaire.", 0),
    ]),
    ("Ressources_humaines/Télétravail", [
        ("luc.bergeron", "Serait-il possible d'ajouter un lien vers le modèle d'entente de télétravail? "
                         "Plusieurs gestionnaires de mon équipe le cherchent."),
        ("marie.tremblay", "Bonne idée, Luc. Je m'en occupe d'ici vendredi.", 0),
    ]),
    ("Accessibility/Accessible_documents", [
        ("jean-francois.roy", "Pour les tableaux de données dans Excel, y a-t-il des règles particulières? Je "
                              "pense aux cellules fusionnées de nos rapports."),
        ("james.chen", "The same rules as in Word: no merged cells, one header row, and a title in the first "
                       "cell. @priya.sharma has a good example from the health data tables.", 0),
        ("priya.sharma", "Happy to share it, Jean-François. I'll add a short section on spreadsheets to this "
                         "page.", 0),
    ]),
]
