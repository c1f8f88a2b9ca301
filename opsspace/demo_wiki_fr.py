"""The French pages of the demo wiki (see `demo_wiki` for the format and the loop that writes them).

French pages have their own French paths and titles; ``translation_of`` names the English page each one
is paired with. A few pages exist only in French, as on a real bilingual intranet.
"""

# --- Ressources humaines -----------------------------------------------------------------------

RESSOURCES_HUMAINES = [
    dict(path="Ressources_humaines", title="Ressources humaines", language="fr",
         translation_of="Human_resources", revisions=[
        ("nathalie.gagnon", "Page d'accueil de la Direction des ressources humaines", """\
La Direction des ressources humaines accompagne les gestionnaires et les employés à chaque étape de leur
carrière dans la fonction publique : embauche, intégration, rémunération et avantages sociaux,
apprentissage, relations de travail, départ et retraite.

Cette page est le point de départ. Chaque section mène à une page plus détaillée, tenue à jour par l'équipe
des RH. Si une information n'est plus exacte, corrigez-la ou laissez un commentaire.

## Par où commencer

- [[Ressources humaines/Intégration]] : vos premières semaines, pour les nouveaux employés et leurs gestionnaires
- [[Ressources humaines/Congés et avantages|Congés et avantages sociaux]] : vacances, congés de maladie, assurances
- [[Ressources humaines/Télétravail]] : ententes de télétravail et horaires flexibles
- [[Ressources humaines/Aide aux employés|Programme d'aide aux employés]] : de l'aide confidentielle, jour et nuit

## Questions de paye

La paye est administrée de façon centralisée. Pour des heures supplémentaires non payées, une indemnité
d'intérim qui n'arrive pas ou une retenue que vous ne reconnaissez pas, demandez d'abord à votre gestionnaire
de soumettre une demande d'intervention de paye. Si le problème n'est pas réglé après deux périodes de paye,
communiquez avec le centre de services des RH.

**N'envoyez jamais de talon de paye ni de numéro d'assurance sociale par courriel.** Utilisez le formulaire
sécurisé du portail des RH.

## Nous joindre

| Service | Comment nous joindre | Heures |
|---|---|---|
| Questions générales | rh-aide@example.org | Du lundi au vendredi, de 8 h 30 à 16 h 30 |
| Paye et avantages sociaux | poste 2240 | Du lundi au vendredi, de 9 h à 16 h |
| Relations de travail (gestionnaires) | poste 2255 | Sur rendez-vous |
"""),
        ("daniel.lefebvre", "Ajout du lien vers les valeurs et l'éthique", [
            ("- [[Ressources humaines/Aide aux employés|Programme d'aide aux employés]] : de l'aide confidentielle, jour et nuit\n",
             "- [[Ressources humaines/Aide aux employés|Programme d'aide aux employés]] : de l'aide confidentielle, jour et nuit\n"
             "- [[Valeurs et éthique]] : conflits d'intérêts, cadeaux et marques d'hospitalité, divulgation d'actes "
             "répréhensibles\n"),
        ]),
        ("marie.tremblay", "Nouvel horaire de la ligne de la paye", [
            ("| Paye et avantages sociaux | poste 2240 | Du lundi au vendredi, de 9 h à 16 h |",
             "| Paye et avantages sociaux | poste 2240 | Du lundi au vendredi, de 8 h 30 à 16 h |"),
        ]),
    ]),
    dict(path="Ressources_humaines/Intégration", title="Intégration des nouveaux employés", language="fr",
         translation_of="Human_resources/Onboarding", revisions=[
        ("nathalie.gagnon", "Traduction et adaptation de la page anglaise", """\
Bienvenue! Commencer dans une grande organisation peut donner le vertige. Cette page réunit les questions
que les nouveaux employés posent le plus souvent pendant leur premier mois, et ce que les gestionnaires
doivent préparer **avant** la première journée.

Nouvel employé? Passez directement à la
[[Ressources humaines/Intégration/Liste de la première semaine|liste de la première semaine]].

## Avant la première journée (gestionnaires)

La plupart des problèmes du premier jour viennent de demandes envoyées trop tard. Au moins **dix jours
ouvrables** avant l'arrivée :

1. Demandez la création du compte au [[Service de dépannage TI]] (compte réseau, courriel, téléphone).
2. Commandez l'ordinateur portable, le casque d'écoute et l'écran par l'entremise du coordonnateur TI.
3. Demandez une carte d'accès à l'immeuble au service des installations.
4. Choisissez un **parrain ou une marraine** dans l'équipe, autre que le gestionnaire.
5. Réservez une rencontre d'accueil de 30 minutes le premier matin et un bilan à la fin de la semaine.

## Votre première journée

Votre gestionnaire ou votre parrain vous attendra au poste de sécurité, dans le hall principal. Apportez une
pièce d'identité avec photo délivrée par un gouvernement. La matinée sera consacrée aux questions pratiques :
carte d'accès, ordinateur, première connexion et authentification multifacteur.

## Votre premier mois

- Suivez les formations obligatoires dans le système d'apprentissage.
- Lisez et acceptez la politique d'utilisation acceptable de l'intranet pour pouvoir y contribuer.
- Rencontrez les personnes avec qui votre équipe travaille le plus.
- Fixez vos objectifs de travail avec votre gestionnaire.
- Si vous travaillez en mode hybride, signez votre entente de télétravail
  (voir [[Ressources humaines/Télétravail]]).

## Période de stage

La plupart des nouveaux employés nommés pour une période indéterminée font un stage probatoire de douze mois.
C'est une étape normale, pas un jugement.
"""),
        ("daniel.lefebvre", "Formations obligatoires : échéance et liste", [
            ("- Suivez les formations obligatoires dans le système d'apprentissage.\n",
             "- Suivez les formations obligatoires **dans vos 30 premiers jours** :\n"
             "    - Sensibilisation à la sécurité\n"
             "    - Valeurs et éthique dans la fonction publique\n"
             "    - Accessibilité, mesures d'adaptation et inclusion\n"
             "    - Notions de base sur l'accès à l'information et la protection des renseignements personnels\n"),
        ]),
        ("nathalie.gagnon", "Précision sur la durée du stage", [
            ("font un stage probatoire de douze mois.",
             "font un stage probatoire de douze mois\n(dix-huit mois pour certains groupes professionnels : "
             "vérifiez votre lettre d'offre)."),
        ]),
        ("luc.bergeron", "Le matériel se commande maintenant dans le catalogue en ligne", [
            ("2. Commandez l'ordinateur portable, le casque d'écoute et l'écran par l'entremise du coordonnateur TI.",
             "2. Commandez l'ordinateur portable, le casque d'écoute et l'écran dans le catalogue TI en ligne\n"
             "   (prévoyez cinq jours ouvrables pour la livraison)."),
        ]),
    ]),
    dict(path="Ressources_humaines/Intégration/Liste_de_la_première_semaine", title="Liste de la première semaine",
         language="fr", translation_of="Human_resources/Onboarding/First_week_checklist", revisions=[
        ("daniel.lefebvre", "Liste pour les nouveaux employés", """\
Une courte liste de ce qu'il faut faire pendant vos cinq premiers jours. Personne ne s'attend à ce que vous
sachiez tout vendredi. Les explications détaillées se trouvent à la page
[[Ressources humaines/Intégration|Intégration]].

## Jour 1

- [ ] Récupérer votre carte d'accès au poste de sécurité (apportez une pièce d'identité avec photo)
- [ ] Ouvrir une session sur votre ordinateur et configurer l'authentification multifacteur
- [ ] Vérifier que vous avez accès à votre courriel et à votre calendrier
- [ ] Rencontrer votre gestionnaire et votre parrain ou marraine

## Jours 2 et 3

- [ ] Lire la page de votre équipe dans ce wiki et les pages qui y sont liées
- [ ] Configurer votre boîte vocale et votre signature de courriel dans les deux langues
  (voir [[Communications/Guide de rédaction]])
- [ ] Adhérer au régime de soins de santé : vous avez 60 jours, mais on l'oublie facilement
- [ ] Commencer les formations obligatoires

## Jours 4 et 5

- [ ] Planifier de courtes rencontres avec les personnes avec qui votre équipe travaille le plus
- [ ] Demander à votre gestionnaire les deux ou trois dossiers à lire en priorité
- [ ] Vérifier la date de votre premier dépôt de paye

**Astuce :** notez les acronymes que vous entendez. Si votre équipe n'a pas de lexique, créez-en un dans le wiki.
"""),
        ("marie.tremblay", "Paye : explication du décalage de deux semaines", [
            ("- [ ] Vérifier la date de votre premier dépôt de paye\n",
             "- [ ] Vérifier la date de votre premier dépôt de paye. La paye est versée avec deux semaines de\n"
             "  décalage : le premier dépôt arrive généralement de trois à quatre semaines après votre arrivée.\n"),
        ]),
    ]),
    dict(path="Ressources_humaines/Congés_et_avantages", title="Congés et avantages sociaux", language="fr",
         translation_of="Human_resources/Leave_and_benefits", revisions=[
        ("nathalie.gagnon", "Résumé des principaux congés", """\
Cette page résume les congés et les avantages sociaux les plus utilisés. Votre convention collective fait
foi : en cas de divergence, c'est elle qui s'applique.

## Congé annuel

Vous acquérez des crédits de congé annuel chaque mois où vous touchez au moins dix jours de rémunération.
Le nombre de jours augmente avec les années de service :

| Années de service | Jours de vacances par année |
|---|---|
| Moins de 8 | 15 |
| De 8 à 15 | 20 |
| 16 | 22 |
| 17 | 23 |
| De 18 à 26 | 25 |
| 27 et plus | 30 |

Planifiez vos vacances avec votre gestionnaire tôt dans l'exercice financier.

## Congé de maladie

Vous acquérez des crédits de congé de maladie chaque mois. Prévenez votre gestionnaire le plus tôt possible
le premier jour d'absence. Un certificat médical peut être demandé pour une absence prolongée.

## Congé pour obligations familiales

Jusqu'à cinq jours par année pour vous occuper d'un membre de votre famille malade, l'accompagner à un
rendez-vous médical ou faire face à la fermeture d'une école.

## Assurances

- **Régime de soins de santé** : médicaments, soins de la vue, soins paramédicaux. Adhésion dans les 60 jours.
- **Régime de soins dentaires** : adhésion automatique après trois mois d'emploi continu.
- **Assurance-invalidité** : remplace une partie du revenu pendant une longue maladie.

Voir aussi le [[Ressources humaines/Aide aux employés|Programme d'aide aux employés]].
"""),
        ("jean-francois.roy", "Ajout des autres congés", [
            (None, """\
## Autres congés

Le congé de deuil, le congé parental, le congé de bénévolat, le congé personnel et le congé pour affaires
syndicales sont décrits dans la convention collective. Le congé personnel et le congé de bénévolat sont
d'**une journée chacun par exercice** (7,5 heures)."""),
        ]),
        ("daniel.lefebvre", "Congé de maladie : mention du PAE", [
            ("Un certificat médical peut être demandé pour une absence prolongée.",
             "Un certificat médical peut être demandé pour une absence prolongée.\n\n"
             "Si vous traversez une période difficile, le Programme d'aide aux employés peut vous aider, en toute\n"
             "confidentialité, avant que vos crédits soient épuisés."),
        ]),
    ]),
    dict(path="Ressources_humaines/Télétravail", title="Télétravail et horaires flexibles", language="fr", revisions=[
        ("jean-francois.roy", "Questions fréquentes sur le télétravail", """\
Cette page répond aux questions que l'on pose le plus souvent sur le travail hybride. Elle n'existe qu'en
français pour l'instant; la page anglaise voisine porte sur un sujet plus large
([[Human resources/Flexible work arrangements]]).

## Combien de jours au bureau?

L'orientation actuelle est de **trois jours par semaine sur place** pour la plupart des employés. Votre
gestionnaire choisit les jours pour que l'équipe se retrouve au bureau en même temps.

## Faut-il signer une entente?

Oui. L'entente de télétravail précise votre lieu de télétravail habituel (au Canada), vos heures de travail,
le matériel que vous emportez et la façon dont la santé et la sécurité au travail s'appliquent à domicile.
Elle est revue chaque année.

## Puis-je travailler depuis un chalet ou un autre pays?

Depuis un autre lieu au Canada : avec l'accord de votre gestionnaire, si la connexion est fiable. Depuis
l'étranger, même quelques jours : seulement avec une autorisation écrite préalable, pour des raisons de
sécurité et de fiscalité.

## Horaires comprimés

Si votre convention collective le permet, vous pouvez travailler vos heures hebdomadaires en moins de jours.
Le service au public passe en premier : votre gestionnaire peut refuser un horaire qui laisse un comptoir
ou une ligne téléphonique sans personne.
"""),
        ("luc.bergeron", "Matériel : écran et clavier à emprunter", [
            ("le matériel que vous emportez", "le matériel que vous emportez (vous pouvez emprunter un écran, un clavier et\nune souris)"),
        ]),
        ("nathalie.gagnon", "Révision annuelle : en avril", [
            ("Elle est revue chaque année.", "Elle est revue chaque année, en avril, avec vos objectifs de travail."),
        ]),
    ]),
    dict(path="Ressources_humaines/Aide_aux_employés", title="Programme d'aide aux employés", language="fr",
         translation_of="Human_resources/Employee_assistance_program", revisions=[
        ("daniel.lefebvre", "Présentation du PAE", """\
Le Programme d'aide aux employés (PAE) offre des **services de consultation gratuits, confidentiels et à
court terme** aux employés et à leur famille, jour et nuit, par téléphone, par vidéo ou en personne.

## Pour quoi?

- stress, anxiété, humeur dépressive, épuisement professionnel;
- difficultés conjugales ou familiales;
- deuil;
- conflits au travail;
- soucis financiers ou juridiques;
- consommation d'alcool ou de drogues, la vôtre ou celle d'un proche.

## Est-ce confidentiel?

Oui. Votre gestionnaire n'est pas informé de votre appel et le conseiller ne rend pas de comptes à
l'organisation, sauf dans les cas prévus par la loi, comme un danger pour la vie d'une personne.

## Comment joindre le PAE

Composez le **1 800 555-0199** (sans frais, en tout temps) et précisez si vous préférez être servi en
français ou en anglais. Un premier rendez-vous est généralement offert en quelques jours; les appels
urgents sont pris en charge immédiatement.

En situation de crise ou si vous pensez au suicide, appelez ou textez le **988** en tout temps, ou rendez-vous
à l'urgence la plus proche.
"""),
        ("daniel.lefebvre", "Ajout du réseau de soutien par les pairs et de la section pour les gestionnaires", [
            (None, """\
## Soutien par les pairs

Des collègues bénévoles formés, les *pairs aidants*, peuvent vous écouter et vous orienter vers la bonne
ressource. Ils ne sont pas thérapeutes. Vous pouvez les joindre par l'espace bien-être de l'intranet.

## Pour les gestionnaires

Vous pouvez mentionner le PAE à un employé qui traverse une période difficile, mais n'insistez jamais et ne
demandez pas s'il a appelé. Le PAE conseille aussi les gestionnaires après un événement difficile dans
l'équipe."""),
        ]),
        ("nathalie.gagnon", "Reformulation de l'introduction", [
            ("aux employés et à leur famille, jour et nuit,",
             "aux employés et aux membres de leur famille, 24 heures sur 24, 7 jours sur 7,"),
        ]),
    ]),
]


