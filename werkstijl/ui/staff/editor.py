"""Editing content in the browser: a form per tip, profile texts, the YAML file, and versions.

Every save goes into the draft (werkstijl.content.editing.Workspace); visitors see it only
after "Publiceren". Forms change only the lines of the values they edit.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from werkstijl.content import editing
from werkstijl.content.editing import PROFILE_TEXT_FIELDS, EditError, Workspace, digest
from werkstijl.content.models import Text
from werkstijl.content.wording import message_language
from werkstijl.ui.context import AppContext
from werkstijl.ui.staff.auth import current_staff_name
from werkstijl.ui.staff.problems import report_save
from werkstijl.ui.staff.strings import lang, t
from werkstijl.ui.style import apply_editor_style

OPENED_PREFIX = "staff_opened:"
EDITOR_HEIGHT = 480  # px: the text area and its numbered view scroll side by side


def opened(kind: str, work: Workspace, path: str) -> str:
    """The digest of the text as this session's editor first showed it.

    It is part of the widget keys (so the form shows the text afresh after a save) and is sent
    with the save, so an editor opened on an older text cannot overwrite someone else's save.
    """
    key = f"{OPENED_PREFIX}{kind}:{path}"
    if key not in st.session_state:
        st.session_state[key] = digest(work.text(path))
    return st.session_state[key]


def _forget_opened(path: str) -> None:
    for key in [k for k in st.session_state if str(k).startswith(OPENED_PREFIX)]:
        if str(key).endswith(f":{path}"):
            del st.session_state[key]


def _save(work: Workspace, path: str, base: str, make_text: Callable[[], str]) -> None:
    """Save a form's new text into the draft and report it; an edit error is its message."""
    try:
        with message_language(lang()):  # an edit problem, worded for the reader
            text = make_text()
    except EditError as exc:
        st.error(str(exc))
        return
    outcome = work.save(path, text, author=current_staff_name(), expected_digest=base)
    if outcome.conflict:
        st.error(t("conflict"))
        st.button(t("reload"), key="staff_reload_newest", on_click=_forget_opened, args=(path,))
        return
    if outcome.saved:
        _forget_opened(path)
    report_save(outcome)


def _text_inputs(
    prefix: str, field: str, value: Text, area: bool, labels: tuple[str, str]
) -> dict[str, str]:
    """A Dutch and an English input for one bilingual text; `labels` are (Dutch, English)."""
    widget = st.text_area if area else st.text_input
    return {
        "nl": widget(labels[0], value=value.nl, key=f"{prefix}:{field}:nl"),
        "en": widget(
            labels[1], value=value.en or "", key=f"{prefix}:{field}:en", help=t("en_hint")
        ),
    }


def tip_form(work: Workspace) -> None:
    tips = {
        f"{path}::{tip.id}": (path, tip)
        for path, items in editing.tips_by_file(work.texts()).items()
        for tip in items
    }
    if not tips:
        st.info(t("no_tips"))
        return
    choice = st.selectbox(
        t("tip"),
        list(tips),
        key="staff_tip_choice",
        format_func=lambda k: f"{tips[k][1].title.nl} ({tips[k][1].id})",
    )
    path, tip = tips[choice]
    base = opened("tip", work, path)
    prefix = f"tip:{choice}:{base}"
    with st.form(f"form:{prefix}"):
        title = _text_inputs(prefix, "title", tip.title, False, (t("title_nl"), t("title_en")))
        body = _text_inputs(prefix, "text", tip.text, True, (t("text_nl"), t("text_en")))
        priority = st.number_input(t("priority"), 1, 3, tip.priority, key=f"{prefix}:priority")
        submitted = st.form_submit_button(t("save"))
    if submitted:
        _save(
            work,
            path,
            base,
            lambda: editing.tip_text(
                path, work.text(path), tip.id, title=title, body=body, priority=int(priority)
            ),
        )


