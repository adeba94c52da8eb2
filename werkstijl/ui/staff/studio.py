"""The content studio: what visitors get, the draft and its problems, the editors, a preview of
the draft (result page and PDF), and the published versions.

Every save or publish ends with a rerun, so the state shown at the top is never one step behind.
"""

from __future__ import annotations

import io
from dataclasses import replace

import streamlit as st

from werkstijl.content import Content
from werkstijl.content.editing import Workspace
from werkstijl.content.loader import files_stamp, is_content_path
from werkstijl.content.markup import plain_text
from werkstijl.content.models import Lang
from werkstijl.content.wording import message_language
from werkstijl.scoring import Result
from werkstijl.ui.context import AppContext
from werkstijl.ui.staff import editor
from werkstijl.ui.staff.auth import current_staff_name
from werkstijl.ui.staff.period import local_time as when
from werkstijl.ui.staff.problems import escape, flash, show_flash, show_problems
from werkstijl.ui.staff.strings import lang, t

PREVIEW_KEY = "staff_preview"
CONFIRM_DISCARD = "staff_confirm_discard"  # Discard was clicked: ask once more
PREVIEW_SCALE = 1.4  # ~100 dpi: sharp enough to read, small enough to send to the browser
PreviewChoice = tuple[str, str | None, Lang, str, str]  # profile, side, language, template, name


def source_name(source: str) -> str:
    return t(f"source_{source}")  # source_disk, source_studio, source_import, source_restore


def _serving_section(ctx: AppContext) -> None:
    version = ctx.live.serving_version
    if version is None:
        if ctx.live.current() is not None:  # the files, while the database cannot be read
            st.warning(t("serving_unpublished"))
        else:
            st.error(t("never_valid"))
        return
    moment, source = when(version.created_at), source_name(version.source)
    if version.author:
        st.info(t("serving", id=version.id, when=moment, who=version.author, source=source))
    else:
        st.info(t("serving_no_author", id=version.id, when=moment, source=source))


def _disk_section(ctx: AppContext, work: Workspace) -> None:
    """Broken edits in the content folder (a bad git edit): not live, fixable here."""
    disk = ctx.live.disk
    if not disk.broken or work.published is None:  # unpublished: the draft is the disk
        return
    from werkstijl.check import check_all_cached

    st.warning(t("disk_broken"))
    # Checked again here so that the messages are in the staff member's language.
    candidate = {**work.published.files, **disk.edits}
    checked = check_all_cached(candidate, ctx.settings.templates_dir, lang())
    unread = [p for p in disk.errors if p.path not in candidate]  # e.g. not UTF-8
    show_problems([*checked.errors, *unread], None, "disk")
    for path, text in disk.edits.items():
        if st.button(t("disk_take_over", file=path), key=f"staff_take_over:{path}"):
            work.save(path, text, author=current_staff_name())
            st.rerun()


def _draft_section(ctx: AppContext, work: Workspace):
    from werkstijl.check import check_all_cached, summary

    result = check_all_cached(work.texts(), ctx.settings.templates_dir, lang())
    st.subheader(t("draft_header"))
    for path, draft in work.drafts.items():
        line = t(
            "draft_file", file=path, who=draft.author or t("nobody"), when=when(draft.updated_at)
        )
        st.markdown(f"- {line}{t('draft_outdated') if work.outdated(path) else ''}")
    if not work.drafts:
        st.caption(t("draft_none"))
    if result.errors:
        st.error(t("draft_invalid", count=len(result.errors)))
        show_problems(result.errors, work, "draft")
    else:
        with message_language(lang()):
            line = summary(result)
        st.success(t("draft_valid" if work.drafts else "content_valid", summary=line))
    if result.warnings:
        with st.expander(t("warnings", count=len(result.warnings))):
            show_problems(result.warnings, work, "warning")
    if work.drafts:
        blocking = any(is_content_path(p.path) for p in result.errors)
        conflicts = work.disk_conflicts()
        if conflicts:
            st.warning(t("publish_disk_conflict", files=", ".join(conflicts)))
        changes = _changes(work)
        if st.session_state.get(CONFIRM_DISCARD):
            _confirm_discard(work, changes)
            return result
        st.caption(t("publish_summary"))
        st.markdown(changes)
        left, right = st.columns(2)
        label = t("publish_overwrite_disk") if conflicts else t("publish")
        if left.button(label, type="primary", disabled=blocking, key="staff_publish"):
            _publish(ctx, work, overwrite_disk=bool(conflicts))
        if right.button(t("discard"), key="staff_discard"):
            st.session_state[CONFIRM_DISCARD] = True
            st.rerun()
    return result


