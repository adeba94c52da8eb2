"""The wording of the command line's own messages (werkstijl/cli.py, werkstijl/cli_errors.py).

Part of the one message catalogue (`werkstijl.content.wording.CATALOGUE`, looked up with `say`);
kept in its own file so the CLI's words can grow without crowding the content messages.
"""

from __future__ import annotations

CLI_WORDING: dict[str, dict[str, str]] = {
    # How main() prints an expected problem, and argument errors (argparse).
    "cli.error": {"en": "error: {message}", "nl": "fout: {message}"},
    "cli.usage": {
        "en": "{message} (see `{prog} --help`)",
        "nl": "{message} (zie `{prog} --help`)",
    },
    "cli.days": {
        "en": "must be a whole number of days from 1 to {maximum}, found '{found}'",
        "nl": "moet een heel aantal dagen zijn van 1 tot en met {maximum}, maar er staat '{found}'",
    },
    "cli.content_errors": {
        "en": "the content has errors: fix them (see `python -m werkstijl check`)",
        "nl": "de content bevat fouten: los ze op (zie `python -m werkstijl check`)",
    },
    "cli.unknown_profile": {
        "en": "--profile: unknown profile '{given}'; known profiles: {known}",
        "nl": "--profile: onbekend profiel '{given}'; bekende profielen: {known}",
    },
    "cli.unwritable": {
        "en": "-o: cannot write {file}: {reason}",
        "nl": "-o: {file} kan niet geschreven worden: {reason}",
    },
    "cli.erased": {
        "en": "leads: {leads}, outbox: {outbox}, attachments: {attachments}",
        "nl": "leads: {leads}, mails: {outbox}, bijlagen: {attachments}",
    },
    "cli.purged": {
        "en": "older than {days} days: {erased}",
        "nl": "ouder dan {days} dagen: {erased}",
    },
    "cli.score_line": {"en": "line {number}: {problem}", "nl": "regel {number}: {problem}"},
    # The database (WERKSTIJL_DATABASE_URL).
    "cli.db_url": {
        "en": "WERKSTIJL_DATABASE_URL is not a database URL: '{url}'; write it like "
        "sqlite:///data/werkstijl.db or postgresql+psycopg://user:password@host/database",
        "nl": "WERKSTIJL_DATABASE_URL is geen database-URL: '{url}'; schrijf hem zoals "
        "sqlite:///data/werkstijl.db of postgresql+psycopg://gebruiker:wachtwoord@host/database",
    },
    "cli.db_driver": {
        "en": "the database kind in WERKSTIJL_DATABASE_URL ('{url}') cannot be used here "
        "({reason}); use sqlite:///… or postgresql+psycopg://…",
        "nl": "het soort database in WERKSTIJL_DATABASE_URL ('{url}') is hier niet te gebruiken "
        "({reason}); gebruik sqlite:///… of postgresql+psycopg://…",
    },
    "cli.db_locked": {
        "en": "the database {url} is locked by another program: try again when that is done",
        "nl": "de database {url} is op slot door een ander programma: probeer het opnieuw als "
        "dat klaar is",
    },
    "cli.db_damaged": {
        "en": "the database file {url} is damaged or not a database ({reason}): restore it from "
        "a backup, or set WERKSTIJL_DATABASE_URL to another file",
        "nl": "het databasebestand {url} is beschadigd of geen database ({reason}): zet een "
        "back-up terug, of laat WERKSTIJL_DATABASE_URL naar een ander bestand wijzen",
    },
    "cli.db_unopenable": {
        "en": "cannot open the database file {url} ({reason}): check that its folder exists and "
        "may be written to",
        "nl": "het databasebestand {url} is niet te openen ({reason}): controleer of de map "
        "bestaat en of je erin mag schrijven",
    },
    "cli.db_unreachable": {
        "en": "cannot reach the database {url} ({reason}): check that it runs and that "
        "WERKSTIJL_DATABASE_URL is right",
        "nl": "de database {url} is niet bereikbaar ({reason}): controleer of hij draait en of "
        "WERKSTIJL_DATABASE_URL klopt",
    },
    "cli.db_error": {
        "en": "the database {url} reported a problem: {reason}",
        "nl": "de database {url} meldt een probleem: {reason}",
    },
    # Settings (WERKSTIJL_* variables).
    "cli.setting_min": {
        "en": "{variable} must be at least {bound}, found '{found}'",
        "nl": "{variable} moet minstens {bound} zijn, maar er staat '{found}'",
    },
    "cli.setting_max": {
        "en": "{variable} must be at most {bound}, found '{found}'",
        "nl": "{variable} mag hoogstens {bound} zijn, maar er staat '{found}'",
    },
    "cli.setting_above": {
        "en": "{variable} must be more than {bound}, found '{found}'",
        "nl": "{variable} moet meer dan {bound} zijn, maar er staat '{found}'",
    },
    "cli.setting_whole": {
        "en": "{variable} must be a whole number, found '{found}'",
        "nl": "{variable} moet een heel getal zijn, maar er staat '{found}'",
    },
    "cli.setting_number": {
        "en": "{variable} must be a number, found '{found}'",
        "nl": "{variable} moet een getal zijn, maar er staat '{found}'",
    },
    "cli.setting_bool": {
        "en": "{variable} must be true or false, found '{found}'",
        "nl": "{variable} moet true of false zijn, maar er staat '{found}'",
    },
    "cli.setting_other": {
        "en": "{variable}: {reason}",
        "nl": "{variable}: {reason}",
    },
    "cli.settings": {
        "en": "the settings are not valid: {problems}; fix these environment variables",
        "nl": "de instellingen kloppen niet: {problems}; pas deze omgevingsvariabelen aan",
    },
    # Files.
    "cli.file": {
        "en": "cannot use {file}: {reason}",
        "nl": "{file} is niet te gebruiken: {reason}",
    },
    "cli.file_unnamed": {
        "en": "a file could not be read or written: {reason}",
        "nl": "een bestand kon niet gelezen of geschreven worden: {reason}",
    },
}
