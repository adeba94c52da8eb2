"""`python -m werkstijl …`: a thin shell that parses arguments and calls the library.

One function per command (`cmd_<name>(args) -> exit code`, its docstring is the help text with an
example), registered in `_parser()` with `add(name, cmd_<name>)`.

Errors, for every command (read this before adding one): a command never prints a traceback for
an expected problem and never catches one just to word it. It raises `Fail(message, code)` for a
problem it finds itself (code 2: bad arguments or input; 1: a failure), and lets the library's
exceptions through; `main()` turns the expected ones (database unreachable, locked or damaged,
a bad WERKSTIJL_DATABASE_URL, invalid WERKSTIJL_* settings, unreadable files, bad arguments) into
one line on standard error and exit 2 or 1, via werkstijl/cli_errors.py (`EXPECTED` lists them;
add a type there to cover every command at once). Anything else is a bug and shows its traceback.

Language: every command takes `--lang nl|en`; messages follow it, else the locale (Dutch when
LC_ALL/LC_MESSAGES/LANG is Dutch, English otherwise). For `pdf` and `bulk` it is also the PDFs'
language (default Dutch). Words live in werkstijl/content/wording_cli.py, looked up with `say`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from werkstijl.cli_errors import BAD_INPUT, FAILURE, Fail, Parser, explain
from werkstijl.content.wording import current_language, message_language, say
from werkstijl.settings import MAX_RETENTION_DAYS, Settings, get_settings

if TYPE_CHECKING:
    from werkstijl.storage import ForgetCounts

__all__ = ["Fail", "main"]


def _settings(args: argparse.Namespace) -> Settings:
    settings = get_settings()
    if getattr(args, "content", None):
        settings = settings.model_copy(update={"content_dir": Path(args.content)})
    return settings


def _content(args: argparse.Namespace):
    """Valid content, or exit 1 with every problem (as `check` prints them)."""
    from werkstijl.content import load_content

    result = load_content(_settings(args).content_dir)
    if not result.valid:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        raise Fail(say("cli.content_errors"), FAILURE)
    return result.content


def _message_lang(argv: Sequence[str]) -> str:
    """The messages' language: `--lang` when given; else Dutch when the locale is Dutch (LC_ALL,
    else LC_MESSAGES, else LANG); otherwise English. Read before parsing, so that argument errors
    are worded in it too."""
    for index, arg in enumerate(argv):
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in ("nl", "en"):
            return value
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(name):
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"


def _pdf_lang(args: argparse.Namespace) -> str:
    """The PDFs' language: `--lang`, else Dutch (the product's first language)."""
    return args.lang or "nl"


def cmd_check(args: argparse.Namespace) -> int:
    """Validate profiles, questions, tips and PDF templates.

    Example: python -m werkstijl check --json
             python -m werkstijl check --lang nl   (messages in Dutch)
    """
    from werkstijl.check import as_json, check_all, summary

    settings = _settings(args)
    result = check_all(settings.content_dir, settings.templates_dir)
    line = summary(result)
    if args.json:
        print(json.dumps(as_json(result), ensure_ascii=False, indent=2))
    else:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        for problem in result.warnings:
            print(
                f"{problem.path}:{problem.line}:{problem.column}: warning: {problem.message}",
                file=sys.stderr,
            )
        print(line, file=sys.stdout if result.content else sys.stderr)
    return 0 if result.content is not None else 1


def cmd_score(args: argparse.Namespace) -> int:
    """Score answer lists without rendering anything.

    A list may stop early once its answers decide the profile (no answers to the remaining
    questions could change it); "answered" in the JSON says how many were used.

    Example: python -m werkstijl score --answers 1,2,3,1,2,3,1,2,3,1,2,3,1
             python -m werkstijl score --answers 3,1,2,1,3,2,3   (7 answers that decide it)
             printf '1,1,1,...\\n2,2,2,...\\n' | python -m werkstijl score -
    """
    from werkstijl.scoring import AnswerError, parse_answers

    content = _content(args)
    if args.stdin != "-":
        try:
            print(json.dumps(_scored(content, parse_answers(args.answers))))
        except AnswerError as exc:
            raise Fail(f"--answers: {exc}") from None
        return 0
    code = 0
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            print(json.dumps(_scored(content, parse_answers(line))), flush=True)
        except AnswerError as exc:  # report, and go on with the other lines
            print(say("cli.score_line", number=number, problem=exc), file=sys.stderr)
            code = BAD_INPUT
    return code


def _scored(content, answers: list[int]) -> dict:
    """The score JSON of one answer list, with the first step its plan begins with."""
    from werkstijl.plan import make_plan
    from werkstijl.scoring import score

    result = score(content, answers)
    return {**result.as_dict(), "first_step": make_plan(content, result).first_step.id}


def cmd_schema(args: argparse.Namespace) -> int:
    """Write JSON Schemas of the YAML files, for editors' autocomplete.

    Example: python -m werkstijl schema --out schema
    """
    from werkstijl.schema import write_schemas

    for path in write_schemas(Path(args.out)):
        print(path)
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    """Write one personal PDF.

    Example: python -m werkstijl pdf --profile operator --name "Zoë de Vries" -o zoe.pdf
    """
    from werkstijl.report import TemplateError, render_personal

    settings, content = _settings(args), _content(args)
    profile, result = _who(args, content)
    try:
        pdf = render_personal(
            content,
            name=args.name,
            profile_id=profile.id,
            result=result,
            lang=_pdf_lang(args),
            template=args.template,
            templates_dir=settings.templates_dir,
            title=args.title,
        )
    except TemplateError as exc:
        raise Fail(f"--template: {exc}") from None
    _write(args.output, pdf)
    return 0


def cmd_ics(args: argparse.Namespace) -> int:
    """Write the week rhythm and start plan as a calendar file (.ics), from next Monday on.

    Example: python -m werkstijl ics --profile operator --lang nl -o week.ics
             python -m werkstijl ics --answers 1,2,3,1,2,3,1,2,3,1,2,3,1 -o week.ics
    """
    from werkstijl.ics import make_ics
    from werkstijl.plan import plan_for, plan_today

    content = _content(args)
    profile, result = _who(args, content)
    plan = plan_for(content, profile.id, result)
    _write(args.output, make_ics(content, plan, _pdf_lang(args), plan_today()))
    return 0


def _who(args: argparse.Namespace, content):
    """(profile, result) from --answers (scored) or --profile (result None); Fail when bad."""
    from werkstijl.scoring import AnswerError, parse_answers, score

    if args.answers is not None:
        try:
            result = score(content, parse_answers(args.answers))
        except AnswerError as exc:
            raise Fail(f"--answers: {exc}") from None
        return content.profile(result.profile), result
    profile = content.find_profile(args.profile)
    if profile is None:
        known = ", ".join(p.id for p in content.profiles)
        raise Fail(say("cli.unknown_profile", given=args.profile[:40], known=known))
    return profile, None


def _write(output: str, data: bytes) -> None:
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        raise Fail(say("cli.unwritable", file=output, reason=exc.strerror or exc)) from None


def cmd_bulk(args: argparse.Namespace) -> int:
    """Write a PDF per participant of a list (.xlsx or CSV), a group report, summary.json and
    errors.csv.

    Example: python -m werkstijl bulk deelnemers.xlsx --out training-maart --zip --date 2026-03-12
    """
    from werkstijl.bulk import BulkInputError, run_bulk

    settings = _settings(args)
    try:
        outcome = run_bulk(
            Path(args.csv),
            Path(args.out),
            content=_content(args),
            settings=settings,
            lang=_pdf_lang(args),
            template=args.template,
            jobs=args.jobs,
            make_zip=args.zip,
            send=args.send,
            progress=sys.stderr.isatty(),
            title=args.title,
            today=args.date,
        )
    except BulkInputError as exc:
        raise Fail(str(exc)) from None
    print(outcome.message)
    return outcome.exit_code


def cmd_outbox(args: argparse.Namespace) -> int:
    """Send queued mail, retrying failures with backoff.

    Example: python -m werkstijl outbox --once --retry-now
    """
    from werkstijl.delivery.outbox import run_outbox
    from werkstijl.storage import Store

    settings = _settings(args)
    if not settings.smtp_configured:
        raise Fail("mail is off: set WERKSTIJL_SMTP_HOST (and _PORT, _USER, _PASSWORD) first", 1)
    if not args.once:  # a long-running worker logs at start whether mail can be delivered
        from werkstijl.delivery.health import report_at_start

        report_at_start(settings)
    return run_outbox(
        Store(settings.database_url), settings, once=args.once, retry_now=args.retry_now
    )


def cmd_mail_check(args: argparse.Namespace) -> int:
    """Say in one line whether mail can be delivered: connects to the SMTP server (TLS, login,
    sender) and sends nothing. Exit 0 when it can, 1 when it cannot or mail is not configured.

    Example: python -m werkstijl mail-check
    """
    from werkstijl.delivery.health import check_mail, describe

    settings = _settings(args)
    health = check_mail(settings)
    line = describe(health, settings, current_language())
    print(line, file=sys.stdout if health.ok else sys.stderr)
    return 0 if health.ok else 1


def _erased(counts: ForgetCounts) -> str:
    return say(
        "cli.erased", leads=counts.leads, outbox=counts.outbox, attachments=counts.attachments
    )


def cmd_forget(args: argparse.Namespace) -> int:
    """Delete a person's lead, queued mail and PDF copies (GDPR erasure).

    Example: python -m werkstijl forget jan@example.com
    """
    from werkstijl.storage import Store

    counts = Store(_settings(args).database_url).forget(args.email)
    print(_erased(counts))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Print, as JSON, everything stored about one address (a GDPR access request).

    Example: python -m werkstijl export jan@example.com > jan.json
    """
    from werkstijl.storage import Store

    found = Store(_settings(args).database_url).person_export(args.email)
    print(json.dumps(found, ensure_ascii=False, indent=2, default=str))
    return 0 if found["leads"] or found["mails"] else 1