def _changes(work: Workspace) -> str:
    """The drafted files with their numbers of changed lines, as a markdown list."""
    return "\n".join(
        "- " + escape(t("change_line", file=path, added=added, removed=removed))
        for path, (added, removed) in work.changed_lines().items()
    )


def _confirm_discard(work: Workspace, changes: str) -> None:
    """Discarding cannot be undone: say what is lost and ask once more."""
    st.warning(t("discard_confirm"))
    st.markdown(changes)
    yes, no = st.columns(2)
    if yes.button(t("discard_yes"), type="primary", key="staff_discard_yes"):
        work.discard()
        st.session_state.pop(CONFIRM_DISCARD, None)
        flash("info", t("discarded"))
        st.rerun()
    if no.button(t("discard_no"), key="staff_discard_no"):
        st.session_state.pop(CONFIRM_DISCARD, None)
        st.rerun()


def _publish(ctx: AppContext, work: Workspace, *, overwrite_disk: bool) -> None:
    """overwrite_disk: the staff member saw the files changed on disk and chose to publish."""
    with message_language(lang()):  # problems met while publishing, worded for the reader
        outcome = work.publish(author=current_staff_name(), overwrite_disk=overwrite_disk)
    if outcome.disk_conflicts:  # changed on disk between the page and the click
        flash("error", t("publish_refused_disk", files=", ".join(outcome.disk_conflicts)))
    elif outcome.version is not None and outcome.content is not None:
        ctx.live.serve(outcome.version, outcome.content)
        flash("success", t("published", id=outcome.version.id))
        if outcome.kept:
            files = ", ".join(
                p.relative_to(ctx.settings.content_dir).as_posix() for p in outcome.kept
            )
            flash("warning", t("published_kept", files=files))
        if outcome.disk_error:
            flash("warning", t("published_disk_error", error=outcome.disk_error))
    elif outcome.unchanged:
        flash("info", t("publish_unchanged"))
    else:  # changed between the check and the click: the header shows why on the rerun
        flash("error", t("draft_invalid", count=len(outcome.errors)))
    st.rerun()


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


def _preview_content(ctx: AppContext, work: Workspace, checked) -> Content | None:
    """The draft when it is valid; else the valid drafted files on top of the published version
    when those load together; else what visitors get. Says which one it is, naming the files
    with problems (a broken file cannot be drawn)."""
    if work.drafts and checked.content is not None:
        st.caption(t("preview_of_draft"))
        return checked.content
    if not work.drafts:
        st.caption(t("preview_of_published"))
        return ctx.live.current()
    broken = sorted({p.path for p in checked.errors})
    files = ", ".join(broken)
    mixed = _without_broken(ctx, work, set(broken))
    if mixed is not None:
        st.caption(t("preview_draft_partly", files=files))
        return mixed
    st.caption(t("preview_draft_invalid", files=files))
    return ctx.live.current()


def _without_broken(ctx: AppContext, work: Workspace, broken: set[str]) -> Content | None:
    """The published files with only the drafted files that have no problems, if that loads
    without problems (a good file may lean on a broken one: then there is nothing to show)."""
    from werkstijl.check import check_all_cached
    from werkstijl.content.publish import content_texts

    good = {p: d.text for p, d in work.drafts.items() if p not in broken}
    if work.published is None or not good or not broken & set(work.drafts):
        return None
    mixed = content_texts({**work.published.files, **good})
    checked = check_all_cached(mixed, ctx.settings.templates_dir, lang())
    return checked.content if not checked.errors else None


def _preview_choice(ctx: AppContext, content: Content) -> PreviewChoice:
    from werkstijl.report.template import template_names

    looks = _looks(content)
    templates = template_names(ctx.settings.templates_dir) or ["default"]
    left, middle, right = st.columns(3)
    look = left.selectbox(
        t("profile"), list(looks), format_func=looks.get, key="staff_preview_profile"
    )
    language = middle.selectbox(
        t("pdf_lang"), ["nl", "en"], format_func=str.upper, key="staff_preview_lang"
    )
    template = right.selectbox(t("template"), templates, key="staff_preview_template")
    name = st.text_input(
        t("sample_name"), value=t("sample_name_default"), key="staff_preview_name", max_chars=80
    )
    profile_id, side = look
    return profile_id, side, language, template, name.strip() or t("sample_name_default")


