"""Editing content in the browser: a form per tip, profile texts, the YAML file, and its history.

Every save goes through werkstijl.content.editing (validated in a copy, atomic, previous version
kept); afterwards the shared LiveContent is refreshed so the quiz serves the new text at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from werkstijl.content import editing
from werkstijl.content.editing import PROFILE_TEXT_FIELDS, EditError, EditResult
from werkstijl.content.models import Text
from werkstijl.content.wording import message_language
from werkstijl.ui.context import AppContext
from werkstijl.ui.staff.strings import lang, t

OPENED_PREFIX = "staff_opened:"


def opened(kind: str, root: Path, relpath: str) -> str:
    """The digest of the file as this session's editor first showed it.

    It is part of the widget keys (so the form shows the file afresh after a save) and is sent
    with the save, so an editor opened on an older text cannot overwrite someone else's save.
    """
    key = f"{OPENED_PREFIX}{kind}:{relpath}"
    if key not in st.session_state:
        st.session_state[key] = editing.digest(root, relpath)
    return st.session_state[key]


def _forget_opened(relpath: str) -> None:
    for key in [k for k in st.session_state if str(k).startswith(OPENED_PREFIX)]:
        if str(key).endswith(f":{relpath}"):
            del st.session_state[key]


def show_result(result: EditResult, relpath: str, text: str | None = None) -> None:
    """Saved / unchanged / refused with every problem and its line (and the line itself)."""
    if result.conflict:
        # The form keeps the typed text until this button drops it for the newest version.
        st.error(t("conflict"))
        st.button(t("reload"), key="staff_reload_newest", on_click=_forget_opened, args=(relpath,))
        return
    if result.unchanged:
        st.info(t("unchanged"))
        return
    if result.saved:
        st.success(t("saved"))
    else:
        st.error(t("refused"))
        lines = text.splitlines() if text is not None else []
        for problem in result.errors:
            where = t("line", line=problem.line, column=problem.column)
            st.markdown(f"- **{problem.path}**, {where}: {problem.message}")
            if 0 < problem.line <= len(lines) and lines[problem.line - 1].strip():
                st.code(f"{problem.line}: {lines[problem.line - 1]}", language="yaml")
    for problem in result.warnings:
        st.caption(f"⚠ {problem}")


def _after_save(ctx: AppContext, relpath: str, result: EditResult) -> None:
    """After a save every editor of this file starts again from its new text."""
    if result.saved:
        _forget_opened(relpath)
        ctx.live.refresh()


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


def _save(ctx: AppContext, relpath: str, edit: Callable[[], EditResult]) -> None:
    """Runs a form's save and shows the outcome; an edit error is shown as its message."""
    try:
        result = edit()
    except EditError as exc:
        st.error(str(exc))
        return
    _after_save(ctx, relpath, result)
    show_result(result, relpath)


def tip_form(ctx: AppContext) -> None:
    root = ctx.settings.content_dir
    tips = {
        f"{rel}::{tip.id}": (rel, tip)
        for rel, items in editing.tips_by_file(root).items()
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
    relpath, tip = tips[choice]
    base = opened("tip", root, relpath)
    prefix = f"tip:{choice}:{base}"
    with st.form(f"form:{prefix}"):
        title = _text_inputs(prefix, "title", tip.title, False, (t("title_nl"), t("title_en")))
        text = _text_inputs(prefix, "text", tip.text, True, (t("text_nl"), t("text_en")))
        priority = st.number_input(t("priority"), 1, 3, tip.priority, key=f"{prefix}:priority")
        submitted = st.form_submit_button(t("save"))
    if submitted:
        _save(
            ctx,
            relpath,
            lambda: editing.update_tip(
                root,
                relpath,
                tip.id,
                title=title,
                text=text,
                priority=int(priority),
                expected_digest=base,
            ),
        )


def profile_form(ctx: AppContext) -> None:
    root = ctx.settings.content_dir
    profiles = editing.profiles_by_file(root)
    if not profiles:
        st.info(t("no_content"))
        return
    relpath = st.selectbox(
        t("profile"),
        list(profiles),
        key="staff_profile_choice",
        format_func=lambda rel: profiles[rel].name.nl,
    )
    profile = profiles[relpath]
    base = opened("profile", root, relpath)
    prefix = f"profile:{relpath}:{base}"
    with st.form(f"form:{prefix}"):
        texts = {}
        for field in PROFILE_TEXT_FIELDS:
            st.markdown(f"**{t(f'field_{field}')}**")
            area = field not in ("name", "tagline")
            value: Text = getattr(profile, field)
            texts[field] = _text_inputs(prefix, field, value, area, (t("lang_nl"), t("lang_en")))
        submitted = st.form_submit_button(t("save"))
    if submitted:
        _save(
            ctx,
            relpath,
            lambda: editing.update_profile_texts(root, relpath, texts, expected_digest=base),
        )


def file_editor(ctx: AppContext) -> None:
    root = ctx.settings.content_dir
    relpath = st.selectbox(t("file"), editing.editable_files(root), key="staff_file_choice")
    base = opened("file", root, relpath)
    prefix = f"file:{relpath}:{base}"
    with st.form(f"form:{prefix}"):
        text = st.text_area(
            t("file_text", file=relpath),
            value=editing.read_text(root, relpath),
            height=480,
            key=f"{prefix}:text",
        )
        submitted = st.form_submit_button(t("save"))
    if submitted:
        result = editing.save_text(root, relpath, text, expected_digest=base)
        _after_save(ctx, relpath, result)
        show_result(result, relpath, text)


def history_panel(ctx: AppContext) -> None:
    root = ctx.settings.content_dir
    relpath = st.selectbox(t("file"), editing.editable_files(root), key="staff_history_file")
    versions = editing.history(root, relpath)
    if not versions:
        st.info(t("no_history"))
        return
    names = [v.name for v in versions]
    moments = {v.name: v.saved_at.strftime("%Y-%m-%d %H:%M:%S UTC") for v in versions}
    name = st.selectbox(t("version"), names, format_func=moments.get, key="staff_history_version")
    st.code(editing.read_version(root, relpath, name), language="yaml")
    if st.button(t("restore"), key="staff_history_restore"):
        result = editing.restore(root, relpath, name)
        _after_save(ctx, relpath, result)
        if result.saved:
            st.success(t("restored"))
        else:
            show_result(result, relpath)


def tab_labels() -> list[str]:
    return [t("tab_tip"), t("tab_profile"), t("tab_file"), t("tab_history")]


def render(ctx: AppContext, tabs: Sequence[DeltaGenerator]) -> None:
    """The four editors, one per tab (tabs made by the caller, labelled by `tab_labels`).

    Refused edits and edit errors are worded in the staff page's language.
    """
    panels = (tip_form, profile_form, file_editor, history_panel)
    with message_language(lang()):
        for tab, panel in zip(tabs, panels, strict=True):
            with tab:
                panel(ctx)
