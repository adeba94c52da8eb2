"""The wording of every content and template problem, in English and Dutch.

Marketers read these messages (in `python -m werkstijl check` and the staff studio), so the words
live here, in one catalogue, and the checks only name a key. The language is a context variable:
callers choose it for a block with `message_language("nl")`; without that, messages stay English
(the CLI contract and the tests rely on the English wording, character for character).

YAML key names, values and ids are quoted literally in both languages: they are what the marketer
types, so they must never be translated.

To add a message: add a key with both "en" and "nl" (same {placeholders}), then `say(key, ...)`.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from werkstijl.content.wording_cli import CLI_WORDING

LANGUAGES = ("en", "nl")
DEFAULT = "en"

_language: ContextVar[str] = ContextVar("werkstijl_message_language", default=DEFAULT)

CATALOGUE: dict[str, dict[str, str]] = {
    # YAML syntax (messages.py): a hint per known ruamel error, else its own words.
    "syntax.hint": {"en": "YAML syntax: {hint}", "nl": "YAML-syntaxis: {hint}"},
    "syntax.other": {
        "en": "YAML syntax: {problem}; check the indentation and quotes around this spot",
        "nl": "YAML-syntaxis: {problem}; controleer het inspringen en de aanhalingstekens rond deze plek",
    },
    "syntax.unreadable": {"en": "unreadable YAML", "nl": "onleesbare YAML"},
    "syntax.tab": {
        "en": "a tab is used here; YAML only accepts spaces for indentation: replace the tab by spaces",
        "nl": "hier staat een tab; YAML accepteert alleen spaties om in te springen: vervang de tab door spaties",
    },
    "syntax.duplicate_key": {
        "en": "this key appears twice in the same block: remove or rename one of them",
        "nl": "deze sleutel staat twee keer in hetzelfde blok: haal er een weg of geef een van beide een andere naam",
    },
    "syntax.colon": {
        "en": "a ':' where none is expected: check the indentation, or put quotes around a text that contains ': '",
        "nl": "hier staat een ':' waar die niet hoort: controleer het inspringen, of zet aanhalingstekens om een tekst met ': ' erin",
    },
    "syntax.missing_colon": {
        "en": "a line without 'key: value': check the indentation of this line or the one above, or a missing ':'",
        "nl": "een regel zonder 'sleutel: waarde': controleer het inspringen van deze regel of die erboven, of er mist een ':'",
    },
    "syntax.quote": {
        "en": "a quote is opened here but never closed: add the closing quote",
        "nl": "hier begint een aanhalingsteken dat nergens wordt afgesloten: zet het afsluitende aanhalingsteken erbij",
    },
    "syntax.indent": {
        "en": "the indentation does not line up with the lines above: align this line with its siblings",
        "nl": "het inspringen klopt niet met de regels erboven: laat deze regel net zo ver inspringen als de regels op hetzelfde niveau",
    },
    "syntax.list_item": {
        "en": "a list item does not line up with the items above: align its '-' with theirs",
        "nl": "een item in de lijst staat niet recht onder de items erboven: zet de '-' precies onder die van de andere items",
    },
    # How a found value reads (messages.describe).
    "value.nothing": {"en": "nothing", "nl": "niets"},
    "value.yes_no": {"en": "'{value}' (yes/no)", "nl": "'{value}' (ja/nee)"},
    "value.number": {"en": "the number {value}", "nl": "het getal {value}"},
    "value.text": {"en": "the text '{value}'", "nl": "de tekst '{value}'"},
    "value.list": {"en": "a list", "nl": "een lijst"},
    "value.block": {
        "en": "a block of 'key: value' lines",
        "nl": "een blok 'sleutel: waarde'-regels",
    },
    # Where in a file a problem is, in words.
    "where.file": {"en": "this file", "nl": "dit bestand"},
    "where.in": {"en": " in {owner}", "nl": " bij {owner}"},
    "owner.tip": {"en": "tip '{id}'", "nl": "tip '{id}'"},
    "owner.question": {"en": "question '{id}'", "nl": "vraag '{id}'"},
    "owner.option": {"en": "option '{id}'", "nl": "antwoord '{id}'"},
    "owner.profile": {"en": "profile '{id}'", "nl": "profiel '{id}'"},
    "owner.item": {"en": "item '{id}'", "nl": "onderdeel '{id}'"},
    "owner.option_n": {"en": "option {n}", "nl": "antwoord {n}"},
    "owner.option_n_of": {"en": "option {n} of {owner}", "nl": "antwoord {n} van {owner}"},
    "owner.this_option": {"en": "this option", "nl": "dit antwoord"},
    "owner.this_question": {"en": "this question", "nl": "deze vraag"},
    "word.or": {"en": " or ", "nl": " of "},
    "word.none": {"en": "none", "nl": "geen"},
    # Schema violations (messages.py).
    "field.missing_nl": {
        "en": "the Dutch text ('nl'){where} is missing: every text needs a Dutch version",
        "nl": "de Nederlandse tekst ('nl'){where} ontbreekt: elke tekst heeft een Nederlandse versie nodig",
    },
    "field.missing": {
        "en": "'{field}' is missing{where}: add it",
        "nl": "'{field}' ontbreekt{where}: voeg het toe",
    },
    "field.unknown": {
        "en": "unknown key '{field}'{where}",
        "nl": "onbekende sleutel '{field}'{where}",
    },
    "field.did_you_mean": {"en": ": did you mean '{key}'?", "nl": ": bedoel je '{key}'?"},
    "field.allowed": {
        "en": ": allowed here are {keys}",
        "nl": ": hier kun je deze gebruiken: {keys}",
    },
    "field.text": {
        "en": "'{field}'{where} should be a text, found {found}",
        "nl": "'{field}'{where} moet een tekst zijn, maar er staat {found}",
    },
    "field.whole_number": {
        "en": "'{field}'{where} should be a whole number, found {found}",
        "nl": "'{field}'{where} moet een heel getal zijn, maar er staat {found}",
    },
    "field.number": {
        "en": "'{field}'{where} should be a number, found {found}",
        "nl": "'{field}'{where} moet een getal zijn, maar er staat {found}",
    },
    "field.yes_no": {
        "en": "'{field}'{where} should be true or false, found {found}",
        "nl": "'{field}'{where} moet true of false zijn, maar er staat {found}",
    },
    "field.list": {
        "en": "'{field}'{where} should be a list (lines starting with '- '), found {found}",
        "nl": "'{field}'{where} moet een lijst zijn (regels die beginnen met '- '), maar er staat {found}",
    },
    "field.block": {
        "en": "'{field}'{where} should be a block of 'key: value' lines, found {found}",
        "nl": "'{field}'{where} moet een blok 'sleutel: waarde'-regels zijn, maar er staat {found}",
    },
    "field.no_score": {
        "en": "{owner} has no score: give at least one profile points, like {{operator: 2}}",
        "nl": "{owner} heeft geen score: geef minstens één profiel punten, zoals {{operator: 2}}",
    },
    "field.few_options": {
        "en": "{owner} has {actual} option(s): a question needs at least {minimum}",
        "nl": "{owner} heeft {actual} antwoord(en): een vraag heeft er minstens {minimum} nodig",
    },
    "field.too_short": {
        "en": "'{field}'{where} needs at least {minimum} item(s), found {actual}",
        "nl": "'{field}'{where} heeft minstens {minimum} item(s) nodig, maar het zijn er {actual}",
    },
    "field.too_long": {
        "en": "'{field}'{where} has too many items: at most {maximum}",
        "nl": "'{field}'{where} heeft te veel items: hoogstens {maximum}",
    },
    "field.one_of": {
        "en": "'{field}'{where} should be one of {expected}, found {found}",
        "nl": "'{field}'{where} moet een van deze waarden zijn: {expected}, maar er staat {found}",
    },
    "field.literal": {
        "en": "'{field}'{where}: Input should be {expected}",
        "nl": "'{field}'{where} moet {expected} zijn",
    },
    "field.at_least": {
        "en": "'{field}'{where} should be at least {bound}, found {found}",
        "nl": "'{field}'{where} moet minstens {bound} zijn, maar er staat {found}",
    },
    "field.at_most": {
        "en": "'{field}'{where} should be at most {bound}, found {found}",
        "nl": "'{field}'{where} mag hoogstens {bound} zijn, maar er staat {found}",
    },
    "field.more_than": {
        "en": "'{field}'{where} should be more than {bound}, found {found}",
        "nl": "'{field}'{where} moet meer dan {bound} zijn, maar er staat {found}",
    },
    "field.less_than": {
        "en": "'{field}'{where} should be less than {bound}, found {found}",
        "nl": "'{field}'{where} moet minder dan {bound} zijn, maar er staat {found}",
    },
    "field.error": {"en": "'{field}'{where}: {error}", "nl": "'{field}'{where}: {error}"},
    "field.empty_nl": {
        "en": "the Dutch text of '{parent}'{where} is empty: write it",
        "nl": "de Nederlandse tekst van '{parent}'{where} is leeg: vul hem in",
    },
    "field.empty_en": {
        "en": "the English text of '{parent}'{where} is empty: write it, or remove 'en' to use the Dutch",
        "nl": "de Engelse tekst van '{parent}'{where} is leeg: vul hem in, of haal 'en' weg om de Nederlandse tekst te gebruiken",
    },
    "field.empty": {
        "en": "'{field}'{where} is empty: write it, or remove the key",
        "nl": "'{field}'{where} is leeg: vul het in, of haal de sleutel weg",
    },
    "field.colour": {
        "en": "'{field}'{where} should be a colour like #7B4FD6, found {found}",
        "nl": "'{field}'{where} moet een kleur zijn zoals #7B4FD6, maar er staat {found}",
    },
    "field.time": {
        "en": "'{field}'{where} should be a time like 09:30, found {found}",
        "nl": "'{field}'{where} moet een tijd zijn zoals 09:30, maar er staat {found}",
    },
    "field.id": {
        "en": "{found} is not a valid id for '{field}'{where}: use lower-case letters, digits and hyphens, like 'inbox-zero'",
        "nl": "{found} is geen geldig id voor '{field}'{where}: gebruik kleine letters, cijfers en streepjes, zoals 'inbox-zero'",
    },
    # Raised by the models' own validators (werkstijl/content/models.py).
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
    # Across files (crosscheck.py).
    "kind.profile": {"en": "profile", "nl": "profiel"},
    "kind.question": {"en": "question", "nl": "vraag"},
    "kind.tip": {"en": "tip", "nl": "tip"},
    "category.email": {"en": "email", "nl": "e-mail"},
    "category.agenda": {"en": "agenda", "nl": "agenda"},
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
        "en": "profile '{id}' has only {count} {label} tip(s); its PDF section will be thin: aim for at least {minimum}",
        "nl": "profiel '{id}' heeft maar {count} {label}tip(s); dat deel van de PDF wordt dun: mik op minstens {minimum}",
    },
    # The quiz settings (crosscheck.check_quiz_settings): the early end.
    "cross.min_questions": {
        "en": "min_questions is {minimum} but there are {count} questions, so the quiz never ends early: lower it, or write 'early_end: false' if that is what you want",
        "nl": "min_questions is {minimum}, maar er zijn {count} vragen, dus de test stopt nooit eerder: verlaag het getal, of schrijf 'early_end: false' als je dat bedoelt",
    },
    # Loading (loader.py, yamlsrc.py).
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
    "load.no_site": {
        "en": "the site texts file is missing: restore texts/site.yaml",
        "nl": "het bestand met de siteteksten ontbreekt: zet texts/site.yaml terug",
    },
    "file.not_utf8": {
        "en": "the file is not UTF-8 text ({reason}): save it as UTF-8",
        "nl": "het bestand is geen UTF-8-tekst ({reason}): sla het op als UTF-8",
    },
    "file.unreadable": {
        "en": "cannot read the file: {reason}",
        "nl": "het bestand is niet te lezen: {reason}",
    },
    # The weights (scoring.py) and the summary line (check.py).
    "balance.unbalanced": {
        "en": "the weights are unbalanced: visitors who answer at random come out as {summary}; each should be between {low:.0%} and {high:.0%}: even out the points per profile",
        "nl": "de punten zijn uit balans: bezoekers die willekeurig antwoorden, komen uit op {summary}; elk profiel hoort tussen {low:.0%} en {high:.0%} te zitten: verdeel de punten eerlijker over de profielen",
    },
    "check.problems": {"en": "{count} problem(s) found", "nl": "{count} probleem(en) gevonden"},
    "check.valid": {
        "en": "content is valid: {profiles} profiles, {questions} questions, {tips} tips ({per_category})",
        "nl": "de content is in orde: {profiles} profielen, {questions} vragen, {tips} tips ({per_category})",
    },
    "check.per_category": {"en": "{count} {label}", "nl": "{count} {label}"},
    "check.warnings": {"en": ", {count} warning(s)", "nl": ", {count} waarschuwing(en)"},
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
    "edit.conflict": {
        "en": "someone saved this file after you opened it: copy your changes, reload the page and apply them to the newest version",
        "nl": "iemand anders heeft dit bestand opgeslagen nadat jij het opende: kopieer je wijzigingen, laad de pagina opnieuw en breng ze aan in de nieuwste versie",
    },
    "edit.not_editable": {
        "en": "'{path}' is not a content file that can be edited here",
        "nl": "'{path}' is geen contentbestand dat je hier kunt bewerken",
    },
    "edit.no_version": {
        "en": "no kept version '{name}' of {path}",
        "nl": "er is geen bewaarde versie '{name}' van {path}",
    },
    "edit.not_yaml": {
        "en": "{path} cannot be read as YAML; fix it in the file editor first",
        "nl": "{path} is niet te lezen als YAML; herstel het eerst in de bestandseditor",
    },
    "edit.not_mapping": {
        "en": "{path} does not hold 'key: value' lines; fix it in the file editor",
        "nl": "{path} bevat geen 'sleutel: waarde'-regels; herstel het in de bestandseditor",
    },
    "edit.no_tip": {
        "en": "there is no tip '{id}' in {path}",
        "nl": "er staat geen tip '{id}' in {path}",
    },
    "edit.not_profile_text": {
        "en": "'{key}' is not a profile text that can be edited in the form",
        "nl": "'{key}' is geen profieltekst die je in het formulier kunt bewerken",
    },
}
CATALOGUE |= CLI_WORDING  # the command line's own messages (bulk, errors), in their own file


def current_language() -> str:
    return _language.get()


@contextmanager
def message_language(lang: str | None) -> Iterator[str]:
    """Word every message made inside the block in `lang` ("en" or "nl"; anything else: English)."""
    token = _language.set(lang if lang in LANGUAGES else DEFAULT)
    try:
        yield _language.get()
    finally:
        _language.reset(token)


def say(key: str, /, **values: object) -> str:
    """The message `key` in the current language (English when that wording is missing)."""
    wording = CATALOGUE[key]
    return wording.get(_language.get(), wording[DEFAULT]).format(**values)


def placeholders(template: str) -> set[str]:
    """The {names} a template fills in (for the catalogue's own test)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
