"""Deterministic workplace prose in English and French, for the benchmark corpus.

Everything comes from a ``random.Random`` handed in by the caller, so one seed always gives the same
text. Sentences are built from templates over word lists written for this purpose (subjects, verbs,
objects, time and manner phrases, per topic), plus a long tail of generated names (projects, systems,
file numbers, places) so the vocabulary has the shape of real text: a few very common words, many rare ones.
"""
import math
import random

# --- topics: (key, English name, French name, English objects, French objects) -----------------
TOPICS = [
    ("hr", "Human resources", "Ressources humaines",
     ["the onboarding checklist", "the leave request process", "the performance agreement", "the staffing plan",
      "the classification review", "the telework agreement", "the learning plan", "the mentoring program",
      "the exit interview guide", "the pay calendar", "the overtime rules", "the parental leave guide"],
     ["la liste d'accueil des nouveaux employés", "le processus de demande de congé", "l'entente de rendement",
      "le plan de dotation", "la révision de la classification", "l'entente de télétravail",
      "le plan d'apprentissage", "le programme de mentorat", "le guide d'entrevue de départ",
      "le calendrier de paie", "les règles sur les heures supplémentaires", "le guide du congé parental"]),
    ("finance", "Finance", "Finances",
     ["the budget forecast", "the travel claim", "the year-end report", "the spending authority matrix",
      "the invoice backlog", "the cost recovery model", "the quarterly variance report", "the funding request",
      "the hospitality policy", "the salary forecast"],
     ["la prévision budgétaire", "la demande de remboursement de voyage", "le rapport de fin d'exercice",
      "la matrice des pouvoirs de dépenser", "l'arriéré des factures", "le modèle de recouvrement des coûts",
      "le rapport trimestriel des écarts", "la demande de financement", "la politique d'accueil",
      "la prévision salariale"]),
    ("it", "Information technology", "Technologies de l'information",
     ["the laptop refresh", "the password reset procedure", "the network outage report", "the cloud migration",
      "the service desk queue", "the software catalogue", "the backup schedule", "the VPN configuration",
      "the security patch calendar", "the data centre move", "the accessibility audit of the intranet"],
     ["le renouvellement des ordinateurs portables", "la procédure de réinitialisation des mots de passe",
      "le rapport de panne du réseau", "la migration vers le nuage", "la file du centre de services",
      "le catalogue de logiciels", "le calendrier des sauvegardes", "la configuration du RPV",
      "le calendrier des correctifs de sécurité", "le déménagement du centre de données",
      "l'audit d'accessibilité de l'intranet"]),
    ("procurement", "Procurement", "Approvisionnement",
     ["the request for proposals", "the standing offer", "the contract amendment", "the evaluation grid",
      "the supplier debriefing", "the sole-source justification", "the procurement calendar",
      "the acquisition card limits", "the bid evaluation", "the vendor performance review"],
     ["la demande de propositions", "l'offre à commandes", "la modification de contrat", "la grille d'évaluation",
      "le compte rendu aux fournisseurs", "la justification de fournisseur unique", "le calendrier d'approvisionnement",
      "les limites de la carte d'achat", "l'évaluation des soumissions", "l'examen du rendement des fournisseurs"]),
    ("comms", "Communications", "Communications",
     ["the news release", "the speaking notes", "the social media calendar", "the media lines",
      "the web content inventory", "the plain language guide", "the style guide", "the town hall agenda",
      "the newsletter", "the translation request"],
     ["le communiqué de presse", "les notes d'allocution", "le calendrier des médias sociaux",
      "les lignes médiatiques", "l'inventaire du contenu Web", "le guide du langage clair", "le guide de rédaction",
      "l'ordre du jour de l'assemblée générale", "le bulletin", "la demande de traduction"]),
    ("security", "Security", "Sécurité",
     ["the security clearance renewal", "the building access card", "the incident report",
      "the classified information handling guide", "the emergency evacuation plan", "the visitor log",
      "the threat and risk assessment", "the business continuity plan"],
     ["le renouvellement de la cote de sécurité", "la carte d'accès à l'immeuble", "le rapport d'incident",
      "le guide de traitement des renseignements classifiés", "le plan d'évacuation d'urgence",
      "le registre des visiteurs", "l'évaluation de la menace et des risques", "le plan de continuité des activités"]),
    ("data", "Data and analytics", "Données et analytique",
     ["the open data release", "the dashboard", "the data quality report", "the survey results",
      "the metadata standard", "the data sharing agreement", "the statistical methodology", "the privacy impact assessment"],
     ["la publication de données ouvertes", "le tableau de bord", "le rapport sur la qualité des données",
      "les résultats du sondage", "la norme de métadonnées", "l'entente d'échange de données",
      "la méthodologie statistique", "l'évaluation des facteurs relatifs à la vie privée"]),
    ("programs", "Programs", "Programmes",
     ["the grant application", "the program evaluation", "the performance measurement framework",
      "the stakeholder consultation", "the service standard", "the logic model", "the client survey",
      "the regional delivery plan"],
     ["la demande de subvention", "l'évaluation du programme", "le cadre de mesure du rendement",
      "la consultation des intervenants", "la norme de service", "le modèle logique", "le sondage auprès des clients",
      "le plan de prestation régional"]),
    ("languages", "Official languages", "Langues officielles",
     ["the bilingual meeting guide", "the language training request", "the second language evaluation",
      "the translation memory", "the terminology bank entry", "the official languages action plan"],
     ["le guide des réunions bilingues", "la demande de formation linguistique", "l'évaluation de langue seconde",
      "la mémoire de traduction", "la fiche de la banque terminologique", "le plan d'action sur les langues officielles"]),
    ("wellness", "Workplace wellness", "Mieux-être au travail",
     ["the ergonomic assessment", "the employee assistance program", "the mental health week activities",
      "the fitness centre schedule", "the flexible hours pilot", "the respectful workplace training"],
     ["l'évaluation ergonomique", "le programme d'aide aux employés", "les activités de la semaine de la santé mentale",
      "l'horaire du centre de conditionnement", "le projet pilote d'horaires flexibles",
      "la formation sur le milieu de travail respectueux"]),
]

