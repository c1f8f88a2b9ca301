"""Words the detectors need besides the policy terms, in English and French, the word sets already folded (see normalize.fold):
function words (to tell the languages apart), words that aim a remark at a person, words that report or
quote what someone else said, and the statements of self-harm or suicidal intent of the wellbeing path.

Patterns run on plain text (see normalize.plain: lower case, no accents, look-alike letters folded).
"""
import re

from .normalize import fold

def _folded(words) -> set[str]:
    return {fold(w) for w in words}


# Frequent function words, enough to tell English from French in a sentence or two.
FUNCTION_WORDS = {
    "en": _folded("the and of to is are was were you your that this with for not have has it on in be at by "
              "from they we he she his her my our what which would should could just but so".split()),
    "fr": _folded("le la les des du de et est sont etait un une que qui pour pas avec dans sur ce cette ces "
              "il elle ils nous vous je tu mon ma mes son sa ses au aux mais ou donc ne plus tres".split()),
}

# The person a remark is addressed to (second person): an insult near these is aimed at someone.
SECOND_PERSON = {fold(w) for w in "you u ya youre yer thou tu toi t te vous espece".split()}
FRENCH_YOU_ARE = {fold(w) for w in "es as etais etait".split()}  # "t'es con": "t" alone is not "you" ("don't")
# Someone spoken about (third person): weaker than a name, stronger than nobody.
# ("il" is left out: "il faut", "il y a" are impersonal.)
THIRD_PERSON = {fold(w) for w in "he she him her hes shes elle lui guy man woman gars quel quelle".split()}

# Reporting or quoting someone else's words: "he called me an idiot", "il m'a traité d'imbécile".
_REPORTING = [
    r"\bcall(?:ed|s|ing)?\s+(?:me|us|him|her|them|[a-z]+)\s+(?:an?\s+|a\s+)?",
    r"\b(?:said|says|told|tells|wrote|writes|shouted|yelled|screamed|whispered|texted|posted)\b[^.!?\n]{0,40}",
    r"\b(?:insult(?:ed|ing|s)?|name-calling|name\s+calling|slur(?:s|red)?)\b[^.!?\n]{0,40}",
    r"\btrait(?:e|ee|es|er|ait|ent)\s+(?:de|d|d')?\s*",
    r"\b(?:m|t|nous|vous|i|s)\s*'?\s*a\s+(?:traite|appele|insulte|dit)\b[^.!?\n]{0,40}",
    r"\b(?:a\s+dit|a\s+ecrit|disait|ecrit|m'a\s+dit|m\s+a\s+dit)\b[^.!?\n]{0,40}",
    r"\b(?:the\s+word|le\s+mot|terms?\s+like|des\s+mots\s+comme|words\s+like)\b[^.!?\n]{0,30}",
]
REPORTING = re.compile("|".join(f"(?:{p})" for p in _REPORTING))
QUOTED = re.compile(r"\"[^\"\n]{1,120}\"|“[^”\n]{1,120}”|«[^»\n]{1,120}»|‘[^’\n]{1,120}’|(?<!\w)'[^'\n]{1,60}'(?!\w)")
# Threat phrases that need someone to carry them out ("kill you", "te tuer"), unlike "kill yourself" or
# "je sais où tu restes", which are threats by themselves.
NEEDS_SUBJECT = re.compile(r"^(?:\w+\s+(?:you|your)\b|te\s+\w+$)")
# A threat has someone who will do it: "I'll kill you", "je vais te tuer", "we will", "on va".
THREAT_SUBJECT = re.compile(r"\b(?:i|i'll|ill|i'm|im|i am|i will|i'm going to|we|we'll|je|j'|j|on|nous)\b[^.!?]*$")

