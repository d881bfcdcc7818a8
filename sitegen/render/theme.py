"""What a theme's templates can reach: a sandboxed Jinja environment that loads templates from theme folders only.

A site's templates are as untrusted as its content (docs/theme.md, "What a theme can do"): they run in Jinja's
immutable sandbox, so they can read the views they are given and call the functions the renderer adds, but not
reach Python's internals, change what they were given, or name a file outside the theme folders.
"""
from __future__ import annotations

import functools
import posixpath
from pathlib import Path
from typing import Any, Callable

import jinja2
from babel.support import NullTranslations
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..source.uitext import TextTranslations
from .fragments import CachedFragments

SANDBOX_NOTE = "a theme's templates run in a sandbox (docs/theme.md)"


class OutsideTheme(jinja2.TemplateNotFound):
    """A template name that leads out of the theme folders."""


class ThemeLoader(jinja2.FileSystemLoader):
    """Templates by their path under the theme folders (the site's first).

    A link out of the site never gets this far: `check` and `build` refuse it while listing the site (walk.py).
    """

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        # FileSystemLoader refuses '..' too, but as 'not found'; say what is wrong.
        if posixpath.isabs(template) or ".." in template.split("/"):
            raise OutsideTheme(template, f"{template!r} is not a template of the theme: templates load only "
                                         "templates, by their path under theme/templates/")
        return super().get_source(environment, template)


class ThemeSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, deciding once per type and attribute name whether a template may read it.

    The sandbox's own decision depends on nothing else, and making it on every `{{ x.y }}` (isinstance
    against the abstract mutable collections) was half of what the sandbox cost.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.safe_attributes: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        safe = self.safe_attributes.get(key)
        if safe is None:
            safe = self.safe_attributes[key] = super().is_safe_attribute(obj, attr, value)
        return safe


def theme_environment(template_dirs: list[Path], translations: NullTranslations,
                      bytecode: jinja2.BytecodeCache | None) -> jinja2.Environment:
    env = ThemeSandbox(
        loader=ThemeLoader([str(folder) for folder in template_dirs]),
        autoescape=True, undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.i18n", CachedFragments],
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, bytecode_cache=bytecode,
        # A build makes its environments anew and its templates do not change while it runs: without this,
        # every page would look at the modification time of each template it uses.
        auto_reload=False,
    )
    # Jinja's own globals include classes; their unbound methods would work on any object a template is lent
    # (dict.clear(site.fields) passes the immutable sandbox), so templates get constructors, not classes.
    env.globals.update({name: _constructor(env.globals[name]) for name in ("dict", "cycler", "joiner", "namespace")})
    text = TextTranslations(translations)
    # A page asks for the same few dozen messages as every other page of its language: look each up once.
    env.install_gettext_callables(functools.cache(text.gettext), text.ngettext,  # type: ignore[attr-defined]
                                  newstyle=True, pgettext=functools.cache(text.pgettext), npgettext=text.npgettext)
    return env


def _constructor(cls: type) -> Callable[..., object]:
    def construct(*args: object, **kwargs: object) -> object:
        return cls(*args, **kwargs)
    return construct