def profile_form(work: Workspace) -> None:
    profiles = editing.profiles_by_file(work.texts())
    if not profiles:
        st.info(t("no_content"))
        return
    path = st.selectbox(
        t("profile"),
        list(profiles),
        key="staff_profile_choice",
        format_func=lambda p: profiles[p].name.nl,
    )
    profile = profiles[path]
    base = opened("profile", work, path)
    prefix = f"profile:{path}:{base}"
    with st.form(f"form:{prefix}"):
        texts = {}
        for field in PROFILE_TEXT_FIELDS:
            st.markdown(f"**{t(f'field_{field}')}**")
            area = field not in ("name", "tagline")
            value: Text = getattr(profile, field)
            texts[field] = _text_inputs(prefix, field, value, area, (t("lang_nl"), t("lang_en")))
        submitted = st.form_submit_button(t("save"))
    if submitted:
        _save(work, path, base, lambda: editing.profile_text(path, work.text(path), texts))


def file_editor(work: Workspace) -> None:
    path = st.selectbox(t("file"), work.files(), key="staff_file_choice")
    text = work.text(path)
    draft = work.drafts.get(path)
    if draft is not None:
        from werkstijl.ui.staff.period import local_time as when

        st.caption(t("file_is_draft", who=draft.author or t("nobody"), when=when(draft.updated_at)))
    base = opened("file", work, path)
    prefix = f"file:{path}:{base}"
    apply_editor_style()
    left, right = st.columns([3, 2])
    with left, st.container(key="staff_file_editor"), st.form(f"form:{prefix}"):
        edited = st.text_area(
            t("file_text", file=path), value=text, height=EDITOR_HEIGHT, key=f"{prefix}:text"
        )
        submitted = st.form_submit_button(t("save"))
    with right:  # the numbers that problems point at, beside the text
        st.caption(t("with_line_numbers"))
        st.code(text, language="yaml", line_numbers=True, height=EDITOR_HEIGHT)
    if draft is not None and st.button(t("discard_file"), key="staff_discard_file"):
        work.discard([path])
        _forget_opened(path)
        st.rerun()
    if submitted:
        _save(work, path, base, lambda: edited)


def history_panel(ctx: AppContext, work: Workspace) -> None:
    from werkstijl.ui.staff.studio import source_name, when

    versions = ctx.store.content_versions()
    if not versions:
        st.info(t("no_history"))
        return
    labels = {
        v.id: t(
            "version_label",
            id=v.id,
            when=when(v.created_at),
            who=v.author or t("nobody"),
            source=source_name(v.source),
        )
        for v in versions
    }
    chosen = st.selectbox(
        t("version"), list(labels), format_func=labels.get, key="staff_history_version"
    )
    version = ctx.store.content_version(chosen)
    if version is None:
        return
    path = st.selectbox(t("file"), sorted(version.files), key="staff_history_file")
    current = work.published_text(path) or ""
    diff = list(
        difflib.unified_diff(
            current.splitlines(),
            version.files[path].splitlines(),
            t("diff_current"),
            t("diff_version", id=chosen),
            lineterm="",
        )
    )
    if not diff:
        st.caption(t("same_as_current"))
        return
    st.caption(t("diff_header"))
    st.code("\n".join(diff), language="diff", wrap_lines=True)
    if st.button(t("restore"), key="staff_history_restore"):
        outcome = work.restore(chosen, path, author=current_staff_name())
        _forget_opened(path)
        if outcome.saved:
            from werkstijl.ui.staff.problems import flash

            flash("success", t("restored"))
            st.rerun()
        report_save(outcome)


def tab_labels() -> list[str]:
    return [t("tab_tip"), t("tab_profile"), t("tab_file"), t("tab_history")]


def render(ctx: AppContext, work: Workspace, tabs: Sequence[DeltaGenerator]) -> None:
    """The four editors, one per tab (tabs made by the caller, labelled by `tab_labels`).

    Edit errors are worded in the staff page's language.
    """
    panels = (tip_form, profile_form, file_editor, lambda w: history_panel(ctx, w))
    with message_language(lang()):
        for tab, panel in zip(tabs, panels, strict=True):
            with tab:
                panel(work)