# Self-harm and suicidal intent, first person. Idioms ("this deadline is killing me", "je suis mort de
# rire") are deliberately not matched.
_WELLBEING_EN = [
    r"\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting)\s+myself\b",
    r"\bend(?:ing)?\s+(?:my\s+(?:own\s+)?life|it\s+all|things|my\s+pain)\b",
    r"\btake\s+my\s+(?:own\s+)?life\b",
    r"\b(?:i'm|i am|im|feel(?:ing)?|felt|been|getting|so)\s+(?:\w+\s+)?suicidal\b",
    r"\b(?:thinking|thought|think|thoughts)\s+(?:about|of)\s+(?:suicide|killing\s+myself|dying|ending\s+it)\b",
    r"\b(?:want|wanted|going|plan|planning|ready)\s+to\s+commit\s+suicide\b",
    r"\b(?:want|wanna|wish|going|pianning|pian|ready|thinking|thought)\s+(?:to\s+|about\s+|of\s+)?(?:die|dying|disappear\s+forever)\b",
    r"\b(?:don't|dont|do\s+not|no\s+longer)\s+(?:want|wish)\s+to\s+(?:live|be\s+alive|be\s+here|exist|wake\s+up)\b",
    r"\bno\s+(?:reason|point)\s+(?:to|in)\s+(?:live|living|going\s+on|carrying\s+on)\b",
    r"\b(?:better\s+off\s+dead|better\s+off\s+without\s+me|wouldn't\s+miss\s+me|would\s+not\s+miss\s+me)\b",
    r"\bcan(?:'t|not|t)\s+(?:go\s+on|keep\s+going|take\s+it\s+anymore|do\s+this\s+anymore)\b",
    r"\bself[\s-]?harm(?:ing)?\b",
    r"\bwish\s+i\s+(?:was|were)\s+(?:dead|never\s+born)\b",
    r"\bnot\s+(?:be|being)\s+(?:around|here|alive)\s+(?:anymore|much\s+longer|next\s+(?:week|month|year))\b",
    r"\b(?:wrote|writing|written)\s+(?:a|my)\s+(?:goodbye|suicide)\s+(?:note|letter)\b",
    r"\bgiv(?:e|en|ing)\s+away\s+(?:most\s+of\s+|all\s+(?:of\s+)?)?my\s+(?:things|stuff|belongings)\b",
    r"\b(?:plan|planning|going)\s+to\s+end\s+it\b",
    r"\b(?:cutting|burning|hurting|harming)\s+(?:myself\s+)?again\b|\b(?:burning|cutting)\s+myself\b",
    r"\b(?:wouldn't|would\s+not|never|not)\s+wake\s+up\b",
    r"\bpoint\s+(?:of|in)\s+(?:going\s+on|living|carrying\s+on|being\s+alive)\b",
    r"\bjump(?:ing)?\s+(?:off|from)\s+(?:the\s+|a\s+|my\s+)?(?:bridge|roof|building|balcony|overpass)\b",
    r"\bdriv(?:e|ing)\s+my\s+car\s+(?:into|off)\b",
    r"\b(?:saving\s+up|hoarding|stockpiling|saved\s+up)\s+(?:my\s+)?(?:pills|meds|medication|sleeping\s+pills)\b",
    r"\b(?:took|take|taking)\s+too\s+many\s+pills\b|\boverdos(?:e|ed|ing)\b",
    r"\b(?:tried|attempted|try)\s+to\s+(?:kill\s+myself|overdose|end\s+(?:it|my\s+life))\b",
    r"\bdisappear\s+(?:for\s+good|forever)\b",
    r"\b(?:if|when)\s+i\s+(?:were|was|am|'m)\s+(?:gone|dead|not\s+(?:here|around))\b",
    r"\bi(?:'m|\s+am)\s+(?:just\s+)?a\s+burden\b|\bfeel\s+like\s+a\s+burden\b",
    r"\bwant\s+(?:it\s+all|everything|this|all\s+of\s+(?:it|this))\s+to\s+(?:be\s+over|end|stop)\b",
    r"\bgoodbye\s+(?:letters?|notes?)\b",
    r"\b(?:won't|will\s+not)\s+be\s+(?:around|here)\s+(?:much\s+)?(?:longer|anymore)\b",
    r"\bdone\s+with\s+(?:life|living)\b",
    r"\b(?:isn't|is\s+not|not)\s+worth\s+living\b",
    r"\b(?:hang|shoot|drown|poison|stab|gas)(?:ing)?\s+myself\b|\bslit(?:ting)?\s+my\s+wrists?\b",
    r"\b(?:jump|step|throw\s+myself)\s+in\s+front\s+of\s+(?:a|the)\s+(?:train|truck|bus|subway|metro|car)\b",
    r"\b(?:want|wanna|wish|going)\s+to\s+(?:sleep\s+forever|stop\s+existing|not\s+exist|never\s+wake\s+up)\b",
    r"\bnever\s+wake\s+up\s+again\b|\b(?:tired|sick)\s+of\s+(?:living|being\s+alive)\b",
    r"\bend(?:ing)?\s+it\s+all\b|\bno\s+way\s+out\s+(?:but|except|other\s+than)\b",
    r"\b(?:nobody|no\s+one)\s+would\s+(?:care|miss\s+me|notice)\s+if\s+i\b",
    r"\b(?:everyone|everybody|they|my\s+family)\s+(?:would|will|'d)\s+be\s+better\s+off\s+without\s+me\b",
    r"\bwish\s+i\s+could\s+(?:die|disappear|just\s+die|not\s+wake\s+up)\b|\bkms\b|\bunalive\s+myself\b",
]
_WELLBEING_FR = [
    r"\b(?:me|m)\s*(?:tuer|suicider|faire\s+du\s+mal|mutiler|scarifier|ouvrir\s+les\s+veines)\b",
    r"\b(?:en\s+finir|mettre\s+fin\s+a\s+(?:mes\s+jours|ma\s+vie|tout))\b",
    r"\b(?:suis|sens|devenu|devenue)\s+(?:\w+\s+)?suicidaire\b",
    r"\b(?:pense|pensees?|songe|idees?)\s+(?:au|a\s+me|de)\s+suicid(?:e|er)\b",
    r"\b(?:envie|besoin|hate)\s+de\s+(?:mourir|disparaitre\s+pour\s+toujours|ne\s+plus\s+etre\s+la)\b",
    r"\b(?:veux|voudrais|vais|pense\s+a|songe\s+a)\s+(?:mourir|disparaitre|partir\s+pour\s+de\s+bon)\b",
    r"\b(?:n'?ai|ai)\s+plus\s+(?:envie|le\s+gout|aucune\s+raison)\s+de\s+vivre\b",
    r"\bne\s+(?:veux|peux)\s+plus\s+vivre\b",
    r"\bplus\s+(?:aucune\s+)?raison\s+de\s+vivre\b",
    r"\b(?:seraient|serait|seriez|serais)\s+mieux\s+sans\s+moi\b",
    r"\b(?:mieux\s+mort|mieux\s+morte)\b",
    r"\bje\s+(?:n'?en\s+)?peux\s+plus\s+(?:continuer|tenir|de\s+vivre|vivre)\b",
    r"\b(?:lettres?\s+d'?adieu|mots?\s+d'?adieu)\b",
    r"\bplus\s+aucune\s+raison\s+de\s+(?:continuer|vivre)\b",
    r"\bne\s+plus\s+(?:jamais\s+)?me\s+reveiller\b",
    r"\bsauter\s+(?:en\s+bas\s+d[ue]|du\s+haut\s+d[ue])\s+(?:pont|toit|balcon|edifice|viaduc)\b",
    r"\b(?:accumule|garde|cache)\s+des\s+(?:pilules|medicaments|comprimes)\b|\bsurdose\b",
    r"\bdispar(?:aitre|aissais|aitrais|ais)\s+pour\s+(?:de\s+bon|toujours)\b",
    r"\b(?:fait|tente)\s+une\s+tentative\b|\bessaye\s+de\s+me\s+(?:tuer|suicider)\b",
    r"\bun\s+fardeau\s+pour\b|\bsi\s+je\s+(?:disparaissais|n'?etais\s+plus\s+la|mourais)\b",
    r"\bc'est\s+le\s+suicide\b",
    r"\bme\s+(?:pendre|jeter\s+(?:en\s+bas|du\s+haut|devant|sous)|noyer|flinguer|foutre\s+en\s+l'?air)\b",
    r"\bme\s+tirer\s+une\s+balle\b(?!\s+dans\s+le\s+pied)",
    r"\ben\s+finir\s+avec\s+(?:la\s+vie|ma\s+vie|tout|moi)\b",
    r"\b(?:veux|voudrais|vais|envie\s+de)\s+crever\b|\bplus\s+la\s+force\s+de\s+(?:vivre|continuer)\b",
    r"\b(?:fatigue|fatiguee|tanne|tannee|ecoeure|ecoeuree)\s+de\s+vivre\b",
    r"\b(?:ne\s+plus\s+exister|m'endormir\s+pour\s+(?:toujours|de\s+bon))\b",
    r"\bpersonne\s+ne\s+(?:remarquerait|s'en\s+rendrait\s+compte|s'en\s+apercevrait)\s+si\s+je\b",
    r"\b(?:pas\s+d'autre|aucune\s+autre)\s+(?:issue|solution)\s+que\s+de\s+(?:mourir|partir|en\s+finir)\b",
    r"\bne\s+(?:serai|serais)\s+plus\s+la\s+(?:bientot|demain|la\s+semaine\s+prochaine|pour\s+longtemps)\b",
    r"\bne\s+vaut\s+(?:plus\s+|pas\s+)?la\s+peine\s+d'?etre\s+vecue\b",
    r"\b(?:me\s+scarifie|me\s+mutile|me\s+fais\s+du\s+mal)\b",
]
WELLBEING = re.compile("|".join(f"(?:{p})" for p in _WELLBEING_EN + _WELLBEING_FR))
# Someone else's words or a general topic, not the author's own statement.
WELLBEING_NOT_SELF = re.compile(
    r"\b(?:prevention|awareness|hotline|training|webinar|workshop|policy|statistics|campaign|resources|"
    r"prevention|sensibilisation|formation|atelier|statistiques|campagne|ressources|ligne\s+d'?ecoute)\b")
