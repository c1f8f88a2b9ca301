"""The demo wiki: a realistic bilingual organizational wiki, built through the wiki service.

`create_wiki(people)` is called by `opsspace demo` once the demo people exist. It writes every page of
`PAGES` (English here, French in `demo_wiki_fr`) as a series of revisions by different people, each an
ordinary save on top of the previous one, then pairs each French page with its English version. Pages
that already exist (or were moved away, leaving a redirect) are left alone, so running it twice adds nothing.

Each page is a dict: ``path``, ``title``, ``language``, ``revisions`` and, on a page in the second
language, ``translation_of`` (the path of the page it translates). Each revision is
``(author username, edit summary, text)``. The first text is the whole page; a later one is either the
whole page or, to keep this file readable, a list of edits applied to the previous text: ``(old, new)``
replaces the one occurrence of `old`, ``(None, new)`` adds a section at the end.
"""
from collections.abc import Callable

from .demo_wiki_fr import PAGES_FR
from .models import User
from .services import policy, wiki
from .services.wiki import SaveResult


def create_wiki(people: dict[str, User], progress: Callable[[int], object] | None = None) -> int:
    """Create the demo pages that do not exist yet; returns how many revisions were created.

    `people` maps the demo usernames to users (an author missing from it is replaced by the first person).
    `progress(1)` is called after each page of `PAGES`, to move a progress bar of `len(PAGES)` steps.
    """
    if not people:
        raise ValueError("create_wiki needs the demo people: run it after they are created.")
    for user in people.values():
        if policy.needs_acceptance(user):
            policy.accept(user, policy.current("aup").number)
    fallback = next(iter(people.values()))
    created = 0
    for spec in PAGES:
        if wiki.find(spec["path"])[0] is None:
            created += _write_page(spec, lambda name: people.get(name, fallback))
        if progress is not None:
            progress(1)
    for spec in PAGES:
        if spec.get("translation_of"):
            _link(spec, people.get(spec["revisions"][0][0], fallback))
    return created


def _write_page(spec: dict, person: Callable[[str], User]) -> int:
    """Save each revision of one page on top of the previous one; returns how many were saved."""
    text, base, saved = "", None, 0
    for author, summary, change in spec["revisions"]:
        text = change if isinstance(change, str) else apply_edits(text, change, spec["path"])
        result: SaveResult = wiki.save_page(spec["path"], body=text, title=spec["title"], summary=summary,
                                            language=spec["language"], base_revision_id=base, author=person(author))
        if result.outcome not in ("saved", "merged") or result.revision is None:
            raise RuntimeError(f"demo page {spec['path']}: the save of {summary!r} came back {result.outcome}")
        base, saved = result.revision.id, saved + 1
        if result.held:  # a moderation plugin held it: later edits would build on text readers cannot see
            break
    return saved


def apply_edits(text: str, edits: list[tuple[str | None, str]], where: str = "") -> str:
    """Apply ``(old, new)`` replacements (each `old` must occur exactly once) and ``(None, new)`` additions."""
    for old, new in edits:
        if old is None:
            text = text.rstrip("\n") + "\n\n" + new.strip("\n") + "\n"
            continue
        if text.count(old) != 1:
            raise ValueError(f"demo page {where}: {old!r} occurs {text.count(old)} times, not once")
        text = text.replace(old, new)
    return text


def _link(spec: dict, actor: User) -> None:
    """Pair a page with the page it translates, unless either is missing or already paired."""
    page, other = wiki.find(spec["path"])[0], wiki.find(spec["translation_of"])[0]
    if page is None or other is None or page.translation is not None or other.translation is not None:
        return
    wiki.link_translation(page, other.path, actor)


# --- Human resources ---------------------------------------------------------------------------