EN_SUBJECTS = ["The team", "Our directorate", "Each manager", "The steering committee", "The working group",
               "The project lead", "Every employee", "The regional office", "The service desk", "The director general",
               "Our unit", "The review board", "The analyst on duty", "The finance branch", "The program officer",
               "The senior advisor", "The policy group", "Headquarters", "The union representative", "The auditor"]
FR_SUBJECTS = ["L'équipe", "Notre direction", "Chaque gestionnaire", "Le comité directeur", "Le groupe de travail",
               "Le chef de projet", "Chaque employé", "Le bureau régional", "Le centre de services", "Le directeur général",
               "Notre unité", "Le comité d'examen", "L'analyste de garde", "La direction des finances",
               "L'agent de programme", "La conseillère principale", "Le groupe des politiques", "L'administration centrale",
               "La représentante syndicale", "La vérificatrice"]
EN_VERBS = ["reviews", "updates", "prepares", "approves", "publishes", "circulates", "revises", "tracks", "documents",
            "simplifies", "consolidates", "validates", "presents", "drafts", "monitors", "schedules", "translates",
            "archives", "streamlines", "clarifies", "will finalize", "has started", "is testing", "has completed"]
FR_VERBS = ["examine", "met à jour", "prépare", "approuve", "publie", "fait circuler", "révise", "suit", "documente",
            "simplifie", "regroupe", "valide", "présente", "rédige", "surveille", "planifie", "traduit", "archive",
            "allège", "précise", "finalisera", "a commencé", "met à l'essai", "a terminé"]
EN_WHEN = ["before the end of the fiscal year", "by March 31", "every quarter", "at the next team meeting",
           "during the summer", "after the consultation period", "before the audit", "this week", "next month",
           "as soon as the funding is confirmed", "once the director signs off", "in the coming weeks",
           "before the holiday season", "at the start of each month", "within ten business days"]
FR_WHEN = ["avant la fin de l'exercice", "d'ici le 31 mars", "chaque trimestre", "à la prochaine réunion d'équipe",
           "pendant l'été", "après la période de consultation", "avant la vérification", "cette semaine",
           "le mois prochain", "dès que le financement sera confirmé", "lorsque la directrice aura donné son accord",
           "dans les prochaines semaines", "avant la période des fêtes", "au début de chaque mois",
           "dans un délai de dix jours ouvrables"]