def cmd_purge(args: argparse.Namespace) -> int:
    """Erase leads and mails older than the retention period (run it daily, e.g. from cron).

    Example: python -m werkstijl purge --days 365
    """
    from werkstijl.storage import Store

    settings = _settings(args)
    days = settings.lead_retention_days if args.days is None else args.days
    counts = Store(settings.database_url).purge_older_than(days)
    print(say("cli.purged", days=days, erased=_erased(counts)))
    return 0


def _content_store(args: argparse.Namespace):
    """The database that holds the published content versions (WERKSTIJL_DATABASE_URL); its
    errors (unreachable, locked, a bad URL) are worded by main() like every command's."""
    from werkstijl.storage import Store

    try:
        return Store(_settings(args).database_url)
    except ValueError as exc:
        raise Fail(f"cannot open the database: {exc}", 1) from None


def cmd_content_export(args: argparse.Namespace) -> int:
    """Write the newest published content version (what visitors get) as YAML files into DIR.

    Example: python -m werkstijl content export .   (then `git diff` shows what the studio changed)
    """
    from werkstijl.content.publish import write_files

    version = _content_store(args).content_version()
    if version is None:
        raise Fail("nothing is published yet: start the app once, or use `content import`", 1)
    target = Path(args.dir)
    try:
        write_files(target, version.files)
    except OSError as exc:
        raise Fail(f"cannot write {exc.filename or target}: {exc.strerror}") from None
    who = version.author or version.source
    print(f"wrote version {version.id} ({len(version.files)} files, by {who}) to {target}")
    return 0


