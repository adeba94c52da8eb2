"""Bulk PDFs for a training: a participant list in; a PDF per person, a group report, a summary out.

Two steps, so the staff page can show the plan before anything is made:
    plan = read_participants(file_bytes, content)      # .xlsx or CSV; rows usable or not, why
    outcome = generate(plan, out_dir, content=..., settings=..., on_progress=...)
    data = zip_bytes(outcome)                          # for a download button
`run_bulk` (the `bulk` command) is just these steps on a file.

Rules (also in the README): rows are numbered among the non-blank data rows below the header
(NNN of the file name). A row fails (no PDF, listed in errors.csv, counted in `errors`, exit 1)
when it has no name, an unknown profile, incomplete or invalid answers, answers that contradict
its profile column, or neither. Everything else is a warning: the PDF is made ("warning: ..." in
errors.csv, counted once per row in `warnings`, exit 0): an invalid e-mail address, with --send a
mail that could not be queued, a participant on the list twice, a letter lost in the export.
The group report names the rows that are not in it, and why.
Every message is worded in the current message language (`message_language`, see wording.py).
"""

from __future__ import annotations

import io
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from werkstijl.bulk import output
from werkstijl.bulk.csvin import BulkInputError, Participant, Plan, read_participants, safe_slug
from werkstijl.bulk.output import GROUP_REPORT, Issue
from werkstijl.bulk.render import GROUP, GroupJob, PersonalJob, Progress, Setup, render_all
from werkstijl.content.models import Content, Lang
from werkstijl.content.wording import os_reason, say
from werkstijl.plan import plan_today
from werkstijl.settings import Settings
from werkstijl.team import Absent, Member

if TYPE_CHECKING:
    from werkstijl.bulk.send import Queued

__all__ = [
    "BulkInputError",
    "BulkOutcome",
    "Issue",
    "Participant",
    "Plan",
    "ProgressBar",
    "generate",
    "read_participants",
    "run_bulk",
    "safe_slug",
    "zip_bytes",
]


@dataclass(frozen=True)
class BulkOutcome:
    out_dir: Path
    rows: int
    pdfs: tuple[Path, ...]  # personal PDFs, in row order
    calendars: tuple[Path, ...]  # each PDF's calendar file (.ics), in row order
    group_report: Path | None
    issues: tuple[Issue, ...]  # errors and warnings, as in errors.csv
    profiles: dict[str, int]  # PDFs per profile id, every profile listed
    files: tuple[Path, ...]  # everything written into out_dir (what the zip holds)
    zip_path: Path | None = None
    queued: int | None = None  # mails queued with --send (None: not asked)
    queued_before: int = 0  # --send: participants an earlier run already queued (not again)
    mail_waiting: bool = False  # queued, but SMTP is not configured yet
    group_error: str | None = None
    notes: tuple[str, ...] = ()
    sheet_rows: dict[int, int] = field(default_factory=dict)  # spreadsheet row per NNN

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.fatal]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.fatal]

    @property
    def failed_rows(self) -> int:
        """Rows that could not be used: no PDF (summary.json's `errors`)."""
        return len({i.number for i in self.errors})

    @property
    def warned_rows(self) -> int:
        """Rows whose PDF was made, with at least one warning (summary.json's `warnings`)."""
        return len({i.number for i in self.warnings} - {i.number for i in self.errors})

    @property
    def exit_code(self) -> int:
        return 1 if self.errors or self.group_error else 0

    @property
    def summary(self) -> dict[str, object]:
        """summary.json: CONTRACT.md's keys, then `warnings` (rows with a PDF and a warning)."""
        return {
            "rows": self.rows,
            "pdfs": len(self.pdfs),
            "errors": self.failed_rows,
            "profiles": self.profiles,
            "warnings": self.warned_rows,
        }

    @property
    def message(self) -> str:
        """For the person who ran it, one fact per line: what was made, what failed, where to
        look, and notes about the file."""
        made = "bulk.made_with_group" if self.group_report else "bulk.made"
        parts = [say(made, made=len(self.pdfs), rows=self.rows, folder=self.out_dir)]
        errors_csv = self.out_dir / output.ERRORS
        if self.failed_rows:
            parts.append(say("bulk.rows_failed", count=self.failed_rows, file=errors_csv))
        if self.warned_rows:
            parts.append(say("bulk.warnings", count=self.warned_rows, file=errors_csv))
        if self.group_error:
            parts.append(say("bulk.group_failed", reason=self.group_error))
        if self.zip_path:
            parts.append(say("bulk.zip", file=self.zip_path))
        if self.queued is not None:
            parts.append(say("bulk.queued", count=self.queued))
            if self.queued:
                parts[-1] += say("bulk.queued_waiting" if self.mail_waiting else "bulk.queued_send")
            if self.queued_before:
                parts.append(say("bulk.queued_before", count=self.queued_before))
        return "\n".join(parts + list(self.notes))