def _looks(content: Content) -> dict[tuple[str, str | None], str]:
    """Every result a visitor can get: each profile, and each strong side that has a first step
    of its own ("Processor met een sterke Operator-kant"), as the result page words it."""
    from werkstijl.ui.strings import t as visitor_t

    language = lang()
    looks: dict[tuple[str, str | None], str] = {}
    for profile in content.profiles:
        name = plain_text(profile.name.get(language))
        looks[(profile.id, None)] = name
        for side in profile.start_plan.close:
            other = plain_text(content.profile(side).name.get(language))
            looks[(profile.id, side)] = (
                f"{name} {visitor_t('strong_side', language, profile=other)}"
            )
    return looks


def sample_result(content: Content, profile_id: str, side: str | None) -> Result:
    """A scored result for answers that all favour the profile; for a side, answers move one by
    one to the side's option until the result is close with that runner-up (real scoring, so the
    bars agree with the words). Falls back to marking the result close if no answers do that."""
    from werkstijl.scoring import score

    def best(question, profile: str) -> int:
        options = question.options
        return 1 + max(range(len(options)), key=lambda i: options[i].scores.get(profile, 0))

    answers = [best(q, profile_id) for q in content.questions]
    result = score(content, answers)
    if side is None:
        return result
    for index, question in enumerate(content.questions):
        tried = [*answers[:index], best(question, side), *answers[index + 1 :]]
        moved = score(content, tried)
        if moved.profile != profile_id:
            continue
        answers, result = tried, moved
        if result.side == side:
            return result
    return replace(result, runner_up=side, close=True)


def _result_page(content: Content, result: Result, language: Lang) -> None:
    """The result page as a visitor with this result sees it, drawn by the visitor page's own
    functions (first step with its date, scores, start plan); the stars store nothing."""
    from werkstijl.plan import make_plan, plan_today
    from werkstijl.ui.result import (
        score_bars,
        show_description,
        show_first_step,
        show_profile,
        show_start_plan,
    )
    from werkstijl.ui.session import Visit

    plan = make_plan(content, result)
    today = plan_today()
    visit = Visit(sid="preview", lang=language)
    profile = show_profile(content, result, language)
    show_first_step(content, None, visit, plan, today)
    show_description(profile, language)
    score_bars(content, result, language)
    show_start_plan(None, visit, plan, today)


def _pdf(ctx: AppContext, content: Content, choice: PreviewChoice) -> None:
    from werkstijl.check import template_files
    from werkstijl.report import render_personal

    profile_id, side, language, template, name = choice
    # Re-render when the content or a file of the template changes.
    stamp = files_stamp(template_files(ctx.settings.templates_dir, template))
    key = (content.version, choice, stamp)
    cached = st.session_state.get(PREVIEW_KEY)
    if cached is None or cached[0] != key:
        try:
            with message_language(lang()):  # a template problem, worded for the reader
                pdf = render_personal(
                    content,
                    name=name,
                    profile_id=profile_id,
                    result=sample_result(content, profile_id, side),
                    lang=language,
                    template=template,
                    templates_dir=ctx.settings.templates_dir,
                )
            cached = (key, pdf, pdf_page_images(pdf))
        except Exception as exc:  # a broken template must not take the whole studio down
            st.error(f"{t('preview_failed')} {exc}")
            return
        st.session_state[PREVIEW_KEY] = cached
    _, pdf, images = cached
    st.download_button(
        t("download_pdf"),
        pdf,
        file_name=f"voorbeeld-{profile_id}-{language}.pdf",
        mime="application/pdf",
        key="staff_preview_download",
    )
    columns = st.columns(2)
    for index, image in enumerate(images):
        columns[index % 2].image(image, caption=t("page_n", n=index + 1), width="stretch")


def _preview(ctx: AppContext, work: Workspace, checked) -> None:
    content = _preview_content(ctx, work, checked)
    if content is None:
        st.info(t("no_content"))
        return
    choice = _preview_choice(ctx, content)
    st.subheader(t("result_page"))
    with st.container(border=True):
        _result_page(content, sample_result(content, choice[0], choice[1]), choice[2])
    st.subheader(t("pdf_header"))
    _pdf(ctx, content, choice)


def render(ctx: AppContext) -> None:
    st.title(t("studio_title"))
    show_flash()
    ctx.live.refresh(force=True)
    work = Workspace(ctx.store, ctx.settings.content_dir)
    _serving_section(ctx)
    _disk_section(ctx, work)
    checked = _draft_section(ctx, work)
    # One row of tabs: edit, then look at the preview, without scrolling past eight pages.
    *edit_tabs, preview_tab = st.tabs([*editor.tab_labels(), t("preview_header")])
    editor.render(ctx, work, edit_tabs)
    with preview_tab:
        _preview(ctx, work, checked)
