"""Rendering many PDFs (and each participant's calendar file beside their PDF): in this process
for one job, else a pool of worker processes.

ReportLab keeps global state and is not thread-safe, so parallelism means processes. Each worker
builds one Renderer (template, fonts, logo, styles) in its initializer and reuses it for every PDF;
work goes out in small chunks so the per-task overhead stays low and the progress bar still moves.
Workers write the PDFs themselves, so only row numbers and error texts travel back.
Workers die with the process that started them (even on kill -9), so no orphan keeps working.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import TYPE_CHECKING

from werkstijl.content.models import Content, Lang
from werkstijl.content.wording import say
from werkstijl.ics import make_ics
from werkstijl.plan import Plan, plan_for
from werkstijl.scoring import Result
from werkstijl.team import Absent, Member

if TYPE_CHECKING:
    from werkstijl.report.renderer import Renderer

Progress = Callable[[int, int], None]
MAX_CHUNK = 16
GROUP = 0  # key of the group report in the error map (rows start at 1)
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a Linux process gets when its parent dies
PARENT_POLL_S = 0.5  # elsewhere: how often a worker checks that its parent is still there


@dataclass(frozen=True)
class Setup:
    """Everything a worker needs once; sent to each worker a single time."""

    content: Content
    lang: Lang
    template: str
    templates_dir: Path | None
    today: date
    title: str | None = None  # the training's: on the group report and every participant's PDF


@dataclass(frozen=True)
class PersonalJob:
    number: int
    name: str
    profile_id: str
    result: Result | None
    path: Path  # the PDF; the calendar file goes beside it (same name, .ics)


@dataclass(frozen=True)
class GroupJob:
    participants: tuple[Member, ...]
    path: Path
    absent: tuple[Absent, ...] = ()  # rows of the list that are not in the report, and why


Job = PersonalJob | GroupJob
Outcome = tuple[int, str | None]  # (row number or GROUP, error text or None)
_worker: tuple[Renderer, Setup] | None = None  # of this worker process


def participant_plan(content: Content, profile_id: str, result: Result | None) -> Plan:
    """A row's plan: from its answers when it gave them, else from its profile."""
    return plan_for(content, profile_id, result)


def _key(job: Job) -> int:
    return job.number if isinstance(job, PersonalJob) else GROUP


def _renderer(setup: Setup) -> Renderer:
    from werkstijl.report.renderer import Renderer  # heavy import: only where PDFs are made

    return Renderer(setup.template, setup.templates_dir)


def _init_worker(setup: Setup, parent: int) -> None:
    global _worker
    _die_with_parent(parent)
    _worker = (_renderer(setup), setup)


def _die_with_parent(parent: int) -> None:
    """A worker whose parent is killed (kill -9, OOM) must not live on as an orphan: on Linux the
    kernel kills it (PR_SET_PDEATHSIG); elsewhere a thread notices the new parent and exits."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_S)
    os._exit(1)


def _write(path: Path, data: bytes) -> None:
    # Write-then-rename: an interrupted run never leaves a half PDF under the final name.
    part = path.with_name(path.name + ".part")
    part.write_bytes(data)
    os.replace(part, path)


def _run(renderer: Renderer, setup: Setup, job: Job) -> Outcome:
    """Renders and writes one PDF; any failure becomes that row's error, never the run's."""
    try:
        if isinstance(job, PersonalJob):
            plan = participant_plan(setup.content, job.profile_id, job.result)
            pdf = renderer.personal(
                setup.content,
                name=job.name,
                profile_id=job.profile_id,
                result=job.result,
                lang=setup.lang,
                today=setup.today,
                plan=plan,
                title=setup.title,
            )
            calendar = make_ics(setup.content, plan, setup.lang, setup.today)
            _write(job.path.with_suffix(".ics"), calendar)
        else:
            pdf = renderer.group(
                setup.content,
                list(job.participants),
                lang=setup.lang,
                title=setup.title,
                today=setup.today,
                absent=job.absent,
            )
        _write(job.path, pdf)
    except Exception as exc:  # a name the renderer chokes on must not stop the other PDFs
        return _key(job), f"{type(exc).__name__}: {exc}"[:300]
    return _key(job), None


def _run_chunk(jobs: Sequence[Job]) -> list[Outcome]:
    assert _worker is not None, "worker initializer did not run"
    renderer, setup = _worker
    return [_run(renderer, setup, job) for job in jobs]


def _context() -> BaseContext:
    # fork is fastest (workers inherit the imported modules), but forking a process that runs
    # threads (the Streamlit server) can deadlock a child; spawn is safe there.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _chunks(jobs: Sequence[Job], workers: int) -> list[list[Job]]:
    size = max(1, min(MAX_CHUNK, len(jobs) // (workers * 8)))
    return [list(jobs[i : i + size]) for i in range(0, len(jobs), size)]


def render_all(
    setup: Setup,
    jobs: Sequence[Job],
    *,
    workers: int,
    on_progress: Progress | None = None,
    on_result: Callable[[int, str | None], None] | None = None,
) -> dict[int, str]:
    """Renders every job; returns error texts by row number (GROUP for the group report),
    worded in the current message language.

    `on_result(key, error)` runs in this process as each PDF is done (e.g. to zip it right away).
    """
    total, done, errors = len(jobs), 0, {}

    def record(outcomes: list[Outcome]) -> None:
        nonlocal done
        for key, error in outcomes:
            if error:
                errors[key] = say("bulk.pdf_failed", reason=error)
            if on_result:
                on_result(key, error)
        done += len(outcomes)
        if on_progress:
            on_progress(done, total)

    if workers <= 1 or total <= 1:
        renderer = _renderer(setup)
        for job in jobs:
            record([_run(renderer, setup, job)])
        return errors
    chunks = _chunks(jobs, workers)
    pool = ProcessPoolExecutor(
        max_workers=min(workers, len(chunks)),
        mp_context=_context(),
        initializer=_init_worker,
        initargs=(setup, os.getpid()),
    )
    try:
        futures: dict[Future, list[Job]] = {pool.submit(_run_chunk, c): c for c in chunks}
        for future in as_completed(futures):
            record(_outcomes(future, futures[future]))
    except BaseException:  # Ctrl+C or a failing callback: stop the workers now, not after all
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return errors


def _outcomes(future: Future, chunk: list[Job]) -> list[Outcome]:
    try:
        return future.result()
    except Exception as exc:  # a worker died (e.g. out of memory): its rows failed, not the run
        reason = say("bulk.worker_failed", reason=type(exc).__name__)
        return [(_key(job), reason) for job in chunk]
