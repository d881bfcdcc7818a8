"""`build.py serve`: build, serve with live reload, rebuild what each change needs, show problems in the page."""
from __future__ import annotations

import datetime as dt
import mimetypes
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from html import escape as html_escape
from pathlib import Path
from typing import Callable

from babel.support import NullTranslations
from tornado import ioloop, web

from ..commands.formats import report
from ..commands.schema import FOLDER, write_schemas
from ..foundation.problems import Problems
from ..foundation.walk import look
from ..pipeline import BuildOptions
from ..plan.urls import INDEX_FILE, NOT_FOUND_FILE, Route, path_language, route_path
from ..source.translations import load_translations
from .changes import WRITTEN_BY_BUILD
from .overlay import Report, inject, overlay_html, page_language
from .rebuild import Outcome, Rebuilder
from .reloading import Browsers, reload_routes, script_tag
from .watch import Watcher

class SiteHandler(web.RequestHandler):
    """The built site as a static host serves it, with the live-reload script and the overlay in HTML pages."""

    def initialize(self, site: "ServedSite") -> None:
        self.site = site

    def head(self, path: str) -> None:
        self.get(path)

    def get(self, path: str) -> None:
        self.set_header("Cache-Control", "no-store")
        file = self.site.find(path)
        if file is not None and file.is_dir():
            self.redirect(f"/{path}/" + (f"?{self.request.query}" if self.request.query else ""))
            return
        if file is None:
            self.set_status(404)
            file = self.site.not_found(path)
        if file is None or file.suffix == ".html":
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(self.site.page(path, file))
            return
        self.set_header("Content-Type", mimetypes.guess_type(file.name)[0] or "application/octet-stream")
        self.finish(file.read_bytes())


class ServedSite:
    """The output folder and the rebuilder's report, as the HTTP handlers see them."""

    def __init__(self, rebuilder: Rebuilder, port: int) -> None:
        self.rebuilder, self.out, self.port = rebuilder, rebuilder.options.out, port
        self._translations: dict[str, NullTranslations] = {}
        self._for_report: Report | None = None

    def find(self, path: str) -> Path | None:
        """The file (or folder lacking its slash) for a URL path; None when there is none in the output."""
        parts = _parts(path)
        if parts is None:
            return None
        file = self.out.joinpath(*parts)
        if look(file, self.out).kind == "folder":
            if path and not path.endswith("/"):
                return file
            file = file / INDEX_FILE
        elif path.endswith("/"):  # a file is no folder, as on a static host
            return None
        return file if look(file, self.out).kind == "file" else None  # never through a link out of the output

    def not_found(self, path: str) -> Path | None:
        """The 404 page of the language the path starts with, else the root's."""
        language = path_language(path) if _parts(path) else ""
        candidates = [route_path(Route("not-found"), language)] if language else []
        for candidate in (self.out / relative for relative in (*candidates, NOT_FOUND_FILE)):
            if look(candidate, self.out).kind == "file":
                return candidate
        return None

    def page(self, path: str, file: Path | None) -> str:
        html = file.read_text(encoding="utf-8") if file else _EMPTY
        extra = script_tag(self.port)
        report = self.rebuilder.report
        if report:
            try:
                code = page_language(path, html, *self._languages())
                extra = str(overlay_html(report, self._translations_for(code, report), code)) + extra
            except Exception:  # noqa: BLE001 — a bug here must not hide the problems: show them plainly
                traceback.print_exc()
                plain = "\n".join(p.format() for p in report.problems) or report.internal_error
                extra = f'<pre role="alert" lang="en">{html_escape(plain)}</pre>\n' + extra
        return inject(html, extra)

    def _languages(self) -> tuple[dict[str, str], str]:
        known = self.rebuilder.memo.known
        if known is None:
            return {}, "en"
        site = known.site
        return {**{lang.hreflang: lang.code for lang in site.languages}, **{c: c for c in site.codes}}, site.default_language

    def _translations_for(self, code: str, report: Report) -> NullTranslations:
        if report is not self._for_report:  # the catalogs may have been edited since
            self._translations, self._for_report = {}, report
        if code not in self._translations:
            self._translations[code] = load_translations(self.rebuilder.options.root, code, Problems())
        return self._translations[code]


def _parts(path: str) -> list[str] | None:
    """The segments of a URL path, or None for one that cannot name a file of the output."""
    parts = [part for part in path.split("/") if part]
    if any(part in (".", "..") or "\\" in part or "\0" in part for part in parts):
        return None  # the system refuses a NUL in a name with a ValueError, not an OSError
    return parts