EN_HOW = ["in plain language", "with the regional offices", "in both official languages", "with help from finance",
          "according to the new directive", "using the shared template", "with the union's input",
          "following the accessibility standard", "in close collaboration with the service desk", "as a pilot"]
FR_HOW = ["en langage clair", "avec les bureaux régionaux", "dans les deux langues officielles",
          "avec l'aide des finances", "conformément à la nouvelle directive", "à l'aide du gabarit commun",
          "avec la participation du syndicat", "selon la norme d'accessibilité",
          "en étroite collaboration avec le centre de services", "à titre de projet pilote"]
EN_OPENERS = ["As discussed at the last meeting,", "For your information,", "In short,", "As a reminder,",
              "Following feedback from employees,", "To reduce delays,", "Starting now,", "In practice,",
              "Please note that", "Over the past year,"]
FR_OPENERS = ["Comme convenu à la dernière réunion,", "Pour votre information,", "En bref,", "Pour rappel,",
              "À la suite des commentaires des employés,", "Pour réduire les délais,", "Dès maintenant,",
              "En pratique,", "Veuillez noter que", "Au cours de la dernière année,"]
EN_REASONS = ["because the previous version was hard to follow", "so that requests are handled faster",
              "to meet the new reporting requirements", "since several employees asked for clearer steps",
              "to avoid duplicated work between units", "because the old system reaches end of life",
              "to respect the official languages obligations", "so that nobody waits for an answer"]
FR_REASONS = ["parce que la version précédente était difficile à suivre", "afin que les demandes soient traitées plus vite",
              "pour répondre aux nouvelles exigences de rapport", "puisque plusieurs employés ont demandé des étapes plus claires",
              "pour éviter le dédoublement du travail entre les unités", "parce que l'ancien système arrive en fin de vie",
              "pour respecter les obligations en matière de langues officielles", "pour que personne n'attende une réponse"]
EN_HEADINGS = ["Background", "Purpose", "Who this applies to", "Steps", "Roles and responsibilities", "Timelines",
               "Frequently asked questions", "Contacts", "Related pages", "Decisions", "Next steps", "Risks",
               "Lessons learned", "Resources", "Summary"]
FR_HEADINGS = ["Contexte", "Objet", "À qui cela s'applique", "Étapes", "Rôles et responsabilités", "Échéancier",
               "Foire aux questions", "Personnes-ressources", "Pages connexes", "Décisions", "Prochaines étapes",
               "Risques", "Leçons apprises", "Ressources", "Résumé"]
EN_COMMENTS = ["Thanks for writing this up.", "Very useful, I shared it with my team.", "Could we add an example?",
               "I think the second step has changed since last year.", "Great summary!", "Does this apply to students too?",
               "We tried this in our region and it worked well.", "The link to the form seems to be broken.",
               "Agreed, and the deadline is tight.", "Who should we contact for questions?"]
FR_COMMENTS = ["Merci d'avoir rédigé ceci.", "Très utile, je l'ai transmis à mon équipe.", "Pourrait-on ajouter un exemple?",
               "Je crois que la deuxième étape a changé depuis l'an dernier.", "Excellent résumé!",
               "Est-ce que cela s'applique aussi aux étudiants?", "Nous l'avons essayé dans notre région et cela a bien fonctionné.",
               "Le lien vers le formulaire semble brisé.", "D'accord, et l'échéance est serrée.",
               "Qui devrions-nous joindre pour des questions?"]
EN_TITLE_FORMS = ["{topic} guide", "How to handle {obj}", "{obj} explained", "Checklist: {obj}", "{project}: {obj}",
                  "Notes on {obj}", "{topic} questions and answers", "Working with {obj}", "{project} status"]
FR_TITLE_FORMS = ["Guide {topic}", "Comment traiter {obj}", "{obj} expliqué", "Liste de contrôle : {obj}",
                  "{project} : {obj}", "Notes sur {obj}", "Questions et réponses : {topic}", "Travailler avec {obj}",
                  "État du projet {project}"]
FIRST_NAMES = ["Marie", "Jean", "Priya", "James", "Aisha", "Luc", "Sarah", "Nathalie", "Daniel", "Sophie", "Mohamed",
               "Chloé", "Olivier", "Emily", "Karim", "Isabelle", "Raj", "Mei", "Gabriel", "Fatima", "Thomas", "Julie",
               "Ahmed", "Camille", "David", "Léa", "Michael", "Amélie", "Kevin", "Nadia", "Patrick", "Élise", "Omar",
               "Hannah", "François", "Linh", "Samuel", "Catherine", "Noah", "Zoé"]
