"""The wording of the command line's own messages (werkstijl/cli.py, werkstijl/cli_errors.py)
and of bulk generation (werkstijl/bulk/: the plan, errors.csv, the summary line), which the
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
        "en": "read as Windows-1252 (Excel's plain 'CSV'); if a name with an accent looks wrong, "
        "save the sheet as 'CSV UTF-8' or .xlsx instead",
        "nl": "gelezen als Windows-1252 (Excels gewone 'CSV'); ziet een naam met een accent er "
        "verkeerd uit, sla het blad dan op als 'CSV UTF-8' of als .xlsx",
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
        "en": "column '{column}' ignored: there are {count} questions",
        "nl": "kolom '{column}' genegeerd: er zijn {count} vragen",
    },
    "bulk.column_twice": {
        "en": "column '{column}' ignored: '{first}' came first",
        "nl": "kolom '{column}' genegeerd: '{first}' stond er eerder",
    },
    "bulk.ignored_columns": {
        "en": "ignored columns: {columns}",
        "nl": "genegeerde kolommen: {columns}",
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
    # The one line the `bulk` command prints.
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
        "en": "the group report failed: {reason}",
        "nl": "het groepsrapport is mislukt: {reason}",
    },
    "bulk.zip": {"en": "zip: {file}", "nl": "zip: {file}"},
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
        "en": "the column names are in row {row}; the rows above it were skipped",
        "nl": "de kolomnamen staan in rij {row}; de rijen erboven zijn overgeslagen",
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
        "en": "read as Windows-1252 (Excel's plain 'CSV'), which cannot hold every letter: a '?' "
        "stands in a name in row {rows}; save the sheet as 'CSV UTF-8' or .xlsx and use that file",
        "nl": "gelezen als Windows-1252 (Excels gewone 'CSV'), dat niet elke letter kan bevatten: "
        "er staat een '?' in een naam in rij {rows}; sla het blad op als 'CSV UTF-8' of als .xlsx "
        "en gebruik dat bestand",
    },
    "bulk.lost_letter": {
        "en": "the name holds a '?', probably a letter Windows-1252 cannot hold (such as ı or ş): "
        "save the sheet as 'CSV UTF-8' or .xlsx",
        "nl": "de naam bevat een '?', waarschijnlijk een letter die Windows-1252 niet kent (zoals "
        "ı of ş): sla het blad op als 'CSV UTF-8' of als .xlsx",
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
