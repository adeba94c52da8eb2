"""The wording of the command line's own messages (werkstijl/cli.py, werkstijl/cli_errors.py)
and of bulk generation (werkstijl/bulk/: the plan, errors.csv, the summary), which the
command line and the staff page "Groep" share.

Part of the one message catalogue (`werkstijl.content.wording.CATALOGUE`, looked up with `say`);
kept in its own file so these words can grow without crowding the content messages.
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
    "cli.date": {  # bulk --date (trainerfix)
        "en": "must be a date written as YYYY-MM-DD, e.g. 2026-03-12, found '{found}'",
        "nl": "moet een datum zijn geschreven als JJJJ-MM-DD, bijvoorbeeld 2026-03-12, maar er "
        "staat '{found}'",
    },
    "cli.no_content_folder": {  # --content DIR or WERKSTIJL_CONTENT_DIR (wording walkthrough)
        "en": "the content folder {folder} does not exist: give the folder that holds profiles/, "
        "questions/ and tips/ with --content DIR (or set WERKSTIJL_CONTENT_DIR)",
        "nl": "de contentmap {folder} bestaat niet: geef de map met profiles/, questions/ en "
        "tips/ op met --content MAP (of zet WERKSTIJL_CONTENT_DIR)",
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
    "cli.warning": {"en": "warning: {message}", "nl": "waarschuwing: {message}"},
    # `outbox` (cli.py and werkstijl/delivery/outbox.py, whose lines the command prints).
    "cli.bad_lang_env": {
        "en": "{name} is '{value}', but it can only be nl or en: correct it, or remove it "
        "(the messages then follow the locale)",
        "nl": "{name} is '{value}', maar dat kan alleen nl of en zijn: verbeter het, of haal "
        "het weg (de meldingen volgen dan de locale)",
    },
    "cli.mail_off": {
        "en": "mail is off: set WERKSTIJL_SMTP_HOST (and _PORT, _USER, _PASSWORD) first",
        "nl": "mail staat uit: stel eerst WERKSTIJL_SMTP_HOST in (en _PORT, _USER, _PASSWORD)",
    },
    "outbox.mail_off": {
        "en": "mail is off (no SMTP host): {count} mails wait in the outbox",
        "nl": "mail staat uit (geen SMTP-server): {count} mails wachten in de uitgaande mail",
    },
    "outbox.mail_off_one": {
        "en": "mail is off (no SMTP host): 1 mail waits in the outbox",
        "nl": "mail staat uit (geen SMTP-server): 1 mail wacht in de uitgaande mail",
    },
    "outbox.pass": {
        "en": "sent {sent}, retry later {retried}, in doubt {unsure}, failed {failed}; "
        "pending {pending}",
        "nl": "verstuurd {sent}, later opnieuw {retried}, onzeker {unsure}, mislukt {failed}; "
        "wachtend {pending}",
    },
    "outbox.stopped": {"en": "stopped", "nl": "gestopt"},
    # `content export` and `content import`.
    "cli.no_database": {
        "en": "cannot open the database: {reason}",
        "nl": "de database is niet te openen: {reason}",
    },
    "cli.nothing_published": {
        "en": "nothing is published yet: start the app once, or use `content import`",
        "nl": "er is nog niets gepubliceerd: start de app een keer, of gebruik `content import`",
    },
    "cli.cannot_write": {
        "en": "cannot write {file}: {reason}",
        "nl": "{file} kan niet geschreven worden: {reason}",
    },
    "cli.exported": {
        "en": "wrote version {version} ({count} files, by {who}) to {folder}",
        "nl": "versie {version} ({count} bestanden, door {who}) geschreven naar {folder}",
    },
    "cli.source.disk": {"en": "files on disk", "nl": "bestanden op schijf"},
    "cli.source.studio": {"en": "the content studio", "nl": "de contentstudio"},
    "cli.source.import": {"en": "an import", "nl": "een import"},
    "cli.source.restore": {"en": "a restore", "nl": "het terugzetten van een versie"},
    "cli.not_a_folder": {"en": "{folder} is not a folder", "nl": "{folder} is geen map"},
    "cli.unreadable_files": {
        "en": "some files cannot be read; nothing was published",
        "nl": "sommige bestanden zijn niet te lezen; er is niets gepubliceerd",
    },
    "cli.import_errors": {
        "en": "the content has errors; nothing was published (see above)",
        "nl": "de content bevat fouten; er is niets gepubliceerd (zie hierboven)",
    },
    "cli.already_published": {
        "en": "these files are already the newest published version; nothing to publish",
        "nl": "deze bestanden zijn al de nieuwste gepubliceerde versie; er is niets te publiceren",
    },
    "cli.published": {
        "en": "published version {version} ({count} files)",
        "nl": "versie {version} gepubliceerd ({count} bestanden)",
    },
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
    "cli.system": {
        "en": "the system reported a problem: {reason}",
        "nl": "het systeem meldt een probleem: {reason}",
    },
}

BULK_WORDING: dict[str, dict[str, str]] = {
    # Reading the file (bulk/sheet.py).
    "bulk.read_csv": {
        "en": "CSV, {encoding}, columns separated by '{separator}'",
        "nl": "CSV, {encoding}, kolommen gescheiden door '{separator}'",
    },
    "bulk.read_xlsx": {
        "en": "Excel workbook, sheet '{sheet}'",
        "nl": "Excel-werkmap, blad '{sheet}'",
    },
    "bulk.read_xlsx_more": {
        "en": " (the first of {count} sheets; the others are not read)",
        "nl": " (het eerste van {count} bladen; de andere worden niet gelezen)",
    },
    "bulk.cp1252": {
        "en": "Read as Windows-1252 (Excel's plain 'CSV'); if a name with an accent looks wrong, "
        "save the sheet as 'CSV UTF-8' or .xlsx instead.",
        "nl": "Gelezen als Windows-1252 (Excels gewone 'CSV'); ziet een naam met een accent er "
        "verkeerd uit, sla het blad dan op als 'CSV UTF-8' of als .xlsx.",
    },
    "bulk.xls": {
        "en": "this is the old Excel format (.xls): save it as 'Excel workbook (.xlsx)' or as "
        "'CSV UTF-8' and use that file",
        "nl": "dit is het oude Excel-formaat (.xls): sla het op als 'Excel-werkmap (.xlsx)' of "
        "als 'CSV UTF-8' en gebruik dat bestand",
    },
    "bulk.not_xlsx": {
        "en": "this zip file is not an Excel workbook ({reason}): save the sheet as "
        "'Excel workbook (.xlsx)' or as 'CSV UTF-8'",
        "nl": "dit zipbestand is geen Excel-werkmap ({reason}): sla het blad op als "
        "'Excel-werkmap (.xlsx)' of als 'CSV UTF-8'",
    },
    "bulk.not_text": {
        "en": "line {line} is not text in UTF-8 or Windows-1252: save the sheet as 'CSV UTF-8' "
        "or as .xlsx",
        "nl": "regel {line} is geen tekst in UTF-8 of Windows-1252: sla het blad op als "
        "'CSV UTF-8' of als .xlsx",
    },
    "bulk.bad_row": {
        "en": "line {line}: this is not a readable CSV row ({reason})",
        "nl": "regel {line}: dit is geen leesbare CSV-rij ({reason})",
    },
    "bulk.empty": {
        "en": "the file is empty: the first row must hold the column names, with at least a "
        "name column (name or naam)",
        "nl": "het bestand is leeg: de eerste rij moet de kolomnamen bevatten, met minstens een "
        "kolom naam (of name)",
    },
    "bulk.no_name_column": {
        "en": "no name column: one of the first {rows} rows must hold the column names, one of "
        "them name or naam (found: {found})",
        "nl": "geen kolom met namen: een van de eerste {rows} rijen moet de kolomnamen bevatten, "
        "waaronder naam of name (gevonden: {found})",
    },
    "bulk.no_rows": {
        "en": "no participants: the file has a header row but no data rows",
        "nl": "geen deelnemers: het bestand heeft een rij met kolomnamen, maar geen rijen daaronder",
    },
    # Columns (bulk/csvin.py).
    "bulk.column_extra": {
        "en": "Column '{column}' ignored: there are {count} questions.",
        "nl": "Kolom '{column}' genegeerd: er zijn {count} vragen.",
    },
    "bulk.column_twice": {
        "en": "Column '{column}' ignored: '{first}' came first.",
        "nl": "Kolom '{column}' genegeerd: '{first}' stond er eerder.",
    },
    "bulk.ignored_columns": {
        "en": "Ignored columns: {columns}",
        "nl": "Genegeerde kolommen: {columns}",
    },
    # Why a row gives no PDF (bulk/csvin.py).
    "bulk.no_name": {"en": "no name", "nl": "geen naam"},
    "bulk.name_too_long": {
        "en": "the name is longer than {maximum} characters",
        "nl": "de naam is langer dan {maximum} tekens",
    },
    "bulk.answers_missing": {
        "en": "answers incomplete: {missing} empty (every question up to q{given}, the last one "
        "answered, is needed)",
        "nl": "antwoorden onvolledig: {missing} leeg (elke vraag tot en met q{given}, de laatst "
        "beantwoorde, is nodig)",
    },
    "bulk.answers_undecided": {
        "en": "answers stop after q{given}, before the profile is decided: {missing} answers "
        "missing (q{next} to q{total})",
        "nl": "de antwoorden stoppen na q{given}, voordat het profiel vaststaat: er ontbreken "
        "{missing} antwoorden (q{next} tot en met q{total})",
    },
    "bulk.answer_not_number": {
        "en": "{column}: '{value}' is not an option number",
        "nl": "{column}: '{value}' is geen antwoordnummer",
    },
    "bulk.answer_range": {
        "en": "{column}: {value} is not an option; this question has options 1 to {count}",
        "nl": "{column}: {value} is geen antwoord; deze vraag heeft antwoorden 1 tot en met {count}",
    },
    "bulk.answers_invalid": {"en": "answers: {reason}", "nl": "antwoorden: {reason}"},
    "bulk.no_profile": {
        "en": "no profile and no answers: fill in the profile column ({known}) or the answers "
        "q1..q{count}",
        "nl": "geen profiel en geen antwoorden: vul de kolom profiel in ({known}) of de "
        "antwoorden q1..q{count}",
    },
    "bulk.unknown_profile": {
        "en": "unknown profile '{given}' (known: {known})",
        "nl": "onbekend profiel '{given}' (bekend: {known})",
    },
    "bulk.profile_contradicts": {
        "en": "the profile column says '{profile}' but the answers give '{scored}': fill in one "
        "of the two",
        "nl": "de kolom profiel zegt '{profile}', maar de antwoorden geven '{scored}': vul een "
        "van de twee in",
    },
    "bulk.email_invalid": {
        "en": "invalid e-mail address ({reason})",
        "nl": "ongeldig e-mailadres ({reason})",
    },
    "bulk.pdf_written": {"en": "{problem}; PDF written", "nl": "{problem}; PDF gemaakt"},
    # --send (bulk/send.py): why a participant's PDF was made but not queued for mail.
    "bulk.not_sent": {
        "en": "{problem}; PDF written, not sent",
        "nl": "{problem}; PDF gemaakt, niet verstuurd",
    },
    "bulk.no_address": {"en": "no e-mail address", "nl": "geen e-mailadres"},
    "bulk.db_unavailable": {
        "en": "mail not queued, the database is unavailable ({reason})",
        "nl": "mail niet klaargezet, de database is niet beschikbaar ({reason})",
    },
    "bulk.warning": {"en": "warning: {message}", "nl": "waarschuwing: {message}"},
    "bulk.pdf_failed": {
        "en": "could not make the PDF: {reason}",
        "nl": "de PDF kon niet gemaakt worden: {reason}",
    },
    "bulk.worker_failed": {
        "en": "the worker process stopped ({reason})",
        "nl": "het werkproces viel weg ({reason})",
    },
    # The run as a whole (bulk/__init__.py, bulk/output.py).
    "bulk.no_file": {"en": "{file}: no such file", "nl": "{file}: dit bestand bestaat niet"},
    "bulk.unreadable_file": {
        "en": "{file}: cannot read it: {reason}",
        "nl": "{file}: niet te lezen: {reason}",
    },
    "bulk.in_file": {"en": "{file}: {problem}", "nl": "{file}: {problem}"},
    "bulk.jobs": {
        "en": "--jobs must be 1 or more, found {found}",
        "nl": "--jobs moet 1 of meer zijn, maar er staat {found}",
    },
    "bulk.send_needs_email": {
        "en": "--send needs an e-mail column (email, e-mail or e-mailadres)",
        "nl": "--send heeft een kolom met e-mailadressen nodig (e-mail, email of e-mailadres)",
    },
    "bulk.template": {"en": "--template: {problem}", "nl": "--template: {problem}"},
    "bulk.out_not_folder": {
        "en": "--out: {folder} exists and is not a folder",
        "nl": "--out: {folder} bestaat al en is geen map",
    },
    "bulk.out_unwritable": {
        "en": "--out: cannot write to {folder}: {reason}",
        "nl": "--out: in {folder} kan niet geschreven worden: {reason}",
    },
    "bulk.zip_unwritable": {
        "en": "--zip: cannot write {file}: {reason}",
        "nl": "--zip: {file} kan niet geschreven worden: {reason}",
    },
    "bulk.progress": {"en": "{done}/{total} PDFs", "nl": "{done}/{total} PDF's"},
    # What the `bulk` command prints, one fact per line.
    "bulk.made": {
        "en": "{made} of {rows} PDFs written to {folder}",
        "nl": "{made} van {rows} PDF's gemaakt in {folder}",
    },
    "bulk.made_with_group": {
        "en": "{made} of {rows} PDFs and the group report written to {folder}",
        "nl": "{made} van {rows} PDF's en het groepsrapport gemaakt in {folder}",
    },
    "bulk.rows_failed": {
        "en": "{count} rows without a PDF (see {file})",
        "nl": "{count} rijen zonder PDF (zie {file})",
    },
    "bulk.rows_failed_one": {
        "en": "1 row without a PDF (see {file})",
        "nl": "1 rij zonder PDF (zie {file})",
    },
    "bulk.warnings_one": {
        "en": "1 PDF made with a warning (see {file})",
        "nl": "1 PDF gemaakt met een waarschuwing (zie {file})",
    },
    "bulk.warnings": {
        "en": "{count} PDFs made with a warning (see {file})",
        "nl": "{count} PDF's gemaakt met een waarschuwing (zie {file})",
    },
    "bulk.group_failed": {
        "en": "The group report failed: {reason}",
        "nl": "Het groepsrapport is mislukt: {reason}",
    },
    "bulk.zip": {"en": "Zip: {file}", "nl": "Zip: {file}"},
    "bulk.queued": {"en": "{count} mails queued", "nl": "{count} mails klaargezet"},
    "bulk.queued_one": {"en": "1 mail queued", "nl": "1 mail klaargezet"},
    "bulk.queued_before": {
        "en": "{count} mails already queued by an earlier run (not sent twice)",
        "nl": "{count} mails al klaargezet bij een eerdere keer (niet dubbel verstuurd)",
    },
    "bulk.queued_before_one": {
        "en": "1 mail already queued by an earlier run (not sent twice)",
        "nl": "1 mail al klaargezet bij een eerdere keer (niet dubbel verstuurd)",
    },
    "bulk.queued_send": {
        "en": " (`python -m werkstijl outbox` sends them)",
        "nl": " (`python -m werkstijl outbox` verstuurt ze)",
    },
    "bulk.queued_waiting": {
        "en": " (mail is queued until SMTP is configured: set WERKSTIJL_SMTP_HOST, then run "
        "`python -m werkstijl outbox`)",
        "nl": " (de mail wacht tot SMTP is ingesteld: zet WERKSTIJL_SMTP_HOST en start dan "
        "`python -m werkstijl outbox`)",
    },
    # errors.xlsx: the sheet and its column headings (trainerfix)
    "bulk.errors_sheet": {"en": "Rows to check", "nl": "Rijen om te controleren"},
    "bulk.errors_col_row": {"en": "No.", "nl": "Nr."},
    "bulk.errors_col_sheet_row": {"en": "Row in your list", "nl": "Rij in je lijst"},
    "bulk.errors_col_name": {"en": "Name", "nl": "Naam"},
    "bulk.errors_col_error": {"en": "Reason", "nl": "Reden"},
    # Trainers' real lists (trainerfix): a title above the header, a password, duplicates,
    # letters a Windows-1252 export lost.
    "bulk.header_row": {
        "en": "The column names are in row {row}; the rows above it were skipped.",
        "nl": "De kolomnamen staan in rij {row}; de rijen erboven zijn overgeslagen.",
    },
    "bulk.encrypted": {
        "en": "this workbook is protected with a password: open it in Excel and save it without "
        "a password (File > Info > Protect Workbook > Encrypt with Password: empty), or save the "
        "sheet as 'CSV UTF-8'",
        "nl": "deze werkmap is beveiligd met een wachtwoord: open hem in Excel en sla hem op "
        "zonder wachtwoord (Bestand > Info > Werkmap beveiligen > Versleutelen met wachtwoord: "
        "leeg), of sla het blad op als 'CSV UTF-8'",
    },
    "bulk.cp1252_lost": {
        "en": "Read as Windows-1252 (Excel's plain 'CSV'), which cannot hold every letter: a '?' "
        "stands in a name in row {rows}; save the sheet as 'CSV UTF-8' or .xlsx and use that file.",
        "nl": "Gelezen als Windows-1252 (Excels gewone 'CSV'), dat niet elke letter kan bevatten: "
        "er staat een '?' in een naam in rij {rows}; sla het blad op als 'CSV UTF-8' of als .xlsx "
        "en gebruik dat bestand.",
    },
    "bulk.lost_letter": {
        "en": "the name holds a '?', probably a letter Windows-1252 cannot hold (such as ı or ş): "
        "save the sheet as 'CSV UTF-8' or .xlsx",
        "nl": "de naam bevat een '?', waarschijnlijk een letter die Windows-1252 niet kent (zoals "
        "ı of ş): sla het blad op als 'CSV UTF-8' of als .xlsx",
    },
    # bulk --send: a garbled name is not mailed (bulkmail)
    "bulk.lost_letter_not_mailed": {
        "en": "the name holds a '?', probably a letter Windows-1252 cannot hold (such as ı or ş); "
        "PDF written, not mailed: fix the name and run again (save the sheet as 'CSV UTF-8' or "
        ".xlsx)",
        "nl": "de naam bevat een '?', waarschijnlijk een letter die Windows-1252 niet kent (zoals "
        "ı of ş); PDF gemaakt, niet gemaild: verbeter de naam en draai opnieuw (sla het blad op "
        "als 'CSV UTF-8' of als .xlsx)",
    },
    "bulk.duplicate": {
        "en": "the same name and e-mail address as row {row}: this participant is on the list "
        "twice and gets two PDFs; delete one of the rows",
        "nl": "dezelfde naam en hetzelfde e-mailadres als rij {row}: deze deelnemer staat twee keer "
        "op de lijst en krijgt twee PDF's; haal een van de rijen weg",
    },
    "bulk.duplicate_no_email": {
        "en": "the same name as row {row}, and no e-mail address to tell them apart: if this is "
        "the same person, delete one of the rows",
        "nl": "dezelfde naam als rij {row}, en geen e-mailadres om ze uit elkaar te houden: is het "
        "dezelfde persoon, haal dan een van de rijen weg",
    },
}
CLI_WORDING |= BULK_WORDING

# Why an e-mail address cannot be used (werkstijl/delivery/limits.py `address_words`): our own
# words for email_validator's reasons, shown in errors.csv and on the staff page "Groep".
# {chars} is ": <the characters>" when they are known, else empty.
EMAIL_WORDING: dict[str, dict[str, str]] = {
    "email.empty": {"en": "no e-mail address given", "nl": "geen e-mailadres ingevuld"},
    "email.not_single": {
        "en": "this is not a single e-mail address",
        "nl": "dit is niet één e-mailadres",
    },
    "email.unicode_local": {
        "en": "the part before the @ has letters (like ë) that mail servers cannot deliver to",
        "nl": "het deel vóór de @ bevat letters (zoals ë) waar mailservers niet naartoe kunnen "
        "bezorgen",
    },
    "email.odd_at": {
        "en": "the @ is not the usual @ sign: type it again",
        "nl": "de @ is niet het gewone apenstaartje: typ hem opnieuw",
    },
    "email.no_at": {"en": "the @ is missing", "nl": "de @ ontbreekt"},
    "email.nothing_before_at": {
        "en": "there is nothing before the @",
        "nl": "er staat niets vóór de @",
    },
    "email.nothing_after_at": {
        "en": "there is nothing after the @",
        "nl": "er staat niets na de @",
    },
    "email.too_long": {"en": "the address is too long", "nl": "het adres is te lang"},
    "email.no_period": {
        "en": "the part after the @ needs a dot, like example.com",
        "nl": "het deel na de @ moet een punt hebben, zoals voorbeeld.nl",
    },
    "email.bad_tld": {
        "en": "the part after the @ does not end in an existing domain ending (like .nl or .com)",
        "nl": "het deel na de @ eindigt niet op een bestaande domeinextensie (zoals .nl of .com)",
    },
    "email.reserved": {
        "en": "the part after the @ is a reserved name that cannot receive mail",
        "nl": "het deel na de @ is een gereserveerde naam die geen mail kan ontvangen",
    },
    "email.dots": {
        "en": "a dot or hyphen is in the wrong place (at the start or end, next to the @, or "
        "two in a row)",
        "nl": "er staat een punt of streepje op de verkeerde plek (aan het begin of eind, naast "
        "de @, of twee achter elkaar)",
    },
    "email.quoted": {
        "en": "quotes are not allowed before the @",
        "nl": "aanhalingstekens zijn niet toegestaan vóór de @",
    },
    "email.brackets": {
        "en": "write only the address itself, without a name, brackets or an IP address",
        "nl": "schrijf alleen het adres zelf, zonder naam, haakjes of IP-adres",
    },
    "email.chars_before": {
        "en": "the part before the @ has characters that are not allowed{chars}",
        "nl": "het deel vóór de @ bevat tekens die niet mogen{chars}",
    },
    "email.chars_after": {
        "en": "the part after the @ has characters that are not allowed{chars}",
        "nl": "het deel na de @ bevat tekens die niet mogen{chars}",
    },
    "email.no_mail_domain": {
        "en": "the domain after the @ does not exist or does not accept mail",
        "nl": "het domein na de @ bestaat niet of neemt geen mail aan",
    },
    "email.other": {
        "en": "this is not a valid e-mail address",
        "nl": "dit is geen geldig e-mailadres",
    },
    "email.space": {"en": "a space", "nl": "een spatie"},
}
CLI_WORDING |= EMAIL_WORDING

# argparse's own phrases (werkstijl/cli_errors.py: `Parser`, `argparse_words`): the help's
# headings and the errors it finds in the arguments. {names}, {value} and {choices} are quoted
# as typed; they are never translated.
ARGPARSE_WORDING: dict[str, dict[str, str]] = {
    "argparse.usage": {"en": "usage: ", "nl": "gebruik: "},
    "argparse.positionals": {"en": "positional arguments", "nl": "argumenten"},
    "argparse.options": {"en": "options", "nl": "opties"},
    "argparse.help": {"en": "show this help message and exit", "nl": "toon deze hulp en stop"},
    "argparse.required": {
        "en": "the following arguments are required: {names}",
        "nl": "deze argumenten zijn verplicht: {names}",
    },
    "argparse.one_of": {
        "en": "one of the arguments {names} is required",
        "nl": "een van de argumenten {names} is verplicht",
    },
    "argparse.unrecognized": {
        "en": "unrecognized arguments: {names}",
        "nl": "onbekende argumenten: {names}",
    },
    "argparse.ambiguous": {
        "en": "ambiguous option: {option} could match {matches}",
        "nl": "dubbelzinnige optie: {option} kan {matches} betekenen",
    },
    "argparse.choice": {
        "en": "{name}: invalid choice: {value} (choose from {choices})",
        "nl": "{name}: ongeldige keuze: {value} (kies uit {choices})",
    },
    "argparse.not_with": {
        "en": "{name}: not allowed with argument {other}",
        "nl": "{name}: niet toegestaan samen met {other}",
    },
    "argparse.value": {
        "en": "{name}: expected one argument",
        "nl": "{name}: hier hoort een waarde achter",
    },
    "argparse.not_whole": {
        "en": "{name}: {value} is not a whole number",
        "nl": "{name}: {value} is geen heel getal",
    },
    "argparse.bad_value": {
        "en": "{name}: invalid value: {value}",
        "nl": "{name}: ongeldige waarde: {value}",
    },
    "argparse.argument": {"en": "{name}: {message}", "nl": "{name}: {message}"},
}
CLI_WORDING |= ARGPARSE_WORDING

# The commands' help (`python -m werkstijl COMMAND --help`, werkstijl/cli.py): per command its
# description, whose first line is also its line in the list of commands, with an example; per
# argument its help. Argument help goes through argparse's %-formatting: write % as %%.
HELP_WORDING: dict[str, dict[str, str]] = {
    "help.description": {
        "en": "Werkstijltest: content checks, PDFs, bulk, mail.",
        "nl": "Werkstijltest: content controleren, PDF's, groepen, mail.",
    },
    "help.check": {
        "en": "Validate profiles, questions, tips and PDF templates.\n\n"
        "Example: python -m werkstijl check --json\n"
        "         python -m werkstijl check --lang nl   (messages in Dutch)",
        "nl": "Controleer profielen, vragen, tips en PDF-sjablonen.\n\n"
        "Voorbeeld: python -m werkstijl check --json\n"
        "           python -m werkstijl check --lang en   (meldingen in het Engels)",
    },
    "help.score": {
        "en": "Score answer lists without rendering anything.\n\n"
        "A list may stop early once its answers decide the profile (no answers to the remaining\n"
        'questions could change it); "answered" in the JSON says how many were used.\n\n'
        "Example: python -m werkstijl score --answers 1,2,3,1,2,3,1,2,3,1,2,3,1\n"
        "         python -m werkstijl score --answers 3,1,2,1,3,2,3   (7 answers that decide it)\n"
        "         printf '1,1,1,...\\n2,2,2,...\\n' | python -m werkstijl score -",
        "nl": "Bereken de uitslag van antwoordlijsten, zonder iets te maken.\n\n"
        "Een lijst mag eerder stoppen zodra de antwoorden het profiel vastleggen (geen antwoord\n"
        'op de overige vragen kan het nog veranderen); "answered" in de JSON zegt hoeveel er\n'
        "zijn gebruikt.\n\n"
        "Voorbeeld: python -m werkstijl score --answers 1,2,3,1,2,3,1,2,3,1,2,3,1\n"
        "           python -m werkstijl score --answers 3,1,2,1,3,2,3   (7 antwoorden die het "
        "vastleggen)\n"
        "           printf '1,1,1,...\\n2,2,2,...\\n' | python -m werkstijl score -",
    },
    "help.schema": {
        "en": "Write JSON Schemas of the YAML files, for editors' autocomplete.\n\n"
        "Example: python -m werkstijl schema --out schema",
        "nl": "Schrijf JSON-schema's van de YAML-bestanden, voor het aanvullen in editors.\n\n"
        "Voorbeeld: python -m werkstijl schema --out schema",
    },
    "help.pdf": {
        "en": "Write one personal PDF.\n\n"
        'Example: python -m werkstijl pdf --profile operator --name "Zoë de Vries" -o zoe.pdf',
        "nl": "Maak één persoonlijke PDF.\n\n"
        'Voorbeeld: python -m werkstijl pdf --profile operator --name "Zoë de Vries" -o zoe.pdf',
    },
    "help.ics": {
        "en": "Write the week rhythm and start plan as a calendar file (.ics), from next Monday "
        "on.\n\n"
        "Example: python -m werkstijl ics --profile operator --lang nl -o week.ics\n"
        "         python -m werkstijl ics --answers 1,2,3,1,2,3,1,2,3,1,2,3,1 -o week.ics",
        "nl": "Schrijf het weekritme en het startplan als agendabestand (.ics), vanaf volgende "
        "maandag.\n\n"
        "Voorbeeld: python -m werkstijl ics --profile operator --lang nl -o week.ics\n"
        "           python -m werkstijl ics --answers 1,2,3,1,2,3,1,2,3,1,2,3,1 -o week.ics",
    },
    "help.bulk": {
        "en": "Write a PDF per participant of a list (.xlsx or CSV), a group report, summary.json "
        "and errors.csv.\n\n"
        "Example: python -m werkstijl bulk deelnemers.xlsx --out training-maart --zip "
        "--date 2026-03-12 --lang nl",
        "nl": "Maak een PDF per deelnemer van een lijst (.xlsx of CSV), een groepsrapport, "
        "summary.json en errors.csv.\n\n"
        "Voorbeeld: python -m werkstijl bulk deelnemers.xlsx --out training-maart --zip "
        "--date 2026-03-12 --lang nl",
    },
    "help.outbox": {
        "en": "Send queued mail, retrying failures with backoff.\n\n"
        "Example: python -m werkstijl outbox --once --retry-now",
        "nl": "Verstuur de wachtende mail; mislukte pogingen worden later herhaald.\n\n"
        "Voorbeeld: python -m werkstijl outbox --once --retry-now",
    },
    "help.mail-check": {
        "en": "Say in one line whether mail can be delivered: connects to the SMTP server (TLS, "
        "login, sender) and sends nothing. Exit 0 when it can, 1 when it cannot or mail is not "
        "configured.\n\n"
        "Example: python -m werkstijl mail-check",
        "nl": "Zeg in één regel of mail kan worden bezorgd: maakt verbinding met de SMTP-server "
        "(TLS, login, afzender) en verstuurt niets. Eindcode 0 als het kan, 1 als het niet kan of "
        "als mail niet is ingesteld.\n\n"
        "Voorbeeld: python -m werkstijl mail-check",
    },
    "help.forget": {
        "en": "Delete a person's lead, queued mail and PDF copies (GDPR erasure).\n\n"
        "Example: python -m werkstijl forget jan@example.com",
        "nl": "Verwijder de lead, de wachtende mail en de PDF-kopieën van een persoon (AVG).\n\n"
        "Voorbeeld: python -m werkstijl forget jan@example.com",
    },
    "help.export": {
        "en": "Print, as JSON, everything stored about one address (a GDPR access request).\n\n"
        "Example: python -m werkstijl export jan@example.com > jan.json",
        "nl": "Toon als JSON alles wat over één adres is opgeslagen (een AVG-inzageverzoek).\n\n"
        "Voorbeeld: python -m werkstijl export jan@example.com > jan.json",
    },
    "help.hash-password": {
        "en": "Make a WERKSTIJL_STAFF_PASSWORD_HASH value, so no plain password needs to be "
        "stored.\n\n"
        "The password must have at least 12 characters; the hash uses 600,000 PBKDF2 rounds.\n"
        "Example: python -m werkstijl hash-password   (asks twice; or pipe the password in)",
        "nl": "Maak een waarde voor WERKSTIJL_STAFF_PASSWORD_HASH, zodat er geen leesbaar "
        "wachtwoord bewaard hoeft te worden.\n\n"
        "Het wachtwoord moet minstens 12 tekens hebben; de hash gebruikt 600.000 PBKDF2-rondes.\n"
        "Voorbeeld: python -m werkstijl hash-password   (vraagt het twee keer; of geef het via "
        "een pipe)",
    },
    "help.purge": {
        "en": "Erase leads and mails older than the retention period (run it daily, e.g. from "
        "cron).\n\n"
        "Example: python -m werkstijl purge --days 365",
        "nl": "Wis leads en mails die ouder zijn dan de bewaartermijn (draai het dagelijks, "
        "bijvoorbeeld via cron).\n\n"
        "Voorbeeld: python -m werkstijl purge --days 365",
    },
    "help.content": {
        "en": "published content versions to and from YAML files (export, import)",
        "nl": "gepubliceerde contentversies naar en van YAML-bestanden (export, import)",
    },
    "help.content-export": {
        "en": "Write the newest published content version (what visitors get) as YAML files "
        "into DIR.\n\n"
        "Example: python -m werkstijl content export .   (then `git diff` shows what the studio "
        "changed)",
        "nl": "Schrijf de nieuwste gepubliceerde contentversie (wat bezoekers krijgen) als "
        "YAML-bestanden in DIR.\n\n"
        "Voorbeeld: python -m werkstijl content export .   (daarna toont `git diff` wat er in de "
        "studio is veranderd)",
    },
    "help.content-import": {
        "en": "Check the YAML files in DIR and publish them: every app process serves them "
        "within seconds.\n\n"
        'Example: python -m werkstijl content import . --author "Anna (git)"',
        "nl": "Controleer de YAML-bestanden in DIR en publiceer ze: elk app-proces toont ze "
        "binnen enkele seconden.\n\n"
        'Voorbeeld: python -m werkstijl content import . --author "Anna (git)"',
    },
    # Arguments.
    "arg.content": {
        "en": "content folder (default: WERKSTIJL_CONTENT_DIR or the repository root)",
        "nl": "contentmap (standaard: WERKSTIJL_CONTENT_DIR of de hoofdmap van de repository)",
    },
    "arg.lang": {
        "en": "language of the messages (default: WERKSTIJL_LANG, else en when the locale "
        "(LANG) is another language than Dutch, else nl)",
        "nl": "taal van de meldingen (standaard: WERKSTIJL_LANG, anders en als de locale "
        "(LANG) een andere taal dan Nederlands is, anders nl)",
    },
    "arg.lang_pdf": {
        "en": "language of the PDFs and the messages (default: nl)",
        "nl": "taal van de PDF's en de meldingen (standaard: nl)",
    },
    "arg.lang_ics": {
        "en": "language of the calendar and the messages (default: nl)",
        "nl": "taal van de agenda en de meldingen (standaard: nl)",
    },
    "arg.lang_line": {
        "en": "language of the line (default: WERKSTIJL_LANG, else en when the locale "
        "(LANG) is another language than Dutch, else nl)",
        "nl": "taal van de regel (standaard: WERKSTIJL_LANG, anders en als de locale "
        "(LANG) een andere taal dan Nederlands is, anders nl)",
    },
    "arg.template": {
        "en": "PDF template, a folder in pdf_templates/ (default: default)",
        "nl": "PDF-sjabloon, een map in pdf_templates/ (standaard: default)",
    },
    "arg.json": {"en": "print JSON", "nl": "toon JSON"},
    "arg.answers": {
        "en": "comma-separated option numbers, e.g. 1,3,2 (may stop once they decide the profile)",
        "nl": "antwoordnummers met komma's ertussen, bijvoorbeeld 1,3,2 (mag stoppen zodra ze het "
        "profiel vastleggen)",
    },
    "arg.stdin": {
        "en": "read one answer list per line from standard input",
        "nl": "lees één antwoordlijst per regel van standaardinvoer",
    },
    "arg.schema_out": {
        "en": "folder for the schemas (default: schema)",
        "nl": "map voor de schema's (standaard: schema)",
    },
    "arg.profile": {"en": "profile id or name", "nl": "id of naam van het profiel"},
    "arg.name": {"en": "the name on the PDF", "nl": "de naam op de PDF"},
    "arg.title_pdf": {
        "en": "the training it is for: on the cover and in the footer",
        "nl": "de training waarvoor het is: op de voorkant en in de voettekst",
    },
    "arg.output": {"en": "the file to write", "nl": "het bestand dat gemaakt wordt"},
    "arg.csv": {
        "en": "the participant list: an Excel workbook (.xlsx) or a CSV file",
        "nl": "de deelnemerslijst: een Excel-werkmap (.xlsx) of een CSV-bestand",
    },
    "arg.out": {
        "en": "the folder for the PDFs (an earlier run's files in it are replaced)",
        "nl": "de map voor de PDF's (bestanden van een eerdere keer worden vervangen)",
    },
    "arg.jobs": {
        "en": "worker processes (default: the number of cores)",
        "nl": "aantal werkprocessen (standaard: het aantal processorkernen)",
    },
    "arg.zip": {"en": "also write DIR.zip", "nl": "maak ook DIR.zip"},
    "arg.send": {
        "en": "queue each PDF for its participant's mail",
        "nl": "zet elke PDF klaar om naar de deelnemer te mailen",
    },
    "arg.date": {  # bulk --date (trainerfix)
        "en": "the day of the session (default: today): the date on the PDFs; week 1 of every "
        "start plan and calendar file is the Monday after it",
        "nl": "de dag van de sessie (standaard: vandaag): de datum op de PDF's; week 1 van elk "
        "startplan en agendabestand is de maandag erna",
    },
    "arg.title_bulk": {
        "en": "the training's title: on the group report and on every participant's PDF (cover "
        "and footer); without it the group report is called 'Jouw groep' ('Your group' with "
        "--lang en)",
        "nl": "de titel van de training: op het groepsrapport en op de PDF van elke deelnemer "
        "(voorkant en voettekst); zonder titel heet het groepsrapport 'Jouw groep' ('Your group' "
        "bij --lang en)",
    },
    "arg.once": {"en": "one pass, then exit", "nl": "één ronde, dan stoppen"},
    "arg.retry_now": {
        "en": "ignore the backoff wait",
        "nl": "niet wachten met opnieuw proberen",
    },
    "arg.email": {"en": "the e-mail address", "nl": "het e-mailadres"},
    "arg.days": {
        "en": "1 to {maximum}; default: WERKSTIJL_LEAD_RETENTION_DAYS (365)",
        "nl": "1 tot en met {maximum}; standaard: WERKSTIJL_LEAD_RETENTION_DAYS (365)",
    },
    "arg.dir": {
        "en": "the content folder (profiles/, questions/, …)",
        "nl": "de contentmap (profiles/, questions/, …)",
    },
    "arg.author": {
        "en": "name kept with the version (default: $USER)",
        "nl": "naam die bij de versie wordt bewaard (standaard: $USER)",
    },
}
CLI_WORDING |= HELP_WORDING