def cmd_content_import(args: argparse.Namespace) -> int:
    """Check the YAML files in DIR and publish them: every app process serves them within seconds.

    Example: python -m werkstijl content import . --author "Anna (git)"
    """
    from werkstijl.content.loader import read_texts
    from werkstijl.content.publish import publish

    folder = Path(args.dir)
    if not folder.is_dir():
        raise Fail(f"{folder} is not a folder")
    texts, unreadable = read_texts(folder)
    if unreadable:
        for problem in unreadable:
            print(problem, file=sys.stderr)
        raise Fail("some files cannot be read; nothing was published", 1)
    result = publish(_content_store(args), texts, source="import", author=args.author)
    if result.errors:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        raise Fail("the content has errors; nothing was published (see above)", 1)
    if result.version is None:
        print("these files are already the newest published version; nothing to publish")
    else:
        print(f"published version {result.version.id} ({len(texts)} files)")
    return 0


def cmd_hash_password(args: argparse.Namespace) -> int:
    """Make a WERKSTIJL_STAFF_PASSWORD_HASH value, so no plain password needs to be stored.

    The password must have at least 12 characters; the hash uses 600,000 PBKDF2 rounds.
    Example: python -m werkstijl hash-password   (asks twice; or pipe the password in)
    """
    import getpass

    from werkstijl.passwords import MIN_LENGTH, make_password_hash, password_too_short
    from werkstijl.ui.staff.strings import STRINGS
    from werkstijl.ui.strings import lookup

    lang = current_language()  # chosen by main(): --lang, else the locale
    if sys.stdin.isatty():
        password = getpass.getpass(lookup(STRINGS, "hash_prompt", lang))
        if password != getpass.getpass(lookup(STRINGS, "hash_again", lang)):
            raise Fail(lookup(STRINGS, "hash_differ", lang), 1)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if password_too_short(password):
        raise Fail(lookup(STRINGS, "hash_too_short", lang, minimum=MIN_LENGTH), 1)
    print(f"WERKSTIJL_STAFF_PASSWORD_HASH='{make_password_hash(password)}'")
    return 0