HUMAN_RESOURCES = [
    dict(path="Human_resources", title="Human resources", language="en", revisions=[
        ("marie.tremblay", "Hub page for the Human Resources Branch", """\
The Human Resources Branch supports managers and employees through every stage of a public service career:
hiring, onboarding, pay and benefits, learning, labour relations, and leaving or retiring.

This page is the starting point. Each section leads to a more detailed page kept up to date by the HR team.
If something is out of date, fix it or leave a comment: the wiki works best when the people who use it
keep it current.

## Start here

- [[Human resources/Onboarding]]: what to expect in your first weeks, for new employees and their managers
- [[Human resources/Leave and benefits|Leave and benefits]]: vacation, sick leave, family leave, health and dental plans
- [[Human resources/Flexible work arrangements|Flexible work arrangements]]: telework agreements and compressed schedules
- [[Human resources/Performance conversations|Performance conversations]]: the yearly cycle and how to prepare
- [[Human resources/Employee assistance program|Employee assistance program]]: confidential help, 24 hours a day

## Pay questions

Pay is administered centrally. For a missing overtime payment, an acting allowance that did not come
through or a deduction you do not recognize, ask your manager to submit a pay action request first. If the
problem is not solved within two pay periods, contact the HR client service centre.

**Never email pay stubs or social insurance numbers.** Use the secure form in the HR portal: email is not an
approved channel for personal information.

## Contact the HR client service centre

| Service | How to reach us | Hours |
|---|---|---|
| General HR questions | hr-help@example.org | Monday to Friday, 8:30 to 4:30 |
| Pay and benefits | ext. 2240 | Monday to Friday, 9:00 to 4:00 |
| Labour relations advice (managers) | ext. 2255 | By appointment |

Cette page existe aussi en français : [[Ressources humaines]].
"""),
        ("nathalie.gagnon", "Added learning and values and ethics to the list", [
            ("- [[Human resources/Employee assistance program|Employee assistance program]]: confidential help, 24 hours a day\n",
             "- [[Human resources/Employee assistance program|Employee assistance program]]: confidential help, 24 hours a day\n"
             "- [[Human resources/Learning and development|Learning and development]]: courses, second-language "
             "training and the learning plan\n"
             "- [[Values and ethics]]: conflicts of interest, gifts and hospitality, and disclosure of wrongdoing\n"),
        ]),
        ("james.chen", "Pay line now opens at 8:30; clarified the two pay periods", [
            ("| Pay and benefits | ext. 2240 | Monday to Friday, 9:00 to 4:00 |",
             "| Pay and benefits | ext. 2240 | Monday to Friday, 8:30 to 4:00 |"),
            ("within two pay periods, contact", "within two pay periods (about four weeks), contact"),
        ]),
    ]),
    dict(path="Human_resources/Onboarding", title="Onboarding", language="en", revisions=[
        ("sarah.obrien", "First version, from the onboarding working group's notes", """\
Welcome! Starting in a large organization can feel like drinking from a fire hose. This page gathers what
new employees most often ask in their first month, and what managers need to have ready **before** day one.

New employees can go straight to the [[Human resources/Onboarding/First week checklist|first week checklist]].

## Before the first day (managers)

Most first-day problems come from requests sent too late. At least **ten working days** before the start date:

1. Submit the account request to the [[IT service desk]] (network account, email, phone).
2. Order the laptop, headset and monitor through your branch's IT coordinator.
3. Ask facilities for a building pass; new employees cannot enter the building without an escort until it is ready.
4. Name an onboarding buddy from the team: someone who is not the manager, who can answer small questions.
5. Book a 30-minute welcome meeting on the first morning and a check-in at the end of the first week.

## Your first day

Your manager or buddy will meet you at the security desk in the main lobby. Bring a piece of government-issued
photo identification for your building pass. Expect to spend the morning on practical things: your pass,
your laptop, your first sign-in and setting up multi-factor authentication
(see [[IT service desk/Passwords and multi-factor authentication]]).

## Your first month

- Complete the mandatory training courses. They are listed in the learning system; most take under an hour.
- Read and accept the acceptable-use policy of this intranet so you can contribute.
- Meet the people your team works with most. Your buddy can suggest a list.
- Agree on your work objectives with your manager (see [[Human resources/Performance conversations]]).
- If you are working in a hybrid arrangement, sign your telework agreement
  (see [[Human resources/Flexible work arrangements]]).

## Probation

Most new indeterminate employees serve a probationary period of twelve months. It is a normal step, not
a judgment: it gives you and your manager a structured time to set expectations and give feedback.

## Questions?

Ask your buddy first, then your manager. For HR questions, the [[Human resources]] page lists the HR
client service centre.
"""),
        ("priya.sharma", "Mandatory training: added the deadline and the course list", [
            ("- Complete the mandatory training courses. They are listed in the learning system; most take under an hour.\n",
             "- Complete the mandatory training courses **within your first 30 days**. They are listed in the learning\n"
             "  system; most take under an hour:\n"
             "    - Security awareness\n"
             "    - Values and ethics in the public service\n"
             "    - Accessibility, accommodation and inclusion\n"
             "    - Access to information and privacy fundamentals\n"),
        ]),
        ("nathalie.gagnon", "Corrected the probation period and linked the French version", [
            ("Most new indeterminate employees serve a probationary period of twelve months.",
             "Most new indeterminate employees serve a probationary period of twelve months (eighteen months for\n"
             "some professional groups: check your letter of offer)."),
            (None, "Version française : [[Ressources humaines/Intégration|Intégration des nouveaux employés]]."),
        ]),
        ("james.chen", "Added a glossary of the acronyms new people ask about", [
            ("## Questions?", """\
## Acronyms you will hear

Every organization has its own alphabet soup. These are the ones new employees ask about most:

| Acronym | Meaning | In practice |
|---|---|---|
| ADM | Assistant deputy minister | Heads a sector of several branches |
| DG | Director general | Heads a branch; your director reports to a DG |
| RC | Responsibility centre | The budget unit your team's spending is charged to |
| PAR | Pay action request | The form your manager submits to change your pay |
| EAP | Employee assistance program | Confidential counselling, see [[Human resources/Employee assistance program]] |
| ATIP | Access to information and privacy | The office that answers requests from the public for our records |
| MOU | Memorandum of understanding | A written agreement with another organization |
| TB | Treasury Board | Sets the rules on pay, spending and management for the whole public service |

If you hear one that is not here and it is not a secret, add it. The list is more useful to the next
person than to you.

## Who does what in your first weeks

| Question | Ask |
|---|---|
| What should I work on first? | Your manager |
| Where is the printer, the kitchen, the quiet room? | Your buddy |
| My account or laptop does not work | The IT service desk |
| My pay or benefits look wrong | The HR client service centre |
| Is it all right to accept this gift or take this side job? | The values and ethics office |

## Questions?"""),
        ]),
        ("marie.tremblay", "Equipment requests now go through the online catalogue", [
            ("2. Order the laptop, headset and monitor through your branch's IT coordinator.",
             "2. Order the laptop, headset and monitor in the online IT catalogue (the branch IT coordinator approves\n"
             "   the order; allow five working days for delivery)."),
        ]),
    ]),
    dict(path="Human_resources/Onboarding/First_week_checklist", title="First week checklist", language="en", revisions=[
        ("sarah.obrien", "Checklist for new employees", """\
A short list of what to do in your first five days. Tick things off as you go; nobody expects you to know
everything by Friday. The longer explanations are on the [[Human resources/Onboarding|onboarding page]].

## Day 1

- [ ] Pick up your building pass at the security desk (bring photo ID)
- [ ] Sign in to your laptop and set up multi-factor authentication
- [ ] Check that you can open your email and calendar
- [ ] Meet your manager and your onboarding buddy

## Days 2 and 3

- [ ] Read your team's page on this wiki and the pages it links to
- [ ] Set up your voicemail and your email signature (both languages: see [[Communications/Style guide]])
- [ ] Enrol in the health and dental plans; you have 60 days, but it is easy to forget
- [ ] Start the mandatory training courses

## Days 4 and 5

- [ ] Book short introduction meetings with the people your team works with most
- [ ] Ask your manager for the two or three files you should read first
- [ ] Check your first pay deposit date with your manager
- [ ] Tell your buddy what was confusing this week, so we can improve this list

**Tip:** keep a running list of acronyms you hear. Most teams have a glossary; if yours does not, start one
on the wiki.
"""),
        ("priya.sharma", "Pay: explained the two-week lag", [
            ("- [ ] Check your first pay deposit date with your manager\n",
             "- [ ] Check your first pay deposit date with your manager. Pay is two weeks in arrears, so your first\n"
             "  deposit usually comes three to four weeks after you start.\n"),
        ]),
        ("luc.bergeron", "Day 1: added the password manager and the accessibility settings", [
            ("- [ ] Check that you can open your email and calendar\n",
             "- [ ] Check that you can open your email and calendar\n"
             "- [ ] If you use assistive technology, tell your manager on day 1 so the\n"
             "  [[Accessibility|accessibility]] team can set it up quickly\n"),
        ]),
    ]),
    dict(path="Human_resources/Leave_and_benefits", title="Leave and benefits", language="en", revisions=[
        ("priya.sharma", "Summary of the main leave types and benefits", """\
This page summarizes the leave and benefits most employees use. Your collective agreement is the authority:
where this page and the agreement differ, the agreement wins. Ask your manager or the HR client service
centre if you are unsure.

## Vacation leave

Vacation leave is earned every month you receive at least ten days of pay. The yearly amount grows with
years of service:

| Years of service | Vacation days per year |
|---|---|
| Less than 8 | 15 |
| 8 to 15 | 20 |
| 16 | 22 |
| 17 | 23 |
| 18 to 26 | 25 |
| 27 and more | 30 |

Plan your vacation with your manager early in the fiscal year. Unused vacation above the carry-over limit
may be paid out at the end of March; ask before assuming.

## Sick leave

You earn sick leave credits each month. Tell your manager as early as possible on the first day you are
sick. A medical certificate may be requested for longer absences, but never for a single day as a rule.

## Family-related leave

Up to five days a year for family responsibilities: caring for a sick family member, medical appointments,
school closures, and similar situations.

## Health, dental and disability insurance

- **Health care plan**: prescription drugs, vision care, paramedical services. Enrol in your first 60 days.
- **Dental care plan**: enrolment is automatic after three months of continuous employment.
- **Disability insurance**: replaces part of your income during a long illness.

## Other leave

Bereavement leave, parental leave, leave for volunteering, personal leave, and leave for union business
are described in the collective agreement. If you need time off that does not fit any of these, talk to
your manager: leave without pay may be possible.

See also: [[Human resources/Flexible work arrangements|flexible work arrangements]] and the
[[Human resources/Employee assistance program|employee assistance program]].
"""),
        ("daniel.lefebvre", "Sick leave: added a note about the employee assistance program", [
            ("A medical certificate may be requested for longer absences, but never for a single day as a rule.",
             "A medical certificate may be requested for longer absences, but never for a single day as a rule.\n\n"
             "If you are going through a difficult period, the employee assistance program can help, confidentially,\n"
             "before you run out of credits."),
        ]),
        ("sarah.obrien", "Volunteer and personal leave: one day each, not two", [
            ("are described in the collective agreement.",
             "are described in the collective agreement. Note that personal leave and volunteer leave are **one day\n"
             "each per fiscal year** (7.5 hours), taken in a single day."),
        ]),
        ("nathalie.gagnon", "Linked the French version", [
            (None, "Version française : [[Ressources humaines/Congés et avantages|Congés et avantages sociaux]]."),
        ]),
    ]),
    dict(path="Human_resources/Flexible_work_arrangements", title="Flexible work arrangements", language="en", revisions=[
        ("james.chen", "New page on telework and schedules", """\
Flexible work arrangements help us attract and keep good people and serve the public better. They are
agreed between you and your manager, in writing, and reviewed at least once a year.

## Hybrid work

Most teams work on site a set number of days a week and from home the rest. The current direction is
**three days a week on site**, in person, for most employees. Your manager decides which days, so that
team members are in the office together.

## Telework agreements

Before working from home regularly, sign a telework agreement with your manager. It covers:

- your usual telework location (it must be in Canada, at an address you give);
- your hours and how you can be reached;
- the equipment you take home and how it is protected;
- how occupational health and safety applies at home (see [[Health and safety/Ergonomics and home offices]]).

## Compressed and variable schedules

If your collective agreement allows it, you can work your weekly hours in fewer, longer days, or start
and finish at times other than 8:30 and 4:30. Service to the public and to your team comes first:
your manager can refuse a schedule that leaves a counter or a phone line uncovered.

## When things change

Tell your manager as soon as your situation changes: a move, a new caregiving responsibility, a health
need. An accommodation request is a separate process with its own protections; ask HR.
"""),
        ("aisha.mohamed", "Telework abroad needs prior approval", [
            ("- your usual telework location (it must be in Canada, at an address you give);",
             "- your usual telework location (it must be in Canada, at an address you give; working from outside\n"
             "  Canada, even for a few days, needs written approval in advance because of security and tax rules);"),
        ]),
        ("marie.tremblay", "Added the yearly review date", [
            ("reviewed at least once a year.", "reviewed at least once a year, in April, with your work objectives."),
        ]),
    ]),
    dict(path="Human_resources/Performance_conversations", title="Performance conversations", language="en", revisions=[
        ("priya.sharma", "How the yearly cycle works", """\
Performance management here is meant to be a conversation, not a form. The form exists, but what matters
is that you and your manager talk regularly about what you are working on, how it is going, and what you
want to learn next.

## The cycle

| When | What | Who starts it |
|---|---|---|
| April to May | Set objectives and a learning plan for the year | Employee, with the manager |
| October to November | Mid-year check-in | Manager |
| March | Year-end assessment | Employee writes a short self-assessment first |

## Writing good objectives

Keep them few (three to five) and concrete. A good objective says what will be delivered and how you
will both know it is done. *"Support the policy team"* is too vague; *"Draft the options analysis on
rural clinic funding for the director's review by September 30"* is clear.

## The learning plan

List one or two skills you want to build and how: a course, a developmental assignment, job shadowing,
mentoring. Second-language training belongs here too.

## If you disagree

Write your comments in the employee section of the form before signing. Your signature means you have
seen the assessment, not that you agree with it. If a conversation becomes difficult, you can ask for
a third person, such as an HR advisor, to attend.
"""),
        ("nathalie.gagnon", "Mentioned talent management for executives", [
            (None, """\
## Executives

Executives follow a separate performance and talent management program with its own calendar. Ask the
executive services team for the current year's guide."""),
        ]),
    ]),
    dict(path="Human_resources/Employee_assistance_program", title="Employee assistance program", language="en", revisions=[
        ("daniel.lefebvre", "What the EAP is and how to reach it", """\
The Employee Assistance Program (EAP) offers **free, confidential, short-term counselling** to employees and
their families, 24 hours a day, 7 days a week, by phone, by video or in person.

## What it can help with

- stress, anxiety, low mood and burnout;
- relationship and family difficulties;
- grief and loss;
- conflict at work;
- financial or legal worries;
- substance use, your own or a family member's.

## Is it confidential?

Yes. Your manager is not told that you called and the counsellor does not report to the organization.
The only exceptions are the ones the law requires, such as a risk to someone's life.

## How to reach it

Call the EAP line at **1-800-555-0199** (toll-free, any time). Tell the intake counsellor what you need and
whether you prefer English or French. You will usually be offered a first appointment within a few days;
urgent calls are answered right away.

If you are in crisis or thinking about suicide, call or text **988** at any time, or go to the nearest
emergency department.

## For managers

When an employee is struggling, you can mention the EAP, but never insist or ask whether they called. The
EAP also offers managers advice on how to support a team after a difficult event.
"""),
        ("daniel.lefebvre", "Added the peer support network", [
            ("## For managers", """\
## Peer support

Trained volunteer colleagues, the *peer supporters*, can listen and point you to the right resource.
They are not counsellors. You can reach them through the wellbeing space on this intranet.

## For managers"""),
        ]),
        ("sarah.obrien", "Fixed the phone number format and linked the French page", [
            ("Call the EAP line at **1-800-555-0199** (toll-free, any time).",
             "Call the EAP line at **1 800 555-0199** (toll-free, any time)."),
            (None, "Cette page existe en français : [[Ressources humaines/Aide aux employés|Programme d'aide aux employés]]."),
        ]),
    ]),
]