_EMPTY = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>sitegen</title></head><body></body></html>\n"


def _print(outcome: Outcome, rebuilder: Rebuilder) -> None:
    if outcome.action == "ignored":
        return
    if rebuilder.report.internal_error:
        print(rebuilder.report.internal_error, file=sys.stderr, end="")
    else:  # the build's problems; of the warnings a good build has, only the new ones
        shown = rebuilder.report.problems if outcome.action == "failed" else outcome.new_warnings
        report(Problems(list(shown)), rebuilder.options.strict)
    print(f"[{time.strftime('%H:%M:%S')}] {outcome.describe()}", file=sys.stderr, flush=True)


def _reload_path(outcome: Outcome) -> str:
    """One copied image is swapped in place by livereload.js; anything else reloads the page."""
    return outcome.copied[0] if outcome.action == "copied" and len(outcome.copied) == 1 else "*"


def _watch(rebuilder: Rebuilder, watcher: Watcher, reload: Callable[[str], None], stop: threading.Event) -> None:
    """Rebuild on every batch of changes; nothing that happens here stops the server."""
    while not stop.is_set():
        try:
            changes = watcher.wait(stop)
            if not changes:
                continue
            outcome = rebuilder.apply(changes)
            watcher.absorb(WRITTEN_BY_BUILD)
            _print(outcome, rebuilder)
            if outcome.action != "ignored":
                reload(_reload_path(outcome))
        except Exception:  # noqa: BLE001 — the watcher itself must survive anything
            traceback.print_exc()
            time.sleep(1)


def serve(root: Path, today: dt.date, host: str, port: int, drafts: bool = False, strict: bool = False) -> int:
    workspace = Path(tempfile.mkdtemp(prefix="sitegen-serve-"))
    try:
        return _serve(workspace, root, today, host, port, drafts, strict)
    finally:
        _remove_later(workspace)


def _remove_later(folder: Path) -> None:
    """Delete the built site in a process of its own: thousands of files take a while, stopping should not."""
    try:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                          str(folder)], start_new_session=True, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def _serve(workspace: Path, root: Path, today: dt.date, host: str, port: int, drafts: bool, strict: bool) -> int:
    out = workspace / "site"
    out.mkdir()
    base_url = f"http://{'localhost' if host in ('127.0.0.1', '::1', 'localhost') else host}:{port}/"
    options = BuildOptions(root=root, out=out, today=today, base_url=base_url, drafts=drafts, strict=strict,
                           cache_dir=workspace / "cache", force=True)  # the folder is the server's own
    rebuilder, browsers = Rebuilder(options), Browsers()
    app = web.Application([*reload_routes(browsers), (r"/(.*)", SiteHandler, {"site": ServedSite(rebuilder, port)})],
                          log_function=_log_request)
    try:
        app.listen(port, address=host)  # before building: a busy port is said at once
    except OSError as exc:
        print(f"Cannot listen on {host}:{port}: {exc.strerror} (choose another port with --port)", file=sys.stderr)
        return 2
    report(_schemas(root), strict=False)
    watcher = Watcher(root)  # before the first build, so edits made during it are noticed
    _print(rebuilder.build_first(), rebuilder)
    watcher.absorb(WRITTEN_BY_BUILD)
    loop = ioloop.IOLoop.current()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: loop.add_callback_from_signal(loop.stop))
    reload = lambda path: loop.add_callback(browsers.reload, path)  # noqa: E731 (reloads run on the server's loop)
    threading.Thread(target=_watch, args=(rebuilder, watcher, reload, stop), daemon=True).start()
    print(f"Serving {base_url} (Ctrl+C to stop)", file=sys.stderr, flush=True)
    try:
        loop.start()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
    return 0


def _schemas(root: Path) -> Problems:
    """The editors' schemas brought up to date, so completion knows the slugs and choices of the site as it is.

    Only the schemas' own problems are returned: those of site.yaml are the first build's to report.
    """
    found = Problems()
    write_schemas(root, found)
    return Problems([problem for problem in found.items if problem.position.path.startswith(FOLDER.parts[0])])


def _log_request(handler: web.RequestHandler) -> None:
    """Only what an editor should notice: server errors (missing pages are the site's business)."""
    if handler.get_status() >= 500:
        print(f"HTTP {handler.get_status()} for {handler.request.uri}", file=sys.stderr, flush=True)