def _days(text: str) -> int:
    """`--days`: a whole number of days, at least 1 (0 or less would erase today's leads)."""
    try:
        days = int(text)
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_RETENTION_DAYS:
        raise argparse.ArgumentTypeError(
            say("cli.days", maximum=MAX_RETENTION_DAYS, found=text[:20])
        )
    return days


def _session_date(text: str) -> date:
    """`--date`: the day of the training session, YYYY-MM-DD (week 1 is the Monday after it)."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(say("cli.date", found=text[:20])) from None


def _parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="python -m werkstijl", description="Werkstijltest: content checks, PDFs, bulk, mail."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        doc = (func.__doc__ or "").strip()
        p = sub.add_parser(
            name,
            help=doc.splitlines()[0],
            description=doc,
            formatter_class=argparse.RawDescriptionHelpFormatter,
            conflict_handler="resolve",  # a command may define its own --lang (pdf, bulk)
        )
        p.add_argument(
            "--content",
            metavar="DIR",
            help="content folder (default: WERKSTIJL_CONTENT_DIR or the repository root)",
        )
        p.add_argument(
            "--lang",
            choices=["nl", "en"],
            help="language of the messages (default: nl when LANG/LC_MESSAGES is Dutch, else en)",
        )
        p.set_defaults(func=func)
        return p

    p = add("check", cmd_check)
    p.add_argument("--json", action="store_true", help="print JSON")
    p = add("score", cmd_score)
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument(
        "--answers",
        metavar="A",
        help="comma-separated option numbers, e.g. 1,3,2 (may stop once they decide the profile)",
    )
    group.add_argument(
        "stdin",
        nargs="?",
        choices=["-"],
        metavar="-",
        help="read one answer list per line from standard input",
    )
    add("schema", cmd_schema).add_argument("--out", default="schema", metavar="DIR")
    p = add("pdf", cmd_pdf)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--profile", metavar="ID", help="profile id or name")
    who.add_argument(
        "--answers",
        metavar="A",
        help="comma-separated option numbers (may stop once they decide the profile)",
    )
    p.add_argument("--name", required=True)
    _lang_template(p)
    p.add_argument("--title", help="the training it is for: on the cover and in the footer")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p = add("ics", cmd_ics)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--profile", metavar="ID", help="profile id or name")
    who.add_argument("--answers", metavar="A", help="comma-separated option numbers")
    p.add_argument("--lang", choices=["nl", "en"], default="nl")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p = add("bulk", cmd_bulk)
    p.add_argument(
        "csv", metavar="CSV", help="the participant list: an Excel workbook (.xlsx) or a CSV file"
    )
    p.add_argument("--out", required=True, metavar="DIR")
    _lang_template(p)
    p.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: the number of cores)",
    )
    p.add_argument("--zip", action="store_true", help="also write DIR.zip")
    p.add_argument("--send", action="store_true", help="queue each PDF for its participant's mail")
    p.add_argument(
        "--title",
        help="the training's title: on the group report and on every participant's PDF "
        "(cover and footer); without it the group report is called 'Jouw groep'",
    )
    p.add_argument(
        "--date",
        type=_session_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day of the session (default: today): the date on the PDFs; week 1 of every "
        "start plan and calendar file is the Monday after it",
    )
    p = add("outbox", cmd_outbox)
    p.add_argument("--once", action="store_true", help="one pass, then exit")
    p.add_argument("--retry-now", action="store_true", help="ignore the backoff wait")
    add("mail-check", cmd_mail_check).add_argument(
        "--lang",
        choices=["nl", "en"],
        help="language of the line (default: nl when LANG/LC_MESSAGES is Dutch, else en)",
    )
    add("forget", cmd_forget).add_argument("email", metavar="EMAIL")
    add("export", cmd_export).add_argument("email", metavar="EMAIL")
    add("hash-password", cmd_hash_password)
    _content_commands(sub)
    add("purge", cmd_purge).add_argument(
        "--days",
        type=_days,
        metavar="N",
        help=f"1 to {MAX_RETENTION_DAYS}; default: WERKSTIJL_LEAD_RETENTION_DAYS (365)",
    )
    return parser


def _content_commands(sub) -> None:
    """`content export DIR` and `content import DIR`: published versions to and from files."""
    content = sub.add_parser(
        "content", help="published content versions to and from YAML files (export, import)"
    )
    commands = content.add_subparsers(dest="content_command", required=True, metavar="ACTION")
    for name, func in (("export", cmd_content_export), ("import", cmd_content_import)):
        doc = (func.__doc__ or "").strip()
        p = commands.add_parser(
            name,
            help=doc.splitlines()[0],
            description=doc,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.add_argument("dir", metavar="DIR", help="the content folder (profiles/, questions/, …)")
        p.add_argument("--lang", choices=["nl", "en"], help="language of the messages")
        p.set_defaults(func=func)
    commands.choices["import"].add_argument(
        "--author",
        default=os.environ.get("USER"),
        help="name kept with the version (default: $USER)",
    )


def _lang_template(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang", choices=["nl", "en"], help="language of the PDFs and the messages (default: nl)"
    )
    p.add_argument("--template", default="default", metavar="NAME")


def main(argv: Sequence[str] | None = None) -> int:
    """Runs one command; expected problems end in one line on standard error (see the top)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    with message_language(_message_lang(argv)):
        try:
            args = _parser().parse_args(argv)
            return args.func(args)
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:  # e.g. `score - | head -1`: the reader left; nothing to say
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return FAILURE
        except Exception as exc:
            if (fail := explain(exc)) is None:
                raise  # a bug: the traceback is what a developer needs
            print(say("cli.error", message=fail), file=sys.stderr)
            return fail.code
