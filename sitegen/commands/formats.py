"""Print a check's problems as text for people, JSON for programs, or GitHub Actions workflow commands."""
from __future__ import annotations

import json
import sys

from ..foundation.problems import Problem, Problems


def summary(problems: list[Problem], strict: bool) -> str:
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    note = " (warnings count as errors with --strict)" if strict and warnings else ""
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}{note}"


def as_text(problems: list[Problem], strict: bool) -> str:
    """Sorted by file, so each file's problems stand together, then one summary line."""
    if not problems:
        return ""
    return "".join(problem.format() + "\n" for problem in problems) + summary(problems, strict) + "\n"


def as_json(problems: list[Problem], strict: bool) -> str:
    records = [{"file": p.position.path, "line": p.position.line or None,
                "column": (p.position.column or 1) if p.position.line else None,
                "severity": p.severity, "field": p.field,
                "message": p.message, "hint": p.hint, "language": p.language or None} for p in problems]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def escape_data(text: str) -> str:
    """A workflow command's message: %, CR and LF are percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: also ':' and ',' that would end it."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: list[Problem], strict: bool) -> str:
    """`::error file=…,line=…,col=…,title=…::message` lines that GitHub shows on the changed files."""
    lines = []
    for p in problems:
        properties = {"file": p.position.path}
        if p.position.line:
            properties.update(line=str(p.position.line), col=str(p.position.column or 1))
        properties["title"] = p.field or p.severity
        message = p.message + (f"\nhint: {p.hint}" if p.hint else "")
        rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
        lines.append(f"::{p.severity} {rendered}::{escape_data(message)}")
    return "".join(line + "\n" for line in lines)


FORMATS = {"text": as_text, "json": as_json, "github": as_github}


def report(problems: Problems, strict: bool, stream=None) -> None:
    (stream or sys.stderr).write(as_text(problems.sorted(), strict))