# --- IT service desk ---------------------------------------------------------------------------

IT_SERVICE_DESK = [
    dict(path="IT_service_desk", title="IT service desk", language="en", revisions=[
        ("luc.bergeron", "Service desk hub page", """\
The IT service desk is the single point of contact for computers, accounts, phones, printers and business
applications. Whatever the problem, start here: the desk will solve it or route it to the right team.

## How to reach the desk

| Channel | When to use it | Hours |
|---|---|---|
| Self-service portal | Requests and non-urgent problems | Any time |
| Phone, ext. 4357 (HELP) | You cannot work at all | Monday to Friday, 7:00 to 6:00 |
| Walk-up counter, 2nd floor | Hardware swaps, new-employee pickups | Monday to Friday, 8:30 to 3:30 |

Outside business hours, the phone line takes **urgent calls only**: a system down for a whole team, a lost
or stolen device, or a suspected security incident.

## Before you call

- Restart your computer. Really: it solves a surprising share of problems.
- Note the exact error message, or take a screenshot.
- Have your asset tag ready (the sticker under the laptop, starting with *AT-*).

## Common topics

- [[IT service desk/Remote access]]: VPN, working from home, slow connections
- [[IT service desk/Passwords and multi-factor authentication]]: resets, lockouts, a new phone
- [[IT service desk/Printing and scanning]]: secure printing, scan to email
- [[IT service desk/Software requests]]: how to ask for software that is not installed

## Lost or stolen device

Report it **immediately**, day or night, at ext. 4357, then to your manager. The desk can lock and wipe a
laptop or phone remotely; the sooner we know, the less is at risk.
"""),
        ("james.chen", "Counter hours changed in September", [
            ("| Walk-up counter, 2nd floor | Hardware swaps, new-employee pickups | Monday to Friday, 8:30 to 3:30 |",
             "| Walk-up counter, 2nd floor | Hardware swaps, new-employee pickups | Monday to Thursday, 9:00 to 3:00 |"),
        ]),
        ("luc.bergeron", "Added the security incident contact", [
            ("## Lost or stolen device", """\
## Suspicious email

Do not click, do not reply, do not forward to colleagues. Use the **Report phishing** button in your email
client. If you already clicked a link or entered your password, call the desk right away: it is not a fault
to confess, it is a race against the attacker.

## Lost or stolen device"""),
        ]),
        ("marie.tremblay", "Linked the French version", [
            (None, "En français : [[Service de dépannage TI]]."),
        ]),
    ]),
    dict(path="IT_service_desk/Remote_access", title="Remote access (VPN)", language="en", revisions=[
        ("luc.bergeron", "How to connect from home", """\
Most applications work from anywhere over the internet with your organizational account. A few internal
systems (the financial system, the records repository, some legacy databases) are only reachable through
the **virtual private network (VPN)**.

## Connecting

1. Connect to your home network first (wired is better than Wi-Fi for video calls).
2. Start the VPN client from the system tray and choose the **Main gateway**.
3. Sign in with your usual account and approve the multi-factor prompt on your phone.
4. Wait for the icon to turn green. Connection usually takes under 30 seconds.

Disconnect the VPN when you only need email, calendar and chat: they work better without it, and it
leaves capacity for colleagues who need internal systems.

## Troubleshooting

If the VPN does not connect, first check that your internet connection works without it. Then open
PowerShell (not as administrator) and test whether the gateway answers:

```powershell
Test-NetConnection vpn.example.org -Port 443
Resolve-DnsName intranet.example.org
```

`TcpTestSucceeded : True` means the gateway is reachable and the problem is probably your account or the
client: call the desk. `False` means something between you and the gateway blocks the connection; try
another network (a phone hotspot, for example) before calling.

## Slow connection

- Close video in large meetings and share only the window you need.
- Pause cloud file synchronization during important calls.
- Move closer to your router, or use a cable.

## Working while travelling

Using the VPN from outside Canada requires prior approval (see
[[Human resources/Flexible work arrangements]]). Some countries block VPN connections entirely; check with
the desk **before** you leave.
"""),
        ("jean-francois.roy", "Added the macOS and Linux commands", [
            ("`TcpTestSucceeded : True` means", """\
On a Mac or a Linux workstation, the equivalent commands are:

```bash
nc -vz vpn.example.org 443
dig +short intranet.example.org
```

`TcpTestSucceeded : True` (or `succeeded!` from `nc`) means"""),
        ]),
        ("luc.bergeron", "Gateway renamed after the migration; reworded step 2", [
            ("2. Start the VPN client from the system tray and choose the **Main gateway**.",
             "2. Start the VPN client from the system tray and choose **Canada - East** (or **Canada - West** if you\n"
             "   are in the Prairies or British Columbia). The old *Main gateway* was retired on March 31."),
        ]),
        ("sarah.obrien", "Small clarification on disconnecting", [
            ("Disconnect the VPN when you only need email, calendar and chat:",
             "Disconnect the VPN when you only need email, calendar, chat and shared documents in the cloud:"),
        ]),
        ("luc.bergeron", "Linked the French version", [
            (None, "En français : [[Service de dépannage TI/Accès à distance|Accès à distance (RPV)]]."),
        ]),
    ]),
    dict(path="IT_service_desk/Passwords_and_multi-factor_authentication",
         title="Passwords and multi-factor authentication", language="en", revisions=[
        ("luc.bergeron", "Password and MFA basics", """\
Your organizational account protects email, files and every business application. It uses a password
**and** a second factor: the authenticator app on your phone, or a hardware key.

## Choosing a password

- At least 15 characters. A passphrase of four or five unrelated words is long and easy to remember.
- Never reuse a password from a personal account.
- You do not need to change it on a schedule, only when you think it may be known to someone else.

## Locked out?

After five failed attempts, the account locks for 15 minutes. If you forgot your password, use the
self-service reset link on the sign-in page; it asks for your second factor.

## New phone

Set up the authenticator app on the new phone **before** wiping the old one. If it is too late, call the
[[IT service desk]]: the agent will verify your identity with questions only you and your manager can
answer, then reset your second factor.

## Hardware keys

Employees who cannot use a personal phone for work, or who travel to places where phones are risky, can
ask for a hardware security key. Ask through the self-service portal; your manager approves.
"""),
        ("aisha.mohamed", "Lockout duration is now 30 minutes", [
            ("the account locks for 15 minutes.", "the account locks for 30 minutes."),
        ]),
        ("luc.bergeron", "Added a warning about MFA fatigue attacks", [
            (None, """\
## An approval you did not ask for

If your phone asks you to approve a sign-in you did not start, **deny it** and call the desk. Attackers who
already have a password sometimes send prompt after prompt, hoping someone approves one to make them stop."""),
        ]),
    ]),
    dict(path="IT_service_desk/Printing_and_scanning", title="Printing and scanning", language="en", revisions=[
        ("sarah.obrien", "Secure printing instructions", """\
All printers on our floors are **secure printers**: your job waits on the server until you badge in at any
printer, so documents are never left on a tray.

## Printing

1. Print as usual, choosing the *FollowMe* queue.
2. Go to any networked printer and tap your building pass on the reader.
3. Select your jobs and press *Print*. Unreleased jobs are deleted after 24 hours.

Print double-sided and in black and white unless colour is really needed. Better still, ask whether the
document needs printing at all.

## Scanning

Tap your pass, choose *Scan to my email*, and the PDF arrives in your inbox. Files larger than 20 MB are
refused by email: scan in several parts, or lower the resolution to 200 dpi.

## Protected information

Documents marked **Protected B** must be printed only on printers in secure zones, and collected right away.
See [[Information management/Security classifications]] for the markings.
"""),
        ("luc.bergeron", "Scan size limit is now 35 MB", [
            ("Files larger than 20 MB are\nrefused by email", "Files larger than 35 MB are\nrefused by email"),
        ]),
    ]),
]