def generate(
    plan: Plan,
    out_dir: Path,
    *,
    content: Content,
    settings: Settings,
    lang: Lang = "nl",
    template: str = "default",
    jobs: int | None = None,
    make_zip: bool = False,
    send: bool = False,
    on_progress: Progress | None = None,
    title: str | None = None,
    today: date | None = None,
) -> BulkOutcome:
    """Writes the PDFs, group report, summary.json, errors.csv (and the zip; and queues mail).

    Raises BulkInputError for problems of the whole run (--send without an e-mail column, a broken
    template, an unwritable folder); row problems end up in the outcome instead.
    """
    workers = (os.cpu_count() or 1) if jobs is None else jobs
    if workers < 1:
        raise BulkInputError(say("bulk.jobs", found=workers))
    if send and not plan.has_email:
        raise BulkInputError(say("bulk.send_needs_email"))
    _check_template(template, settings.templates_dir)
    zip_path = output.zip_path_for(out_dir) if make_zip else None
    output.prepare_out_dir(out_dir, _planned_files(plan), zip_path)
    setup = Setup(content, lang, template, settings.templates_dir, today or plan_today(), title)
    archive = output.ZipWriter(out_dir) if make_zip else None
    try:
        failed = _render(plan, out_dir, setup, workers, on_progress, archive)
        made = [p for p in plan.usable if p.number not in failed]
        issues, queued = _issues(plan, made, failed, out_dir, setup, settings, send)
        queued_count = queued.count if queued else None
        counts = Counter(p.profile_id for p in made)
        outcome = BulkOutcome(
            out_dir,
            len(plan.participants),
            tuple(out_dir / p.file_name for p in made),
            tuple(out_dir / p.calendar_name for p in made),
            out_dir / GROUP_REPORT if plan.usable and GROUP not in failed else None,
            tuple(issues),
            {p.id: counts.get(p.id, 0) for p in content.profiles},
            (),
            queued=queued_count,
            queued_before=queued.before if queued else 0,
            mail_waiting=send and not settings.smtp_configured,
            group_error=failed.get(GROUP),
            notes=_notes(plan),
            sheet_rows=plan.sheet_rows,
        )
        return _write_rest(outcome, archive)
    except BaseException:
        if archive is not None:
            archive.abort()
        raise


def _issues(
    plan: Plan,
    made: list[Participant],
    failed: dict[int, str],
    out_dir: Path,
    setup: Setup,
    settings: Settings,
    send: bool,
) -> tuple[list[Issue], Queued | None]:
    """errors.csv lines in row order, and with --send what was queued."""
    content, lang = setup.content, setup.lang
    issues = [Issue(p.number, p.name, p.error or "") for p in plan.failed]
    issues += [Issue(p.number, p.name, failed[p.number]) for p in plan.usable if p.number in failed]
    # With --send, a garbled name's warning comes from queue_pdfs, saying it was not mailed.
    lost = say("bulk.lost_letter") if send else None
    issues += [
        Issue(p.number, p.name, w, fatal=False) for p in made for w in p.warnings if w != lost
    ]
    queued = None
    if send:
        from werkstijl.bulk.send import queue_pdfs

        queued = queue_pdfs(
            made,
            out_dir,
            content=content,
            settings=settings,
            lang=lang,
            today=setup.today,
            title=setup.title,
        )
        # The PDF is made either way: a mail that could not be queued is a warning, not an error.
        issues += [replace(i, fatal=False) for i in queued.issues]
    else:  # the address only matters for mail: tell, but the row did not fail
        issues += [
            Issue(p.number, p.name, say("bulk.pdf_written", problem=p.email_problem), fatal=False)
            for p in made
            if p.email_problem
        ]
    return sorted(issues, key=lambda i: i.number), queued


