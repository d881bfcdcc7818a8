"""Command line: build, check, serve and i18n. Exit codes: 0 success, 1 content problems, 2 bad usage."""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import sys
from pathlib import Path

from .commands.formats import FORMATS, report
from .commands.scaffold import KINDS
from .output.outfolder import OutputRefused
from .pipeline import BuildOptions, build

REPO_ROOT = Path(__file__).resolve().parent.parent


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date in the form YYYY-MM-DD") from None


def _folder(value: str) -> Path:
    path = Path(value).resolve()
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"'{value}' is not a folder")
    return path


def _url(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise argparse.ArgumentTypeError(f"'{value}' is not an absolute http(s) URL")
    return value


def build_today() -> dt.date:
    """The build date: SOURCE_DATE_EPOCH when set (reproducible builds), else the local date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py", description="Build a multilingual program catalog from YAML and Markdown into a static site.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def site_options(command: argparse.ArgumentParser) -> None:
        command.add_argument("--root", type=_folder, default=REPO_ROOT,
                             help="the site folder with site.yaml, programs/, partners/, content/ (default: this repository)")
        command.add_argument("--today", type=_date, default=None,
                             help="build date YYYY-MM-DD for statuses and warnings (default: SOURCE_DATE_EPOCH or today)")
        command.add_argument("--drafts", action="store_true", help="include items marked 'draft: true'")
        command.add_argument("--strict", action="store_true", help="treat warnings as errors")

    command = commands.add_parser("build", help="build the site into a folder", description="Build the site.")
    site_options(command)
    command.add_argument("--out", type=Path, default=None,
                         help="output folder (default: ROOT/public); replaced whole, so it must be empty, new, "
                              "or an earlier output of this generator")
    command.add_argument("--force", action="store_true",
                         help="replace the output folder even if it holds files this generator did not write")
    command.add_argument("--base-url", type=_url, default=None,
                         help="absolute URL the site is published at, overriding site.yaml's base_url")
    command.add_argument("--jobs", type=int, default=None, help="worker processes for reading and rendering (default: CPU count)")
    command.add_argument("--no-cache", action="store_true",
                         help="render every page, ignoring what the previous build recorded in ROOT/.cache/sitegen")
    command.add_argument("--no-search", action="store_true", help="skip the search index (Pagefind)")

    command = commands.add_parser("check", help="validate the content and print every problem",
                                  description="Validate the content, its Markdown links and its translations "
                                              "without writing anything.")
    site_options(command)
    command.add_argument("--format", choices=sorted(FORMATS), default="text",
                         help="text (default, for people), json (a list of problems) or github (workflow commands)")
    command.add_argument("--lang", default=None, help="report translation problems of this language only")

    command = commands.add_parser("translations", help="translation files for translators' tools; stale translations",
                                  description="export: the texts to translate into --lang as XLIFF 2.0 or PO; "
                                              "import FILE: its translations into the site; confirm [FILES]: record "
                                              "in translations/ that stale translations still agree with their "
                                              "changed originals.")
    command.add_argument("action", choices=("export", "import", "confirm"), help="what to do")
    command.add_argument("files", nargs="*", help="import: the translated file; confirm: program, partner, news or "
                                                  "page files (default: every file)")
    command.add_argument("--lang", default=None, help="export: the target language; confirm: this language only")
    which = command.add_mutually_exclusive_group()
    for name, text in (("missing", "untranslated texts (default)"), ("stale", "translations older than their source"),
                       ("all", "every text, with its translation")):
        which.add_argument(f"--{name}", dest="which", action="store_const", const=name, help=f"export: {text}")
    command.add_argument("--format", choices=("xliff", "po"), default="xliff", help="export: XLIFF 2.0 (default) or PO")
    command.add_argument("--output", type=Path, default=None,
                         help="export: the file to write (default: translations-LANG-WHICH.xlf or .po)")
    command.add_argument("--root", type=_folder, default=REPO_ROOT, help="the site folder (default: this repository)")

    command = commands.add_parser("serve", help="build and serve with live reload on 127.0.0.1",
                                  description="Build, serve locally and rebuild on every change.")
    site_options(command)
    command.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    command.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")

    command = commands.add_parser("i18n", help="extract, update or compile the UI translation catalogs",
                                  description="Manage the gettext catalogs in ROOT/locales with Babel.")
    command.add_argument("action", choices=("extract", "update", "compile", "stats"),
                         help="extract: templates → messages.pot; update: messages.pot → each messages.po; "
                              "compile: check each messages.po and write messages.mo; "
                              "stats: translated, fuzzy and untranslated messages per language")
    command.add_argument("--root", type=_folder, default=REPO_ROOT, help="the site folder (default: this repository)")

    command = commands.add_parser("schema", help="write JSON Schemas of the site's files for editors' completion and checks",
                                  description="Write the JSON Schemas of programs, partners, news, pages and site.yaml "
                                              "into ROOT/.sitegen/schemas/, for the YAML extension of VS Code.")
    command.add_argument("--root", type=_folder, default=REPO_ROOT, help="the site folder (default: this repository)")

    command = commands.add_parser("new", help="create a commented template for a new program, partner, news article or page",
                                  description="Write a template with every field of its kind, to fill in and check.")
    command.add_argument("kind", choices=KINDS, help="what to create")
    command.add_argument("slug", help="its name in the site's addresses: lowercase Latin letters, digits and hyphens")
    command.add_argument("--root", type=_folder, default=REPO_ROOT, help="the site folder (default: this repository)")
    command.add_argument("--lang", default=None,
                         help="news and pages: the language of the file (default: the site's default language)")
    command.add_argument("--date", type=_date, default=None,
                         help="news: the date YYYY-MM-DD (default: the date of its other translations, "
                              "else SOURCE_DATE_EPOCH or today)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    if args.command == "new":
        from .commands.scaffold import NewItem, create
        return create(args.root, NewItem(args.kind, args.slug, args.lang, args.date), build_today())
    if args.command == "schema":
        from .commands.schema import run_schema
        return run_schema(args.root)
    if args.command == "i18n":
        from .commands.i18n import run_i18n
        return run_i18n(args.action, args.root)
    if args.command == "translations" and args.action != "confirm":
        from .commands.translations import run_export, run_import
        if args.action == "import" and len(args.files) == 1:
            return run_import(args.root, Path(args.files[0]))
        if args.action == "export" and args.lang and not args.files:
            return run_export(args.root, args.lang, args.which or "missing", args.format, args.output)
        make_parser().error("use 'translations export --lang LANG' or 'translations import FILE'")
    if args.command == "translations":
        from .commands.check import run_confirm
        return run_confirm(args.root, args.files, args.lang)
    today = args.today or build_today()
    if args.command == "check":
        from .commands.check import run_check
        return run_check(args.root, today, args.drafts, args.strict, args.format, args.lang)
    if args.command == "serve":
        from .serve.server import serve
        return serve(args.root, today, args.host, args.port, drafts=args.drafts, strict=args.strict)
    options = BuildOptions(root=args.root, out=(args.out or args.root / "public").resolve(), today=today,
                           base_url=args.base_url, drafts=args.drafts, strict=args.strict,
                           cache_dir=None if args.no_cache else args.root / ".cache" / "sitegen", search=not args.no_search,
                           force=args.force)
    if args.jobs:
        options = dataclasses.replace(options, processes=max(1, args.jobs))
    try:
        result = build(options)
    except OutputRefused as exc:
        print(f"Not built: {exc}", file=sys.stderr)
        return 2
    report(result.problems, args.strict)
    if not result.written:
        print("Build failed; nothing was written (the previous output is untouched).", file=sys.stderr)
        return 1
    per_language = ", ".join(f"{code} {count}" for code, count in sorted(result.pages.items()))
    reused = f", {result.reused} unchanged" if result.reused else ""
    print(f"Built {sum(result.pages.values())} pages ({per_language}{reused}) and {result.files} other files "
          f"in {result.seconds:.2f} s → {options.out}")
    if result.search_seconds is not None:
        print(f"Search index built in {result.search_seconds:.2f} s")
    return 0