# --- Service de dépannage TI -------------------------------------------------------------------

SERVICE_DE_DEPANNAGE_TI = [
    dict(path="Service_de_dépannage_TI", title="Service de dépannage TI", language="fr",
         translation_of="IT_service_desk", revisions=[
        ("luc.bergeron", "Page d'accueil du service de dépannage", """\
Le service de dépannage TI est le guichet unique pour les ordinateurs, les comptes, les téléphones, les
imprimantes et les applications. Quel que soit le problème, commencez ici : le service le réglera ou le
transmettra à la bonne équipe.

## Joindre le service

| Moyen | Quand l'utiliser | Heures |
|---|---|---|
| Portail libre-service | Demandes et problèmes non urgents | En tout temps |
| Téléphone, poste 4357 | Vous ne pouvez pas travailler du tout | Du lundi au vendredi, de 7 h à 18 h |
| Comptoir, 2e étage | Échange de matériel, nouveaux employés | Du lundi au jeudi, de 9 h à 15 h |

## Avant d'appeler

- Redémarrez votre ordinateur. Vraiment : cela règle une bonne part des problèmes.
- Notez le message d'erreur exact ou faites une capture d'écran.
- Ayez sous la main votre numéro d'inventaire (l'autocollant sous le portable, qui commence par *AT-*).

## Sujets fréquents

- [[Service de dépannage TI/Accès à distance]] : RPV, travail à domicile, connexion lente
- [[IT service desk/Passwords and multi-factor authentication|Mots de passe et authentification multifacteur]]
  (en anglais pour l'instant) : réinitialisation, verrouillage, nouveau téléphone

## Appareil perdu ou volé

Signalez-le **immédiatement**, de jour comme de nuit, au poste 4357, puis à votre gestionnaire.
"""),
        ("jean-francois.roy", "Ajout de la section sur les courriels suspects", [
            ("## Appareil perdu ou volé", """\
## Courriel suspect

Ne cliquez pas, ne répondez pas, ne le transférez pas à vos collègues. Utilisez le bouton **Signaler
l'hameçonnage** de votre logiciel de courriel. Si vous avez déjà cliqué sur un lien ou saisi votre mot de
passe, appelez le service tout de suite : ce n'est pas une faute à avouer, c'est une course contre
l'attaquant.

## Appareil perdu ou volé"""),
        ]),
        ("luc.bergeron", "Précision sur le service après les heures", [
            ("## Avant d'appeler", """\
En dehors des heures ouvrables, la ligne ne prend que les **appels urgents** : panne touchant toute une
équipe, appareil perdu ou volé, incident de sécurité soupçonné.

## Avant d'appeler"""),
        ]),
    ]),
    dict(path="Service_de_dépannage_TI/Accès_à_distance", title="Accès à distance (RPV)", language="fr",
         translation_of="IT_service_desk/Remote_access", revisions=[
        ("luc.bergeron", "Se connecter de la maison", """\
La plupart des applications fonctionnent partout sur Internet avec votre compte organisationnel. Quelques
systèmes internes (le système financier, le dépôt de documents, certaines anciennes bases de données) ne
sont accessibles que par le **réseau privé virtuel (RPV)**.

## Se connecter

1. Connectez-vous d'abord à votre réseau domestique (par câble si possible pour les appels vidéo).
2. Lancez le client RPV depuis la barre des tâches et choisissez **Canada - Est** (ou **Canada - Ouest**
   si vous êtes dans les Prairies ou en Colombie-Britannique).
3. Ouvrez une session avec votre compte habituel et approuvez la demande d'authentification sur votre téléphone.
4. Attendez que l'icône devienne verte, ce qui prend habituellement moins de 30 secondes.

Déconnectez le RPV quand vous n'avez besoin que du courriel, du calendrier, du clavardage et des documents
infonuagiques : ils fonctionnent mieux sans lui.

## Dépannage

Vérifiez d'abord que votre connexion Internet fonctionne sans le RPV. Ouvrez ensuite PowerShell (pas en
mode administrateur) et vérifiez que la passerelle répond :

```powershell
Test-NetConnection vpn.example.org -Port 443
```

`TcpTestSucceeded : True` signifie que la passerelle est joignable : le problème vient sans doute de votre
compte ou du client, appelez le service. `False` signifie que quelque chose bloque la connexion; essayez un
autre réseau (le partage de connexion de votre téléphone, par exemple) avant d'appeler.

## À l'étranger

L'utilisation du RPV depuis l'étranger exige une autorisation préalable. Certains pays bloquent complètement
les RPV : vérifiez auprès du service **avant** de partir.
"""),
        ("jean-francois.roy", "Ajout des commandes pour macOS et Linux", [
            ("`TcpTestSucceeded : True` signifie", """\
Sur Mac ou Linux :

```bash
nc -vz vpn.example.org 443
```

`TcpTestSucceeded : True` (ou `succeeded!` avec `nc`) signifie"""),
        ]),
        ("marie.tremblay", "Conseils pour une connexion lente", [
            ("## À l'étranger", """\
## Connexion lente

- Coupez la vidéo dans les grandes réunions et ne partagez que la fenêtre nécessaire.
- Suspendez la synchronisation des fichiers pendant les appels importants.
- Rapprochez-vous du routeur ou utilisez un câble.

## À l'étranger"""),
        ]),
    ]),
]


