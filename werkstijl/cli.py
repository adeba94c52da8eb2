"""`python -m werkstijl …`: a thin shell that parses arguments and calls the library.

One function per command (`cmd_<name>(args) -> exit code`), registered in `_parser()` with
`add(name, cmd_<name>)`. Its help text, with an example, is `help.<name>` in
werkstijl/content/wording_cli.py (Dutch and English, like every argument's `arg.*` help).

Errors, for every command (read this before adding one): a command never prints a traceback for
an expected problem and never catches one just to word it. It raises `Fail(message, code)` for a
problem it finds itself (code 2: bad arguments or input; 1: a failure), and lets the library's
exceptions through; `main()` turns the expected ones (database unreachable, locked or damaged,
a bad WERKSTIJL_DATABASE_URL, invalid WERKSTIJL_* settings, unreadable files, bad arguments) into
one line on standard error and exit 2 or 1, via werkstijl/cli_errors.py (`EXPECTED` lists them;
add a type there to cover every command at once). Anything else is a bug and shows its traceback.

Language: every command takes `--lang nl|en` (before or after the command name); messages follow
it, else WERKSTIJL_LANG, else the locale (LC_ALL/LC_MESSAGES/LANG: Dutch when it is Dutch, English
for another language, Dutch when none is set or it is C/POSIX). For `pdf`,
`ics` and `bulk` it is also the files' language (default Dutch). Every word a user reads lives in
werkstijl/content/wording_cli.py, looked up with `say`: messages, help texts and argparse's own
phrases (werkstijl/cli_errors.py `Parser`); never write user text in this file.
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
from werkstijl.content.wording import current_language, message_language, os_reason, say
from werkstijl.settings import MAX_RETENTION_DAYS, Settings, get_settings

if TYPE_CHECKING:
    from werkstijl.storage import ForgetCounts

__all__ = ["Fail", "main"]


def _settings(args: argparse.Namespace) -> Settings:
    settings = get_settings()
    if getattr(args, "content", None):
        settings = settings.model_copy(update={"content_dir": Path(args.content)})
    return settings


def _content_dir(settings: Settings) -> Path:
    """The content folder, or exit 2 with one message when it is not there (rather than one
    "missing file" problem per content part)."""
    folder = settings.content_dir
    if not folder.is_dir():
        raise Fail(say("cli.no_content_folder", folder=folder))
    return folder


def _content(args: argparse.Namespace):
    """Valid content, or exit 1 with every problem (as `check` prints them)."""
    from werkstijl.content import load_content

    result = load_content(_content_dir(_settings(args)))
    if not result.valid:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        raise Fail(say("cli.content_errors"), FAILURE)
    return result.content


LANG_ENV = "WERKSTIJL_LANG"


def _message_lang(argv: Sequence[str]) -> tuple[str, str | None]:
    """The messages' language and a WERKSTIJL_LANG that is neither nl nor en (else None).

    `--lang` when given; else WERKSTIJL_LANG; else the locale (LC_ALL, else LC_MESSAGES, else
    LANG): Dutch when it is Dutch, English for another language, Dutch (the product's first
    language) when none is set or it is C/POSIX. Read before parsing, so that argument errors
    are worded in it too."""
    for index, arg in enumerate(argv):
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in ("nl", "en"):
            return value, None
    chosen = os.environ.get(LANG_ENV, "").strip().lower()
    if chosen in ("nl", "en"):
        return chosen, None
    bad = os.environ[LANG_ENV] if chosen else None
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(name):
            language = value.split(".")[0].split("_")[0].lower()
            if language in ("c", "posix"):  # no language chosen (a bare server, a container)
                return "nl", bad
            return ("nl" if language == "nl" else "en"), bad
    return "nl", bad


def _pdf_lang(args: argparse.Namespace) -> str:
    """The PDFs' language: `--lang` (after or before the command), else Dutch (the product's
    first language)."""
    return args.lang or args.top_lang or "nl"


def cmd_check(args: argparse.Namespace) -> int:
    """Validate profiles, questions, tips and PDF templates."""
    from werkstijl.check import as_json, check_all, summary

    settings = _settings(args)
    result = check_all(_content_dir(settings), settings.templates_dir)
    line = summary(result)
    if args.json:
        print(json.dumps(as_json(result), ensure_ascii=False, indent=2))
    else:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        for problem in result.warnings:
            print(
                f"{problem.path}:{problem.line}:{problem.column}: "
                + say("cli.warning", message=problem.message),
                file=sys.stderr,
            )
        print(line, file=sys.stdout if result.content else sys.stderr)
    return 0 if result.content is not None else 1


def cmd_score(args: argparse.Namespace) -> int:
    """Score answer lists without rendering anything."""
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
    """Write JSON Schemas of the YAML files, for editors' autocomplete."""
    from werkstijl.schema import write_schemas

    for path in write_schemas(Path(args.out)):
        print(path)
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    """Write one personal PDF."""
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
        raise Fail(say("cli.unwritable", file=output, reason=os_reason(exc))) from None


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
    """Send queued mail, retrying failures with backoff."""
    from werkstijl.delivery.outbox import run_outbox
    from werkstijl.storage import Store

    settings = _settings(args)
    if not settings.smtp_configured:
        raise Fail(say("cli.mail_off"), 1)
    if not args.once:  # a long-running worker logs at start whether mail can be delivered
        from werkstijl.delivery.health import report_at_start

        report_at_start(settings)
    return run_outbox(
        Store(settings.database_url),
        settings,
        once=args.once,
        retry_now=args.retry_now,
        report=lambda line: print(line, flush=True),  # one line per pass, in --lang
    )


