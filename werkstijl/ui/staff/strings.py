"""Staff-page strings (Dutch first, with English); looked up like the visitor catalogue."""

from __future__ import annotations

import streamlit as st

from werkstijl.ui.strings import lookup

LANG_KEY = "staff_lang"

STRINGS: dict[str, dict[str, str]] = {
    # navigation and access
    "section": {"nl": "Medewerkers", "en": "Staff"},
    "login_title": {"nl": "Inloggen", "en": "Log in"},
    "password": {"nl": "Wachtwoord", "en": "Password"},
    "login_button": {"nl": "Inloggen", "en": "Log in"},
    "login_wrong": {"nl": "Dat wachtwoord klopt niet.", "en": "That password is not right."},
    "locked": {
        "nl": "Te veel mislukte pogingen. Probeer het over {seconds} seconden opnieuw.",
        "en": "Too many failed attempts. Try again in {seconds} seconds.",
    },
    "closed": {
        "nl": "De medewerkerspagina's zijn gesloten: er is geen wachtwoord ingesteld. Zet de "
        "omgevingsvariabele WERKSTIJL_STAFF_PASSWORD (of WERKSTIJL_STAFF_PASSWORD_HASH, te maken "
        "met `python -m werkstijl hash-password`) en start de app opnieuw.",
        "en": "The staff pages are closed: no password is configured. Set the environment "
        "variable WERKSTIJL_STAFF_PASSWORD (or WERKSTIJL_STAFF_PASSWORD_HASH, made with "
        "`python -m werkstijl hash-password`) and restart the app.",
    },
    # staff login security: refused settings, lockout and slow-down (issue 10)
    "bad_hash": {
        "nl": "De medewerkerspagina's blijven dicht: WERKSTIJL_STAFF_PASSWORD_HASH heeft niet de "
        "vorm pbkdf2_sha256$iteraties$zout$hash. Maak een nieuwe met "
        "`python -m werkstijl hash-password` en start de app opnieuw.",
        "en": "The staff pages stay closed: WERKSTIJL_STAFF_PASSWORD_HASH is not of the form "
        "pbkdf2_sha256$iterations$salt$hash. Make a new one with "
        "`python -m werkstijl hash-password` and restart the app.",
    },
    "weak_hash": {
        "nl": "De medewerkerspagina's blijven dicht: WERKSTIJL_STAFF_PASSWORD_HASH gebruikt maar "
        "{iterations} PBKDF2-rondes (minstens {minimum} nodig), dus een uitgelekte hash is snel "
        "te kraken. Maak een nieuwe met `python -m werkstijl hash-password` en start de app "
        "opnieuw.",
        "en": "The staff pages stay closed: WERKSTIJL_STAFF_PASSWORD_HASH uses only {iterations} "
        "PBKDF2 rounds (at least {minimum} needed), so a leaked hash is quick to crack. Make a "
        "new one with `python -m werkstijl hash-password` and restart the app.",
    },
    "short_password": {
        "nl": "De medewerkerspagina's blijven dicht: WERKSTIJL_STAFF_PASSWORD is korter dan "
        "{minimum} tekens. Kies een langer wachtwoord (bijvoorbeeld vier losse woorden), maak "
        "er een hash van met `python -m werkstijl hash-password`, zet die in "
        "WERKSTIJL_STAFF_PASSWORD_HASH en start de app opnieuw.",
        "en": "The staff pages stay closed: WERKSTIJL_STAFF_PASSWORD is shorter than {minimum} "
        "characters. Choose a longer password (for example four unrelated words), hash it with "
        "`python -m werkstijl hash-password`, put that in WERKSTIJL_STAFF_PASSWORD_HASH and "
        "restart the app.",
    },
    "login_busy": {
        "nl": "Er wordt op dit moment vaak een verkeerd wachtwoord geprobeerd, dus inloggen gaat "
        "even langzaam. Probeer het over {seconds} seconden opnieuw.",
        "en": "Many wrong passwords are being tried right now, so logging in is slowed down. "
        "Try again in {seconds} seconds.",
    },
    "login_unavailable": {
        "nl": "Inloggen lukt nu niet: de database is niet bereikbaar. Probeer het zo opnieuw.",
        "en": "Logging in is not possible right now: the database cannot be reached. Try again "
        "shortly.",
    },
    "hash_too_short": {
        "nl": "gebruik een wachtwoord van minstens {minimum} tekens (bijvoorbeeld vier losse "
        "woorden); er is niets gemaakt",
        "en": "use a password of at least {minimum} characters (for example four unrelated "
        "words); nothing was made",
    },
    "hash_prompt": {
        "nl": "Wachtwoord voor de medewerkerspagina's: ",
        "en": "Password for the staff pages: ",
    },
    "hash_again": {"nl": "Nog een keer: ", "en": "Again: "},
    "hash_differ": {
        "nl": "de twee wachtwoorden verschillen; er is niets gemaakt",
        "en": "the two passwords differ; nothing was made",
    },
    "logout": {"nl": "Uitloggen", "en": "Log out"},
    "language": {"nl": "Taal", "en": "Language"},
    # studio (content studio: drafts, preview, publish, history; werkstijl/ui/staff/studio.py,
    # editor.py, problems.py)
    "studio_title": {"nl": "Contentstudio", "en": "Content studio"},
    "check_errors": {"nl": "{count} problemen gevonden", "en": "{count} problems found"},
    "check_errors_one": {"nl": "1 probleem gevonden", "en": "1 problem found"},
    "warnings": {"nl": "{count} waarschuwingen", "en": "{count} warnings"},
    "warnings_one": {"nl": "1 waarschuwing", "en": "1 warning"},
    "serving": {
        "nl": "Bezoekers krijgen versie {id}, gepubliceerd op {when} (Nederlandse tijd) door {who} ({source}).",
        "en": "Visitors get version {id}, published on {when} (Dutch time) by {who} ({source}).",
    },
    "serving_no_author": {
        "nl": "Bezoekers krijgen versie {id}, gepubliceerd op {when} (Nederlandse tijd, {source}).",
        "en": "Visitors get version {id}, published on {when} (Dutch time, {source}).",
    },
    "source_disk": {"nl": "bestanden op schijf", "en": "files on disk"},
    "source_studio": {"nl": "contentstudio", "en": "content studio"},
    "source_import": {"nl": "import", "en": "import"},
    "source_restore": {"nl": "teruggezet", "en": "restored"},
    "nobody": {"nl": "onbekend", "en": "unknown"},
    "never_valid": {
        "nl": "Er is nog nooit geldige content gepubliceerd: de quiz kan niet starten. Los de "
        "problemen hieronder op en publiceer.",
        "en": "No valid content has ever been published: the quiz cannot start. Fix the problems "
        "below and publish.",
    },
    "disk_broken": {
        "nl": "Wijzigingen in de bestanden op schijf bevatten fouten en zijn niet gepubliceerd; "
        "bezoekers krijgen nog de versie hierboven.",
        "en": "Changes to the files on disk contain errors and are not published; visitors still "
        "get the version above.",
    },
    "disk_take_over": {
        "nl": "{file} in de editor openen",
        "en": "Open {file} in the editor",
    },
    "draft_header": {"nl": "Concept", "en": "Draft"},
    "draft_none": {
        "nl": "Geen concept: je bewerkt de gepubliceerde versie. Opslaan maakt een concept dat "
        "bezoekers pas zien na Publiceren.",
        "en": "No draft: you are editing the published version. Saving makes a draft that "
        "visitors only see after Publish.",
    },
    "draft_file": {
        "nl": "{file}, bewerkt door {who} op {when} (Nederlandse tijd)",
        "en": "{file}, edited by {who} on {when} (Dutch time)",
    },
    "draft_outdated": {
        "nl": " (let op: de gepubliceerde versie van dit bestand is intussen gewijzigd)",
        "en": " (note: the published version of this file changed meanwhile)",
    },
    "draft_valid": {"nl": "Concept: {summary}", "en": "Draft: {summary}"},
    "draft_invalid": {
        "nl": "Het concept heeft {count} problemen; los ze op om te kunnen publiceren.",
        "en": "The draft has {count} problems; fix them to be able to publish.",
    },
    "draft_invalid_one": {
        "nl": "Het concept heeft 1 probleem; los het op om te kunnen publiceren.",
        "en": "The draft has 1 problem; fix it to be able to publish.",
    },
    "publish": {"nl": "Publiceren", "en": "Publish"},
    "published": {
        "nl": "Gepubliceerd als versie {id}: bezoekers krijgen de nieuwe tekst.",
        "en": "Published as version {id}: visitors get the new text.",
    },
    "published_kept": {
        "nl": "Niet-gepubliceerde wijzigingen op schijf zijn bewaard in: {files}",
        "en": "Unpublished changes on disk were kept in: {files}",
    },
    "published_disk_error": {
        "nl": "De bestanden op schijf konden niet worden bijgewerkt ({error}); bezoekers krijgen "
        "de nieuwe versie wel.",
        "en": "The files on disk could not be updated ({error}); visitors do get the new version.",
    },
    "publish_unchanged": {
        "nl": "Het concept is gelijk aan de gepubliceerde versie: er is geen nieuwe versie nodig. "
        "De bestanden op schijf zijn weer gelijk aan die versie.",
        "en": "The draft equals the published version: no new version is needed. The files on "
        "disk match that version again.",
    },
    "discard": {"nl": "Concept weggooien", "en": "Discard the draft"},
    "discard_file": {"nl": "Concept van dit bestand weggooien", "en": "Discard this file's draft"},
    "discarded": {"nl": "Concept weggegooid.", "en": "Draft discarded."},
    "content_valid": {"nl": "Gepubliceerd: {summary}", "en": "Published: {summary}"},
    "file_problems": {
        "nl": "{file}: {count} problemen",
        "en": "{file}: {count} problems",
    },
    "file_problems_one": {"nl": "{file}: 1 probleem", "en": "{file}: 1 problem"},
    "line": {"nl": "regel {line}, kolom {column}", "en": "line {line}, column {column}"},
    "goto_line": {"nl": "Ga naar regel {line}", "en": "Go to line {line}"},
    "line_editor": {
        "nl": "{file}, regels {first}–{last} (regel {line} is gemarkeerd)",
        "en": "{file}, lines {first}–{last} (line {line} is marked)",
    },
    "line_editor_text": {"nl": "Deze regels bewerken", "en": "Edit these lines"},
    "close": {"nl": "Sluiten", "en": "Close"},
    "saved_draft": {
        "nl": "Opgeslagen in het concept. Bezoekers zien het pas na Publiceren.",
        "en": "Saved in the draft. Visitors only see it after Publish.",
    },
    "unchanged": {"nl": "Niets veranderd.", "en": "Nothing changed."},
    "conflict": {
        "nl": "Niet opgeslagen: iemand anders heeft dit bestand intussen opgeslagen. Kopieer je "
        "wijziging, laad de nieuwste versie en breng je wijziging daarin aan.",
        "en": "Not saved: someone else saved this file in the meantime. Copy your change, load "
        "the newest version and make your change there.",
    },
    "reload": {"nl": "Nieuwste versie laden", "en": "Load the newest version"},
    "preview_header": {"nl": "Voorbeeld", "en": "Preview"},
    "preview_of_draft": {
        "nl": "Het voorbeeld toont het concept (nog niet gepubliceerd).",
        "en": "The preview shows the draft (not published yet).",
    },
    "preview_of_published": {
        "nl": "Het voorbeeld toont de gepubliceerde versie.",
        "en": "The preview shows the published version.",
    },
    "preview_draft_invalid": {  # {files}: the files with problems, comma-separated
        "nl": "Het concept heeft problemen in {files}; het voorbeeld toont de gepubliceerde "
        "versie.",
        "en": "The draft has problems in {files}; the preview shows the published version.",
    },
    "preview_draft_partly": {  # {files}: the files with problems, comma-separated
        "nl": "Het concept heeft problemen in {files}; het voorbeeld toont je andere wijzigingen, "
        "met van {files} de gepubliceerde versie.",
        "en": "The draft has problems in {files}; the preview shows your other changes, with the "
        "published version of {files}.",
    },
    "result_page": {"nl": "Resultaatpagina", "en": "Result page"},
    "pdf_header": {"nl": "PDF", "en": "PDF"},
    "profile": {"nl": "Profiel", "en": "Profile"},
    "pdf_lang": {"nl": "Taal", "en": "Language"},
    "template": {"nl": "Sjabloon", "en": "Template"},
    "sample_name": {"nl": "Naam op de PDF", "en": "Name on the PDF"},
    "sample_name_default": {"nl": "Voorbeeld Deelnemer", "en": "Sample Participant"},
    "preview_failed": {"nl": "Het voorbeeld kon niet gemaakt worden:", "en": "Could not render:"},
    "page_n": {"nl": "Pagina {n}", "en": "Page {n}"},
    "download_pdf": {"nl": "PDF downloaden", "en": "Download PDF"},
    "no_content": {"nl": "Er is nog geen geldige content.", "en": "There is no valid content yet."},
    "tab_tip": {"nl": "Tip", "en": "Tip"},
    "tab_profile": {"nl": "Profieltekst", "en": "Profile text"},
    "tab_file": {"nl": "YAML-bestand", "en": "YAML file"},
    "tab_history": {"nl": "Versies", "en": "Versions"},
    "tip": {"nl": "Tip", "en": "Tip"},
    "title_nl": {"nl": "Titel (NL)", "en": "Title (NL)"},
    "title_en": {"nl": "Titel (EN)", "en": "Title (EN)"},
    "text_nl": {"nl": "Tekst (NL)", "en": "Text (NL)"},
    "text_en": {"nl": "Tekst (EN)", "en": "Text (EN)"},
    "priority": {"nl": "Prioriteit (1 = begin hier)", "en": "Priority (1 = start here)"},
    "lang_nl": {"nl": "NL", "en": "NL"},
    "lang_en": {"nl": "EN", "en": "EN"},
    "en_hint": {
        "nl": "Laat Engels leeg om de Nederlandse tekst te gebruiken.",
        "en": "Leave English empty to use the Dutch text.",
    },
    "save": {"nl": "Opslaan in concept", "en": "Save in draft"},
    "file": {"nl": "Bestand", "en": "File"},
    "file_text": {"nl": "Inhoud van {file}", "en": "Contents of {file}"},
    "file_is_draft": {
        "nl": "Je ziet het concept van dit bestand (bewerkt door {who} op {when}, Nederlandse tijd).",
        "en": "You see this file's draft (edited by {who} on {when}, Dutch time).",
    },
    "with_line_numbers": {
        "nl": "Met regelnummers (alleen lezen)",
        "en": "With line numbers (read only)",
    },
    "no_tips": {"nl": "Geen leesbare tipbestanden.", "en": "No readable tip files."},
    "field_name": {"nl": "Naam", "en": "Name"},
    "field_tagline": {"nl": "Slogan", "en": "Tagline"},
    "field_description": {"nl": "Beschrijving", "en": "Description"},
    "field_email_style": {"nl": "E-mailstijl", "en": "E-mail style"},
    "field_agenda_style": {"nl": "Agendastijl", "en": "Calendar style"},
    "no_history": {"nl": "Nog geen gepubliceerde versies.", "en": "No published versions yet."},
    "version": {"nl": "Versie", "en": "Version"},
    "version_label": {
        "nl": "versie {id} · {when} · {who} · {source}",
        "en": "version {id} · {when} · {who} · {source}",
    },
    "diff_current": {"nl": "huidig", "en": "current"},
    "diff_version": {"nl": "versie {id}", "en": "version {id}"},
    "diff_header": {
        "nl": "Verschil met de huidige versie (- huidig, + deze versie)",
        "en": "Difference with the current version (- current, + this version)",
    },
    "same_as_current": {
        "nl": "Dit bestand is in deze versie gelijk aan de huidige.",
        "en": "This file is the same in this version as now.",
    },
    "restore": {
        "nl": "Deze versie van het bestand in het concept zetten",
        "en": "Put this version of the file in the draft",
    },
    "restored": {
        "nl": "Staat in het concept. Bekijk het voorbeeld en publiceer om het terug te zetten.",
        "en": "It is in the draft. Check the preview and publish to restore it.",
    },
    # staff name at login (who saved a draft or published a version)
    "staff_name": {"nl": "Je naam", "en": "Your name"},
    "staff_name_help": {
        "nl": "Staat bij wat je in de contentstudio opslaat en publiceert.",
        "en": "Shown with what you save and publish in the content studio.",
    },
    "staff_name_needed": {"nl": "Vul je naam in.", "en": "Fill in your name."},
    # insights: period, funnel (flow and branches), sources, ratings (issues 12 and 17)
    "insights_title": {"nl": "Inzichten", "en": "Insights"},
    "period": {"nl": "Periode (dagen)", "en": "Period (days)"},
    "period_from": {
        "nl": "Alle cijfers en grafieken hieronder: van {day} tot en met vandaag.",
        "en": "Every figure and chart below: from {day} up to and including today.",
    },
    # Inzichten: the days' time zone (insightstz)
    "days_time_zone": {
        "nl": "Een dag loopt van middernacht tot middernacht Nederlandse tijd ({zone}).",
        "en": "A day runs from midnight to midnight Dutch time ({zone}).",
    },
    "per_day": {"nl": "Afgeronde tests per dag", "en": "Completed quizzes per day"},
    "funnel": {"nl": "Trechter: van start tot resultaat", "en": "Funnel: from start to result"},
    "funnel_flow_note": {
        "nl": "Sessies die elke stap bereikten, met hun aandeel van wie begon en hoeveel procent "
        "er bij die stap afhaakte.",
        "en": "Sessions that reached each step, with their share of those who started and the "
        "percentage lost at that step.",
    },
    "after_result": {"nl": "Na het resultaat", "en": "After the result"},
    # Inzichten: after the result, as shares of the sessions that saw one (funnelfix)
    "funnel_branch_note": {
        "nl": "Elk als aandeel van de {n} sessies die een resultaat zagen: door de vragen te "
        "beantwoorden of door een resultaatlink opnieuw te openen. Elke sessie telt per keuze "
        "één keer mee. Het zijn losse keuzes, geen opeenvolgende stappen (wie downloadt, kan ook "
        "mailen of geen van beide doen).",
        "en": "Each as a share of the {n} sessions that saw a result: by answering the questions "
        "or by opening a result link again. Each session counts once per choice. These are "
        "separate choices, not consecutive steps (a visitor who downloads may also ask by mail, "
        "or do neither).",
    },
    "funnel_mail_off": {
        "nl": "Mail staat uit (geen WERKSTIJL_SMTP_HOST): bezoekers krijgen alleen de download, "
        "er wordt niets bezorgd.",
        "en": "Mail is off (no WERKSTIJL_SMTP_HOST): visitors get the download only, nothing is "
        "delivered.",
    },
    "step": {"nl": "Stap", "en": "Step"},
    "share_started": {"nl": "% van gestart", "en": "% of started"},
    "share_results": {"nl": "% van wie een resultaat zag", "en": "% of those who saw a result"},
    "count_share": {"nl": "{n} ({share:.0f}%)", "en": "{n} ({share:.0f}%)"},
    "profiles": {"nl": "Verdeling van de profielen", "en": "Profile distribution"},
    "ratings": {"nl": "Waardering per tip", "en": "Rating per tip"},
    "ratings_n": {"nl": "{count} beoordelingen", "en": "{count} ratings"},
    "ratings_n_one": {"nl": "1 beoordeling", "en": "1 rating"},
    "ratings_count": {"nl": "Aantal beoordelingen", "en": "Number of ratings"},
    "median": {"nl": "Mediane tijd tot resultaat", "en": "Median time to finish"},
    "no_value": {"nl": "–", "en": "–"},
    "started": {"nl": "Gestart", "en": "Started"},
    "completed": {"nl": "Afgerond", "en": "Completed"},
    "question_n": {"nl": "Vraag {n}", "en": "Question {n}"},
    "step_result": {"nl": "Resultaat", "en": "Result"},
    "step_pdf": {"nl": "PDF gedownload", "en": "PDF downloaded"},
    "step_form": {"nl": "Per mail gevraagd", "en": "Asked by mail"},
    "step_mail": {"nl": "Mail bezorgd", "en": "Mail delivered"},
    "sessions": {"nl": "Sessies", "en": "Sessions"},
    "lost": {"nl": "Afgehaakt (%)", "en": "Dropped (%)"},
    "average": {"nl": "Gemiddelde sterren (1–5)", "en": "Average stars (1–5)"},
    "no_data": {"nl": "Nog geen gegevens in deze periode.", "en": "No data in this period yet."},
    "day": {"nl": "Dag", "en": "Day"},
    # insights: the early end (the quiz stops once the answers settle the profile)
    "median_questions": {
        "nl": "Mediaan aantal beantwoorde vragen",
        "en": "Median questions answered",
    },
    "questions_value": {"nl": "{n:g}", "en": "{n:g}"},
    "early_heading": {
        "nl": "Eerder klaar: het profiel stond vast, de overige vragen zijn overgeslagen "
        "(telt niet als afhaken)",
        "en": "Ended early: the profile was settled, the remaining questions were skipped "
        "(not counted as drop-off)",
    },
    "ended_after": {"nl": "Klaar na vraag {n}", "en": "Ended after question {n}"},
    "sources": {"nl": "Per bron en campagne", "en": "By source and campaign"},
    "sources_note": {
        "nl": "Sessies per bron: het src-label van een link of insluitcode en de utm-waarden. "
        "'Geen bron' zijn bezoeken zonder label (getypt adres, bladwijzer).",
        "en": "Sessions per source: the src label of a link or embed code and the utm values. "
        "'No source' are visits without a label (typed address, bookmark).",
    },
    "source": {"nl": "Bron", "en": "Source"},
    "no_source": {"nl": "Geen bron", "en": "No source"},
    "col_src": {"nl": "src (label)", "en": "src (label)"},
    "col_utm_source": {"nl": "utm_source", "en": "utm_source"},
    "col_utm_medium": {"nl": "utm_medium", "en": "utm_medium"},
    "col_utm_campaign": {"nl": "utm_campaign", "en": "utm_campaign"},
    # share and embed: links and embed codes with a source label (issue 17)
    "share_title": {"nl": "Delen en insluiten", "en": "Share and embed"},
    "share_intro": {
        "nl": "Een gewone link en een code om de test in een blogbericht of nieuwsbrief-pagina te "
        "zetten. Geef elk een eigen bronlabel, dan zie je bij Inzichten wat elk bericht oplevert.",
        "en": "A plain link and a code to put the quiz inside a blog post or newsletter page. "
        "Give each its own source label, and Insights shows what each one brings.",
    },
    "share_label": {"nl": "Bronlabel (src)", "en": "Source label (src)"},
    "share_label_placeholder": {
        "nl": "bijvoorbeeld blog-oktober",
        "en": "for example blog-october",
    },
    "share_label_help": {
        "nl": "Kort en zonder persoonsgegevens. Typ gerust gewone woorden: hoofdletters worden "
        "kleine letters, accenten vallen weg en spaties en leestekens worden streepjes.",
        "en": "Short and without personal data. Plain words are fine: capitals become lower "
        "case, accents are dropped and spaces and punctuation become dashes.",
    },
    "share_label_bad": {
        "nl": "Dit label kan niet worden gebruikt: er blijft geen letter of cijfer over, of het "
        "lijkt op een e-mailadres of een lang nummer. Kies een paar woorden, zoals "
        "blog-oktober. De link en code hieronder zijn zonder label.",
        "en": "This label cannot be used: no letter or digit is left, or it looks like an e-mail "
        "address or a long number. Choose a few words, such as blog-october. The link and code "
        "below have no label.",
    },
    "share_label_as": {
        "nl": "Aangepast tot een bruikbaar label: {label}. Zo staat het in de link, de code en "
        "bij Inzichten.",
        "en": "Adjusted to a usable label: {label}. That is how it appears in the link, the code "
        "and Insights.",
    },
    "share_link": {"nl": "Gewone link", "en": "Plain link"},
    "share_embed": {"nl": "Code om in te sluiten (HTML)", "en": "Embed code (HTML)"},
    # share: the link below the embedded quiz for readers whose browser blocks the frame
    "embed_fallback_link": {"nl": "Doe de test op onze site", "en": "Take the test on our site"},
    "embed_fallback_note": {
        "nl": "Onder de test staat een gewone link die de test in een nieuw tabblad opent, voor "
        "lezers bij wie de browser of het netwerk het kader blokkeert.",
        "en": "Below the quiz is a plain link that opens it in a new tab, for readers whose "
        "browser or network blocks the frame.",
    },
    "app_title_fallback": {"nl": "Werkstijltest", "en": "Werkstijltest"},
    "embed_allowed": {
        "nl": "Insluiten is toegestaan op: {origins} (WERKSTIJL_EMBED_ORIGINS).",
        "en": "Embedding is allowed on: {origins} (WERKSTIJL_EMBED_ORIGINS).",
    },
    "embed_closed": {
        "nl": "Insluiten op een andere site staat nog uit: browsers tonen de test alleen op deze "
        "eigen site. Zet WERKSTIJL_EMBED_ORIGINS op het adres van je site (bijvoorbeeld "
        "https://www.jouwbedrijf.nl) en start de app opnieuw.",
        "en": "Embedding on another site is off: browsers show the quiz only on its own site. "
        "Set WERKSTIJL_EMBED_ORIGINS to your site's address (for example "
        "https://www.yourcompany.com) and restart the app.",
    },
    "embed_bad_origins": {
        "nl": "WERKSTIJL_EMBED_ORIGINS bevat iets dat geen siteadres is en wordt genegeerd: "
        "{values}. Schrijf elk adres als https://host, zonder pad (https://*.voorbeeld.nl voor "
        "alle subdomeinen).",
        "en": "WERKSTIJL_EMBED_ORIGINS holds something that is not a site address and is "
        "ignored: {values}. Write each address as https://host, without a path "
        "(https://*.example.com for every subdomain).",
    },
    "embed_how": {"nl": "Wat je site moet toestaan", "en": "What your site must allow"},
    "embed_how_text": {
        "nl": "- Zet het adres van je site in **WERKSTIJL_EMBED_ORIGINS**; andere sites kunnen "
        "de test niet in een frame tonen.\n"
        "- Heeft je site zelf een Content-Security-Policy, voeg dan het adres van de test toe "
        "aan `frame-src` (en `script-src 'unsafe-inline'` of een hash voor het korte script, "
        "dat alleen utm-waarden van de pagina doorgeeft; zonder script werkt de test ook).\n"
        "- Cookies van derden zijn niet nodig: de test werkt ook als de browser ze blokkeert.\n"
        "- Links in teksten openen in een nieuw tabblad; de PDF-download werkt in het frame.\n"
        "- Het frame is maximaal 720 pixels breed en 90% van de schermhoogte (past op een "
        "telefoon); de test scrollt binnen het frame.",
        "en": "- Put your site's address in **WERKSTIJL_EMBED_ORIGINS**; other sites cannot "
        "show the quiz in a frame.\n"
        "- If your site has a Content-Security-Policy of its own, add the quiz's address to "
        "`frame-src` (and `script-src 'unsafe-inline'` or a hash for the short script, which "
        "only passes the page's utm values on; the quiz also works without it).\n"
        "- Third-party cookies are not needed: the quiz works when the browser blocks them.\n"
        "- Links in texts open in a new tab; the PDF download works inside the frame.\n"
        "- The frame is at most 720 pixels wide and 90% of the screen high (fits a phone); the "
        "quiz scrolls inside it.",
    },
    # leads
    "leads_title": {"nl": "Leads", "en": "Leads"},
    "search": {"nl": "Zoeken op naam of adres", "en": "Search by name or address"},
    "leads_count": {"nl": "{count} leads", "en": "{count} leads"},
    "leads_count_one": {"nl": "1 lead", "en": "1 lead"},
    "export": {"nl": "Exporteren naar CSV (Excel)", "en": "Export to CSV (Excel)"},
    "col_email": {"nl": "e-mail", "en": "e-mail"},
    "col_pdf": {"nl": "PDF", "en": "PDF"},
    "col_lang": {"nl": "Taal", "en": "Language"},
    "col_updates": {"nl": "Updates gevraagd", "en": "Updates requested"},
    "col_confirmed": {"nl": "Bevestigd op", "en": "Confirmed at"},
    "col_date": {"nl": "Datum", "en": "Date"},
    "forget_header": {"nl": "Gegevens van een adres verwijderen", "en": "Erase an address"},
    "forget_address": {"nl": "E-mailadres", "en": "E-mail address"},
    "forget_confirm": {
        "nl": "Ik weet zeker dat alles van dit adres weg moet (lead, mails, PDF's)",
        "en": "I am sure everything of this address must go (lead, mails, PDFs)",
    },
    "forget_button": {"nl": "Verwijderen", "en": "Erase"},
    "forget_need_confirm": {
        "nl": "Vink eerst de bevestiging aan.",
        "en": "Tick the confirmation first.",
    },
    "forgotten": {
        "nl": "Verwijderd: {leads}, {outbox}, {attachments}.",
        "en": "Erased: {leads}, {outbox}, {attachments}.",
    },
    # Counted things in a sentence (wording walkthrough: no "lead(s)"), singular via `_one`.
    "n_leads": {"nl": "{count} leads", "en": "{count} leads"},
    "n_leads_one": {"nl": "1 lead", "en": "1 lead"},
    "n_mails": {"nl": "{count} mails", "en": "{count} mails"},
    "n_mails_one": {"nl": "1 mail", "en": "1 mail"},
    "n_pdfs": {"nl": "{count} PDF's", "en": "{count} PDFs"},
    "n_pdfs_one": {"nl": "1 PDF", "en": "1 PDF"},
    # outbox
    "outbox_header": {"nl": "Uitgaande mail", "en": "Outgoing mail"},
    "outbox_pending": {"nl": "Wachtend", "en": "Waiting"},
    "outbox_sending": {"nl": "Bezig", "en": "Sending"},
    "outbox_sent": {"nl": "Verstuurd", "en": "Sent"},
    "outbox_failed": {"nl": "Mislukt", "en": "Failed"},
    "outbox_mail_off": {
        "nl": "Mail staat uit (geen WERKSTIJL_SMTP_HOST): bezoekers krijgen geen mailformulier; "
        "mail van de Groep-pagina wacht hier tot mail is ingesteld.",
        "en": "Mail is off (no WERKSTIJL_SMTP_HOST): visitors get no mail form; mail from the Group "
        "page waits here until mail is set up.",
    },
    "outbox_send_now": {"nl": "Wachtende mail nu versturen", "en": "Send waiting mail now"},
    "outbox_sent_now": {
        "nl": "Verstuurd: {sent}, later opnieuw: {retried}, mislukt: {failed}.",
        "en": "Sent: {sent}, to retry later: {retried}, failed: {failed}.",
    },
    # Leads and outbox: erase feedback, mail set-up, the list of mails (issues 10 and 12, mail)
    "forget_nothing": {
        "nl": "Voor `{address}` is niets opgeslagen, dus er is niets verwijderd. Controleer de "
        "spelling van het adres.",
        "en": "Nothing is stored for `{address}`, so nothing was erased. Check the address's "
        "spelling.",
    },
    "outbox_check": {"nl": "Verbinding met de mailserver testen", "en": "Test the mail server"},
    "outbox_empty": {"nl": "Nog geen mail.", "en": "No mail yet."},
    "outbox_col_id": {"nl": "Nr.", "en": "No."},
    "outbox_col_kind": {"nl": "Soort", "en": "Kind"},
    "outbox_col_to": {"nl": "Aan", "en": "To"},
    "outbox_col_state": {"nl": "Status", "en": "State"},
    "outbox_col_tries": {"nl": "Pogingen", "en": "Tries"},
    "outbox_col_error": {"nl": "Laatste fout", "en": "Last error"},
    "outbox_col_created": {"nl": "Aangemaakt", "en": "Queued"},
    "outbox_col_sent": {"nl": "Verstuurd op", "en": "Sent at"},
    "outbox_kind_pdf": {"nl": "PDF", "en": "PDF"},
    "outbox_kind_optin": {"nl": "Bevestiging updates", "en": "Updates confirmation"},
    "outbox_state_pending": {"nl": "Wachtend", "en": "Waiting"},
    "outbox_state_retry": {"nl": "Wacht op nieuwe poging", "en": "Waiting to retry"},
    "outbox_state_unsure": {
        "nl": "Misschien bezorgd (niet eerder dan over een uur opnieuw)",
        "en": "Maybe delivered (not retried within the hour)",
    },
    "outbox_state_sending": {"nl": "Bezig", "en": "Sending"},
    "outbox_state_sent": {"nl": "Verstuurd", "en": "Sent"},
    "outbox_state_failed": {"nl": "Mislukt", "en": "Failed"},
    "outbox_state_cancelled": {"nl": "Geannuleerd", "en": "Cancelled"},
    "outbox_pick": {
        "nl": "Kies wachtende of mislukte mails",
        "en": "Choose waiting or failed mails",
    },
    "outbox_pick_placeholder": {"nl": "Kies een of meer mails", "en": "Choose one or more mails"},
    "outbox_retry": {"nl": "Opnieuw proberen", "en": "Retry"},
    "outbox_cancel": {"nl": "Annuleren (niet versturen)", "en": "Cancel (do not send)"},
    "outbox_retried": {  # {count}: the mails asked for
        "nl": "{done} van {count} mails opnieuw in de wachtrij gezet.",
        "en": "{done} of {count} mails queued again.",
    },
    "outbox_retried_one": {
        "nl": "{done} van 1 mail opnieuw in de wachtrij gezet.",
        "en": "{done} of 1 mail queued again.",
    },
    "outbox_not_retryable": {
        "nl": "Een mail die de ontvanger weigerde, bewaart zijn PDF niet en kan niet opnieuw.",
        "en": "A mail the receiver refused no longer keeps its PDF and cannot be retried.",
    },
    "outbox_cancelled": {  # {count}: the mails asked for
        "nl": "{done} van {count} mails geannuleerd; ze worden niet verstuurd.",
        "en": "{done} of {count} mails cancelled; they will not be sent.",
    },
    "outbox_cancelled_one": {
        "nl": "{done} van 1 mail geannuleerd; die wordt niet verstuurd.",
        "en": "{done} of 1 mail cancelled; it will not be sent.",
    },
    "bulk_queued_before": {
        "nl": "{count} mails waren al door een eerdere keer in de wachtrij gezet en worden niet "
        "nog eens verstuurd.",
        "en": "{count} mails were already queued by an earlier run and are not sent twice.",
    },
    "bulk_queued_before_one": {
        "nl": "1 mail was al door een eerdere keer in de wachtrij gezet en wordt niet nog eens "
        "verstuurd.",
        "en": "1 mail was already queued by an earlier run and is not sent twice.",
    },
    # bulk
    "bulk_title": {"nl": "Groep (lijst naar PDF's)", "en": "Group (list to PDFs)"},
    "bulk_intro": {
        "nl": "Upload de deelnemerslijst als Excel-bestand (.xlsx) of CSV, met een kolom naam en "
        "per deelnemer een profiel of de antwoorden (q1..qN). Je ziet eerst welke rijen "
        "gebruikt worden.",
        "en": "Upload the participant list as an Excel file (.xlsx) or CSV, with a name column "
        "and per participant a profile or the answers (q1..qN). You first see which rows will "
        "be used.",
    },
    "upload": {"nl": "Deelnemerslijst (Excel of CSV)", "en": "Participant list (Excel or CSV)"},
    "bulk_unusable": {"nl": "Dit bestand is niet bruikbaar:", "en": "This file cannot be used:"},
    "rows_ok": {"nl": "{count} rijen worden gebruikt", "en": "{count} rows will be used"},
    "rows_ok_one": {"nl": "1 rij wordt gebruikt", "en": "1 row will be used"},
    "rows_bad": {"nl": "{count} rijen worden niet gebruikt", "en": "{count} rows will not be used"},
    "rows_bad_one": {"nl": "1 rij wordt niet gebruikt", "en": "1 row will not be used"},
    "row": {"nl": "Rij", "en": "Row"},
    "name": {"nl": "Naam", "en": "Name"},
    "reason": {"nl": "Reden", "en": "Reason"},
    "generate": {"nl": "PDF's maken", "en": "Make the PDFs"},
    "generating": {"nl": "Bezig: {done} van {total}", "en": "Working: {done} of {total}"},
    "download_zip": {"nl": "Zip downloaden", "en": "Download the zip"},
    "bulk_group_title": {
        "nl": "Titel van de training: op het groepsrapport en op de PDF van elke deelnemer",
        "en": "Title of the training: on the group report and on every participant's PDF",
    },
    "bulk_send": {
        "nl": "Mail elke deelnemer ook de eigen PDF ({count} met een geldig adres)",
        "en": "Also mail each participant their PDF ({count} with a valid address)",
    },
    "bulk_queued": {
        "nl": "{count} mails zijn in de wachtrij gezet. Of ze verstuurd zijn, zie je bij {where}.",
        "en": "{count} mails have been queued. Whether they were sent: see {where}.",
    },
    # Groep page: what is true when mail is off, counts in rows, the session date (trainerfix)
    "bulk_session_date": {"nl": "Datum van de sessie", "en": "Date of the session"},
    "bulk_session_date_help": {
        "nl": "Staat op de PDF's; week 1 van ieders startplan en agenda begint de maandag erna.",
        "en": "Shown on the PDFs; week 1 of everyone's start plan and calendar begins the Monday "
        "after it.",
    },
    "bulk_queued_one": {
        "nl": "1 mail is in de wachtrij gezet. Of hij verstuurd is, zie je bij {where}.",
        "en": "1 mail has been queued. Whether it was sent: see {where}.",
    },
    "bulk_send_mail_off": {
        "nl": "Mail staat uit (geen WERKSTIJL_SMTP_HOST): er wordt nu niets verstuurd. De mails "
        "wachten in de uitgaande mail en gaan pas weg als mail is ingesteld.",
        "en": "Mail is off (no WERKSTIJL_SMTP_HOST): nothing is sent now. The mails wait in the "
        "outgoing mail and only go out once mail is set up.",
    },
    "bulk_queued_waiting": {
        "nl": "{count} mails zijn in de wachtrij gezet. Er is nog niets verstuurd: mail staat uit "
        "(geen WERKSTIJL_SMTP_HOST). Ze gaan pas weg als mail is ingesteld; hun stand zie je "
        "bij {where}.",
        "en": "{count} mails have been queued. Nothing has been sent: mail is off (no "
        "WERKSTIJL_SMTP_HOST). They only go out once mail is set up; see {where} for their state.",
    },
    "bulk_queued_waiting_one": {
        "nl": "1 mail is in de wachtrij gezet. Er is nog niets verstuurd: mail staat uit (geen "
        "WERKSTIJL_SMTP_HOST). Hij gaat pas weg als mail is ingesteld; zijn stand zie je bij "
        "{where}.",
        "en": "1 mail has been queued. Nothing has been sent: mail is off (no WERKSTIJL_SMTP_HOST). "
        "It only goes out once mail is set up; see {where} for its state.",
    },
    "bulk_skipped_one": {"nl": "Zonder PDF: 1 rij.", "en": "Without a PDF: 1 row."},
    "bulk_warned_one": {
        "nl": "Met een waarschuwing (PDF wel gemaakt): 1 rij.",
        "en": "With a warning (PDF made): 1 row.",
    },
    # bulk: the file read, the summary after generating, the zip (Excel in, Excel out)
    "bulk_read_as": {"nl": "Gelezen als: {source}", "en": "Read as: {source}"},
    "bulk_summary_header": {"nl": "Resultaat", "en": "Result"},
    "bulk_summary": {
        "nl": "PDF's gemaakt: {pdfs} van {rows}, plus het groepsrapport.",
        "en": "PDFs made: {pdfs} of {rows}, plus the group report.",
    },
    "bulk_summary_alone": {
        "nl": "PDF's gemaakt: {pdfs} van {rows}.",
        "en": "PDFs made: {pdfs} of {rows}.",
    },
    "bulk_skipped": {"nl": "Zonder PDF: {count} rijen.", "en": "Without a PDF: {count} rows."},
    "bulk_warned": {
        "nl": "Met een waarschuwing (PDF wel gemaakt): {count} rijen.",
        "en": "With a warning (PDF made): {count} rows.",
    },
    "bulk_reasons": {
        "nl": "De redenen staan hieronder en in errors.csv in de zip.",
        "en": "The reasons are below and in errors.csv in the zip.",
    },
    "bulk_group_failed": {
        "nl": "Het groepsrapport is niet gemaakt: {reason}",
        "en": "The group report was not made: {reason}",
    },
    "zip_default": {"nl": "groep", "en": "group"},
    "bulk_count": {"nl": "Deelnemers", "en": "Participants"},
    # Leads page: the CSV export's column names and yes/no, one per CSV_COLUMNS entry
    # (werkstijl/storage/leads.py). English keeps the column ids, so scripts that read the
    # English export keep working; the README lists both.
    "csv_name": {"nl": "naam", "en": "name"},
    "csv_email": {"nl": "e-mail", "en": "email"},
    "csv_lang": {"nl": "taal", "en": "lang"},
    "csv_profile": {"nl": "profiel", "en": "profile"},
    "csv_consent_pdf": {"nl": "pdf per mail", "en": "consent_pdf"},
    "csv_updates_requested": {"nl": "updates gevraagd", "en": "updates_requested"},
    "csv_updates_confirmed_at": {"nl": "updates bevestigd op", "en": "updates_confirmed_at"},
    "csv_consent_version": {"nl": "versie toestemmingstekst", "en": "consent_version"},
    "csv_created_at": {"nl": "aangemaakt op", "en": "created_at"},
    "csv_src": {"nl": "bron (src)", "en": "src"},
    "csv_utm_source": {"nl": "utm_source", "en": "utm_source"},
    "csv_utm_medium": {"nl": "utm_medium", "en": "utm_medium"},
    "csv_utm_campaign": {"nl": "utm_campaign", "en": "utm_campaign"},
    "csv_yes": {"nl": "ja", "en": "yes"},
    "csv_no": {"nl": "nee", "en": "no"},
    # Studio publish: drafted files changed on disk (marketer walkthrough, finding 2)
    "publish_disk_conflict": {
        "nl": "Op schijf gewijzigd sinds je concept begon (bijvoorbeeld door git): {files}. "
        "Publiceren zou die wijziging overschrijven. Neem over wat je nodig hebt in het concept, "
        "of publiceer toch: de versie op schijf wordt dan bewaard in .history.",
        "en": "Changed on disk since your draft was started (for example by git): {files}. "
        "Publishing would overwrite that change. Copy what you need into the draft, or publish "
        "anyway: the version on disk is then kept in .history.",
    },
    "publish_overwrite_disk": {
        "nl": "Toch publiceren (versie op schijf bewaren)",
        "en": "Publish anyway (keep the version on disk)",
    },
    # Studio: what publish or discard changes, and a confirmation before discarding (finding 7)
    "change_line": {
        "nl": "{file}: regels erbij {added}, eraf {removed}",
        "en": "{file}: lines added {added}, removed {removed}",
    },
    "publish_summary": {
        "nl": "Publiceren zet dit live voor bezoekers; Concept weggooien maakt het ongedaan:",
        "en": "Publish makes this live for visitors; Discard the draft undoes it:",
    },
    "discard_confirm": {
        "nl": "Weet je het zeker? Deze wijzigingen gaan verloren:",
        "en": "Are you sure? These changes will be lost:",
    },
    "discard_yes": {"nl": "Ja, concept weggooien", "en": "Yes, discard the draft"},
    "discard_no": {"nl": "Annuleren", "en": "Cancel"},
    "publish_refused_disk": {
        "nl": "Niet gepubliceerd: {files} is op schijf gewijzigd sinds je concept begon.",
        "en": "Not published: {files} changed on disk since your draft was started.",
    },
    # Leads: the export's times (marketer walkthrough, finding 10)
    "export_utc": {
        "nl": "Tijden in de CSV staan in UTC (in de tabel hierboven: Nederlandse tijd).",
        "en": "Times in the CSV are in UTC (in the table above: Dutch time).",
    },
    # Inzichten: completion rate per source (marketer walkthrough, finding 9)
    "completion_rate": {"nl": "% afgerond", "en": "% completed"},
    # --- live content: served while the database cannot be read ---
    "serving_unpublished": {
        "nl": "De database is niet te lezen: bezoekers krijgen de bestanden in de contentmap. Ze "
        "worden gepubliceerd zodra de database weer bereikbaar is.",
        "en": "The database cannot be read: visitors get the files in the content folder. They "
        "are published as soon as the database can be reached again.",
    },
}


def lang() -> str:
    return st.session_state.get(LANG_KEY, "nl")


def decimal(value: float, digits: int = 1) -> str:
    """A number for a table in the staff language: '12,5' in Dutch, '12.5' in English."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang() == "nl" else text


def t(key: str, **values: object) -> str:
    """The staff UI text for `key` in the chosen language (Dutch when English is missing)."""
    return lookup(STRINGS, key, lang(), **values)
