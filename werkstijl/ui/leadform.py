"""The PDF: an immediate download, and a form to have it e-mailed (lead + outbox, one transaction).

The download never depends on marketing consent. With the lead gate on, it appears only once the
form has been sent. The page says what is true now: "queued" while the mail waits (it follows the
outbox by itself for a while), "sent" only once the mail server accepted it, and "not sent yet"
when sending fails. Once a request is queued, its status takes the form's place (a second click
cannot send it again; "send it to another address" opens an empty form). Without SMTP there is
no form: one line says mail is off, and nothing is stored. Nothing pretends to have been sent.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import date
from functools import partial

import streamlit as st

from werkstijl.content.models import NAME_MAX, Content, one_line
from werkstijl.delivery.limits import Refusal
from werkstijl.delivery.message import attachment_filename, first_step_text
from werkstijl.delivery.outbox import send_soon
from werkstijl.delivery.request import MailRequest, request_pdf_mail
from werkstijl.ics import MIME_TYPE as ICS_MIME_TYPE
from werkstijl.ics import file_name as ics_file_name
from werkstijl.ics import make_ics
from werkstijl.plan import Plan
from werkstijl.report import render_personal
from werkstijl.scoring import Result
from werkstijl.storage import MailState
from werkstijl.ui.client import mail_client
from werkstijl.ui.context import AppContext
from werkstijl.ui.markup import inline_html, label
from werkstijl.ui.session import Visit, log_event
from werkstijl.ui.strings import t

log = logging.getLogger(__name__)

NAME_KEY = "ws_name"
NAME_CUT_KEY = "ws_name_cut"
EMAIL_KEY = "ws_email"
CONSENT_UPDATES_KEY = "ws_consent_updates"
HONEYPOT_KEY = "ws_hp_website"  # its container is moved off-screen by CSS; people never see it
PDF_CACHE_SIZE = 4
# A browser sends the click's download request before the name its blur commits (that rerun
# follows within milliseconds); the PDF waits this long for it, with room for a busy server.
NAME_SETTLE_S = 0.4
POLL_S = 2.0  # how often the page looks whether a queued mail went out
POLL_FOR_S = 120.0  # ...and for how long; after that a rerun (or reload) shows the state


def pdf_bytes(
    app: AppContext, content: Content, visit: Visit, result: Result, name: str, today: date
) -> bytes:
    """The personal PDF, rendered once per (content version, answers, name, language, day)."""
    key = (content.version, tuple(visit.answers), name, visit.lang, today)
    cached = visit.pdf_cache.get(key)
    if cached is None:
        cached = render_personal(
            content,
            name=name,
            profile_id=result.profile,
            result=result,
            lang=visit.lang,
            templates_dir=app.settings.templates_dir,
            today=today,
        )
        # Also called from the download thread: work on a snapshot, tolerate a key gone missing.
        for old in list(visit.pdf_cache)[: max(0, len(visit.pdf_cache) - PDF_CACHE_SIZE + 1)]:
            visit.pdf_cache.pop(old, None)
        visit.pdf_cache[key] = cached
    return cached


def current_name() -> str:
    """The name as typed, on one line and at most NAME_MAX characters."""
    return one_line(str(st.session_state.get(NAME_KEY) or ""), NAME_MAX)


def show_pdf_section(
    app: AppContext, content: Content, visit: Visit, result: Result, plan: Plan, today: date
) -> None:
    """The download (unless the lead gate holds it back) and, with mail on, the mail form; with
    mail off there is no form at all, only a line saying so (nothing is stored for a mail that
    would never come)."""
    lang = visit.lang
    gated = app.settings.gate_on and not visit.form.get("queued")
    heading = inline_html(t("gate_heading" if gated else "pdf_heading", lang))
    st.markdown(f'<h2 class="ws-h2">{heading}</h2>', unsafe_allow_html=True)
    st.caption(t("gate_note" if gated else "pdf_lead", lang))
    if NAME_KEY not in st.session_state:  # e.g. back from another page: keep what was typed
        st.session_state[NAME_KEY] = visit.name
    name_field(visit)
    calendar = make_ics(content, plan, lang, today)
    if not gated:
        profile_name = content.profile(result.profile).name.get(lang)
        download_button(app, content, visit, result, today, profile_name)
        calendar_button(visit, calendar)
    if not app.settings.smtp_configured:
        st.caption(t("mail_off_note", lang))
        return
    if not gated:
        mail_heading = inline_html(t("mail_heading", lang))
        st.markdown(f'<h3 class="ws-section">{mail_heading}</h3>', unsafe_allow_html=True)
    extra = Attachments(plan, calendar, today)
    if visit.form.get("queued"):  # done: the status instead of the form, never a silent resend
        show_form_outcome(app, visit)
        st.button(
            t("mail_again", lang),
            key="ws-mail-again",
            type="tertiary",
            icon=":material/forward_to_inbox:",
            on_click=_reopen_form,
            args=(visit,),
        )
    else:
        mail_form(app, content, visit, result, extra)


@st.fragment
def name_field(visit: Visit) -> None:
    """The name for the PDF, in a fragment of its own: typing a name reruns only this field,
    never the download button below it (see `download_button`)."""
    # No max_chars: the browser would refuse a longer paste whole and leave the field empty.
    # A longer name is cut at NAME_MAX instead, and the visitor is told.
    st.text_input(
        t("name_label", visit.lang),
        key=NAME_KEY,
        on_change=_remember_name,
        args=(visit,),
        placeholder=t("name_placeholder", visit.lang),
        autocomplete="name",
        live=True,  # a pause in typing already records the name, before any click
    )
    if st.session_state.get(NAME_CUT_KEY):
        st.caption(t("name_cut", visit.lang, limit=NAME_MAX))
    field_problem(visit, "name")


def field_problem(visit: Visit, field: str) -> None:
    """The last submit's problem with one field, right under it."""
    code = visit.form.get("problems", {}).get(field)
    if code:
        st.error(t(code, visit.lang), icon=":material/error:")