# --- Communications, langues officielles, accessibilité ----------------------------------------

COMMUNICATIONS_ET_LANGUES = [
    dict(path="Communications/Guide_de_rédaction", title="Guide de rédaction", language="fr",
         translation_of="Communications/Style_guide", revisions=[
        ("nathalie.gagnon", "Règles de base, en français", """\
Ce guide répond aux questions les plus fréquentes. Pour le reste, consultez *Le guide du rédacteur*,
le dictionnaire *Usito* ou *Le Petit Robert*, et vérifiez les termes dans
[TERMIUM Plus](https://www.btb.termiumplus.gc.ca/).

## Nombres

- En règle générale, écrivez en lettres les nombres de un à neuf et en chiffres à partir de 10.
- Séparez les milliers par une espace : *25 000*. La virgule sert aux décimales : *2,5*.
- Le symbole du dollar suit le nombre : *25 000 $*, *3 millions de dollars*.
- Le symbole du pourcentage est précédé d'une espace : *7 %*.

## Dates et heures

| Écrire | Et non |
|---|---|
| le 31 mars 2025 | le 31/03/25, le 31 Mars |
| l'exercice 2024-2025 | l'AF 24-25 |
| 9 h 30 | 9:30, 9h30 |
| de 14 h à 16 h | 14-16 h |

## Majuscules

Les noms de mois et de jours s'écrivent sans majuscule. Le titre de fonction prend la minuscule :
*la directrice, Marie Tremblay*.

## Ponctuation

Mettez une espace avant le deux-points. Employez les guillemets français « » avec des espaces à l'intérieur.

## Rédaction inclusive

Privilégiez les formulations neutres : *le personnel*, *les membres de l'équipe*, *la personne responsable*.
Évitez les doublets abrégés avec parenthèses ou barres obliques dans les textes destinés au public.
"""),
        ("jean-francois.roy", "Ajout des signatures de courriel", [
            ("## Majuscules", """\
## Signature de courriel

Les signatures sont bilingues, la langue de l'unité de travail en premier :

```text
Jean-François Roy
Analyste de données | Data Analyst
Direction des statistiques | Statistics Branch
jean-francois.roy@example.org | 613-555-0178
```

## Majuscules"""),
        ]),
        ("marie.tremblay", "Lien vers le guide de la langue claire", [
            ("Ce guide répond aux questions les plus fréquentes.",
             "Ce guide répond aux questions les plus fréquentes. Pensez d'abord à la clarté du message (voir\n"
             "[[Communications/Plain language|la page sur le langage clair]], en anglais)."),
        ]),
    ]),
    dict(path="Langues_officielles", title="Langues officielles", language="fr",
         translation_of="Official_languages", revisions=[
        ("marie.tremblay", "Nos obligations et vos droits, en bref", """\
Le français et l'anglais ont un statut égal dans notre organisation. C'est une obligation prévue par la
*Loi sur les langues officielles*, et c'est aussi notre façon de travailler : collègues et citoyens ont
le droit d'être servis et de travailler dans la langue de leur choix.

## Service au public

- Accueillez les gens dans les deux langues (« Bonjour, hello ») en personne et au téléphone.
- Répondez dans la langue choisie par la personne, avec la même qualité et la même rapidité.
- Publiez tout ce qui s'adresse au public dans les deux langues **en même temps**.

## Langue de travail

Dans les régions désignées bilingues aux fins de la langue de travail, vous avez le droit :

- d'être supervisé dans la langue officielle de votre choix;
- de recevoir la formation, les outils et les instruments de travail dans votre langue;
- de rédiger et de vous exprimer en réunion dans votre langue.

## Formation linguistique

La formation en langue seconde peut faire partie de votre plan d'apprentissage : cours à temps partiel,
outils d'autoformation en ligne et groupes de conversation.

## Ressources

- [TERMIUM Plus](https://www.btb.termiumplus.gc.ca/) pour la terminologie;
- le [Portail linguistique du Canada](https://www.noslangues-ourlanguages.gc.ca/fr) pour les difficultés
  de la langue;
- le [Commissariat aux langues officielles](https://www.clo-ocol.gc.ca/fr) pour déposer une plainte.
"""),
        ("nathalie.gagnon", "Réunions bilingues : quelques pratiques", [
            ("## Formation linguistique", """\
## Réunions bilingues

La personne qui préside alterne entre les deux langues, invite chacun à parler dans la langue de son choix
et fait circuler les documents dans les deux langues. Un bon truc : présenter l'ordre du jour dans une
langue et le résumé des décisions dans l'autre.

## Formation linguistique"""),
        ]),
        ("jean-francois.roy", "Messages d'absence et boîte vocale", [
            ('- Accueillez les gens dans les deux langues (« Bonjour, hello ») en personne et au téléphone.',
             '- Accueillez les gens dans les deux langues (« Bonjour, hello ») en personne et au téléphone, ainsi\n'
             '  que dans votre message de boîte vocale et votre réponse d\'absence.'),
        ]),
    ]),
    dict(path="Accessibilité", title="Accessibilité", language="fr", translation_of="Accessibility", revisions=[
        ("marie.tremblay", "Page d'accueil sur l'accessibilité", """\
Nous voulons un milieu de travail où personne n'a à demander deux fois. L'accessibilité consiste à éliminer
les obstacles : dans les immeubles, les technologies, les documents, les réunions, l'embauche et les
services offerts au public.

## Notre plan sur l'accessibilité

Conformément à la *Loi canadienne sur l'accessibilité*, l'organisation publie un plan sur l'accessibilité
et des rapports d'étape annuels. Les employés en situation de handicap ont été consultés pour le rédiger.

## Mesures d'adaptation

Si vous avez besoin d'un ajustement pour faire votre travail (matériel, logiciel, horaire, espace plus calme),
parlez-en à votre gestionnaire. Vous n'avez pas à révéler un diagnostic, seulement ce dont vous avez besoin.

## Rendre son travail accessible

- Documents : utilisez de vrais titres, un texte de remplacement pour les images et le vérificateur
  d'accessibilité. Les détails sont dans [[Accessibility/Accessible documents]] (en anglais pour l'instant).
- Réunions : envoyez les documents à l'avance, activez les sous-titres, décrivez ce que vous montrez à l'écran.
- Web : suivez les [Règles pour l'accessibilité des contenus Web](https://www.w3.org/Translations/WCAG21-fr/)
  (WCAG 2.1, niveau AA).
"""),
        ("daniel.lefebvre", "Ajout du passeport pour l'accessibilité", [
            ("Vous n'avez pas à révéler un diagnostic, seulement ce dont vous avez besoin.",
             "Vous n'avez pas à révéler un diagnostic, seulement ce dont vous avez besoin. Renseignez-vous sur le\n"
             "*passeport pour l'accessibilité en milieu de travail* : il consigne les mesures convenues pour que vous\n"
             "n'ayez pas à les expliquer de nouveau en changeant d'emploi."),
        ]),
        ("nathalie.gagnon", "Rétroaction anonyme", [
            (None, """\
## Signaler un obstacle

Tout le monde peut signaler un obstacle, de façon anonyme si désiré, au moyen du formulaire de rétroaction
sur l'accessibilité. Chaque signalement est lu et reçoit une réponse."""),
        ]),
    ]),
]