# --- Communications ----------------------------------------------------------------------------

COMMUNICATIONS = [
    dict(path="Communications", title="Communications", language="en", revisions=[
        ("james.chen", "Communications hub page", """\
The Communications Branch helps every team explain its work clearly to the public and to colleagues:
news releases, social media, the public website, internal news, events and speeches.

## What we can do for you

- **Plan**: a communications plan for a new program or a sensitive announcement.
- **Write and edit**: web pages, internal news items, speaking notes, both official languages.
- **Design**: infographics, presentation templates, accessible PDF layouts.
- **Advise**: media requests, social media, crisis communications.

## Guides

- [[Communications/Style guide]]: spelling, numbers, dates, bilingual formats
- [[Communications/Plain language]]: writing so people understand the first time
- [[Accessibility/Accessible documents]]: making documents everyone can read

## Media calls

If a journalist contacts you, be polite, take their name, outlet, question and deadline, and tell them
someone will get back to them. Then call media relations at ext. 3100. **Do not answer on the spot**, even
a simple factual question.
"""),
        ("marie.tremblay", "Added the request form link and turnaround times", [
            ("## Guides", """\
## Asking for help

Send requests through the communications request form in the service portal. Typical turnaround times:

| Request | Time needed |
|---|---|
| Internal news item | 5 working days |
| Web page update | 3 working days, plus translation |
| Communications plan | 15 working days |
| Infographic | 10 working days |

Translation is done by the translation bureau and adds about a week to anything published in both
languages. Plan for it.

## Guides"""),
        ]),
        ("priya.sharma", "Media relations number changed", [
            ("call media relations at ext. 3100.", "call media relations at ext. 3150 or media@example.org."),
        ]),
    ]),
    dict(path="Communications/Style_guide", title="Style guide", language="en", revisions=[
        ("james.chen", "Core style rules, English", """\
This guide covers the questions writers ask most often. For anything it does not answer, use the
*Canadian Style* and the *Canadian Oxford Dictionary*, and check terms in
[TERMIUM Plus](https://www.btb.termiumplus.gc.ca/), the Government of Canada's terminology database.

## Spelling

Use Canadian spelling: *colour*, *centre*, *program* (not *programme*), *cheque*, *travelling*, *analyze*.

## Numbers

- Spell out one to nine; use figures for 10 and above.
- Use figures with units and money: *5 km*, *$3 million*, *7%*.
- In English, use a comma for thousands (*25,000*) and a point for decimals (*2.5*). French is different:
  see the French version of this guide.

## Dates and times

| Write | Not |
|---|---|
| March 31, 2025 | 31/03/25, March 31st |
| 2024-25 fiscal year | FY 24/25 |
| 9:30 am | 9:30 a.m., 09h30 |
| 2:00 to 4:00 pm | 2-4 |

## Titles and capitals

Capitalize a job title before a name (*Director Marie Tremblay*) but not after it or alone (*Marie Tremblay,
director of the digital workplace*). Write branch and program names as they are officially named.

## Inclusive language

Use *they* for a person whose gender is unknown or not relevant. Describe people, not conditions:
*a person with a disability*, *people who use wheelchairs*. When in doubt, ask the people concerned.

## Abbreviations

Spell out an abbreviation at its first use, with the short form in brackets: *employee assistance program
(EAP)*. Avoid abbreviations the reader will see only once.
"""),
        ("nathalie.gagnon", "Linked the French guide and added email signatures", [
            ("## Abbreviations", """\
## Email signatures

Signatures are bilingual, with the language of the work unit first. For example:

```text
Priya Sharma
Senior Policy Analyst | Analyste principale des politiques
Health Policy Branch | Direction des politiques de santé
priya.sharma@example.org | 613-555-0142
```

## Abbreviations"""),
            (None, "Version française : [[Communications/Guide de rédaction|Guide de rédaction]]."),
        ]),
        ("james.chen", "Time format: we now write a.m. and p.m.", [
            ("| 9:30 am | 9:30 a.m., 09h30 |\n| 2:00 to 4:00 pm | 2-4 |",
             "| 9:30 a.m. | 9:30 am, 09h30 |\n| 2:00 to 4:00 p.m. | 2-4 |"),
        ]),
        ("sarah.obrien", "Added a note on plain language", [
            ("This guide covers the questions writers ask most often.",
             "This guide covers the questions writers ask most often. Style is the second step: first make sure the\n"
             "text is clear (see [[Communications/Plain language]])."),
        ]),
    ]),
    dict(path="Communications/Plain_language", title="Plain language", language="en", revisions=[
        ("priya.sharma", "Plain language tips", """\
Plain language is writing that the intended readers can find, understand and use the first time they
read it. It is not "dumbing down": specialists read plain language faster too.

## Before you write

- Who will read this, and what do they need to do after reading it?
- What is the one thing they must remember? Put it first.

## While you write

- Use short sentences: aim for an average of 15 to 20 words.
- Prefer the active voice: *The committee approved the plan*, not *The plan was approved*.
- Use everyday words: *use* rather than *utilize*, *help* rather than *facilitate*, *about* rather than
  *with respect to*.
- Break long text with headings that say what the section is about.
- Use lists for steps and options, tables for comparisons.

## After you write

Read it aloud. Ask someone outside your team to read it and tell you, in their own words, what it says.
If they cannot, rewrite.

## Further reading

The [Language Portal of Canada](https://www.noslangues-ourlanguages.gc.ca/en/) has writing tips and
quizzes in both official languages.
"""),
        ("james.chen", "Added a before-and-after example", [
            ("## After you write", """\
## An example

> **Before:** Pursuant to the aforementioned directive, employees are required to ensure that all requests
> for reimbursement are submitted no later than 30 days subsequent to the date of travel completion.
>
> **After:** Submit your travel claim within 30 days of coming back.

## After you write"""),
        ]),
    ]),
]