LAST_NAMES = ["Tremblay", "Chen", "Sharma", "Roy", "Gagnon", "Côté", "Bouchard", "Smith", "Nguyen", "Morin", "Singh",
              "Lavoie", "Fortin", "Wilson", "Ouellet", "Pelletier", "Khan", "Bergeron", "Martin", "Leblanc", "Brown",
              "Girard", "Lee", "Poirier", "Thompson", "Mohamed", "Lefebvre", "Campbell", "Dubois", "Patel", "Caron",
              "Anderson", "Beaulieu", "Ali", "Fournier", "Taylor", "Gauthier", "Wong", "Lapointe", "MacDonald"]
CITIES = ["Ottawa", "Gatineau", "Montréal", "Toronto", "Halifax", "Moncton", "Winnipeg", "Regina", "Edmonton",
          "Vancouver", "Victoria", "Québec", "Sherbrooke", "Iqaluit", "Whitehorse", "Yellowknife", "Charlottetown",
          "St. John's", "Saskatoon", "Calgary", "Sudbury", "Thunder Bay", "Fredericton", "Rimouski"]
TITLES_EN = ["Policy Analyst", "Program Officer", "Data Scientist", "Procurement Specialist", "HR Advisor",
             "IT Project Manager", "Communications Advisor", "Financial Officer", "Security Officer", "Team Lead",
             "Director", "Administrative Assistant", "Researcher", "Translator", "Service Desk Agent"]
TITLES_FR = ["Analyste des politiques", "Agente de programme", "Scientifique des données", "Spécialiste en approvisionnement",
             "Conseillère en RH", "Gestionnaire de projets TI", "Conseiller en communications", "Agent financier",
             "Agente de sécurité", "Chef d'équipe", "Directrice", "Adjoint administratif", "Chercheuse", "Traducteur",
             "Agent du centre de services"]
SYLLABLES = ["ar", "bel", "cor", "dan", "el", "fa", "gri", "hal", "is", "jor", "ka", "lu", "mer", "no", "or", "pa",
             "qui", "ro", "sa", "tel", "u", "ver", "wen", "xa", "yo", "zen", "bri", "cas", "dor", "fen", "mal", "tor"]