# --- Projets, approvisionnement, santé et sécurité, éthique ------------------------------------

AUTRES_PAGES = [
    dict(path="Projets/Milieu_de_travail_numérique", title="Projet Milieu de travail numérique", language="fr",
         translation_of="Projects/Digital_workplace", revisions=[
        ("marie.tremblay", "Résumé de la charte de projet", """\
Le projet Milieu de travail numérique remplace notre assemblage de lecteurs partagés, de pièces jointes
et de vieux sites intranet par un ensemble d'outils de collaboration modernes et bilingues. Ce wiki en fait
partie.

## Pourquoi

- Les employés perdent trop de temps à chercher l'information : dans le sondage auprès des employés de 2023,
  62 % disaient ne pas trouver facilement la dernière version d'un document.
- Le savoir part avec les gens quand ils changent d'emploi ou prennent leur retraite.
- L'intranet actuel est difficile à mettre à jour et ne respecte pas les normes d'accessibilité.

## Ce que nous livrons

1. **OPSspace**, cet intranet : wiki, blogues, profils et recherche, en français et en anglais.
2. **Le stockage infonuagique des documents**, avec gestion des versions.
3. **Le clavardage et la vidéo** pour tout le monde, y compris dans les bureaux régionaux.
4. De la formation, des ambassadeurs dans chaque direction et du soutien.

## Principes

- *Ouvert par défaut* : on partage avec tout le monde, sauf s'il y a une raison de ne pas le faire.
- *Bilingue dès la conception* : les deux langues dès le premier jour.
- *Accessible à tous* : WCAG 2.1 AA, avec des essais auprès de personnes qui utilisent des technologies
  d'assistance.

Le calendrier est présenté dans la [[Projects/Digital workplace/Roadmap|feuille de route]] (en anglais).
"""),
        ("luc.bergeron", "Ajout du réseau des ambassadeurs", [
            (None, """\
## Ambassadeurs numériques

Chaque direction compte un ou deux *ambassadeurs numériques* bénévoles qui essaient les nouveaux outils en
premier, aident leurs collègues et signalent à l'équipe de projet ce qui ne fonctionne pas. Intéressé?
Écrivez à milieu-numerique@example.org."""),
        ]),
    ]),
    dict(path="Projets/Stratégie_des_données", title="Stratégie des données", language="fr", revisions=[
        ("jean-francois.roy", "Première version de la page du projet", """\
La stratégie des données vise à mieux utiliser les données que nous recueillons déjà, dans le respect de
la vie privée, pour prendre de meilleures décisions et rendre des comptes à la population.

## Constats de départ

- Les mêmes données sont saisies plusieurs fois dans des systèmes qui ne se parlent pas.
- Personne ne sait toujours qui est responsable d'un jeu de données ni s'il est à jour.
- Les demandes d'analyse prennent des semaines parce qu'il faut d'abord trouver et nettoyer les données.

## Axes de travail

| Axe | Ce que nous ferons | Responsable |
|---|---|---|
| Gouvernance | Nommer un intendant pour chaque jeu de données important | Statistiques |
| Catalogue | Décrire les jeux de données dans un catalogue interne | Services numériques |
| Compétences | Offrir une formation de base en littératie des données | Ressources humaines |
| Données ouvertes | Publier les données non sensibles sur le portail gouvernemental | Statistiques |

## Vie privée

Aucun renseignement personnel n'est réutilisé sans évaluation des facteurs relatifs à la vie privée.
L'équipe de l'accès à l'information et de la protection des renseignements personnels participe à chaque
étape.
"""),
        ("luc.bergeron", "Ajout d'un exemple de requête pour le catalogue", [
            ("## Vie privée", """\
## Exemple

Le catalogue pourra être interrogé directement. Par exemple, pour trouver les jeux de données sans intendant :

```sql
SELECT nom, direction, date_mise_a_jour
FROM catalogue_jeux_donnees
WHERE intendant IS NULL
ORDER BY date_mise_a_jour;
```

## Vie privée"""),
        ]),
        ("jean-francois.roy", "Échéancier révisé", [
            (None, """\
## Échéancier

Le catalogue interne sera mis à l'essai à l'automne 2025 avec trois directions. La formation en littératie
des données commencera à l'hiver 2026. Vos commentaires sont les bienvenus dans la section de discussion."""),
        ]),
    ]),
    dict(path="Approvisionnement/Achats_de_moins_de_25000", title="Achats de biens et services de moins de 25 000 $",
         language="fr", translation_of="Procurement/Buying_under_25000", revisions=[
        ("nathalie.gagnon", "Guide des achats de faible valeur", """\
Les directions peuvent acheter elles-mêmes des biens et des services de moins de **25 000 $ (taxes
incluses)**, sans processus concurrentiel mené par l'équipe de l'approvisionnement, à condition de suivre
les étapes ci-dessous.

## Avant d'acheter

1. **Définissez le besoin** : quoi, pour quand et pourquoi. Deux ou trois phrases suffisent.
2. **Vérifiez les outils existants** : s'il existe déjà une offre à commandes ou un arrangement en
   matière d'approvisionnement, vous devez l'utiliser.
3. **Vérifiez le budget** : le gestionnaire du centre de responsabilité confirme que les fonds sont
   disponibles et les engage (*article 32* de la *Loi sur la gestion des finances publiques*) **avant**
   toute commande.

## Choisir un fournisseur

- Moins de 10 000 $ : une soumission suffit, mais le prix doit être juste et raisonnable.
- De 10 000 $ à 25 000 $ : demandez **au moins trois soumissions écrites** lorsque c'est possible et
  conservez-les toutes au dossier.
- Soyez équitable : tous les fournisseurs reçoivent la même information et la même échéance.

## Commander, recevoir, payer

Créez le bon de commande dans le système financier en y joignant les soumissions. Les travaux ne commencent
pas avant la signature du bon de commande. À la réception, confirmez-la dans le système (*article 34*). Les
factures sont payées dans les 30 jours.

## Ne fractionnez jamais un besoin

Diviser un même besoin en plusieurs petits contrats pour rester sous un seuil est interdit, et les
vérificateurs le cherchent.
"""),
        ("aisha.mohamed", "Précision sur le délai de paiement", [
            ("Les\nfactures sont payées dans les 30 jours.",
             "Les\nfactures sont payées dans les 30 jours suivant la facture ou la livraison, selon la plus tardive."),
        ]),
        ("jean-francois.roy", "Ajout des coordonnées de l'équipe", [
            (None, "Questions : approvisionnement@example.org ou poste 2800. Voir aussi la page [[Procurement]] (en anglais)."),
        ]),
    ]),
    dict(path="Santé_et_sécurité", title="Santé et sécurité au travail", language="fr",
         translation_of="Health_and_safety", revisions=[
        ("daniel.lefebvre", "Page d'accueil santé et sécurité", """\
Tout le monde contribue à la sécurité du milieu de travail : l'employeur fournit des conditions sûres, les
gestionnaires veillent au respect des règles, et les employés travaillent prudemment et signalent les dangers.

## Vos droits

En vertu du *Code canadien du travail*, chaque employé a trois droits fondamentaux :

1. **Le droit de savoir** quels sont les dangers dans le lieu de travail.
2. **Le droit de participer** à leur repérage et à leur correction, notamment par le comité de santé et de
   sécurité.
3. **Le droit de refuser** un travail dangereux, selon la procédure prévue au Code.

## Signaler un danger ou un incident

Avisez votre gestionnaire sans tarder, puis remplissez le rapport de situation comportant des risques dans
le portail des RH dans les 24 heures. Les quasi-accidents comptent aussi : c'est ainsi qu'on évite le
prochain accident.

## En cas d'urgence

Les consignes d'évacuation et de premiers soins sont décrites dans la page
[[Health and safety/Emergency procedures]]. Le point de rassemblement est actuellement **le parc derrière la
bibliothèque, rue Elgin**.
"""),
        ("nathalie.gagnon", "Santé psychologique", [
            ("## En cas d'urgence", """\
## Santé et sécurité psychologiques

Le harcèlement et la violence, une charge de travail excessive et les conflits chroniques sont aussi des
risques pour la santé. Le [[Ressources humaines/Aide aux employés|Programme d'aide aux employés]] est
offert en tout temps.

## En cas d'urgence"""),
        ]),
        ("marie.tremblay", "Le comité se réunit chaque mois", [
            ("notamment par le comité de santé et de\n   sécurité.",
             "notamment par le comité de santé et de\n   sécurité, qui se réunit chaque mois."),
        ]),
    ]),
    dict(path="Valeurs_et_éthique", title="Valeurs et éthique", language="fr", translation_of="Values_and_ethics",
         revisions=[
        ("nathalie.gagnon", "Aperçu du code et du service-conseil", """\
Les fonctionnaires se voient confier des fonds publics, de l'information et des pouvoirs. Notre code de
valeurs et d'éthique décrit ce que cette confiance exige : le respect de la démocratie, le respect envers
les personnes, l'intégrité, l'intendance et l'excellence.

## Conflits d'intérêts

Il y a conflit d'intérêts lorsqu'un intérêt personnel pourrait influencer votre travail, ou sembler
l'influencer. En avoir un n'est pas une faute; le cacher en est une. Déclarez-le à votre gestionnaire au
moyen du formulaire confidentiel et mettez la déclaration à jour si votre situation change.

## Cadeaux et marques d'hospitalité

En règle générale, n'acceptez aucun cadeau ni aucune marque d'hospitalité qui pourrait influencer votre
jugement ou sembler l'influencer. En cas de doute, demandez avant d'accepter.

## Divulgation d'actes répréhensibles

Si vous êtes témoin d'un acte répréhensible grave, vous pouvez le divulguer à votre gestionnaire, à
l'agent supérieur chargé des divulgations ou au commissaire à l'intégrité du secteur public. La loi vous
protège contre les représailles.

## Nous consulter

Le bureau des valeurs et de l'éthique offre des conseils confidentiels : ethique@example.org.
"""),
        ("daniel.lefebvre", "Exemple d'hospitalité acceptable", [
            ("En cas de doute, demandez avant d'accepter.",
             "Une hospitalité modeste et occasionnelle dans le cours normal du travail (un café servi en\n"
             "réunion, un repas compris dans un colloque pour tous les participants) est généralement acceptable.\n"
             "En cas de doute, demandez avant d'accepter."),
        ]),
        ("nathalie.gagnon", "Rappel de la déclaration annuelle", [
            ("mettez la déclaration à jour si votre situation change.",
             "mettez la déclaration à jour si votre situation change.\nChaque employé confirme sa déclaration une "
             "fois par année, à l'automne."),
        ]),
        ("jean-francois.roy", "Médias sociaux", [
            ("## Divulgation d'actes répréhensibles", """\
## Médias sociaux

Vous pouvez utiliser les médias sociaux dans votre vie privée. Ne parlez pas au nom de l'organisation si ce
n'est pas votre rôle, ne diffusez pas d'information non publique apprise au travail, et rappelez-vous que
les publications restent.

## Divulgation d'actes répréhensibles"""),
        ]),
    ]),
]

PAGES_FR = RESSOURCES_HUMAINES + SERVICE_DE_DEPANNAGE_TI + COMMUNICATIONS_ET_LANGUES + AUTRES_PAGES
