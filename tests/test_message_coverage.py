"""Every problem message the generator can print is triggered by a test and explained to editors.

How the messages are found, so that a message added tomorrow in a new module is found too: every
module under sitegen/ is parsed (Python's own `ast`, no import, no running) and every call that
reports a problem is read:

- `<...>problems.error/warning(position, field, MESSAGE, hint)` (the collector; the receiver's name
  ends in "problems"), `Problem(position, severity, field, MESSAGE, hint)`, or any call with a
  `message=` keyword;
- `reader.error/warning(key, MESSAGE, hint)` and `reader.check(key, ok, MESSAGE, hint)` (a field
  Reader: any other receiver, except loggers and argument parsers).

The MESSAGE expression becomes a regular expression: its literal text is kept, every value computed
at run time (`{slug}`, `x or y`, a call to another module) becomes `.*?`. A conditional gives one
pattern per branch; a name assigned in the same function, and a call to a function of the same
module named `..._message` (by convention, one that words a message), are followed to the values
they can have; other calls (`describe(value)`, `did_you_mean(...)`) are values. A name that is a
parameter is a message passed through (Reader.error → Problems.error), whose patterns are taken
where it is written.

A pattern passes when it matches some string literal of the tests (assertions on the exact problem
text, `tests/invalid/*/expected.txt`) and is written in the editors' reference in English and in
Russian (`docs/editors/{en,ru}/*.md`, message texts on one line). The test fails by naming the
file, line and pattern that has no test or no explanation.
"""
from __future__ import annotations

import ast
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO

WILD = ".*?"
NOT_PROBLEMS = {"logging", "logger", "log", "parser", "warnings", "argparse"}
MIN_LITERAL_LETTERS = 4  # a pattern of nothing but values would match anything


@dataclass(frozen=True)
class Message:
    where: str  # sitegen/module.py:line
    pattern: str  # a regular expression for the printed message

    @property
    def literal(self) -> str:
        return re.sub(r"\\(.)", r"\1", self.pattern.replace(WILD, "…"))


def _message_argument(call: ast.Call) -> ast.expr | None:
    """The expression passed as the message of a problem-reporting call, or None for other calls."""
    for keyword in call.keywords:
        if keyword.arg == "message":
            return keyword.value
    func, args = call.func, call.args
    if isinstance(func, ast.Name) and func.id == "Problem":
        return args[3] if len(args) > 3 else None
    if not isinstance(func, ast.Attribute) or func.attr not in ("error", "warning", "check"):
        return None
    receiver = ast.unparse(func.value)
    if receiver.split(".")[-1] in NOT_PROBLEMS:
        return None
    if receiver.endswith("problems"):
        index = 2 if func.attr != "check" else None
    else:
        index = 2 if func.attr == "check" else 1
    return args[index] if index is not None and len(args) > index else None


class _Patterns:
    """The patterns a message expression can produce, within one module."""

    def __init__(self, tree: ast.Module) -> None:
        self.functions = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}

    def of(self, node: ast.expr, scope: ast.FunctionDef | None, depth: int = 0) -> list[str]:
        if depth > 5:
            return [WILD]
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [re.escape(node.value)]
        if isinstance(node, ast.JoinedStr):
            parts = [self.of(value.value if isinstance(value, ast.FormattedValue) else value, scope, depth + 1)
                     for value in node.values]
            return ["".join(combination) for combination in itertools.product(*parts)]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return [a + b for a in self.of(node.left, scope, depth + 1) for b in self.of(node.right, scope, depth + 1)]
        if isinstance(node, ast.IfExp):
            return self.of(node.body, scope, depth + 1) + self.of(node.orelse, scope, depth + 1)
        if isinstance(node, ast.Name) and scope is not None:
            return self._name(node.id, scope, depth)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id.endswith("_message") \
                and node.func.id in self.functions:
            function = self.functions[node.func.id]
            returns = [n.value for n in ast.walk(function) if isinstance(n, ast.Return) and n.value is not None]
            return [p for value in returns for p in self.of(value, function, depth + 1)] or [WILD]
        return [WILD]

    def _name(self, name: str, scope: ast.FunctionDef, depth: int) -> list[str]:
        if name in {arg.arg for arg in (*scope.args.posonlyargs, *scope.args.args, *scope.args.kwonlyargs)}:
            # The whole message passed through: its patterns are collected where the caller writes it.
            return [] if depth == 0 else [WILD]
        values = [node.value for node in ast.walk(scope) if isinstance(node, ast.Assign)
                  and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)]
        return [p for value in values for p in self.of(value, scope, depth + 1)] or [WILD]