# --- Official languages and accessibility ------------------------------------------------------

LANGUAGES_AND_ACCESSIBILITY = [
    dict(path="Official_languages", title="Official languages", language="en", revisions=[
        ("marie.tremblay", "Our obligations and rights, in short", """\
English and French have equal status in our organization. This is a legal obligation under the
*Official Languages Act*, and it is also simply how we work: colleagues and members of the public deserve
to be served and to work in the language they choose.

## Serving the public

- Greet people in both languages ("Hello, bonjour") in person and on the phone.
- Answer in the language the person chooses, with the same quality and speed.
- Publish everything for the public in both languages **at the same time**.

## Language of work

In regions designated bilingual for language-of-work purposes, you have the right to:

- be supervised in the official language of your choice;
- receive training, tools and work instruments in your language;
- write documents and speak in meetings in your language.

Managers must make these rights real: for example, by chairing meetings in both languages (see
[[Official languages/Bilingual meetings]]).

## Getting help

- Translation requests go through the translation bureau; allow at least five working days.
- For terminology, use [TERMIUM Plus](https://www.btb.termiumplus.gc.ca/).
- Complaints can be made to the
  [Office of the Commissioner of Official Languages](https://www.clo-ocol.gc.ca/en).

This wiki lets you pair a page with its translation: use **Translation** on the page menu.
"""),
        ("nathalie.gagnon", "Added second-language training and the French link", [
            ("## Getting help", """\
## Second-language training

Employees can ask for second-language training as part of their learning plan. Part-time courses, online
self-study tools and conversation groups are available; full-time training is reserved for employees
appointed to a bilingual position who do not yet meet its requirements.

## Getting help"""),
            (None, "Version française : [[Langues officielles]]."),
        ]),
        ("james.chen", "Reworded the greeting advice", [
            ('- Greet people in both languages ("Hello, bonjour") in person and on the phone.',
             '- Greet people in both languages ("Hello, bonjour") in person and on the phone, and in your voicemail\n'
             '  greeting and out-of-office message.'),
        ]),
    ]),
    dict(path="Accessibility", title="Accessibility", language="en", revisions=[
        ("priya.sharma", "Accessibility hub page", """\
We want a workplace where nobody has to ask twice. Accessibility is about removing barriers: in buildings,
in technology, in documents, in meetings, in hiring and in the services we provide to the public.

## Our accessibility plan

Our organization publishes an accessibility plan and yearly progress reports, as the *Accessible Canada
Act* requires. The plan covers seven areas: employment, the built environment, information and
communication technologies, communications, procurement, program and service design, and transportation.
Employees with disabilities were consulted in writing it.

## Workplace accommodation

If you need an adjustment to do your job (equipment, software, a different schedule, a quieter space),
talk to your manager. You do not have to disclose a diagnosis, only what you need. Your manager can ask
the accessibility team for advice and funding.

## Making your work accessible

- Documents: [[Accessibility/Accessible documents]]
- Meetings: share material in advance, turn on captions, describe what you show on screen.
- Web content: follow the [Web Content Accessibility Guidelines](https://www.w3.org/WAI/standards-guidelines/wcag/)
  (WCAG 2.1, level AA).

## Give feedback

Anyone can report a barrier, anonymously if they wish, through the accessibility feedback form. Every
report is read and answered.
"""),
        ("aisha.mohamed", "Accessible procurement: added the checklist reference", [
            ("## Give feedback", """\
## Buying accessible products

When you buy goods or services, consider accessibility from the start: ask suppliers about it in the
requirements, not after the contract is signed. See [[Procurement/Buying under 25000]].

## Give feedback"""),
        ]),
        ("marie.tremblay", "Linked the French version; mentioned the workplace passport", [
            ("You do not have to disclose a diagnosis, only what you need.",
             "You do not have to disclose a diagnosis, only what you need. Ask about the *workplace accessibility\n"
             "passport*: it records your agreed adjustments so you do not have to explain them again when you change\n"
             "jobs."),
            (None, "Version française : [[Accessibilité]]."),
        ]),
    ]),
    dict(path="Accessibility/Accessible_documents", title="Accessible documents", language="en", revisions=[
        ("james.chen", "Checklist for Word and PowerPoint", """\
An accessible document can be read by everyone, including people who use a screen reader, magnification
or voice control. Most of the work is simply using the tools as they were designed.

## Checklist

1. **Use real headings** (Heading 1, Heading 2...) from the styles, not bold text in a bigger font.
2. **Add alternative text** to every meaningful image: describe what it shows and why it is there. Mark
   decorative images as decorative.
3. **Write meaningful link text**: *the 2024 annual report*, not *click here*.
4. **Use simple tables** with a header row; no merged cells, no tables for layout.
5. **Check contrast**: dark text on a light background; never colour alone to convey meaning.
6. **Set the document language**, and mark passages in the other language.
7. **Run the accessibility checker** (Review > Check Accessibility) and fix what it finds.

## PDFs

Create PDFs from an accessible source document with *Save as PDF*, not by printing to PDF or scanning.
A scanned page is a picture: a screen reader cannot read it.

## Need help?

The Communications Branch can check a document before it is published. Allow five working days.
"""),
        ("priya.sharma", "Slides: added reading order", [
            ("7. **Run the accessibility checker**", """\
7. **In slides, check the reading order** (Home > Arrange > Selection Pane): screen readers follow it,
   not the position on the slide.
8. **Run the accessibility checker**"""),
        ]),
        ("sarah.obrien", "Added a note on forms", [
            ("## Need help?", """\
## Forms

Fillable PDF forms are hard to make accessible. Prefer an online form, or a simple Word document with
clearly labelled blanks.

## Need help?"""),
        ]),
    ]),
]