def download_button(
    app: AppContext,
    content: Content,
    visit: Visit,
    result: Result,
    today: date,
    profile_name: str,
) -> None:
    # Deferred data: the PDF is made when the button is clicked, with the name as it is then.
    # A visitor who types a name and clicks at once sends the name (blur) just before the click;
    # with bytes baked into the button they would get the PDF of the previous run, without it.
    # Streamlit gives a deferred button a new file id on every run that draws it and forgets the
    # old id when that run ends, so a click still holding the old id got nothing ("Deferred file
    # ... not found"). The name field is a fragment, so typing never redraws this button.
    st.download_button(
        t("download", visit.lang),
        data=partial(_download_data, app, content, visit, result, today),
        file_name=attachment_filename(profile_name, lang=visit.lang),  # as the mail names it
        mime="application/pdf",
        type="primary",
        icon=":material/download:",
        width="stretch",
        key="ws_download",
        on_click="ignore",  # no rerun: it would race the download request (see above)
    )


def _download_data(
    app: AppContext, content: Content, visit: Visit, result: Result, today: date
) -> bytes:
    """Runs outside the script thread when the button is clicked (no st.* calls here)."""
    time.sleep(NAME_SETTLE_S)  # let the rerun carrying a just-typed name record it first
    data = pdf_bytes(app, content, visit, result, visit.name, today)
    log_event(app.store, visit, "pdf_downloaded")
    return data


def calendar_button(visit: Visit, calendar: bytes) -> None:
    """The second download: the week rhythm and start plan as a calendar file."""
    st.download_button(
        t("download_ics", visit.lang),
        data=calendar,
        file_name=ics_file_name(visit.lang),
        mime=ICS_MIME_TYPE,
        icon=":material/calendar_month:",
        width="stretch",
        key="ws_ics",
        on_click="ignore",
    )
    st.caption(t("ics_note", visit.lang))


@dataclass(frozen=True)
class Attachments:
    """What the mail carries besides the PDF: the first step (in its text) and the calendar."""

    plan: Plan
    calendar: bytes
    today: date


def _remember_name(visit: Visit) -> None:
    visit.name = current_name()
    visit.form.get("problems", {}).pop("name", None)  # a new name: the old problem is gone
    cut = len(one_line(str(st.session_state.get(NAME_KEY) or ""))) > len(visit.name)
    st.session_state[NAME_CUT_KEY] = cut
    if cut:  # the field shows what the PDF will say
        st.session_state[NAME_KEY] = visit.name


def mail_form(
    app: AppContext, content: Content, visit: Visit, result: Result, extra: Attachments
) -> None:
    """Address, the separate opt-in for updates, and the button that asks for the PDF by mail
    (pressing it is the request; its label is the consent text whose version the lead keeps)."""
    lang, site = visit.lang, content.site
    with st.form("ws_mail_form", border=False, enter_to_submit=True):
        st.text_input(
            t("email_label", lang),
            key=EMAIL_KEY,
            max_chars=320,
            autocomplete="email",
            placeholder=t("email_placeholder", lang),
        )
        field_problem(visit, "email")
        st.checkbox(label(site.consent_updates.get(lang)), key=CONSENT_UPDATES_KEY, value=False)
        with st.container(key="ws-hp"):
            st.text_input(t("honeypot_label", lang), key=HONEYPOT_KEY, autocomplete="off")
        # A callback runs before the next script run, so a lead-gated download shows at once.
        st.form_submit_button(
            label(site.consent_pdf.get(lang)),
            type="primary",
            width="stretch",
            key="ws-send",
            on_click=submit,
            args=(app, content, visit, result, extra),
        )
    if visit.form.get("error"):
        st.error(t(visit.form["error"], lang), icon=":material/error:")


