"""The wording of the YAML reader's problems (syntax, wrong types, missing keys), in English and Dutch.

This is the bottom of the message catalogues: the language machinery lives here, and
`werkstijl.content.wording` extends this catalogue with the content and template messages. The
language is a context variable: callers choose it for a block with `message_language("nl")`;
without that, messages stay English (the CLI contract and the tests rely on the English wording).

YAML key names, values and ids are quoted literally in both languages: they are what the marketer
types, so they must never be translated.
"""

from __future__ import annotations

import errno
import string
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

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
    # A text that starts with a quoted part, and ' #' in an unquoted text (textcheck.py).
    "syntax.quote_start": {
        "en": "this text starts with a quote, so YAML takes only {quoted} as the text and cannot read what follows: put the whole text in the other kind of quotes: {fixed}",
        "nl": "deze tekst begint met een aanhalingsteken, dus YAML leest alleen {quoted} als tekst en snapt de rest niet: zet de hele tekst tussen het andere soort aanhalingstekens: {fixed}",
    },
    "text.comment_cut": {
        "en": "the text stops at ' #': YAML reads '{comment}' as a comment, so it is not shown: put the whole text in quotes (or put a comment on a line of its own)",
        "nl": "de tekst stopt bij ' #': YAML leest '{comment}' als commentaar, dus dat wordt niet getoond: zet de hele tekst tussen aanhalingstekens (of zet commentaar op een eigen regel)",
    },
    "text.comment_value": {
        "en": "'#' starts a comment in YAML, so '{value}' is not read as the value of '{key}': put the value in quotes: {fixed}",
        "nl": "'#' begint in YAML een opmerking, dus '{value}' wordt niet gelezen als waarde van '{key}': zet de waarde tussen aanhalingstekens: {fixed}",
    },
    "syntax.indent": {
        "en": "the indentation does not line up with the lines above: align this line with its siblings",
        "nl": "het inspringen klopt niet met de regels erboven: laat deze regel net zo ver inspringen als de regels op hetzelfde niveau",
    },
    "syntax.list_item": {
        "en": "a list item does not line up with the items above: align its '-' with theirs",
        "nl": "een item in de lijst staat niet recht onder de items erboven: zet de '-' precies onder die van de andere items",
    },
    # What the reader refuses before building anything (guard.py).
    "syntax.control_char": {
        "en": "an invisible control character ({code}) sits at this spot: delete it (it often comes along when text is copied from another program)",
        "nl": "op deze plek staat een onzichtbaar stuurteken ({code}): haal het weg (het komt vaak mee als je tekst uit een ander programma kopieert)",
    },
    "syntax.tag": {
        "en": "the tag '{tag}' is not allowed in content files: remove it (put the text in quotes if it must stay as written)",
        "nl": "de tag '{tag}' is niet toegestaan in contentbestanden: haal hem weg (zet de tekst tussen aanhalingstekens als die zo moet blijven)",
    },
    "syntax.merge_key": {
        "en": "'<<' (a YAML merge key) is not supported in content files: write the keys out in full",
        "nl": "'<<' (een YAML-merge-sleutel) wordt niet ondersteund in contentbestanden: schrijf de sleutels voluit",
    },
    "syntax.complex_key": {
        "en": "a key must be a single word or text, not a list or a block",
        "nl": "een sleutel moet één woord of tekst zijn, geen lijst of blok",
    },
    "syntax.unexpected": {
        "en": "this file cannot be read as YAML ({problem}): check the lines around this spot",
        "nl": "dit bestand is niet te lezen als YAML ({problem}): controleer de regels rond deze plek",
    },
    "limit.too_big": {
        "en": "the file is {size} KB; a content file may be at most {limit} KB: split it or remove what does not belong in it",
        "nl": "het bestand is {size} KB; een contentbestand mag hoogstens {limit} KB zijn: splits het of haal weg wat er niet in hoort",
    },
    "limit.too_deep": {
        "en": "blocks are nested more than {limit} levels deep here: check the indentation and the brackets",
        "nl": "hier zitten blokken meer dan {limit} niveaus diep in elkaar: controleer het inspringen en de haakjes",
    },
    "limit.too_many_values": {
        "en": "the anchors and aliases ('&name', '*name') make this file expand to more than {limit} values: write the values out instead of repeating aliases",
        "nl": "door de ankers en aliassen ('&naam', '*naam') groeit dit bestand uit tot meer dan {limit} waarden: schrijf de waarden uit in plaats van aliassen te herhalen",
    },
    "limit.alias_loop": {
        "en": "the alias '*{name}' is used inside the block it refers to, which makes an endless loop: remove it",
        "nl": "de alias '*{name}' staat in het blok waar hij naar verwijst; dat geeft een eindeloze lus: haal hem weg",
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
        "en": "{owner} has {count} options: a question needs at least {minimum}",
        "nl": "{owner} heeft {count} antwoorden: een vraag heeft er minstens {minimum} nodig",
    },
    "field.few_options_one": {
        "en": "{owner} has 1 option: a question needs at least {minimum}",
        "nl": "{owner} heeft 1 antwoord: een vraag heeft er minstens {minimum} nodig",
    },
    "field.too_short": {
        "en": "'{field}'{where} needs at least {count} items, found {actual}",
        "nl": "'{field}'{where} heeft minstens {count} items nodig, maar het zijn er {actual}",
    },
    "field.too_short_one": {
        "en": "'{field}'{where} needs at least 1 item, found {actual}",
        "nl": "'{field}'{where} heeft minstens 1 item nodig, maar het zijn er {actual}",
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
    "field.time_write": {
        "en": ': write "{time}" (two digits, a colon, in quotes)',
        "nl": ': schrijf "{time}" (twee cijfers, een dubbele punt, tussen aanhalingstekens)',
    },
    "field.id": {
        "en": "{found} is not a valid id for '{field}'{where}: use lower-case letters, digits and hyphens, like 'inbox-zero'",
        "nl": "{found} is geen geldig id voor '{field}'{where}: gebruik kleine letters, cijfers en streepjes, zoals 'inbox-zero'",
    },
    "file.not_utf8": {
        "en": "the file is not UTF-8 text ({reason}): save it as UTF-8",
        "nl": "het bestand is geen UTF-8-tekst ({reason}): sla het op als UTF-8",
    },
    "file.unreadable": {
        "en": "cannot read the file: {reason}",
        "nl": "het bestand is niet te lezen: {reason}",
    },
    # Why a form's change cannot be written into the YAML text in place (splice.py); the studio
    # then asks to make it in the YAML file editor.
    "splice.unreadable": {
        "en": "not readable as YAML: {problem}",
        "nl": "niet te lezen als YAML: {problem}",
    },
    "splice.plain_keys": {
        "en": "only plain keys are supported",
        "nl": "alleen gewone sleutels worden ondersteund",
    },
    "splice.block_spaces": {
        "en": "leading or trailing spaces inside a block text",
        "nl": "spaties aan het begin of eind van een regel in een bloktekst",
    },
    "splice.empty_value": {
        "en": "an empty value cannot be replaced in place",
        "nl": "een lege waarde kan niet ter plekke worden vervangen",
    },
    "splice.no_place": {"en": "no place for {key}", "nl": "geen plek voor {key}"},
    "splice.not_in_place": {
        "en": "cannot write {key} in place",
        "nl": "{key} kan niet ter plekke worden geschreven",
    },
    # The system's reasons for a failed file operation (`os_reason`): English as the system
    # says it, Dutch in our words.
    "os.not_found": {"en": "No such file or directory", "nl": "bestand of map bestaat niet"},
    "os.no_permission": {"en": "Permission denied", "nl": "geen toegang (onvoldoende rechten)"},
    "os.disk_full": {"en": "No space left on device", "nl": "de schijf is vol"},
    "os.is_folder": {"en": "Is a directory", "nl": "dit is een map"},
    "os.not_folder": {"en": "Not a directory", "nl": "een deel van het pad is geen map"},
    "os.read_only": {"en": "Read-only file system", "nl": "de schijf is alleen-lezen"},
    "os.exists": {"en": "File exists", "nl": "bestaat al"},
    "os.name_too_long": {"en": "File name too long", "nl": "de naam is te lang"},
    "os.refused": {"en": "Connection refused", "nl": "verbinding geweigerd"},
}
# Which errno gets which of the words above; any other keeps the system's own (English) words.
OS_REASONS = {
    errno.ENOENT: "os.not_found",
    errno.EACCES: "os.no_permission",
    errno.EPERM: "os.no_permission",
    errno.ENOSPC: "os.disk_full",
    errno.EDQUOT: "os.disk_full",
    errno.EISDIR: "os.is_folder",
    errno.ENOTDIR: "os.not_folder",
    errno.EROFS: "os.read_only",
    errno.EEXIST: "os.exists",
    errno.ENAMETOOLONG: "os.name_too_long",
    errno.ECONNREFUSED: "os.refused",
}


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


def say_from(catalogue: Mapping[str, Mapping[str, str]], key: str, /, **values: object) -> str:
    """The message `key` of `catalogue` in the current language (English when that is missing).

    With `count=1`, the key's singular `<key>_one` is used when the catalogue has one ("1
    probleem gevonden", not "1 problemen gevonden"); the same rule as the UI catalogues' lookup.
    """
    if values.get("count") == 1 and f"{key}_one" in catalogue:
        key = f"{key}_one"
    wording = catalogue[key]
    return wording.get(_language.get(), wording[DEFAULT]).format(**values)


def say(key: str, /, **values: object) -> str:
    """A reader message in the current language."""
    return say_from(CATALOGUE, key, **values)


def os_reason(exc: OSError) -> str:
    """Why a file (or connection) operation failed, in the current language: our words for the
    common reasons, else the system's own."""
    key = OS_REASONS.get(exc.errno) if exc.errno is not None else None
    return say(key) if key else (exc.strerror or str(exc) or type(exc).__name__)


def placeholders(template: str) -> set[str]:
    """The {names} a template fills in (for the catalogues' own test)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
