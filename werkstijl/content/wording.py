"""The wording of every content and template problem, in English and Dutch.

Marketers read these messages (in `python -m werkstijl check` and the staff studio), so the words
live here, in one catalogue, and the checks only name a key. The YAML reader's own messages
(syntax, types, missing keys) and the language machinery live one level down, in
`werkstijl.yamlsrc.wording`; this catalogue includes them, so `say` knows every key.

To add a message: add a key with both "en" and "nl" (same {placeholders}), then `say(key, ...)`.
"""

from __future__ import annotations

from werkstijl.content.wording_cli import CLI_WORDING
from werkstijl.content.wording_group import GROUP_WORDING
from werkstijl.yamlsrc.wording import CATALOGUE as READER_CATALOGUE
from werkstijl.yamlsrc.wording import (
    current_language,
    message_language,
    os_reason,
    placeholders,
    say_from,
)

__all__ = [
    "CATALOGUE",
    "current_language",
    "message_language",
    "os_reason",
    "placeholders",
    "say",
]

CATALOGUE: dict[str, dict[str, str]] = {
    **READER_CATALOGUE,
    # Raised by the models' own validators (werkstijl/content/models.py).
    "model.time_number": {
        "en": 'YAML reads {found} as a number, not a time: write "{time}" (two digits, a colon, in quotes)',
        "nl": 'YAML leest {found} als een getal, niet als een tijd: schrijf "{time}" (twee cijfers, een dubbele punt, tussen aanhalingstekens)',
    },
    "model.block_end": {
        "en": "the block must end after it starts ({start}), found end {end}",
        "nl": "het blok moet later eindigen dan het begint ({start}), maar het eindigt om {end}",
    },
    "model.negative_scores": {
        "en": "scores cannot be negative",
        "nl": "scores mogen niet negatief zijn",
    },
    "model.no_points": {
        "en": "this option gives no points to any profile: give at least one a score",
        "nl": "dit antwoord geeft geen enkel profiel punten: geef er minstens één een score",
    },
    # texts/site.yaml training_mail: the trainer's bulk mail (bulkmail).
    "model.missing_placeholder": {
        "en": "this text has no {name}: it is filled in for every participant, write it where it belongs (in Dutch and in English)",
        "nl": "in deze tekst staat geen {name}: die wordt voor elke deelnemer ingevuld, zet hem waar hij hoort (in het Nederlands en in het Engels)",
    },
    "model.untitled_has_title": {
        "en": "this text is used when the trainer gave no title, so it cannot hold {{title}}: write it without, e.g. 'your training'",
        "nl": "deze tekst wordt gebruikt als de trainer geen titel gaf, dus er kan geen {{title}} in staan: schrijf hem zonder, bijvoorbeeld 'je training'",
    },
    # Across files (crosscheck.py).
    "kind.profile": {"en": "profile", "nl": "profiel"},
    "kind.question": {"en": "question", "nl": "vraag"},
    "kind.tip": {"en": "tip", "nl": "tip"},
    "category.email": {"en": "email", "nl": "e-mail"},
    "category.agenda": {"en": "calendar", "nl": "agenda"},
    "cross.duplicate_id": {
        "en": "duplicate {kind} id '{id}': also used at {path}:{line}; every id must be unique: rename one of them",
        "nl": "{kind}-id '{id}' komt twee keer voor: het staat ook op {path}:{line}; elk id moet uniek zijn: geef een van beide een andere naam",
    },
    "cross.same_order": {
        "en": "profile '{id}' has order {order}, like profile '{other}': give each profile its own position",
        "nl": "profiel '{id}' heeft 'order: {order}', net als profiel '{other}': geef elk profiel een eigen plek",
    },
    "cross.two_profiles": {
        "en": "at least two profiles are needed for a quiz",
        "nl": "een quiz heeft minstens twee profielen nodig",
    },
    "cross.unknown_profile": {
        "en": "{what} names profile '{name}', which does not exist; known profiles: {known}",
        "nl": "{what} noemt profiel '{name}', maar dat bestaat niet; bekende profielen: {known}",
    },
    "cross.no_tips": {
        "en": "no {label} tips found: add a file with 'category: {category}'",
        "nl": "geen {label}tips gevonden: voeg een bestand toe met 'category: {category}'",
    },
    "cross.thin": {
        "en": "profile '{id}' has only {count} {label} tips; its PDF section will be thin: aim for at least {minimum}",
        "nl": "profiel '{id}' heeft maar {count} {label}tips; dat deel van de PDF wordt dun: mik op minstens {minimum}",
    },
    "cross.thin_one": {
        "en": "profile '{id}' has only 1 {label} tip; its PDF section will be thin: aim for at least {minimum}",
        "nl": "profiel '{id}' heeft maar 1 {label}tip; dat deel van de PDF wordt dun: mik op minstens {minimum}",
    },
    # The plan: week rhythms, references to their blocks, start plans, options (plancheck.py).
    "rhythm.duplicate_block": {
        "en": "block id '{id}' is used twice in this week rhythm: give every block its own id",
        "nl": "blok-id '{id}' staat twee keer in dit weekritme: geef elk blok een eigen id",
    },
    "rhythm.overlap": {
        "en": "block '{id}' overlaps block '{other}' on {day}: move one of them so a visitor's calendar has no double bookings",
        "nl": "blok '{id}' overlapt met blok '{other}' op {day}: verschuif een van beide, zodat de agenda van een bezoeker geen dubbele afspraken krijgt",
    },
    "rhythm.range_missing": {
        "en": "{owner} writes '{words}', but the week rhythm of profile '{profile}' has no block from {start} to {end}: refer to a block instead ({blocks}), so the times come from the rhythm",
        "nl": "{owner} schrijft '{words}', maar het weekritme van profiel '{profile}' heeft geen blok van {start} tot {end}: verwijs liever naar een blok ({blocks}), dan komen de tijden uit het weekritme",
    },
    "rhythm.time_missing": {
        "en": "{owner} writes the time {time}, but no block in the week rhythm of profile '{profile}' starts or ends then: refer to a block instead ({blocks})",
        "nl": "{owner} noemt het tijdstip {time}, maar geen blok in het weekritme van profiel '{profile}' begint of eindigt dan: verwijs liever naar een blok ({blocks})",
    },
    "rhythm.days_missing": {
        "en": "{owner} writes '{words}', but the week rhythm of profile '{profile}' has no block on exactly those days: refer to a block instead ({blocks})",
        "nl": "{owner} schrijft '{words}', maar het weekritme van profiel '{profile}' heeft geen blok op precies die dagen: verwijs liever naar een blok ({blocks})",
    },
    "rhythm.also": {
        "en": " (the same for profile {profiles}, which also reads this text)",
        "nl": " (hetzelfde geldt voor profiel {profiles}, dat deze tekst ook leest)",
    },
    "rhythm.also_many": {
        "en": " (the same for profiles {profiles}, which also read this text)",
        "nl": " (hetzelfde geldt voor de profielen {profiles}, die deze tekst ook lezen)",
    },
    "rhythm.unknown_block": {
        "en": "{owner} refers to block '{{{block}}}', but the week rhythm of profile '{profile}' has no block with that id; its blocks: {blocks}",
        "nl": "{owner} verwijst naar blok '{{{block}}}', maar het weekritme van profiel '{profile}' heeft geen blok met dat id; de blokken zijn: {blocks}",
    },
    "variant.not_for_profile": {
        "en": "tip '{id}' has wording for profile '{profile}', which is not in its 'profiles' list: add the profile there or remove this wording",
        "nl": "tip '{id}' heeft een tekst voor profiel '{profile}', maar dat profiel staat niet in de lijst 'profiles': voeg het daar toe of haal deze tekst weg",
    },
    "option.describes_other": {
        "en": "{owner} describes profile '{describes}', but its highest points go to {top}: give '{describes}' the most points, or change 'describes' to the profile these words are about",
        "nl": "{owner} beschrijft profiel '{describes}', maar de meeste punten gaan naar {top}: geef '{describes}' de meeste punten, of zet bij 'describes' het profiel waar deze woorden over gaan",
    },
    "plan.unknown_tip": {
        "en": "the start plan names tip '{id}', which does not exist",
        "nl": "het startplan noemt tip '{id}', maar die bestaat niet",
    },
    "plan.not_for_profile": {
        "en": "the start plan names tip '{id}', which is not for profile '{profile}': choose one of its tips, or add '{profile}' to the tip's 'profiles'",
        "nl": "het startplan noemt tip '{id}', maar die is niet voor profiel '{profile}': kies een van zijn tips, of voeg '{profile}' toe aan 'profiles' van de tip",
    },
    "plan.no_block": {
        "en": "the start plan names tip '{id}', whose text refers to no block of the week rhythm of profile '{profile}': a habit needs a place in the week, so add a reference like {{{example}}} to its text",
        "nl": "het startplan noemt tip '{id}', maar de tekst verwijst naar geen enkel blok uit het weekritme van profiel '{profile}': een gewoonte heeft een plek in de week nodig, dus zet een verwijzing zoals {{{example}}} in de tekst",
    },
    "plan.repeated": {
        "en": "tip '{id}' appears twice in this start plan: every week adds a different habit",
        "nl": "tip '{id}' staat twee keer in dit startplan: elke week komt er een andere gewoonte bij",
    },
    "plan.close_self": {
        "en": "'close' names this profile itself; name the runner-up profiles instead",
        "nl": "bij 'close' staat dit profiel zelf; noem daar de andere profielen",
    },
    "plan.close_side": {
        "en": "the first step for a strong '{runner_up}' side, tip '{id}', is not for profile '{runner_up}': choose a tip that names both profiles",
        "nl": "de eerste stap voor een sterke '{runner_up}'-kant, tip '{id}', is niet voor profiel '{runner_up}': kies een tip die beide profielen noemt",
    },
    "plan.close_missing": {
        "en": "no first step for a strong '{runner_up}' side: a close result then gets the same plan as a clear one; add '{runner_up}: <tip id>' under 'close'",
        "nl": "geen eerste stap voor een sterke '{runner_up}'-kant: een nipte uitslag krijgt dan hetzelfde plan als een duidelijke; voeg '{runner_up}: <tip-id>' toe onder 'close'",
    },
    "site.no_first_step": {
        "en": "'mail_body' has no {{first_step}}: the mail must name the visitor's first step; add it on a line of its own",
        "nl": "in 'mail_body' staat geen {{first_step}}: de mail moet de eerste stap van de bezoeker noemen; zet hem op een eigen regel",
    },
    "site.no_start": {
        "en": "'{key}' has no {{start}}: the mail then does not say on which Monday the first step starts, while the page, the PDF and the calendar file do; write it where the first step is introduced, e.g. 'Your first step, from {{start}}:'",
        "nl": "in '{key}' staat geen {{start}}: de mail zegt dan niet op welke maandag de eerste stap begint, terwijl de pagina, de PDF en het agendabestand dat wel doen; zet hem waar de eerste stap wordt ingeleid, bijvoorbeeld 'Jouw eerste stap, vanaf {{start}}:'",
    },
    # The quiz settings (crosscheck.check_quiz_settings): the early end.
    "cross.min_questions": {
        "en": "min_questions is {minimum} but there are {count} questions, so the quiz never ends early: lower it, or write 'early_end: false' if that is what you want",
        "nl": "min_questions is {minimum}, maar er zijn {count} vragen, dus de test stopt nooit eerder: verlaag het getal, of schrijf 'early_end: false' als je dat bedoelt",
    },
    # Loading (loader.py).
    "load.no_english": {
        "en": "no English text ('en'): English visitors will see the Dutch text",
        "nl": "geen Engelse tekst ('en'): Engelstalige bezoekers zien de Nederlandse tekst",
    },
    "load.no_files": {
        "en": "no {what} found: add at least one .yaml file",
        "nl": "geen {what} gevonden: voeg minstens één .yaml-bestand toe",
    },
    "files.profiles": {"en": "profile files", "nl": "profielbestanden"},
    "files.questions": {"en": "question files", "nl": "vragenbestanden"},
    "files.tips": {"en": "tip files", "nl": "tipbestanden"},
    "load.skipped": {
        "en": " (checks that depend on this file were skipped until it can be read)",
        "nl": " (controles die van dit bestand afhangen, zijn overgeslagen tot het leesbaar is)",
    },
    "load.no_site": {
        "en": "the site texts file is missing: restore texts/site.yaml",
        "nl": "het bestand met de siteteksten ontbreekt: zet texts/site.yaml terug",
    },
    # The weights (scoring.py) and the summary line (check.py).
    "balance.unbalanced": {
        "en": "the weights are unbalanced: visitors who answer at random come out as {summary}; each should be between {low:.0%} and {high:.0%}: even out the points per profile",
        "nl": "de punten zijn uit balans: bezoekers die willekeurig antwoorden, komen uit op {summary}; elk profiel hoort tussen {low:.0%} en {high:.0%} te zitten: verdeel de punten eerlijker over de profielen",
    },
    # Answer lists that cannot be scored (scoring.py): `score`, `pdf`/`ics --answers`, bulk rows.
    "answers.not_numbers": {
        "en": "answers must be option numbers separated by commas, like 1,3,2; found '{found}'",
        "nl": "antwoorden moeten antwoordnummers zijn, gescheiden door komma's, zoals 1,3,2; "
        "maar er staat '{found}'",
    },
    "answers.count": {
        "en": "expected {expected} answers (one per question), found {found}",
        "nl": "er horen {expected} antwoorden te zijn (één per vraag), maar het zijn er {found}",
    },
    "answers.range": {
        "en": "answer {number} is {answer}, but question {number} ('{id}') has options 1 to "
        "{count}",
        "nl": "antwoord {number} is {answer}, maar vraag {number} ('{id}') heeft antwoorden 1 "
        "tot en met {count}",
    },
    "answers.undecided": {
        "en": "the answers stop after question {given}, before the profile is decided: {missing}",
        "nl": "de antwoorden stoppen na vraag {given}, voordat het profiel vaststaat: {missing}",
    },
    "answers.last_missing": {
        "en": "the answer to question {total} (the last) is missing",
        "nl": "het antwoord op vraag {total} (de laatste) ontbreekt",
    },
    "answers.some_missing": {
        "en": "{missing} of the {total} answers are missing (questions {next} to {total})",
        "nl": "er ontbreken {missing} van de {total} antwoorden (vraag {next} tot en met {total})",
    },
    "check.problems": {"en": "{count} problems found", "nl": "{count} problemen gevonden"},
    "check.problems_one": {"en": "1 problem found", "nl": "1 probleem gevonden"},
    "check.valid": {
        "en": "content is valid: {profiles} profiles, {questions} questions, {tips} tips ({per_category})",
        "nl": "de content is in orde: {profiles} profielen, {questions} vragen, {tips} tips ({per_category})",
    },
    "check.per_category": {"en": "{count} {label}", "nl": "{count} {label}"},
    "check.warnings": {"en": ", {count} warnings", "nl": ", {count} waarschuwingen"},
    "check.warnings_one": {"en": ", 1 warning", "nl": ", 1 waarschuwing"},
    # PDF templates (report/template.py, report/fonts.py).
    "template.unknown": {
        "en": "no such template (known: {known})",
        "nl": "dit template bestaat niet (bekende templates: {known})",
    },
    "template.outside": {
        "en": "{file} is outside the templates folder",
        "nl": "{file} staat buiten de map met templates",
    },
    "template.not_found": {"en": "file not found: {file}", "nl": "bestand niet gevonden: {file}"},
    "template.bad_font": {"en": "{file}: {error}", "nl": "{file}: {error}"},
    "template.font_unusable": {
        "en": "cannot be used as a TrueType font ({error})",
        "nl": "is niet bruikbaar als TrueType-lettertype ({error})",
    },
    "template.section_twice": {
        "en": "{name} lists a section twice",
        "nl": "in {name} staat een onderdeel twee keer",
    },
    # Edits from the staff studio (content/editing.py).
    "edit.not_editable": {
        "en": "'{path}' is not a content file that can be edited here",
        "nl": "'{path}' is geen contentbestand dat je hier kunt bewerken",
    },
    "edit.no_version": {
        "en": "no kept version '{name}' of {path}",
        "nl": "er is geen bewaarde versie '{name}' van {path}",
    },
    "edit.not_in_place": {
        "en": "this change cannot be made in {path} from the form ({reason}): make it in the YAML file editor",
        "nl": "deze wijziging kan niet vanuit het formulier in {path} ({reason}): maak haar in de YAML-bestandseditor",
    },
    "edit.no_tip": {
        "en": "there is no tip '{id}' in {path}",
        "nl": "er staat geen tip '{id}' in {path}",
    },
    "edit.not_profile_text": {
        "en": "'{key}' is not a profile text that can be edited in the form",
        "nl": "'{key}' is geen profieltekst die je in het formulier kunt bewerken",
    },
    # Mail set-up (werkstijl/delivery/health.py): `mail-check`, the start-up log, the staff
    # outbox. {where} is host:port, {detail} the server's own (English) words.
    "mail.ok": {
        "en": "mail can be delivered: {where} accepts our login and sender ({security})",
        "nl": "mail kan worden bezorgd: {where} accepteert onze login en afzender ({security})",
    },
    "mail.security.ssl": {"en": "encrypted with TLS", "nl": "versleuteld met TLS"},
    "mail.security.starttls": {"en": "encrypted with STARTTLS", "nl": "versleuteld met STARTTLS"},
    "mail.security.plain": {"en": "not encrypted", "nl": "niet versleuteld"},
    "mail.not_configured": {
        "en": "mail is off: WERKSTIJL_SMTP_HOST is not set, so visitors get the download only and "
        "mail queued by bulk --send waits in the outbox; set WERKSTIJL_SMTP_HOST (and _PORT, "
        "_USER, _PASSWORD)",
        "nl": "mail staat uit: WERKSTIJL_SMTP_HOST is niet ingesteld, dus bezoekers krijgen alleen "
        "de download en mail van bulk --send wacht in de uitgaande mail; stel WERKSTIJL_SMTP_HOST "
        "in (en _PORT, _USER, _PASSWORD)",
    },
    "mail.bad_sender": {
        "en": "mail cannot be sent: WERKSTIJL_MAIL_FROM is not an e-mail address; set it to e.g. "
        "'Werkstijltest <noreply@example.nl>'",
        "nl": "mail kan niet weg: WERKSTIJL_MAIL_FROM is geen e-mailadres; stel het in als "
        "bijvoorbeeld 'Werkstijltest <noreply@voorbeeld.nl>'",
    },
    "mail.unreachable": {
        "en": "mail cannot be delivered: the mail server {where} cannot be reached ({detail}); "
        "check WERKSTIJL_SMTP_HOST and _PORT",
        "nl": "mail kan niet worden bezorgd: de mailserver {where} is niet bereikbaar ({detail}); "
        "controleer WERKSTIJL_SMTP_HOST en _PORT",
    },
    "mail.timeout": {
        "en": "mail cannot be delivered: the mail server {where} does not answer in time; check "
        "WERKSTIJL_SMTP_HOST and _PORT, and any firewall in between",
        "nl": "mail kan niet worden bezorgd: de mailserver {where} antwoordt niet op tijd; "
        "controleer WERKSTIJL_SMTP_HOST en _PORT, en een eventuele firewall",
    },
    "mail.tls_missing": {
        "en": "mail cannot be delivered: {where} does not offer STARTTLS, which "
        "WERKSTIJL_SMTP_STARTTLS=true requires; use the server's TLS port (465 with "
        "WERKSTIJL_SMTP_SSL=true), or WERKSTIJL_SMTP_STARTTLS=auto for a relay without encryption",
        "nl": "mail kan niet worden bezorgd: {where} biedt geen STARTTLS, wat "
        "WERKSTIJL_SMTP_STARTTLS=true vereist; gebruik de TLS-poort van de server (465 met "
        "WERKSTIJL_SMTP_SSL=true), of WERKSTIJL_SMTP_STARTTLS=auto voor een relay zonder "
        "versleuteling",
    },
    "mail.plain_login": {
        "en": "mail cannot be delivered: {where} does not offer STARTTLS, so the password would "
        "go over an unencrypted line; use the server's submission port (587) or its TLS port "
        "(465 with WERKSTIJL_SMTP_SSL=true)",
        "nl": "mail kan niet worden bezorgd: {where} biedt geen STARTTLS, dus het wachtwoord zou "
        "onversleuteld over de lijn gaan; gebruik de verzendpoort van de server (587) of de "
        "TLS-poort (465 met WERKSTIJL_SMTP_SSL=true)",
    },
    "mail.tls_failed": {
        "en": "mail cannot be delivered: the encrypted connection to {where} failed ({detail}); "
        "port 465 needs WERKSTIJL_SMTP_SSL=true, port 587 does not; the server's certificate "
        "must be valid for WERKSTIJL_SMTP_HOST",
        "nl": "mail kan niet worden bezorgd: de versleutelde verbinding met {where} mislukte "
        "({detail}); poort 465 vraagt WERKSTIJL_SMTP_SSL=true, poort 587 niet; het certificaat "
        "van de server moet geldig zijn voor WERKSTIJL_SMTP_HOST",
    },
    "mail.auth_missing": {
        "en": "mail cannot be delivered: {where} offers no login, but WERKSTIJL_SMTP_USER is set; "
        "remove the user, or use the server's submission port (587)",
        "nl": "mail kan niet worden bezorgd: {where} biedt geen login, maar WERKSTIJL_SMTP_USER "
        "is ingesteld; laat de gebruiker weg, of gebruik de verzendpoort van de server (587)",
    },
    "mail.login_refused": {
        "en": "mail cannot be delivered: {where} refuses the login ({detail}); check "
        "WERKSTIJL_SMTP_USER and WERKSTIJL_SMTP_PASSWORD",
        "nl": "mail kan niet worden bezorgd: {where} weigert de login ({detail}); controleer "
        "WERKSTIJL_SMTP_USER en WERKSTIJL_SMTP_PASSWORD",
    },
    "mail.sender_refused": {
        "en": "mail cannot be delivered: {where} refuses the sender WERKSTIJL_MAIL_FROM ({detail}); "
        "use an address this server may send from",
        "nl": "mail kan niet worden bezorgd: {where} weigert de afzender WERKSTIJL_MAIL_FROM "
        "({detail}); gebruik een adres waarvandaan deze server mag versturen",
    },
    "mail.server_refused": {
        "en": "mail cannot be delivered: {where} refuses the connection ({detail})",
        "nl": "mail kan niet worden bezorgd: {where} weigert de verbinding ({detail})",
    },
    # Why one mail was not sent (werkstijl/delivery/reasons.py): stored and logged in English,
    # shown to staff in their language. {detail} is the mail server's own words; {reason}
    # another of these reasons. The English wording is what the code writes: change it only
    # together with the rows it must still read (older rows are shown as they are).
    "reason.gave_up": {
        "en": "gave up after {attempts} attempts: {reason}",
        "nl": "opgegeven na {attempts} pogingen: {reason}",
    },
    "reason.setup_wait": {
        "en": "waiting for the mail set-up: {reason}",
        "nl": "wacht op de mailinstellingen: {reason}",
    },
    "reason.unusable": {"en": "unusable message: {detail}", "nl": "onbruikbaar bericht: {detail}"},
    "reason.no_reply": {
        "en": "no reply after the message was sent: the server may have accepted it",
        "nl": "geen antwoord nadat het bericht was verstuurd: de server heeft het misschien "
        "aangenomen",
    },
    "reason.recipient_refused": {
        "en": "recipient refused: {detail}",
        "nl": "ontvanger geweigerd: {detail}",
    },
    "reason.sender_busy": {
        "en": "sender refused for now: {detail}",
        "nl": "afzender voorlopig geweigerd: {detail}",
    },
    "reason.sender_refused": {
        "en": "sender refused: {detail}",
        "nl": "afzender geweigerd: {detail}",
    },
    "reason.server_refused": {"en": "server refused: {detail}", "nl": "server weigert: {detail}"},
    "reason.feature": {
        "en": "server lacks a needed feature: {detail}",
        "nl": "de server mist een functie die nodig is: {detail}",
    },
    "reason.timed_out": {"en": "timed out", "nl": "geen antwoord binnen de wachttijd"},
    "reason.login_refused": {"en": "login refused: {detail}", "nl": "login geweigerd: {detail}"},
    "reason.login_failed": {"en": "login failed: {detail}", "nl": "login mislukt: {detail}"},
    "reason.starttls_failed": {
        "en": "STARTTLS with {where} failed: {detail}",
        "nl": "STARTTLS met {where} mislukt: {detail}",
    },
    "reason.tls_failed": {
        "en": "TLS with {where} failed: {detail}",
        "nl": "TLS met {where} mislukt: {detail}",
    },
    "reason.timeout": {
        "en": "{where} did not answer in time",
        "nl": "{where} antwoordde niet op tijd",
    },
    "reason.refused_us": {
        "en": "{where} refused us: {detail}",
        "nl": "{where} weigert de verbinding: {detail}",
    },
    "reason.unreachable": {
        "en": "cannot reach {where}: {detail}",
        "nl": "{where} is niet bereikbaar: {detail}",
    },
    "reason.no_auth": {
        "en": "{where} offers no login (AUTH)",
        "nl": "{where} biedt geen login (AUTH)",
    },
    "reason.no_starttls": {
        "en": "{where} does not offer STARTTLS, which WERKSTIJL_SMTP_STARTTLS=true requires",
        "nl": "{where} biedt geen STARTTLS, wat WERKSTIJL_SMTP_STARTTLS=true vereist",
    },
    "reason.plain_login": {
        "en": "{where} does not offer STARTTLS, so the password would go over a plain connection",
        "nl": "{where} biedt geen STARTTLS, dus het wachtwoord zou onversleuteld over de lijn gaan",
    },
    "reason.bad_sender": {
        "en": "WERKSTIJL_MAIL_FROM is not a valid address",
        "nl": "WERKSTIJL_MAIL_FROM is geen geldig adres",
    },
}
CATALOGUE |= CLI_WORDING  # the command line's own messages (bulk, errors), in their own file
CATALOGUE |= GROUP_WORDING  # texts/group.yaml and the group report, in their own file


def say(key: str, /, **values: object) -> str:
    """The message `key` in the current language (English when that wording is missing)."""
    return say_from(CATALOGUE, key, **values)