def _check_template(template: str, templates_dir: Path) -> None:
    """A broken template fails the run once, up front, instead of every row in every worker."""
    from werkstijl.report.template import TemplateError, load_template

    try:
        load_template(template, templates_dir)
    except TemplateError as exc:
        raise BulkInputError(say("bulk.template", problem=exc)) from None


def _planned_files(plan: Plan) -> list[str]:
    """Every name this run may write into its folder (what the next run will replace)."""
    per_person = [p.file_stem + s for p in plan.usable for s in output.PARTICIPANT_SUFFIXES]
    return [*per_person, GROUP_REPORT, output.SUMMARY, output.ERRORS, output.ERRORS_XLSX]


def _render(
    plan: Plan,
    out_dir: Path,
    setup: Setup,
    workers: int,
    on_progress: Progress | None,
    archive: output.ZipWriter | None,
) -> dict[int, str]:
    """All PDFs (group report first: it is the longest job); errors by row number."""
    paths = {p.number: out_dir / p.file_name for p in plan.usable}
    jobs: list[GroupJob | PersonalJob] = [
        PersonalJob(p.number, p.name, p.profile_id or "", p.result, paths[p.number])
        for p in plan.usable
    ]
    if plan.usable:
        members = tuple(Member(p.name, p.profile_id or "", p.result, p.number) for p in plan.usable)
        absent = tuple(Absent(p.name, p.sheet_row, p.problem or "") for p in plan.failed)
        jobs.insert(0, GroupJob(members, out_dir / GROUP_REPORT, absent))

    def add(number: int) -> None:
        archive.add(paths[number])
        archive.add(paths[number].with_suffix(".ics"))

    feed = output.InOrder(list(paths), add) if archive else None
    return render_all(setup, jobs, workers=workers, on_progress=on_progress, on_result=feed)


def _write_rest(outcome: BulkOutcome, archive: output.ZipWriter | None) -> BulkOutcome:
    """summary.json and errors.csv/.xlsx, then the zip is completed (its PDFs are already in
    it)."""
    rest = [outcome.group_report] if outcome.group_report else []
    rest.append(output.write_summary(outcome.out_dir, outcome.summary))
    rest += output.write_errors(outcome.out_dir, list(outcome.issues), outcome.sheet_rows)
    zip_path = None
    if archive is not None:
        for path in rest:
            archive.add(path)
        zip_path = archive.close()
    pairs = [f for pair in zip(outcome.pdfs, outcome.calendars, strict=True) for f in pair]
    return replace(outcome, files=(*pairs, *rest), zip_path=zip_path)


def _notes(plan: Plan) -> tuple[str, ...]:
    notes = list(plan.notes)
    if plan.ignored:
        columns = ", ".join(f"'{h}'" for h in plan.ignored[:10])
        notes.append(say("bulk.ignored_columns", columns=columns))
    return tuple(notes)


def zip_bytes(outcome: BulkOutcome) -> bytes:
    """The same zip as --zip, in memory (for a download button)."""
    buffer = io.BytesIO()
    output.write_zip_to(buffer, outcome.files)
    return buffer.getvalue()


def read_input_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise BulkInputError(say("bulk.no_file", file=path)) from None
    except OSError as exc:
        raise BulkInputError(
            say("bulk.unreadable_file", file=path, reason=os_reason(exc))
        ) from None


def run_bulk(
    csv_path: Path,
    out_dir: Path,
    *,
    content: Content,
    progress: bool = False,
    **options: Any,
) -> BulkOutcome:
    """The `bulk` command: read the list (.xlsx or CSV), then `generate` with the same options
    (settings, lang, template, jobs, make_zip, send, title); `progress` draws a bar on stderr."""
    data = read_input_file(csv_path)
    try:
        plan = read_participants(data, content)
    except BulkInputError as exc:
        raise BulkInputError(say("bulk.in_file", file=csv_path, problem=exc)) from None
    bar = ProgressBar(sys.stderr) if progress else None
    return generate(plan, out_dir, content=content, on_progress=bar, **options)


class ProgressBar:
    """`[#######.......]  412/1001 PDFs` on one terminal line, redrawn at most 10 times a second."""

    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self.stream, self.last = stream, 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        filled = self.WIDTH * done // max(total, 1)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        end = "\n" if done >= total else ""
        count = say("bulk.progress", done=f"{done:>{len(str(total))}}", total=total)
        self.stream.write(f"\r[{bar}] {count}{end}")
        self.stream.flush()
