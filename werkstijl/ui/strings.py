"""The small catalogue of visitor-facing UI chrome (labels, buttons, short messages) in nl and en.

Longer texts (intro, privacy, consent labels) are content and come from `content.site`.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

STRINGS: dict[str, dict[str, str]] = {
    # Chrome and intro
    # The browser tab's title, set before any content is loaded.
    "app_title": {"nl": "Werkstijltest", "en": "Werkstijltest"},
    "switch_lang": {"nl": "English", "en": "Nederlands"},
    "intro_facts": {
        "nl": "{n} vragen · hooguit drie minuten · geen account nodig",
        "en": "{n} questions · three minutes at most · no account needed",
    },
    "start": {"nl": "Start de test", "en": "Start the test"},
    "privacy_more": {"nl": "Wat gebeurt er met je gegevens?", "en": "What happens to your data?"},
    "unavailable": {
        "nl": "De test is even niet beschikbaar. Probeer het over een paar minuten opnieuw.",
        "en": "The test is briefly unavailable. Please try again in a few minutes.",
    },
    "restarted": {  # the answers no longer fit questions edited since
        "nl": "De test is intussen aangepast, dus we beginnen opnieuw. Het kost je maar "
        "drie minuten.",
        "en": "The test has changed in the meantime, so we start again. It only takes "
        "three minutes.",
    },
    "resumed": {
        "nl": "Welkom terug! Je gaat verder waar je was.",
        "en": "Welcome back! You continue where you left off.",
    },
    # Questions
    "progress": {"nl": "Vraag {i} van {n}", "en": "Question {i} of {n}"},
    "back": {"nl": "Vorige vraag", "en": "Previous question"},
    "back_intro": {"nl": "Terug", "en": "Back"},
    # Result
    "result_kicker": {"nl": "Jouw werkstijl", "en": "Your work style"},
    "strong_side": {"nl": "met een sterke {profile}-kant", "en": "with a strong {profile} side"},
    "scores_heading": {"nl": "Zo verdelen je antwoorden zich", "en": "How your answers add up"},
    "rate_tip": {"nl": "Beoordeel deze tip", "en": "Rate this tip"},
    "rated": {"nl": "Bedankt voor je beoordeling.", "en": "Thanks for rating."},
    # The plan (issue 11): the one first step, the start plan and the calendar file.
    "first_step_heading": {  # {date}: the coming Monday, week 1 of the plan
        "nl": "Jouw eerste stap, vanaf {date}",
        "en": "Your first step, from {date}",
    },
    "first_step_side": {
        "nl": "Gekozen voor je sterke {profile}-kant.",
        "en": "Chosen for your strong {profile} side.",
    },
    "start_plan_heading": {
        "nl": "Daarna: elke week één nieuwe gewoonte",
        "en": "Then: one new habit a week",
    },
    "week_from": {
        "nl": "Week {week} · vanaf {date}",
        "en": "Week {week} · from {date}",
    },
    "start_plan_after": {
        "nl": "Vanaf week {week} ({date}) staat je hele weekritme in je agenda. Het staat in je "
        "PDF en in het agendabestand hieronder.",
        "en": "From week {week} ({date}) your whole week rhythm is in your calendar. It is in your "
        "PDF and in the calendar file below.",
    },
    "download_ics": {
        "nl": "Zet je weekritme in je agenda (.ics)",
        "en": "Put your week rhythm in your calendar (.ics)",
    },
    "ics_note": {
        "nl": "Open het bestand en je agenda (Outlook, Google, Apple) voegt de blokken toe, elk "
        "vanaf de week waarin het begint.",
        "en": "Open the file and your calendar (Outlook, Google, Apple) adds the blocks, each from "
        "the week it starts.",
    },
    "share": {
        "nl": "Bewaar of deel deze link om later naar je uitslag terug te gaan:",
        "en": "Keep or share this link to come back to your result later:",
    },
    "restart": {"nl": "Test opnieuw doen", "en": "Take the test again"},
    # The early end (the quiz stops once the answers settle the profile; scoring.quiz_ends)
    "intro_facts_up_to": {
        "nl": "Maximaal {n} vragen · hooguit drie minuten · geen account nodig",
        "en": "Up to {n} questions · three minutes at most · no account needed",
    },
    "intro_facts_median": {
        "nl": "{n} vragen, vaak ben je na {median} al klaar · hooguit drie minuten · "
        "geen account nodig",
        "en": "{n} questions, often done after {median} · three minutes at most · "
        "no account needed",
    },
    "ended_early": {
        "nl": "Je antwoorden zijn al duidelijk: je profiel staat vast na {answered} van de {n} "
        "vragen, dus de rest slaan we over.",
        "en": "Your answers are already clear: your profile is settled after {answered} of the "
        "{n} questions, so we skip the rest.",
    },
    # PDF and the mail form
    "pdf_heading": {"nl": "Je persoonlijke PDF", "en": "Your personal PDF"},
    "pdf_lead": {
        "nl": "Je profiel, je startplan, je weekritme en al je tips om later na te slaan.",
        "en": "Your profile, your start plan, your week rhythm and all your tips to look up later.",
    },
    "name_label": {"nl": "Je naam (voor op de PDF)", "en": "Your name (for the PDF)"},
    "name_placeholder": {"nl": "Bijvoorbeeld Sanne de Vries", "en": "For example Sam Jones"},
    "download": {"nl": "Download je PDF", "en": "Download your PDF"},
    "pdf_error": {
        "nl": "Je PDF kon nu niet worden gemaakt. Probeer het over een paar minuten opnieuw.",
        "en": "Your PDF could not be made just now. Please try again in a few minutes.",
    },
    "mail_heading": {"nl": "Liever per e-mail?", "en": "Prefer it by e-mail?"},
    "gate_heading": {"nl": "Ontvang je PDF", "en": "Get your PDF"},
    "gate_note": {
        "nl": "Vul je e-mailadres in; daarna kun je je PDF ook meteen downloaden.",
        "en": "Fill in your e-mail address; then you can also download your PDF at once.",
    },
    "email_label": {"nl": "E-mailadres", "en": "E-mail address"},
    "email_placeholder": {"nl": "naam@voorbeeld.nl", "en": "name@example.com"},
    "honeypot_label": {"nl": "Laat dit veld leeg", "en": "Leave this field empty"},
    "sent_optin": {
        "nl": "Je krijgt ook een mail met een link om je aanmelding voor updates te bevestigen.",
        "en": "You will also get an e-mail with a link to confirm your sign-up for updates.",
    },
    "refusal_invalid_email": {
        "nl": "Dit e-mailadres lijkt niet te kloppen. Wil je het even controleren?",
        "en": "This e-mail address does not seem right. Could you check it?",
    },
    "refusal_invalid_email_why": {  # {why}: what is wrong, from the e-mail wording (email.*)
        "nl": "Dit e-mailadres klopt nog niet ({why}). Wil je het even aanpassen?",
        "en": "This e-mail address is not right yet ({why}). Could you correct it?",
    },
    "refusal_address_limit": {
        "nl": "Naar dit adres hebben we vandaag al een paar keer gemaild. Download je PDF "
        "hierboven, of probeer het morgen opnieuw.",
        "en": "We have already e-mailed this address a few times today. Download your PDF right "
        "here, or try again tomorrow.",
    },
    "form_error": {
        "nl": "Er ging iets mis bij het bewaren. Probeer het zo nog eens; je PDF kun je hier "
        "direct downloaden.",
        "en": "Something went wrong while saving. Please try again shortly; you can download "
        "your PDF here right away.",
    },
    # Mail form: what is true now about the mail, and the refusals of issue 10 (mail)
    "mail_queued": {
        "nl": "Je aanvraag staat in de wachtrij: je PDF gaat naar {email}. Het versturen kan even "
        "duren; deze melding verandert zodra hij echt verstuurd is.",
        "en": "Your request is queued: your PDF goes to {email}. Sending may take a while; this "
        "message changes once it has really been sent.",
    },
    "mail_delivered": {
        "nl": "Verstuurd! De mailserver heeft je PDF voor {email} aangenomen. Zie je niets binnen "
        "een paar minuten, kijk dan even in je spammap.",
        "en": "Sent! The mail server has accepted your PDF for {email}. Nothing within a few "
        "minutes? Have a look in your spam folder.",
    },
    "mail_delayed": {
        "nl": "Je PDF is nog niet verstuurd: het versturen lukt op dit moment niet. We proberen "
        "het vanzelf opnieuw, maar dat kan even duren. Download je PDF hierboven als je niet wilt "
        "wachten.",
        "en": "Your PDF has not been sent yet: sending does not work right now. We will try again "
        "by ourselves, but that may take a while. Download your PDF above if you would rather "
        "not wait.",
    },
    "mail_unsure": {
        "nl": "We weten niet zeker of je PDF is aangekomen: de mailserver bevestigde het niet op "
        "tijd. Kijk over een paar minuten in je inbox en spammap; je kunt je PDF hierboven ook "
        "downloaden.",
        "en": "We are not sure your PDF arrived: the mail server did not confirm it in time. Look "
        "in your inbox and spam folder in a few minutes; you can also download your PDF above.",
    },
    "mail_failed": {
        "nl": "Het versturen lukte niet. Download je PDF hierboven.",
        "en": "Sending did not work. Download your PDF above.",
    },
    "refusal_unicode_local": {
        "nl": "Dit e-mailadres heeft letters als ë of ü vóór de @, en zulke adressen kunnen we "
        "niet bezorgen. Gebruik een adres met gewone letters vóór de @, of download je PDF "
        "hierboven.",
        "en": "This address has letters like ë or ü before the @, and we cannot deliver to such "
        "addresses. Use an address with plain letters before the @, or download your PDF above.",
    },
    "refusal_name_link": {
        "nl": "Je naam lijkt een webadres te bevatten (zoals 'voorbeeld.nl' of 'www.'). Vul "
        "alleen je naam in; staat er een punt tussen twee woorden, zet er dan een spatie achter "
        "(bijvoorbeeld 'J. Jansen').",
        "en": "Your name seems to contain a web address (like 'example.com' or 'www.'). Fill in "
        "just your name; if a dot sits between two words, put a space after it (for example "
        "'J. Jones').",
    },
    "refusal_client_limit": {
        "nl": "Vanaf deze internetverbinding is de PDF net al vaak aangevraagd. Download je PDF "
        "hierboven, of probeer het later opnieuw.",
        "en": "The PDF has just been requested many times from this internet connection. "
        "Download your PDF above, or try again later.",
    },
    # Double opt-in: confirmed by a click, not by opening the link (mail scanners open links)
    "confirm_ask": {
        "nl": "Wil je updates van de werkstijltest ontvangen? Bevestig het met de knop hieronder.",
        "en": "Would you like to receive updates from the work style test? Confirm with the "
        "button below.",
    },
    "confirm_button": {"nl": "Ja, stuur mij updates", "en": "Yes, send me updates"},
    "confirm_expired": {
        "nl": "Deze bevestigingslink is verlopen: hij werkt 30 dagen. Wil je toch updates? Vink "
        "het vakje voor updates aan als je de test opnieuw doet.",
        "en": "This confirmation link has expired: it works for 30 days. Still want updates? "
        "Tick the updates box when you take the test again.",
    },
    # Names (issue 13): a pasted name longer than the field allows is cut, not wiped
    "name_cut": {
        "nl": "Je naam is ingekort tot {limit} tekens.",
        "en": "Your name was shortened to {limit} characters.",
    },
    # Double opt-in
    "confirm_ok": {
        "nl": "Bedankt! Je aanmelding voor updates is bevestigd.",
        "en": "Thank you! Your sign-up for updates is confirmed.",
    },
    "confirm_bad": {
        "nl": "Deze bevestigingslink werkt niet (meer). Misschien heb je al bevestigd?",
        "en": "This confirmation link does not work (any more). Perhaps you already confirmed?",
    },
    "confirm_continue": {"nl": "Naar de test", "en": "Go to the test"},
    # Accessibility (issue 13): names a screen reader hears; see werkstijl/ui/a11y.py
    "progress_label": {"nl": "Voortgang", "en": "Progress"},
    "rate_group": {"nl": "Beoordeel deze tip", "en": "Rate this tip"},
    "star_label": {"nl": "{n} van {of} sterren", "en": "{n} out of {of} stars"},
    "result_announce": {"nl": "Jouw werkstijl: {profile}", "en": "Your work style: {profile}"},
    # Streamlit's own English words, replaced in the page by the page script (a11y.py
    # STREAMLIT_PLACES), on visitor and staff pages. "en": exactly as Streamlit writes them.
    "st_enter_submit": {"nl": "Druk op Enter om te versturen", "en": "Press Enter to submit form"},
    "st_ctrl_enter_submit": {
        "nl": "Druk op Ctrl+Enter om te versturen",
        "en": "Press Ctrl+Enter to submit form",
    },
    "st_cmd_enter_submit": {
        "nl": "Druk op ⌘+Enter om te versturen",
        "en": "Press ⌘+Enter to submit form",
    },
    "st_enter_apply": {"nl": "Druk op Enter om over te nemen", "en": "Press Enter to apply"},
    "st_ctrl_enter_apply": {
        "nl": "Druk op Ctrl+Enter om over te nemen",
        "en": "Press Ctrl+Enter to apply",
    },
    "st_cmd_enter_apply": {
        "nl": "Druk op ⌘+Enter om over te nemen",
        "en": "Press ⌘+Enter to apply",
    },
    "st_skip_link": {"nl": "Naar de inhoud", "en": "Skip to main content"},
    "st_upload": {"nl": "Bestand kiezen", "en": "Upload"},
    "st_upload_dirs": {"nl": "Mappen kiezen", "en": "Upload directories"},
    "st_browse_files": {"nl": "Bestanden zoeken", "en": "Browse files"},
    "st_drag_drop_file": {"nl": "Sleep een bestand hierheen", "en": "Drag and drop a file here"},
    "st_drag_drop_files": {"nl": "Sleep bestanden hierheen", "en": "Drag and drop files here"},
    "st_drag_drop_dirs": {"nl": "Sleep mappen hierheen", "en": "Drag and drop directories here"},
    "st_drag_drop_old": {"nl": "Sleep een bestand hierheen", "en": "Drag and drop file here"},
    "st_limit": {"nl": "Maximaal ", "en": "Limit "},
    "st_per_file": {"nl": "per bestand", "en": "per file"},
    # Names Streamlit gives its controls (a11y.py STREAMLIT_ATTRIBUTES); "en" exactly as
    # Streamlit writes them. Help and fullscreen are prefixes before a label of our own.
    "st_aria_help_for": {"nl": "Uitleg bij ", "en": "Help for "},
    "st_aria_fullscreen": {"nl": "Volledig scherm", "en": "Fullscreen"},
    "st_aria_collapse_sidebar": {"nl": "Zijbalk inklappen", "en": "Collapse sidebar"},
    "st_aria_expand_sidebar": {"nl": "Zijbalk uitklappen", "en": "Expand sidebar"},
    "st_aria_sidebar": {"nl": "Zijbalk", "en": "Sidebar"},
    "st_aria_link_heading": {"nl": "Link naar deze kop", "en": "Link to heading"},
    "st_aria_file_upload": {"nl": "bestand uploaden", "en": "file upload"},
    "st_aria_increment": {"nl": "Verhogen", "en": "Increment"},
    "st_aria_decrement": {"nl": "Verlagen", "en": "Decrement"},
    "st_aria_copy": {"nl": "Kopiëren", "en": "Copy to clipboard"},
    "st_aria_open": {"nl": "Openen", "en": "Open"},
    "st_aria_clear": {"nl": "Wissen", "en": "Clear value"},
    "st_aria_running": {"nl": "Bezig…", "en": "Running..."},
    "st_aria_main_menu": {"nl": "Hoofdmenu", "en": "Main menu"},
    "st_choose_option": {"nl": "Kies een optie", "en": "Choose an option"},
    "st_file_type_not_allowed": {
        "nl": "Dit soort bestand kan hier niet.",
        "en": "File type not allowed.",
    },
    # Visitor-flow fixes: the mail form (mail off, sent once, one problem per field), links
    # that are not valid, the opt-in page.
    "mail_off_note": {
        "nl": "E-mail staat op deze site uit. Je PDF en je agendabestand download je hierboven.",
        "en": "E-mail is switched off on this site. Download your PDF and calendar file above.",
    },
    "mail_again": {"nl": "Naar een ander adres sturen", "en": "Send it to another address"},
    "bad_link": {
        "nl": "Deze link was niet compleet of klopte niet, dus we beginnen opnieuw. Het kost je "
        "maar drie minuten.",
        "en": "This link was incomplete or not valid, so we start again. It only takes three "
        "minutes.",
    },
    "confirm_heading": {"nl": "Updates bevestigen", "en": "Confirm updates"},
}


def t(key: str, lang: str, **kw: object) -> str:
    """The visitor UI string `key` in `lang` (falls back to Dutch), placeholders filled in."""
    return lookup(STRINGS, key, lang, **kw)


def lookup(table: dict[str, dict[str, str]], key: str, lang: str, **kw: object) -> str:
    """One catalogue lookup for visitor and staff strings alike.

    A missing key shows the key itself rather than crashing a page. With `count=1`, the key's
    singular `<key>_one` is used when the catalogue has one ("1 probleem", not "1 problemen").
    """
    if kw.get("count") == 1 and f"{key}_one" in table:
        key = f"{key}_one"
    entry = table.get(key)
    if entry is None:
        log.error("missing UI string %r", key)
        return key
    text = entry.get(lang) or entry["nl"]
    try:
        return text.format(**kw) if kw else text
    except (KeyError, IndexError, ValueError):
        log.error("UI string %r could not be filled with %s", key, sorted(kw))
        return text