# --- Projects ----------------------------------------------------------------------------------

PROJECTS = [
    dict(path="Projects", title="Projects", language="en", revisions=[
        ("luc.bergeron", "List of active projects", """\
Major projects keep a page here so anyone can see what is under way, who leads it and how to get involved.
To add a project, create a page below this one and add it to the table.

| Project | Lead | Status |
|---|---|---|
| [[Projects/Digital workplace]] | Marie Tremblay | In progress |
| [[Projects/Data strategy]] | Jean-François Roy | Planning |
| Building renewal | Facilities | On hold |

## What a project page should say

- the problem the project solves, in two or three sentences;
- who is on the team and who to contact;
- the main milestones and where the project stands;
- how people outside the team can help or give feedback.
"""),
        ("jean-francois.roy", "Data strategy page is in French for now", [
            ("| [[Projects/Data strategy]] | Jean-François Roy | Planning |",
             "| [[Projets/Stratégie des données]] (en français) | Jean-François Roy | In progress |"),
        ]),
    ]),
    dict(path="Projects/Digital_workplace", title="Digital workplace project", language="en", revisions=[
        ("marie.tremblay", "Project charter summary", """\
The digital workplace project replaces our patchwork of shared drives, email attachments and old intranet
sites with one set of modern, bilingual collaboration tools. This wiki is one of them.

## Why

- Employees spend too long looking for information: in a 2024 survey, 62% said they could not easily find
  the latest version of a document.
- Knowledge leaves with people when they retire or change jobs.
- Our current intranet is hard to update and fails accessibility tests.

## What we are delivering

1. **OPSspace**, this intranet: wiki, blogs, profiles and search, in English and French.
2. **Cloud document storage** with versioning, replacing personal shared-drive folders.
3. **Team chat and video** for everyone, including staff in regional offices.
4. Training, champions in every branch, and support.

## Principles

- *Open by default*: share with everyone unless there is a reason not to.
- *Bilingual by design*: both languages from the first day, not translated after.
- *Accessible for all*: WCAG 2.1 AA, tested with people who use assistive technology.

## Team

| Role | Name |
|---|---|
| Executive sponsor | Assistant Deputy Minister, Corporate Services |
| Project director | Marie Tremblay |
| IT project manager | Luc Bergeron |
| Change and communications | James Chen |

See the [[Projects/Digital workplace/Roadmap|roadmap]] for dates.
"""),
        ("luc.bergeron", "Added the champions network", [
            ("## Team", """\
## Digital champions

Each branch has one or two volunteer *digital champions* who try new tools first, help colleagues and
tell the project team what does not work. Interested? Write to the project mailbox,
digital-workplace@example.org.

## Team"""),
        ]),
        ("james.chen", "Survey figure corrected (it was 2023, not 2024)", [
            ("in a 2024 survey, 62% said", "in the 2023 employee survey, 62% said"),
        ]),
        ("marie.tremblay", "Linked the French version", [
            (None, "Version française : [[Projets/Milieu de travail numérique|Projet Milieu de travail numérique]]."),
        ]),
    ]),
    dict(path="Projects/Digital_workplace/Roadmap", title="Digital workplace roadmap", language="en", revisions=[
        ("luc.bergeron", "First roadmap", """\
Dates are targets, reviewed monthly by the steering committee. Changes are noted in this page's history.

| Phase | What | Target |
|---|---|---|
| 1 | Intranet pilot with two branches | Spring 2025 |
| 2 | Intranet for everyone; old intranet read-only | Fall 2025 |
| 3 | Shared drives migrated to cloud storage | Winter 2026 |
| 4 | Old intranet and shared drives retired | Spring 2026 |

## Phase 1: pilot

The pilot branches are Corporate Services and Health Policy. Their feedback decides what changes before
everyone moves in: navigation, search quality, the bilingual page pairing, and the editing experience.

## Risks we are watching

- **Migration effort**: thousands of old pages, most of them out of date. We will move only what owners
  confirm is still needed.
- **Translation capacity**: the translation bureau is already busy. Teams should plan their bilingual
  content early.
- **Change fatigue**: many new tools at once. Training is short and practical, and champions help nearby.
"""),
        ("marie.tremblay", "Phase 2 moved to winter after the steering committee", [
            ("| 2 | Intranet for everyone; old intranet read-only | Fall 2025 |",
             "| 2 | Intranet for everyone; old intranet read-only | Winter 2025-26 |"),
        ]),
        ("luc.bergeron", "Phase 1 done: added the lessons learned", [
            ("## Risks we are watching", """\
## Pilot results

The pilot ran for ten weeks with about 300 people. What we changed because of it:

- search now shows page titles in both languages;
- the editor keeps your text if someone else saved the page meanwhile, instead of losing it;
- the page tree is shown by default on the wiki home.

## Risks we are watching"""),
        ]),
    ]),
]


