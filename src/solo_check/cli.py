"""The `solo-check` command: the desktop app, or headless scoring, reports and checks.

`score`, `report` and `check-content` never import Qt, so they run on a machine
without a display (a test proves it).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__

if TYPE_CHECKING:
    # Imported where a command needs them: the window, started without one, is shown
    # sooner without argparse (~3 ms) in its way.
    import argparse

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


def system_language() -> str:
    """English if the system language is English, German otherwise."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "de"
    return "de"


def _parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="solo-check",
        description="Solo-Check: digitalisation, AI exposure and risk buffers for solo "
        "self-employed people. Without a command, the desktop app starts.",
    )
    parser.add_argument("--version", action="version", version=f"solo-check {__version__}")
    sub = parser.add_subparsers(dest="command")
    score = sub.add_parser("score", help="score an answers file and explain the result")
    score.add_argument("answers", type=Path, help="answers file (JSON)")
    score.add_argument("--lang", choices=("de", "en"), help="language (default: the file's)")
    score.add_argument("--json", action="store_true", help="print the full result as JSON")
    score.add_argument("--today", help="score as of this date, YYYY-MM-DD (default: today)")
    report = sub.add_parser("report", help="write the PDF report of an answers file")
    report.add_argument("answers", type=Path, help="answers file (JSON)")
    # A string, not a Path: Path("out/") drops the slash that says "into this folder".
    report.add_argument(
        "-o",
        "--output",
        required=True,
        help="where to write the report (PDF); an existing folder takes it under its usual name",
    )
    report.add_argument("--lang", choices=("de", "en"), help="language (default: the file's)")
    report.add_argument("--today", help="report as of this date, YYYY-MM-DD (default: today)")
    group = sub.add_parser(
        "group", help="an anonymised group report from many answers files (for advisers)"
    )
    group.add_argument("paths", type=Path, nargs="+", help="answers files or folders of them")
    group.add_argument(
        "-o",
        "--output",
        help="where to write the report (PDF); an existing folder takes it under its usual name",
    )
    group.add_argument("--lang", choices=("de", "en"), help="language (default: the system's)")
    group.add_argument("--today", help="score as of this date, YYYY-MM-DD (default: today)")
    group.add_argument("--json", action="store_true", help="print the summary as JSON")
    check = sub.add_parser("check-content", help="validate the content in resources/")
    check.add_argument("--resources", type=Path, help="folder to check (default: the built-in)")
    check.add_argument("--lang", choices=("de", "en"), help="language of the messages")
    check.add_argument(
        "--today",
        help="also warn about offers past their end and entries checked too long before "
        "this date, YYYY-MM-DD (default: today)",
    )
    check.add_argument(
        "--strict", action="store_true", help="treat those warnings as errors (exit 1)"
    )
    schemas = sub.add_parser("write-schemas", help="write the JSON Schemas of the files")
    schemas.add_argument("folder", type=Path)
    return parser


