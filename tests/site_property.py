"""The promise to editors, checked on one site: `check` and `build` never end in a traceback or a stall;
what `check` accepts builds; every Atom feed, iCalendar file and sitemap of the build parses.

Shared by tests/test_properties.py (a few generated sites) and scripts/fuzz-sites (many)."""
from __future__ import annotations

import contextlib
import io
import json
import re
import signal
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
from icalendar import Calendar

from conftest import TODAY, run_cli
from site_strategies import GeneratedSite
from test_feeds import rfc4287_problems

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass(frozen=True)
class Failure:
    """One way the promise broke: `kind` groups failures that have the same cause, `detail` shows this one."""

    kind: str
    detail: str


@dataclass
class Outcome:
    check_exit: int | None = None
    build_exit: int | None = None
    problems: list[dict] = field(default_factory=list)  # what check reported, as its JSON
    failures: list[Failure] = field(default_factory=list)
    out: Path | None = None  # the built site, when the build succeeded

    @property
    def built(self) -> bool:
        return self.build_exit == 0

    def report(self) -> str:
        return "\n\n".join(f"{f.kind}\n{f.detail}" for f in self.failures)


class Stalled(BaseException):
    """A command ran past its time limit (not an Exception, which the build would report as a template's error)."""


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise Stalled in the main thread after `seconds` (SIGALRM: a build stuck in Python code is stopped)."""
    def expire(signum, frame):
        raise Stalled(f"still running after {seconds:g} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_command(args: list[str], seconds: float) -> tuple[int | None, str, str, Failure | None]:
    """Run the command line in this process: (exit status, stdout, stderr, failure or None)."""
    out, err = io.StringIO(), io.StringIO()
    failure = None
    status = None
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), time_limit(seconds):
            status = run_cli(*args)
    except Stalled as exc:
        failure = Failure(f"{args[0]} stalls", str(exc))
    except BaseException as exc:  # noqa: BLE001 - the property is that nothing escapes, not even a MemoryError
        failure = Failure(f"{args[0]}: {_origin(exc)}", "".join(traceback.format_exception(exc)[-6:]))
    if failure is None and (status not in (0, 1) or "Traceback" in err.getvalue()):
        failure = Failure(f"{args[0]}: exit {status} or a traceback on stderr", err.getvalue()[-3000:])
    return status, out.getvalue(), err.getvalue(), failure


def _origin(exc: BaseException) -> str:
    """The exception's type and the generator's innermost line it passed through: failures with one cause agree."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/sitegen/" in f.filename] or \
        traceback.extract_tb(exc.__traceback__)[-1:]
    where = f" in {Path(frames[-1].filename).name}:{frames[-1].name}" if frames else ""
    return f"{type(exc).__name__}{where}"


def examine(site: GeneratedSite, folder: Path, seconds: float = 60.0) -> Outcome:
    """Write the site into `folder`, check it and, when check is clean, build it and parse what it wrote."""
    root, out = folder / "site", folder / "public"
    site.write(root)
    outcome = Outcome()
    common = ["--root", str(root), "--today", TODAY.isoformat()]
    outcome.check_exit, stdout, _, failure = run_command(["check", *common, "--format", "json"], seconds)
    if failure:
        outcome.failures.append(failure)
        return outcome
    try:
        outcome.problems = json.loads(stdout)
    except ValueError as exc:
        outcome.failures.append(Failure("check: its JSON output does not parse", f"{exc}\n{stdout[:2000]}"))
    if outcome.check_exit == 0:
        # Every mistake of a site that check accepts was accepted: each is a failure of its own kind.
        outcome.failures += [Failure(f"check accepts {_shape(mistake.split(': ', 1)[-1])}", mistake)
                             for mistake in site.mistakes]
    else:
        return outcome
    outcome.build_exit, _, stderr, failure = run_command(
        ["build", *common, "--out", str(out), "--no-search", "--no-cache"], seconds)
    if failure:
        outcome.failures.append(failure)
    elif outcome.build_exit != 0:
        outcome.failures.append(Failure("build fails after a clean check", _problem_lines(stderr)))
    else:
        outcome.out = out
        outcome.failures.extend(output_failures(out))
    return outcome


def _problem_lines(stderr: str) -> str:
    return "\n".join(line for line in stderr.splitlines() if ": error: " in line or "hint:" in line)[:3000]


def output_failures(out: Path) -> list[Failure]:
    """Every feed, calendar and sitemap of a built site that does not parse or lacks what its standard requires."""
    failures = []
    for path in sorted(out.rglob("feed.xml")):
        failures += _parsed(path, "feed", _feed_problems)
    for path in sorted(out.rglob("*.ics")):
        failures += _parsed(path, "calendar", _calendar_problems)
    for path in sorted(out.glob("sitemap*.xml")):
        failures += _parsed(path, "sitemap", _sitemap_problems)
    return failures


def _parsed(path: Path, kind: str, problems) -> list[Failure]:
    try:
        found = problems(path)
    except Exception as exc:  # noqa: BLE001 - a parser's own exception is the finding
        found = [f"{type(exc).__name__}: {exc}"]
    return [Failure(f"{kind} does not parse: {_shape(problem)}", f"{path.name} in {path.parent.name}/: {problem}")
            for problem in found]


def _feed_problems(path: Path) -> list[str]:
    parsed = feedparser.parse(path.read_bytes())
    if parsed.bozo:
        return [f"feedparser: {parsed.get('bozo_exception')}"]
    return rfc4287_problems(path)


def _calendar_problems(path: Path) -> list[str]:
    data = path.read_bytes()
    problems = [] if data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"") else ["lines not ended by CRLF"]
    calendar = Calendar.from_ical(data)
    for event in calendar.walk("VEVENT"):
        missing = [name for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY") if name not in event]
        problems += [f"an event without {', '.join(missing)}"] if missing else []
        event.decoded("DTSTART")
    components = data.count(b"BEGIN:VEVENT")
    if components != len(calendar.walk("VEVENT")):
        problems.append(f"{components} BEGIN:VEVENT lines but {len(calendar.walk('VEVENT'))} events")
    return problems


def _sitemap_problems(path: Path) -> list[str]:
    root = ET.parse(path).getroot()
    if root.tag not in (f"{SITEMAP}urlset", f"{SITEMAP}sitemapindex"):
        return [f"the root is {root.tag}, not a sitemaps.org urlset or sitemapindex"]
    return [f"a <loc> is not an absolute URL: {loc.text!r}" for loc in root.iter(f"{SITEMAP}loc")
            if not re.match(r"https?://", loc.text or "")]


def _shape(message: str) -> str:
    """A message without the values in it, so the same fault in different sites counts once."""
    return re.sub(r"\d+", "N", re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", message))[:120]
