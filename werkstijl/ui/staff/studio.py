"""The content studio: the state of the content files, a live PDF preview, and the editors."""

from __future__ import annotations

import io

import streamlit as st

from werkstijl.content import Content
from werkstijl.content.loader import files_stamp
from werkstijl.content.wording import message_language
from werkstijl.ui.context import AppContext
from werkstijl.ui.staff import editor
from werkstijl.ui.staff.strings import lang, t
from werkstijl.yamlsrc import Problem

PREVIEW_KEY = "staff_preview"
PREVIEW_SCALE = 1.4  # ~100 dpi: sharp enough to read, small enough to send to the browser
PreviewChoice = tuple[str, str, str, str]  # profile id, language, template, name


def problem_lines(problems: list[Problem]) -> str:
    """The same PATH:LINE:COL: message lines as `python -m werkstijl check`."""
    return "\n".join(str(p) for p in problems)


def _check_section(ctx: AppContext) -> None:
    from werkstijl.check import check_all_cached, summary

    st.subheader(t("check_header"))
    language = lang()
    result = check_all_cached(ctx.settings.content_dir, ctx.settings.templates_dir, language)
    if result.errors:
        st.error(t("check_errors", count=len(result.errors)))
        st.code(problem_lines(result.errors), language=None)
    else:
        with message_language(language):
            st.success(summary(result))
    if result.warnings:
        with st.expander(t("warnings", count=len(result.warnings))):
            st.code(problem_lines(result.warnings), language=None)
    ctx.live.refresh()
    if ctx.live.serving_stale:
        st.warning(t("serving_stale"))
    elif ctx.live.current() is None:
        st.error(t("never_valid"))
    else:
        st.caption(t("serving_current"))


def pdf_page_images(pdf: bytes, scale: float = PREVIEW_SCALE) -> list[bytes]:
    """Every page of a PDF as PNG bytes (pypdfium2: no external program needed)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(document)):
            buffer = io.BytesIO()
            document[index].render(scale=scale).to_pil().save(buffer, format="PNG")
            images.append(buffer.getvalue())
        return images
    finally:
        document.close()


def _render(ctx: AppContext, content: Content, choice: PreviewChoice) -> tuple[bytes, list[bytes]]:
    from werkstijl.report import render_personal

    profile_id, lang, template, name = choice
    pdf = render_personal(
        content,
        name=name,
        profile_id=profile_id,
        lang=lang,
        template=template,
        templates_dir=ctx.settings.templates_dir,
    )
    return pdf, pdf_page_images(pdf)


def _preview_choice(ctx: AppContext, content: Content) -> PreviewChoice:
    from werkstijl.report.template import template_names

    profiles = {p.id: p.name.get("nl") for p in content.profiles}
    templates = template_names(ctx.settings.templates_dir) or ["default"]
    left, middle, right = st.columns(3)
    profile_id = left.selectbox(
        t("profile"), list(profiles), format_func=profiles.get, key="staff_preview_profile"
    )
    lang = middle.selectbox(
        t("pdf_lang"), ["nl", "en"], format_func=str.upper, key="staff_preview_lang"
    )
    template = right.selectbox(t("template"), templates, key="staff_preview_template")
    name = st.text_input(
        t("sample_name"), value=t("sample_name_default"), key="staff_preview_name", max_chars=80
    )
    return profile_id, lang, template, name.strip() or t("sample_name_default")


def _preview_section(ctx: AppContext, content: Content) -> None:
    choice = _preview_choice(ctx, content)
    from werkstijl.check import template_files

    # Re-render when a file of the template changes, so the preview follows template edits.
    template_stamp = files_stamp(template_files(ctx.settings.templates_dir, choice[2]))
    key = (content.version, choice, template_stamp)
    cached = st.session_state.get(PREVIEW_KEY)
    if cached is None or cached[0] != key:
        try:
            with message_language(lang()):  # a template problem, worded for the reader
                pdf, images = _render(ctx, content, choice)
        except Exception as exc:  # a broken template must not take the whole studio down
            st.error(f"{t('preview_failed')} {exc}")
            return
        cached = (key, pdf, images)
        st.session_state[PREVIEW_KEY] = cached
    _, pdf, images = cached
    st.download_button(
        t("download_pdf"),
        pdf,
        file_name=f"voorbeeld-{choice[0]}-{choice[1]}.pdf",
        mime="application/pdf",
        key="staff_preview_download",
    )
    columns = st.columns(2)
    for index, image in enumerate(images):
        columns[index % 2].image(image, caption=t("page_n", n=index + 1), width="stretch")


def render(ctx: AppContext) -> None:
    st.title(t("studio_title"))
    _check_section(ctx)
    content = ctx.live.current()
    # One row of tabs: edit a text, then look at the PDF, without scrolling past eight pages.
    *edit_tabs, preview_tab = st.tabs([*editor.tab_labels(), t("preview_header")])
    editor.render(ctx, edit_tabs)
    with preview_tab:
        if content is None:
            st.info(t("no_content"))
        else:
            _preview_section(ctx, content)