def _enclosing_functions(tree: ast.Module) -> dict[ast.AST, ast.FunctionDef]:
    owner = {}
    for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        for node in ast.walk(function):
            owner[node] = function  # inner functions are walked later and win
    return owner


def collect_messages(package: Path) -> list[Message]:
    found = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        patterns, owner = _Patterns(tree), _enclosing_functions(tree)
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            argument = _message_argument(call)
            if argument is None:
                continue
            for pattern in patterns.of(argument, owner.get(call)):
                if sum(c.isalpha() for c in re.sub(re.escape(WILD), "", pattern)) >= MIN_LITERAL_LETTERS:
                    found.append(Message(f"{path.relative_to(REPO).as_posix()}:{call.lineno}", pattern))
    return sorted(set(found), key=lambda m: (m.where, m.pattern))


def _strings(tree: ast.AST) -> list[str]:
    texts = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            texts.append(node.value)
        elif isinstance(node, ast.JoinedStr):
            texts.append("".join(v.value if isinstance(v, ast.Constant) else "{…}" for v in node.values))
    # Regular expressions in assertions escape punctuation: '\(while rendering'.
    return texts + [re.sub(r"\\(.)", r"\1", text) for text in texts if "\\" in text]


def expected_texts() -> list[str]:
    tests = REPO / "tests"
    texts = [line for path in sorted(tests.glob("invalid/*/expected.txt"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    for path in sorted(tests.rglob("test_*.py")):
        if path.name != Path(__file__).name:
            texts.extend(_strings(ast.parse(path.read_text(encoding="utf-8"))))
    return texts


def editors_reference(language: str) -> str:
    return " ".join(" ".join(path.read_text(encoding="utf-8").split())
                    for path in sorted((REPO / "docs" / "editors" / language).glob("*.md")))


MESSAGES = collect_messages(REPO / "sitegen")


def test_the_collector_finds_the_messages_of_every_stage():
    """Guards the collector itself: known messages of each kind of call are found, with their values as wildcards."""
    literals = {message.literal for message in MESSAGES}
    for expected in ("'…' is not a valid slug",  # problems.error in discover
                     "required field is missing",  # self.problems.error in the Reader
                     "give exactly one of hours, days, weeks or months",  # reader.error
                     "… (…) is before … (…)",  # reader.check
                     "a language cannot fall back to itself",  # a name assigned from a conditional
                     "YAML syntax: a second YAML document starts here; a file holds one (remove this '---' and what follows)",
                     "the YAML tag '…' is not allowed",  # a call to a function of the module
                     "template error: … (while rendering … in '…')"):  # Problem(...)
        assert expected in literals
    assert len(MESSAGES) >= 60


@pytest.mark.parametrize("message", MESSAGES, ids=lambda m: f"{m.where} {m.literal}")
def test_every_message_is_triggered_by_a_test_that_states_its_text(message: Message):
    pattern = re.compile(message.pattern)
    assert any(pattern.search(text) for text in EXPECTED), (
        f"{message.where}: no test states the message '{message.literal}'; add one that triggers it "
        "and asserts the exact text")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_message_is_explained_in_the_editors_reference(language: str):
    reference = editors_reference(language)
    missing = [f"{m.where}: {m.literal}" for m in MESSAGES if not re.search(m.pattern, reference)]
    assert missing == [], f"explain these in docs/editors/{language}/messages.md:\n" + "\n".join(missing)


EXPECTED = expected_texts()