def _reopen_form(visit: Visit) -> None:
    """ "Send it to another address": an empty form again (the mail already sent stays sent)."""
    visit.form = {}
    for key in (EMAIL_KEY, CONSENT_UPDATES_KEY, HONEYPOT_KEY):
        st.session_state.pop(key, None)


# Where each refusal is shown: next to its field, or under the button for the whole form.
PROBLEM_FIELD = {
    Refusal.name_link: "name",
    Refusal.invalid_email: "email",
    Refusal.unicode_local: "email",
}


def submit(
    app: AppContext, content: Content, visit: Visit, result: Result, extra: Attachments
) -> None:
    """The form's callback: render the PDF, then let delivery check, store and queue it."""
    if visit.form.get("queued"):
        return  # a second click that arrived after the first was queued: one mail per request
    state, name = st.session_state, current_name()
    visit.name = name
    address = str(state.get(EMAIL_KEY) or "").strip()
    try:
        pdf = pdf_bytes(app, content, visit, result, name, extra.today)
    except Exception:  # e.g. a broken template: a polite message, the page keeps working
        log.exception("could not render the personal PDF for the mail form")
        visit.form = {"error": "pdf_error"}
        return
    try:
        request = request_pdf_mail(
            app.store,
            app.settings,
            content.site,
            name=name,
            email=address,
            lang=visit.lang,
            profile_id=result.profile,
            profile_name=content.profile(result.profile).name.get(visit.lang),
            pdf=pdf,
            first_step=first_step_text(extra.plan, visit.lang, extra.today),
            calendar=extra.calendar,
            session_id=visit.sid,
            client_ip=mail_client(app.settings),
            wants_updates=bool(state.get(CONSENT_UPDATES_KEY)),
            honeypot=str(state.get(HONEYPOT_KEY) or ""),
            source=visit.source,
        )
    except Exception:  # e.g. the database is down: a polite message, the download still works
        log.exception("the mail form could not be stored")
        visit.form = {"error": "form_error"}
        return
    visit.form = _outcome(request, address)
    if request.queued:
        send_soon(app.store, app.settings, request.outbox_ids)


def _outcome(request: MailRequest, address: str) -> dict:
    queued_at = time.monotonic()
    if request.refusal is Refusal.honeypot:
        # A bot sees the ordinary "queued" message; nothing was stored or queued.
        return {"queued": True, "address": address, "queued_at": queued_at}
    if not request.queued:
        problems: dict[str, str] = {}
        error = None if request.refusals else "form_error"
        for refusal in request.refusals:
            field = PROBLEM_FIELD.get(refusal)
            if field is None:
                error = error or f"refusal_{refusal.value}"
            else:
                problems.setdefault(field, f"refusal_{refusal.value}")
        return {"problems": problems, "error": error}
    return {
        "queued": True,
        "outbox_id": request.outbox_id,
        "optin": request.optin_outbox_id is not None,
        "address": address,
        "queued_at": queued_at,
    }


def show_form_outcome(app: AppContext, visit: Visit) -> None:
    """What is true now about the requested mail (it follows the outbox for a while)."""
    form = visit.form
    state = _mail_state(app, form.get("outbox_id"))
    young = time.monotonic() - form.get("queued_at", 0.0) < POLL_FOR_S
    if _waiting(state) and young:
        # Follows the outbox by itself; a full rerun ends the polling once the state is final.
        st.fragment(_live_outcome, run_every=POLL_S)(app, visit)
    else:
        _show_state(state, visit)


def _live_outcome(app: AppContext, visit: Visit) -> None:
    state = _mail_state(app, visit.form.get("outbox_id"))
    young = time.monotonic() - visit.form.get("queued_at", 0.0) < POLL_FOR_S
    if not _waiting(state) or not young:
        st.rerun()
    _show_state(state, visit)


def _waiting(state: MailState | None) -> bool:
    """Queued and untried so far: the state may change any moment."""
    return state is not None and state.status in ("pending", "sending") and not state.last_error


def _show_state(state: MailState | None, visit: Visit) -> None:
    """What is true now about the visitor's mail, in their words."""
    lang, address = visit.lang, visit.form.get("address") or ""
    if state is None or state.status in ("pending", "sending"):
        if state is not None and state.unsure:
            st.info(t("mail_unsure", lang))
        elif state is not None and state.last_error:
            st.warning(t("mail_delayed", lang))
        else:
            st.info(t("mail_queued", lang, email=address))
    elif state.status == "sent":
        st.success(t("mail_delivered", lang, email=address))
    else:  # failed, or cancelled by staff
        st.warning(t("mail_failed", lang))
    if visit.form.get("optin"):
        st.caption(t("sent_optin", lang))


def _mail_state(app: AppContext, outbox_id: int | None) -> MailState | None:
    if outbox_id is None:
        return None
    try:
        return app.store.mail_state(outbox_id)
    except Exception:  # only decides which message shows: fall back to "queued"
        log.exception("could not read a mail's status")
        return None
