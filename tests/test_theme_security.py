"""A site's templates are not a way in: they run in Jinja's immutable sandbox and load only theme templates."""
from __future__ import annotations

import re

import pytest

from conftest import build_site


def page_404(body: str) -> dict[str, str]:
    """A site 404 template whose third line is `body`."""
    return {"theme/templates/404.html": '{% extends "base.html" %}\n{% block content %}\n' + body + "\n{% endblock %}\n"}


def the_problem(result) -> str:
    assert not result.written
    [problem] = result.problems.sorted()
    return problem.format()


# Templates in the sandbox

ESCAPES = {
    "function globals": "{{ lipsum.__globals__['os'].popen('touch MARKER').read() }}",
    "a class's subclasses": "{{ ().__class__.__mro__[1].__subclasses__() }}",
    "a template's own globals": "{{ self.__init__.__globals__['__builtins__']['__import__']('os').system('touch MARKER') }}",
    "a Jinja class's module": "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "the renderer behind a global": "{{ link.__self__.catalog }}",
    "a private attribute": "{{ urls.assets._published }}",
    "a format string": "{{ '{0.__class__.__init__.__globals__}'.format(site) }}",
    "changing a view": "{{ site.fields.clear() }}",
}


@pytest.mark.parametrize("payload", ESCAPES.values(), ids=ESCAPES.keys())
def test_a_template_cannot_leave_the_sandbox_and_the_refusal_is_located(make_site, tmp_path, payload):
    marker = tmp_path / "ran"
    root = make_site(page_404(payload.replace("MARKER", str(marker))))
    problem = the_problem(build_site(root, tmp_path / "public"))
    assert re.match(r".*theme/templates/404\.html:3:1: error: template error: access to attribute '\w+' of '\w+' "
                    r"object is unsafe: a theme's templates run in a sandbox \(docs/theme\.md\) "
                    r"\(while rendering en/404\.html in 'en'\)\n    hint: fix the template at this line$", problem)
    assert not marker.exists()


def test_dict_is_a_constructor_so_its_methods_cannot_change_a_view(make_site, tmp_path):
    root = make_site(page_404("{{ dict.clear(site.fields) }}{{ dict(a=1)|length }}"))
    assert re.match(r".*theme/templates/404\.html:3:1: error: template error: 'function object' has no attribute 'clear'",
                    the_problem(build_site(root, tmp_path / "public")))


def test_jinja_helpers_still_work_in_the_sandbox(make_site, tmp_path):
    helpers = ("{% set ns = namespace(n=0) %}{% for i in range(3) %}{% set ns.n = ns.n + i %}{% endfor %}"
               "{% set comma = joiner(', ') %}{% set row = cycler('odd', 'even') %}"
               "<p>{{ ns.n }} {{ dict(a=1)|length }} {% for x in 'ab' %}{{ comma() }}{{ x }}-{{ row.next() }}{% endfor %}</p>")
    out = tmp_path / "public"
    assert build_site(make_site(page_404(helpers)), out).written
    assert "<p>3 1 a-odd, b-even</p>" in (out / "en/404.html").read_text(encoding="utf-8")


def test_a_huge_range_is_a_located_problem(make_site, tmp_path):
    root = make_site(page_404("{% for i in range(10 ** 9) %}{% endfor %}"))
    assert re.match(r".*theme/templates/404\.html:3:1: error: template error: Range too big\. The sandbox blocks ranges",
                    the_problem(build_site(root, tmp_path / "public")))


@pytest.mark.parametrize("name", ["../../../etc/passwd", "/etc/passwd", "../site.yaml"])
def test_templates_include_only_templates_of_the_theme(make_site, tmp_path, name):
    root = make_site(page_404(f"{{% include '{name}' %}}"))
    assert re.match(rf".*theme/templates/404\.html:3:1: error: template error: '{re.escape(name)}' is not a template "
                    r"of the theme: templates load only templates, by their path under theme/templates/",
                    the_problem(build_site(root, tmp_path / "public")))


def test_imports_from_outside_the_theme_are_refused_too(make_site, tmp_path):
    root = make_site(page_404("{% import '../../site.yaml' as secrets %}"))
    assert "'../../site.yaml' is not a template of the theme" in the_problem(build_site(root, tmp_path / "public"))