def cmd_mail_check(args: argparse.Namespace) -> int:
    """One line on whether mail can be delivered (connects, sends nothing); exit 0 or 1."""
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
    """Delete a person's lead, queued mail and PDF copies (GDPR erasure)."""
    from werkstijl.storage import Store

    counts = Store(_settings(args).database_url).forget(args.email)
    print(_erased(counts))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Print, as JSON, everything stored about one address (a GDPR access request)."""
    from werkstijl.storage import Store

    found = Store(_settings(args).database_url).person_export(args.email)
    print(json.dumps(found, ensure_ascii=False, indent=2, default=str))
    return 0 if found["leads"] or found["mails"] else 1


def cmd_purge(args: argparse.Namespace) -> int:
    """Erase leads and mails older than the retention period (run it daily, e.g. from cron)."""
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
        raise Fail(say("cli.no_database", reason=exc), 1) from None


def cmd_content_export(args: argparse.Namespace) -> int:
    """Write the newest published content version (what visitors get) as YAML files into DIR."""
    from werkstijl.content.publish import write_files

    version = _content_store(args).content_version()
    if version is None:
        raise Fail(say("cli.nothing_published"), 1)
    target = Path(args.dir)
    try:
        write_files(target, version.files)
    except OSError as exc:
        file, reason = exc.filename or target, os_reason(exc)
        raise Fail(say("cli.cannot_write", file=file, reason=reason)) from None
    who = version.author or say(f"cli.source.{version.source}")
    count = len(version.files)
    print(say("cli.exported", version=version.id, count=count, who=who, folder=target))
    return 0


def cmd_content_import(args: argparse.Namespace) -> int:
    """Check the YAML files in DIR and publish them (every app process serves them in seconds)."""
    from werkstijl.content.loader import read_texts
    from werkstijl.content.publish import publish

    folder = Path(args.dir)
    if not folder.is_dir():
        raise Fail(say("cli.not_a_folder", folder=folder))
    texts, unreadable = read_texts(folder)
    if unreadable:
        for problem in unreadable:
            print(problem, file=sys.stderr)
        raise Fail(say("cli.unreadable_files"), 1)
    result = publish(_content_store(args), texts, source="import", author=args.author)
    if result.errors:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        raise Fail(say("cli.import_errors"), 1)
    if result.version is None:
        print(say("cli.already_published"))
    else:
        print(say("cli.published", version=result.version.id, count=len(texts)))
    return 0


def cmd_hash_password(args: argparse.Namespace) -> int:
    """Make a WERKSTIJL_STAFF_PASSWORD_HASH value, so no plain password needs to be stored."""
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
    """The arguments of every command; help texts in the message language (see the top)."""
    parser = Parser(prog="python -m werkstijl", description=say("help.description"))
    # Also before the command (`--lang nl check`); a command's own --lang wins (`_pdf_lang`).
    parser.add_argument("--lang", choices=["nl", "en"], dest="top_lang", help=say("arg.lang"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        doc = say(f"help.{name}")
        p = sub.add_parser(
            name,
            help=doc.splitlines()[0],
            description=doc,
            conflict_handler="resolve",  # a command may define its own --lang (pdf, bulk)
        )
        p.add_argument("--content", metavar="DIR", help=say("arg.content"))
        p.add_argument("--lang", choices=["nl", "en"], help=say("arg.lang"))
        p.set_defaults(func=func)
        return p

    p = add("check", cmd_check)
    p.add_argument("--json", action="store_true", help=say("arg.json"))
    p = add("score", cmd_score)
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--answers", metavar="A", help=say("arg.answers"))
    group.add_argument("stdin", nargs="?", choices=["-"], metavar="-", help=say("arg.stdin"))
    add("schema", cmd_schema).add_argument(
        "--out", default="schema", metavar="DIR", help=say("arg.schema_out")
    )
    p = add("pdf", cmd_pdf)
    _who_arguments(p)
    p.add_argument("--name", required=True, help=say("arg.name"))
    _lang_template(p)
    p.add_argument("--title", help=say("arg.title_pdf"))
    p.add_argument("-o", "--output", required=True, metavar="FILE", help=say("arg.output"))
    p = add("ics", cmd_ics)
    _who_arguments(p)
    p.add_argument("--lang", choices=["nl", "en"], help=say("arg.lang_ics"))
    p.add_argument("-o", "--output", required=True, metavar="FILE", help=say("arg.output"))
    p = add("bulk", cmd_bulk)
    p.add_argument("csv", metavar="CSV", help=say("arg.csv"))
    p.add_argument("--out", required=True, metavar="DIR", help=say("arg.out"))
    _lang_template(p)
    p.add_argument("--jobs", type=int, default=None, metavar="N", help=say("arg.jobs"))
    p.add_argument("--zip", action="store_true", help=say("arg.zip"))
    p.add_argument("--send", action="store_true", help=say("arg.send"))
    p.add_argument("--title", help=say("arg.title_bulk"))
    p.add_argument(
        "--date", type=_session_date, default=None, metavar="YYYY-MM-DD", help=say("arg.date")
    )
    p = add("outbox", cmd_outbox)
    p.add_argument("--once", action="store_true", help=say("arg.once"))
    p.add_argument("--retry-now", action="store_true", help=say("arg.retry_now"))
    add("mail-check", cmd_mail_check).add_argument(
        "--lang", choices=["nl", "en"], help=say("arg.lang_line")
    )
    add("forget", cmd_forget).add_argument("email", metavar="EMAIL", help=say("arg.email"))
    add("export", cmd_export).add_argument("email", metavar="EMAIL", help=say("arg.email"))
    add("hash-password", cmd_hash_password)
    _content_commands(sub)
    add("purge", cmd_purge).add_argument(
        "--days", type=_days, metavar="N", help=say("arg.days", maximum=MAX_RETENTION_DAYS)
    )
    return parser


def _who_arguments(p: argparse.ArgumentParser) -> None:
    """`--profile ID | --answers A` of `pdf` and `ics`: one of the two."""
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--profile", metavar="ID", help=say("arg.profile"))
    who.add_argument("--answers", metavar="A", help=say("arg.answers"))


def _content_commands(sub) -> None:
    """`content export DIR` and `content import DIR`: published versions to and from files."""
    content = sub.add_parser("content", help=say("help.content"), description=say("help.content"))
    commands = content.add_subparsers(dest="content_command", required=True, metavar="ACTION")
    for name, func in (("export", cmd_content_export), ("import", cmd_content_import)):
        doc = say(f"help.content-{name}")
        p = commands.add_parser(name, help=doc.splitlines()[0], description=doc)
        p.add_argument("dir", metavar="DIR", help=say("arg.dir"))
        p.add_argument("--lang", choices=["nl", "en"], help=say("arg.lang"))
        p.set_defaults(func=func)
    commands.choices["import"].add_argument(
        "--author", default=os.environ.get("USER"), help=say("arg.author")
    )


def _lang_template(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=["nl", "en"], help=say("arg.lang_pdf"))
    p.add_argument("--template", default="default", metavar="NAME", help=say("arg.template"))


def main(argv: Sequence[str] | None = None) -> int:
    """Runs one command; expected problems end in one line on standard error (see the top)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang, bad_env = _message_lang(argv)
    with message_language(lang):
        try:
            if bad_env is not None:  # a typo there must not silently switch the language
                raise Fail(say("cli.bad_lang_env", name=LANG_ENV, value=bad_env), BAD_INPUT)
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