# --- Procurement -------------------------------------------------------------------------------

PROCUREMENT = [
    dict(path="Procurement", title="Procurement", language="en", revisions=[
        ("aisha.mohamed", "Procurement hub page", """\
Procurement buys the goods and services the organization needs, fairly, openly and at the best value for
taxpayers. Every purchase, however small, is public money and can be audited.

## Which route?

| Value (taxes included) | Route |
|---|---|
| Under $10,000, goods | Acquisition card, if you hold one |
| Under $25,000 | Low-dollar purchase by your branch |
| $25,000 and more | Competitive process run by the procurement team |
| Any value, from a standing offer | Call-up against the standing offer |

The first two routes have their own pages: [[Procurement/Acquisition cards|acquisition cards]] and
[[Procurement/Buying under 25000|buying under $25,000]].

## Plan ahead

Competitive processes take time: usually **three to six months** from the first conversation to a signed
contract. Talk to us early, when you are still defining the need.

## Never split a requirement

Dividing one need into several smaller contracts to stay under a limit is contract splitting. It is not
allowed, and auditors look for it.

## Contact

procurement@example.org, or ext. 2800. Office hours every Tuesday from 1:00 to 3:00 p.m. for quick questions.
"""),
        ("sarah.obrien", "Added the public contracting portal", [
            ("## Plan ahead", """\
## Selling to the government

Suppliers find federal opportunities on [CanadaBuys](https://canadabuys.canada.ca/en). If a supplier asks
you how to do business with us, send them there, and do not discuss an upcoming requirement with only one
of them.

## Plan ahead"""),
        ]),
        ("aisha.mohamed", "Office hours moved to Wednesdays", [
            ("Office hours every Tuesday from 1:00 to 3:00 p.m.", "Office hours every Wednesday from 1:00 to 3:00 p.m."),
        ]),
    ]),
    dict(path="Procurement/Buying_under_25000", title="Buying goods and services under $25,000", language="en", revisions=[
        ("aisha.mohamed", "Step-by-step guide for low-dollar purchases", """\
Branches can buy goods and services worth less than **$25,000 (taxes included)** themselves, without a
competitive process run by the procurement team, as long as they follow the steps below. This covers most
day-to-day needs: a training course, a small piece of equipment, a facilitator for a workshop.

## Before you buy

1. **Define the need.** What exactly do you need, by when, and why? Write it down: two or three sentences
   are enough for a small purchase.
2. **Check existing tools.** Is there a standing offer or supply arrangement for this already? If so, you
   must use it. The procurement team keeps the list.
3. **Check the budget.** Your responsibility centre manager confirms that funds are available and commits
   them (*section 32* of the *Financial Administration Act*) **before** anything is ordered.

## Choosing a supplier

- Under $10,000: one quote is enough, but it must be reasonable. Keep a note of how you judged the price.
- From $10,000 to $25,000: ask for **at least three written quotes** when possible, and keep them all on
  file. If only one supplier can do the work, document why.
- Be fair: give every supplier the same information and the same deadline.

## Ordering

Create the purchase order in the financial system, attach the quotes and the approved need, and send it
to the supplier. Work must not start before the purchase order is signed.

## Receiving and paying

When the goods or services are received, confirm it in the financial system (*section 34*). Invoices are
paid within 30 days of receipt. Late payments cost interest, so do not let invoices sit in a drawer.

## Common mistakes

| Mistake | Why it matters |
|---|---|
| Ordering before funds are committed | Spending authority was not exercised |
| Splitting a need into smaller orders | Contract splitting, an audit finding |
| Verbal agreement with the supplier | No record, no protection for either side |
| Paying without confirming receipt | We may pay for something never delivered |

Questions: see [[Procurement]] for contacts.
"""),
        ("priya.sharma", "Clarified the 'one quote' rule", [
            ("- Under $10,000: one quote is enough, but it must be reasonable.",
             "- Under $10,000: one quote is enough, but the price must be fair and reasonable: compare with a\n"
             "  catalogue price or a past purchase."),
        ]),
        ("aisha.mohamed", "Added accessibility and green procurement", [
            ("## Choosing a supplier", """\
## Accessibility and the environment

Write accessibility requirements into the description of the need from the start (see [[Accessibility]]).
Prefer products with a recognized environmental certification, and ask whether the supplier takes back
packaging and old equipment.

## Choosing a supplier"""),
        ]),
        ("priya.sharma", "Added a worked example from our team's last workshop", [
            ("## Common mistakes", """\
## A worked example

The Health Policy Branch needed an outside facilitator for a two-day workshop with regional partners,
about $12,000 including taxes and travel. Here is what the team did, in order:

1. The analyst wrote a one-paragraph need: dates, number of participants, both official languages, the
   expected report after the workshop, and the accessibility needs of two participants.
2. The procurement team confirmed there was no standing offer for facilitation in that region.
3. The director, as responsibility centre manager, committed the funds in the financial system.
4. The team asked three facilitators for quotes on the same description, with the same one-week deadline.
   Two answered; the team kept both quotes and an email showing the third was asked.
5. The analyst compared price and experience in a short table, chose the supplier, and created the purchase
   order with everything attached.
6. After the workshop, the analyst confirmed the service was received and the report delivered, then sent
   the invoice for payment the same week.

Total time from the first email to the signed purchase order: eight working days.

## Common mistakes"""),
        ]),
        ("sarah.obrien", "Invoices: 30 days from the later of receipt of invoice or goods", [
            ("Invoices are\npaid within 30 days of receipt.",
             "Invoices are\npaid within 30 days of the invoice or the delivery, whichever comes later."),
        ]),
        ("aisha.mohamed", "Linked the French version", [
            (None, "Version française : [[Approvisionnement/Achats de moins de 25000|Achats de moins de 25 000 $]]."),
        ]),
    ]),
    dict(path="Procurement/Acquisition_cards", title="Acquisition cards", language="en", revisions=[
        ("aisha.mohamed", "Rules for acquisition card holders", """\
An acquisition card is a corporate credit card for small purchases of goods. It saves paperwork for
everyone, but it comes with rules.

## Who can have one

Employees whose job involves regular small purchases, with their director's approval and after the
online card holder course. The card is in your name and only you may use it.

## What you can buy

- Goods up to **$10,000** per transaction, taxes included.
- Registration fees for conferences and courses.

## What you cannot buy

- Travel and hospitality (use the travel card).
- Services from individuals, such as a consultant: that requires a contract.
- Anything personal, even if you plan to pay it back.

## Every month

Reconcile your statement within **ten working days** of receiving it: attach the receipts, code each
purchase and send it to your manager for approval. Unreconciled statements are reported to the branch head.
"""),
        ("james.chen", "Lost card procedure", [
            (None, """\
## Lost or stolen card

Call the bank's 24-hour number on the back of your statement, then tell the procurement team the next
working day."""),
        ]),
    ]),
]


# --- Health and safety, values and ethics ------------------------------------------------------