def _give_missing_streams_a_sink() -> None:
    """Without a console (the Windows GUI launcher, pythonw) sys.stdout and sys.stderr
    are None and every write to them would crash; send what would be printed nowhere."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            # Open for the rest of the program's life, so no context manager.
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def main(argv: list[str] | None = None) -> int:
    """The `solo-check` and `solo-check-cli` launchers and `python -m solo_check`."""
    _give_missing_streams_a_sink()
    if not (sys.argv[1:] if argv is None else argv):
        return _gui()  # no command: the window, without building the command line parser
    args = _parser().parse_args(argv)
    if args.command == "score":
        return _score(args)
    if args.command == "report":
        return _report(args)
    if args.command == "check-content":
        return _check_content(args)
    if args.command == "group":
        return _group(args)
    if args.command == "write-schemas":
        return _write_schemas(args.folder)
    return _gui()


def _gui() -> int:
    try:
        from .gui.app import run
    except ImportError as exc:
        from .content import load_content

        message = load_content().texts.get("cli.gui_failed", system_language(), reason=exc)
        print(message, file=sys.stderr)
        return EXIT_PROBLEM
    return run()


def _check_content(args: argparse.Namespace) -> int:
    from .content import ContentError, load_content

    lang = args.lang or system_language()
    try:
        content = load_content(args.resources)
    except ContentError as exc:
        print(f"{len(exc.problems)} problem(s) / Fehler:", file=sys.stderr)
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_PROBLEM
    from .checks import freshness

    today = dt.date.today()
    if args.today:
        try:
            today = dt.date.fromisoformat(args.today)
        except ValueError:
            print(content.texts.get("cli.bad_date", lang, value=args.today), file=sys.stderr)
            return EXIT_USAGE
    warnings = list(freshness(content, today))
    if warnings:
        key = "cli.content_stale_strict" if args.strict else "cli.content_stale"
        print(content.texts.get(key, lang, count=len(warnings)), file=sys.stderr)
        for warning in warnings:
            print(warning, file=sys.stderr)
        if args.strict:
            return EXIT_PROBLEM
    q = content.questionnaire
    print(
        content.texts.get(
            "cli.content_ok",
            lang,
            questions=len(q.questions),
            occupations=len(content.occupations.occupations),
            pointers=len(content.pointers.pointers),
            actions=len(content.pointers.actions),
        )
    )
    return EXIT_OK


def _scored(args: argparse.Namespace) -> tuple[Any, Any, Any, str] | int:
    """Content, answers, assessment and language for `score` and `report`; or the exit
    code after a clear message about a bad date or a bad answers file."""
    from .answers import AnswersError, read_answers
    from .content import load_content
    from .scoring import score

    content = load_content()
    lang = args.lang or system_language()
    today = dt.date.today()
    if args.today:
        try:
            today = dt.date.fromisoformat(args.today)
        except ValueError:
            print(content.texts.get("cli.bad_date", lang, value=args.today), file=sys.stderr)
            return EXIT_USAGE
    try:
        answers = read_answers(args.answers, content)
    except AnswersError as exc:
        print(content.texts.get("cli.answers_errors", lang, path=args.answers), file=sys.stderr)
        for line in exc.render(content, lang):
            print(f"  {line}", file=sys.stderr)
        return EXIT_PROBLEM
    if not args.lang:
        lang = answers.language
    return content, answers, score(content, answers, today), lang


def _score(args: argparse.Namespace) -> int:
    from .presentation import present
    from .terminal import result_json, summary_text

    scored = _scored(args)
    if isinstance(scored, int):
        return scored
    content, answers, assessment, lang = scored
    pres = present(content, answers, assessment, lang)
    if args.json:
        data = result_json(content, answers, assessment, pres)
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        sys.stdout.write(summary_text(content, pres))
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from .report import build_report

    scored = _scored(args)
    if isinstance(scored, int):
        return scored
    content, answers, assessment, lang = scored
    t = content.texts
    name = t.get("files.report_name", lang, date=assessment.today.isoformat())
    output = _report_target(args.output, content, lang, name)
    if isinstance(output, int):
        return output
    if output.exists() and output.resolve() == args.answers.resolve():
        print(t.get("report.cli.same_file", lang, path=output), file=sys.stderr)
        return EXIT_USAGE
    failed = _write_pdf(output, build_report(content, answers, assessment, lang), content, lang)
    if failed is not None:
        return failed
    print(t.get("report.cli.written", lang, path=output))
    return EXIT_OK


def _report_target(given: str, content: Any, lang: str, name: str) -> Path | int:
    """Where `report -o` and `group -o` write: the file named, or ``name`` inside a folder
    named; or the exit code after saying why not. Something that exists and is not an
    ordinary file (a device such as /dev/null, a FIFO, a link) is never replaced."""
    t = content.texts
    output = Path(given)
    if output.is_dir():
        output = output / name
    elif given.endswith(("/", os.sep)):
        print(t.get("report.cli.no_folder", lang, path=given), file=sys.stderr)
        return EXIT_USAGE
    if output.is_symlink() or (output.exists() and not output.is_file()):
        print(t.get("report.cli.not_a_file", lang, path=output), file=sys.stderr)
        return EXIT_USAGE
    return output


def _write_pdf(output: Path, pdf: bytes, content: Any, lang: str) -> int | None:
    """Write a report; None when done, else the exit code after saying why not."""
    from .files import NotRegularFileError
    from .report import write_report

    t = content.texts
    try:
        write_report(output, pdf)
    except (NotRegularFileError, IsADirectoryError):
        # Checked again while writing: the target may have changed since.
        print(t.get("report.cli.not_a_file", lang, path=output), file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        reason = exc.strerror or str(exc)
        print(t.get("report.cli.cannot_write", lang, path=output, reason=reason), file=sys.stderr)
        return EXIT_PROBLEM
    return None


def _group(args: argparse.Namespace) -> int:
    from .content import load_content
    from .group import GroupTooSmall, read_group, summarise, summary_json

    content = load_content()
    t = content.texts
    lang = args.lang or system_language()
    today = dt.date.today()
    if args.today:
        try:
            today = dt.date.fromisoformat(args.today)
        except ValueError:
            print(t.get("cli.bad_date", lang, value=args.today), file=sys.stderr)
            return EXIT_USAGE
    group, skipped = read_group(content, args.paths, lang)
    # Skipped files are named only here, never in the report: a file name can name a person.
    for bad in skipped:
        print(t.get("group.skipped", lang, path=bad.path), file=sys.stderr)
        for line in bad.problems:
            print(f"  {line}", file=sys.stderr)
    if not group and not skipped:
        print(t.get("group.none_found", lang), file=sys.stderr)
        return EXIT_PROBLEM
    try:
        summary = summarise(content, group, today, lang)
    except GroupTooSmall as exc:
        print(t.get("group.too_small", lang, needed=exc.needed, found=exc.found), file=sys.stderr)
        return EXIT_PROBLEM
    if args.json:
        print(json.dumps(summary_json(summary), ensure_ascii=False, indent=2))
    if args.output:
        from .report.group import build_group_report

        name = t.get("files.group_report_name", lang, date=today.isoformat())
        output = _report_target(args.output, content, lang, name)
        if isinstance(output, int):
            return output
        failed = _write_pdf(output, build_group_report(content, summary, lang), content, lang)
        if failed is not None:
            return failed
        print(t.get("group.written", lang, path=output))
    elif not args.json:
        print(json.dumps(summary_json(summary), ensure_ascii=False, indent=2))
    return EXIT_OK


def _write_schemas(folder: Path) -> int:
    from .schemas import write_schemas

    for path in write_schemas(folder):
        print(path)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