SELF_MARKERS = re.compile(r"\b(?:i|i'm|im|me|my|myself|je|j|me|m|moi|mon|ma|mes)\b")

# --- remarks about groups ------------------------------------------------------------------------------
# A derogatory generalization names a group of people and pins a demeaning trait on all of them ("the boomers
# in our branch are dinosaurs", "les gens des régions sont des arriérés"). Matched on plain text, per sentence.
_PROTECTED = (
    r"women|woman|females?|girls|ladies|men\b|males|francophones?|francos|anglophones?|anglos|immigrants?|"
    r"foreigners|newcomers|muslims?|jews|jewish|christians|hindus|sikhs|black\s+(?:guys|people|staff|women|men)|"
    r"blacks|asians?|indigenous|natives|first\s+nations|gays?|lesbians|trans\s+(?:people|staff)|boomers|"
    r"millennials|gen\s+z|older\s+(?:employees|staff|workers|people)|young\s+(?:people|women|men|staff)|"
    r"people\s+with\s+disabilit(?:y|ies)|disabled|quebecers|quebecois|montrealers|french\s+people|"
    r"english\s+people|indians|chinese|arabs|africans|new\s+hires\s+from\s+\w+|"
    r"femmes|filles|hommes|immigrants?|immigres|etrangers|musulmans?|juifs|noirs|asiatiques|autochtones|"
    r"homosexuels|gais|baby-boomers|boomers|jeunes|vieux|employes\s+plus\s+ages|personnes\s+handicapees|"
    r"handicapes|anglais|francais\s+de\s+france|quebecois|montrealais|gens\s+des\s+regions|gens\s+de\s+\w+"
)
_GROUP = (
    _PROTECTED + r"|managers?|gestionnaires|contractors|consultants|interns|stagiaires|assistants|"
    r"(?:it|hr|legal|finance|admin)\s+(?:people|staff|team|guys)|people\s+from\s+[\w\s]{1,30}|"
    r"gars\s+de\s+l'?\w+|fonctionnaires|employees|everyone\s+in\s+\w+|tout\s+le\s+monde\s+(?:a|au|aux)\s+\w+|"
    r"typical\s+\w+|anyone\s+who"
)
PROTECTED_GROUP = re.compile(rf"\b(?:{_PROTECTED})\b")
GROUP = re.compile(rf"\b(?:{_GROUP})")
# A demeaning trait: said of any group.
DEMEANING = re.compile(
    r"\b(?:arrogant|lazy|backwards?|dinosaurs?|entitled|whin(?:ers?|ing|e)|leech(?:es)?|parasites?|vipers?|"
    r"liars?|spineless|brainless|no\s+brain|nothing\s+between\s+their\s+ears|(?:socially\s+)?useless\s+nerds|"
    r"nerds|who\s+smell|cheap\s+labou?r|brainwashed|sheep|snobs?|clique\s+of|slacking|gossip\s+like|"
    r"spying|waste\s+of\s+(?:salary|space|money)|can(?:'t|not)\s+(?:think|write|speak)|can\s+barely\s+speak|"
    r"bureaucrats?\s+with\s+no|stupid|dumb|idiots?|morons?|"
    r"arrogants?|paresseux|arrieres?|dinosaures|cruches?|incompetents\s+sans|sangsues?|nerds\s+asociaux|asociaux|"
    r"sentent\s+mauvais|snobs|meprisent|se\s+pensent\s+superieurs|bande\s+de\s+\w+|comprennent\s+rien|"
    r"colons|parlent\s+meme\s+pas|comme\s+du\s+monde|bons?\s+a\s+rien|profiteurs?|vident\s+le\s+budget)\b")
# Unfair treatment prescribed or imputed: said of a protected group only.
DISCRIMINATORY = re.compile(
    r"\b(?:should(?:n't|\s+not)\s+be\s+(?:put|hired|promoted|allowed|in\s+charge)|should\s+(?:just\s+)?retire|"
    r"pushed\s+out|too\s+emotional|get\s+too\s+emotional|only\s+get\s+(?:promoted|hired)\s+because|hired\s+(?:for|to)\s+"
    r"(?:the\s+optics|meet\s+a\s+quota)|quota|special\s+treatment|slow\s+everybody\s+down|give\s+nothing\s+back|"
    r"flirt|not\s+because\s+they'?re\s+any\s+good|trop\s+emoti(?:ves|fs)|ne\s+devraient\s+pas|passe-droits|"
    r"ralentissent|coutent\s+trop\s+cher|prendre\s+leur\s+retraite|se\s+pensent|comprennent\s+rien|"
    r"devraient\s+(?:partir|etre\s+renvoyes))\b")
