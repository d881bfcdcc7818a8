"""`build.py i18n`: Babel's own extract/update/compile over a site's theme and locales."""
from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from ..foundation.builtin import PACKAGE_ROOT
from ..foundation.problems import Problems
from ..source.load import load_content
from ..source.translations import po_file

DOMAIN = "messages"


def _pybabel(*args: str, quiet: bool = True) -> int:
    try:
        CommandLineInterface().run(["pybabel", *(["-q"] if quiet else []), *args])
    except SystemExit as exc:  # Babel's frontend exits on errors it has already printed
        return int(exc.code or 0)
    return 0


def _site_languages(root: Path) -> tuple[str, ...]:
    content = load_content(root, dt.date.today(), Problems())
    return content.site.codes if content else ()


def run_i18n(action: str, root: Path) -> int:
    if action == "stats":
        from .i18nstats import run_stats
        return run_stats(root)
    locales = root / "locales"
    template = locales / f"{DOMAIN}.pot"
    config = root / "babel.cfg" if (root / "babel.cfg").is_file() else PACKAGE_ROOT / "babel.cfg"
    if action == "extract":
        locales.mkdir(exist_ok=True)
        with contextlib.chdir(root):  # so the catalog names templates by paths relative to the site
            return _pybabel("extract", "-F", str(config), "-o", str(template), "--sort-by-file",
                            "--project", "sitegen", "--copyright-holder", "", "--msgid-bugs-address", "",
                            "-k", "_", "-k", "gettext", "-k", "ngettext:1,2", ".")
    if not template.is_file():
        print(f"{template} does not exist: run 'build.py i18n extract' first")
        return 1
    if action == "update":
        status = 0
        for code in _site_languages(root):
            po = po_file(locales, code)
            if po.is_file():
                status |= _pybabel("update", "-i", str(template), "-o", str(po), "-l", code, "--previous")
            else:
                status |= _pybabel("init", "-i", str(template), "-o", str(po), "-l", code)
        return status
    return _pybabel("compile", "-d", str(locales), "-D", DOMAIN, "--statistics", quiet=False)