def _coined(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


class Vocabulary:
    """The names shared by one corpus: projects, systems and people, drawn once from the seed."""

    def __init__(self, rng: random.Random, projects: int = 400, systems: int = 120):
        self.projects = sorted({_coined(rng, rng.choice((2, 3))) for _ in range(projects)})
        self.systems = sorted({"".join(rng.choice("ABCDEFGHKLMNPRSTV") for _ in range(rng.choice((3, 4))))
                               for _ in range(systems)})


class Writer:
    """Text in one language from a shared vocabulary. Lengths follow a log-normal law (median, sigma)."""

    def __init__(self, rng: random.Random, vocab: Vocabulary, lang: str):
        self.rng, self.vocab, self.lang = rng, vocab, lang
        fr = lang == "fr"
        self.subjects = FR_SUBJECTS if fr else EN_SUBJECTS
        self.verbs = FR_VERBS if fr else EN_VERBS
        self.when = FR_WHEN if fr else EN_WHEN
        self.how = FR_HOW if fr else EN_HOW
        self.openers = FR_OPENERS if fr else EN_OPENERS
        self.reasons = FR_REASONS if fr else EN_REASONS
        self.headings = FR_HEADINGS if fr else EN_HEADINGS
        self.comments = FR_COMMENTS if fr else EN_COMMENTS
        self.title_forms = FR_TITLE_FORMS if fr else EN_TITLE_FORMS

    def length(self, median: int, sigma: float, low: int, high: int) -> int:
        return max(low, min(high, int(median * math.exp(self.rng.gauss(0, sigma)))))

    def objects(self, topic) -> list[str]:
        return topic[4] if self.lang == "fr" else topic[3]

    def topic_name(self, topic) -> str:
        return topic[2] if self.lang == "fr" else topic[1]

    def _thing(self, topic) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.75:
            return rng.choice(self.objects(topic))
        if roll < 0.87:
            project = rng.choice(self.vocab.projects)
            return f"le projet {project}" if self.lang == "fr" else f"the {project} project"
        if roll < 0.95:
            system = rng.choice(self.vocab.systems)
            return f"le système {system}" if self.lang == "fr" else f"the {system} system"
        number = f"{rng.choice(('GC', 'RH', 'FIN', 'TI', 'AP'))}-{rng.randint(2015, 2026)}-{rng.randint(1, 9999):04d}"
        return f"le dossier {number}" if self.lang == "fr" else f"file {number}"

    def sentence(self, topic, people: list[str] = ()) -> str:
        rng = self.rng
        if people and rng.random() < 0.04:
            subject = "@" + rng.choice(people)
        elif rng.random() < 0.15:
            subject = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        else:
            subject = rng.choice(self.subjects)
        parts = [subject, rng.choice(self.verbs), self._thing(topic)]
        roll = rng.random()
        if roll < 0.35:
            parts.append(rng.choice(self.when))
        elif roll < 0.6:
            parts.append(rng.choice(self.how))
        elif roll < 0.8:
            parts.append(rng.choice(self.reasons))
        if rng.random() < 0.12:
            parts.append(("à " if self.lang == "fr" else "in ") + rng.choice(CITIES))
        text = " ".join(parts)
        if rng.random() < 0.2:
            opener = rng.choice(self.openers)
            lowered = subject in self.subjects  # a name keeps its capital
            text = f"{opener} {text[0].lower()}{text[1:]}" if lowered else f"{opener} {text}"
        return text + ("." if rng.random() < 0.93 else ("?" if self.lang == "en" else " ?"))

    def paragraph(self, topic, words: int, people=(), links=()) -> str:
        out, count = [], 0
        while count < words:
            sentence = self.sentence(topic, people)
            if links and self.rng.random() < 0.05:
                target = self.rng.choice(links)
                sentence += (" Voir " if self.lang == "fr" else " See ") + f"[[{target}]]."
            out.append(sentence)
            count += len(sentence.split())
        return " ".join(out)

    def title(self, topic) -> str:
        rng = self.rng
        obj = rng.choice(self.objects(topic))
        text = rng.choice(self.title_forms).format(topic=self.topic_name(topic).lower(), obj=obj,
                                                    project=rng.choice(self.vocab.projects))
        return text[0].upper() + text[1:]

    def document(self, topic, words: int, people=(), links=(), headings: bool = True) -> str:
        """Markdown of about `words` words: sections with headings, paragraphs, lists, links, mentions."""
        rng = self.rng
        blocks, count = [], 0
        while count < words:
            if headings and (not blocks or rng.random() < 0.18):
                blocks.append("## " + rng.choice(self.headings))
            roll = rng.random()
            if roll < 0.18:
                items = [self.sentence(topic, people).rstrip(".?") for _ in range(rng.randint(3, 6))]
                marker = "1." if rng.random() < 0.35 else "-"
                blocks.append("\n".join(f"{marker} {item}" for item in items))
                count += sum(len(item.split()) for item in items)
            elif roll < 0.2 and headings:
                head = "| Étape | Responsable | Échéance |" if self.lang == "fr" else "| Step | Owner | Due |"
                rows = [f"| {i} | {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} | {rng.choice(self.when)} |"
                        for i in range(1, rng.randint(3, 6))]
                blocks.append("\n".join([head, "|---|---|---|", *rows]))
                count += 6 * len(rows)
            else:
                size = min(words - count, rng.randint(40, 140)) if words - count > 20 else words - count
                text = self.paragraph(topic, max(size, 8), people, links)
                blocks.append(text)
                count += len(text.split())
        return "\n\n".join(blocks) + "\n"

    def comment(self, topic, people=()) -> str:
        rng = self.rng
        text = rng.choice(self.comments)
        extra = self.length(30, 0.8, 0, 400)
        if extra > 8:
            text += " " + self.paragraph(topic, extra, people)
        return text

    def tags(self, topic, count: int) -> list[str]:
        rng = self.rng
        pool = [self.topic_name(topic).lower(), topic[0]] + [p.lower() for p in rng.sample(self.vocab.projects, 3)]
        return pool[:1] + rng.sample(pool[1:], min(count - 1, len(pool) - 1)) if count else []