HEALTH_SAFETY_AND_ETHICS = [
    dict(path="Health_and_safety", title="Health and safety", language="en", revisions=[
        ("sarah.obrien", "Health and safety hub page", """\
Everyone has a part in keeping our workplaces safe: the employer provides safe conditions, managers make
sure the rules are followed, and employees work safely and report hazards.

## Your rights

Under the *Canada Labour Code*, every employee has three basic rights:

1. **The right to know** about hazards in the workplace.
2. **The right to participate** in identifying and fixing them, including through the health and safety
   committee.
3. **The right to refuse** dangerous work, following the procedure in the Code.

## Reporting a hazard or an incident

Tell your manager right away, then complete the hazardous occurrence report in the HR portal within
24 hours. Near misses count too: they are how we prevent the next accident.

## Pages in this section

- [[Health and safety/Emergency procedures]]: fire, medical emergencies, shelter in place
- [[Health and safety/Ergonomics and home offices]]: setting up a workstation that does not hurt

## Useful links

The [Canadian Centre for Occupational Health and Safety](https://www.ccohs.ca/) has clear fact sheets on
nearly every workplace topic.
"""),
        ("daniel.lefebvre", "Added psychological health and safety", [
            ("## Pages in this section", """\
## Psychological health and safety

Harassment and violence, excessive workload and chronic conflict are health and safety hazards too. The
[[Human resources/Employee assistance program|employee assistance program]] is available any time, and
the harassment and violence prevention process is explained on the HR portal.

## Pages in this section"""),
        ]),
        ("nathalie.gagnon", "Committee details and the French link", [
            ("including through the health and safety\n   committee.",
             "including through the health and safety\n   committee, which meets monthly and whose minutes are "
             "posted on the bulletin board near each elevator."),
            (None, "Version française : [[Santé et sécurité]]."),
        ]),
    ]),
    dict(path="Health_and_safety/Emergency_procedures", title="Emergency procedures", language="en", revisions=[
        ("sarah.obrien", "Building emergency procedures", """\
Read this page once now, not during an emergency. Each floor has **floor wardens** (orange vests) who guide
evacuations; follow their instructions.

## Fire alarm

1. Stop work, leave everything, and walk to the nearest exit. Do not use elevators.
2. Close doors behind you if you can do it safely.
3. Go to the assembly point: **the parking lot across the street, west side**.
4. Do not go back inside until the fire department or the chief warden says so.

If you need help to evacuate, tell your manager so a personal emergency evacuation plan can be prepared with
you. It stays confidential and is shared only with the floor wardens.

## Medical emergency

Call **911** first, then the security desk at ext. 5555 so they can meet the paramedics at the door. First
aid attendants are listed on the poster near each kitchen; a defibrillator (AED) is next to each elevator bank.

## Shelter in place

If told to shelter in place (for example during a chemical spill outside), stay inside, away from windows,
and wait for instructions on the public address system.

## Bomb threat or suspicious package

Do not touch it. Move away, call security at ext. 5555, and follow their instructions.
"""),
        ("luc.bergeron", "Assembly point changed during construction", [
            ("Go to the assembly point: **the parking lot across the street, west side**.",
             "Go to the assembly point: **the park behind the library on Elgin Street** (the parking lot is\n"
             "   closed for construction until further notice)."),
        ]),
        ("marie.tremblay", "Added emergency notifications", [
            ("## Bomb threat or suspicious package", """\
## Emergency notifications

Register your mobile phone in the emergency notification system to receive building closures and
emergency messages by text. It is voluntary and the number is used for nothing else.

## Bomb threat or suspicious package"""),
        ]),
        ("sarah.obrien", "Security desk extension corrected", [
            ("then the security desk at ext. 5555 so", "then the security desk at ext. 5500 so"),
            ("call security at ext. 5555,", "call security at ext. 5500,"),
        ]),
    ]),
    dict(path="Health_and_safety/Ergonomics_and_home_offices", title="Ergonomics and home offices", language="en", revisions=[
        ("priya.sharma", "Workstation set-up tips", """\
A workstation that fits you prevents sore necks, backs and wrists. Most adjustments take five minutes and
cost nothing.

## The basics

- **Chair**: feet flat on the floor or a footrest, thighs roughly horizontal, lower back supported.
- **Screen**: top of the screen at or slightly below eye level, about an arm's length away. With two
  screens, put the one you use most straight in front of you.
- **Keyboard and mouse**: elbows close to your body, wrists straight, shoulders relaxed.
- **Laptop**: do not work for hours on the laptop screen alone; use a separate keyboard, mouse and monitor.

## Move

Change position often. Stand up at least once an hour, even for a minute. Look away from the screen every
20 minutes at something far away.

## At home

Your telework agreement includes a short self-assessment of your home workstation. You can borrow a
monitor, keyboard, mouse and headset from the office; ask your manager. A chair can be provided when a
medical or ergonomic assessment recommends it.
"""),
        ("daniel.lefebvre", "Ergonomic assessments: how to ask", [
            (None, """\
## Ergonomic assessment

If you have pain that does not go away after adjusting your workstation, ask your manager for an ergonomic
assessment. An occupational therapist will look at your workstation, at work or by video at home, and
recommend changes or equipment."""),
        ]),
    ]),
    dict(path="Values_and_ethics", title="Values and ethics", language="en", revisions=[
        ("nathalie.gagnon", "Overview of the code and the advisory service", """\
Public servants are trusted with public money, information and authority. Our code of values and ethics
describes what that trust asks of us: respect for democracy, respect for people, integrity, stewardship and
excellence.

## Conflicts of interest

A conflict of interest exists when a personal interest could influence, or seem to influence, your work:
a family member bidding on a contract you manage, a side business in the same field, a board seat. Having
one is not wrong; hiding it is. Declare it to your manager using the confidential report form, and update
it when your situation changes.

## Gifts and hospitality

As a rule, do not accept gifts, hospitality or other benefits that could influence your judgment or seem to.
Modest, occasional hospitality in the normal course of work (a coffee at a meeting, a lunch at a conference
open to all participants) is generally acceptable. When in doubt, ask before accepting.

## Political activities

You may take part in political activities as a citizen, but some activities, such as being a candidate,
need permission first. The rules depend on your level and duties.

## Disclosure of wrongdoing

If you see serious wrongdoing (a misuse of public funds, a danger to life or health, a serious breach of the
code), you can disclose it to your manager, to the senior officer for internal disclosure, or to the Public
Sector Integrity Commissioner. The law protects you from reprisal.

## Ask us

The values and ethics office gives confidential advice: ethics@example.org. No question is too small.
"""),
        ("priya.sharma", "Social media: added a short section", [
            ("## Disclosure of wrongdoing", """\
## Social media

You can use social media in your private life. Do not speak for the organization unless that is your job,
do not share information you learned at work that is not public, and remember that posts live forever.

## Disclosure of wrongdoing"""),
        ]),
        ("nathalie.gagnon", "Annual declaration reminder and French link", [
            ("and update\nit when your situation changes.",
             "and update\nit when your situation changes. Everyone confirms their declaration once a year, in "
             "the fall."),
            (None, "Version française : [[Valeurs et éthique]]."),
        ]),
        ("james.chen", "Reworded the hospitality example", [
            ("(a coffee at a meeting, a lunch at a conference\nopen to all participants)",
             "(coffee served at a meeting, a lunch included in a\nconference for all participants)"),
        ]),
    ]),
]


# --- All pages: English first, then French (see demo_wiki_fr); pairs are linked once all exist ----

PAGES = (HUMAN_RESOURCES + IT_SERVICE_DESK + COMMUNICATIONS + LANGUAGES_AND_ACCESSIBILITY + PROJECTS
         + PROCUREMENT + HEALTH_SAFETY_AND_ETHICS + PAGES_FR)
