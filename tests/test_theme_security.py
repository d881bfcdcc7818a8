"""A site's templates and UI translations are not a way in: templates run in Jinja's immutable sandbox and load
only theme templates; a msgstr is text, with only its msgid's markup live, and other markup is a located error."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import Translations

from conftest import TODAY, build_site
from sitegen.commands.check import check_site
from sitegen.render.theme import theme_environment
from sitegen.source.uitext import as_html


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
    assert re.match(r"theme/templates/404\.html:3:1: error: template error: access to attribute '\w+' of '\w+' "
                    r"object is unsafe: a theme's templates run in a sandbox \(docs/theme\.md\) "
                    r"\(while rendering en/404\.html in 'en'\)\n    hint: fix the template at this line$", problem)
    assert not marker.exists()


def test_dict_is_a_constructor_so_its_methods_cannot_change_a_view(make_site, tmp_path):
    root = make_site(page_404("{{ dict.clear(site.fields) }}{{ dict(a=1)|length }}"))
    assert re.match(r"theme/templates/404\.html:3:1: error: template error: 'function object' has no attribute 'clear'",
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
    assert re.match(r"theme/templates/404\.html:3:1: error: template error: Range too big\. The sandbox blocks ranges",
                    the_problem(build_site(root, tmp_path / "public")))


@pytest.mark.parametrize("name, output", [("chooser.html", "index.html"),
                                          ("translation-status.html", "translation-status/index.html")])
def test_a_refusal_in_the_root_or_status_page_template_is_located_too(make_site, tmp_path, name, output):
    root = make_site({f"theme/templates/{name}": "<p>\n{{ ().__class__ }}</p>\n"})
    assert the_problem(build_site(root, tmp_path / "public")) == (
        f"theme/templates/{name}:2:1: error: template error: access to attribute '__class__' of 'tuple' object is "
        f"unsafe: a theme's templates run in a sandbox (docs/theme.md) (while rendering {output} in 'en')\n"
        "    hint: fix the template at this line")


@pytest.mark.parametrize("name", ["../../../etc/passwd", "/etc/passwd", "../site.yaml"])
def test_templates_include_only_templates_of_the_theme(make_site, tmp_path, name):
    root = make_site(page_404(f"{{% include '{name}' %}}"))
    assert re.match(rf".*theme/templates/404\.html:3:1: error: template error: '{re.escape(name)}' is not a template "
                    r"of the theme: templates load only templates, by their path under theme/templates/",
                    the_problem(build_site(root, tmp_path / "public")))


def test_imports_from_outside_the_theme_are_refused_too(make_site, tmp_path):
    root = make_site(page_404("{% import '../../site.yaml' as secrets %}"))
    assert "'../../site.yaml' is not a template of the theme" in the_problem(build_site(root, tmp_path / "public"))


# UI translations are text

PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n"Language: ru\\n"\n'
PO = "locales/ru/LC_MESSAGES/messages.po"


def po_site(make_site, entries: str, templates: dict[str, str] | None = None) -> Path:
    return make_site({PO: PO_HEADER + entries, **(templates or {})})


def test_markup_in_a_translation_is_an_error_at_its_po_line_in_check_and_build(make_site, tmp_path):
    root = po_site(make_site, '\nmsgid "Page not found"\nmsgstr "Не найдено<img src=x onerror=alert(1)>"\n')
    expected = (f"{PO}:7:19: error: msgstr: markup '<img src=x onerror=alert(1)>' is not in the msgid 'Page not found', "
                "so pages show it as text\n"
                "    hint: a UI translation is text: delete the markup (write &lt; for a '<' that is not a tag)")
    assert [p.format() for p in check_site(root, TODAY).problems if p.severity == "error"] == [expected]
    result = build_site(root, tmp_path / "public")
    assert [p.format() for p in result.problems.sorted()] == [expected]
    assert not result.written


def test_a_check_for_one_language_leaves_out_the_markup_of_another(make_site):
    root = po_site(make_site, '\nmsgid "Page not found"\nmsgstr "<b>Не найдено</b>"\n')
    assert not [p for p in check_site(root, TODAY, language="en").problems if p.severity == "error"]
    assert len([p for p in check_site(root, TODAY, language="ru").problems if p.severity == "error"]) == 2


def test_markup_in_a_wrapped_or_plural_msgstr_is_located_on_its_own_line(make_site):
    root = po_site(make_site, '\nmsgid "%(num)s day"\nmsgid_plural "%(num)s days"\nmsgstr[0] "%(num)s день"\n'
                              'msgstr[1] ""\n"%(num)s дня "\n"<script>x</script>"\nmsgstr[2] "%(num)s дней"\n')
    assert [(str(p.position), p.field, p.message.split(" is ")[0]) for p in check_site(root, TODAY).problems
            if p.severity == "error"] == [(f"{PO}:11:2", "msgstr[1]", "markup '<script>'"),
                                          (f"{PO}:11:11", "msgstr[1]", "markup '</script>'")]


def test_the_msgids_own_markup_is_live_in_its_translation(make_site, tmp_path):
    template = {"theme/templates/404.html": '{% extends "base.html" %}{% block content %}\n'
                '<p>{% trans url=link("programs") %}See <a href="{{ url }}">all programs</a>{% endtrans %}</p>\n'
                '{% endblock %}\n'}
    root = po_site(make_site, '\nmsgid "See <a href=\\"%(url)s\\">all programs</a>"\n'
                              'msgstr "Смотрите <a href=\\"%(url)s\\">все программы</a>"\n', template)
    assert not [p for p in check_site(root, TODAY).problems if p.severity == "error"]
    out = tmp_path / "public"
    assert build_site(root, out).written
    assert '<p>Смотрите <a href="/ru/programs/">все программы</a></p>' in (out / "ru/404.html").read_text(encoding="utf-8")


def test_a_changed_tag_is_reported_with_the_tags_the_msgid_allows(make_site):
    root = po_site(make_site, '\nmsgid "See <a href=\\"%(url)s\\">all programs</a>"\n'
                              'msgstr "Смотрите <a href=\\"%(url)s\\" onclick=\\"steal()\\">все программы</a>"\n')
    [problem] = [p for p in check_site(root, TODAY).problems if p.severity == "error"]
    assert problem.format() == (
        f"{PO}:7:18: error: msgstr: markup '<a href=\"%(url)s\" onclick=\"steal()\">' is not in the msgid "
        "'See <a href=\"%(url)s\">all programs</a>', so pages show it as text\n"
        "    hint: use only the msgid's own tags, written as there: </a>, <a href=\"%(url)s\">")


def render_with(msgid: str, msgstr: str, source: str) -> str:
    catalog = Catalog(locale="ru")
    catalog.add(msgid, msgstr)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    env = theme_environment([], Translations(buffer), None)
    return env.from_string(source).render()


def test_markup_a_translation_should_not_have_never_reaches_a_page_raw():
    assert render_with("Skip", "Skip<img src=x onerror=alert(1)>", "<p>{{ _('Skip') }}</p>") == (
        "<p>Skip&lt;img src=x onerror=alert(1)&gt;</p>")


def test_quotes_in_a_translation_cannot_end_an_attribute():
    assert render_with("Close", 'x" onmouseover="alert(1)', "<button title=\"{{ _('Close') }}\">") == (
        '<button title="x&#34; onmouseover=&#34;alert(1)">')


def test_a_translation_is_html_text_with_only_the_msgids_tags():
    msgid = 'Read <a href="%(url)s">the guide</a> & apply'
    assert as_html((msgid,), msgid) == msgid  # untranslated: the template's own text
    assert as_html((msgid,), 'Lisez <a href="%(url)s">le guide</a> & l\'appel') == (
        'Lisez <a href="%(url)s">le guide</a> & l&#39;appel')
    assert as_html((msgid,), "a < b <!-- x --> &nbsp;<b>") == "a &lt; b &lt;!-- x --&gt; &nbsp;&lt;b&gt;"
    assert as_html((msgid,), "<img src=x onerror=alert(1)") == "&lt;img src=x onerror=alert(1)"


def test_compiled_templates_planted_in_the_site_cache_never_run(make_site, tmp_path):
    """Jinja's file cache unmarshals code objects: the build keeps compiled templates in memory only."""
    import marshal
    import pickle

    from jinja2.bccache import BytecodeCache, bc_magic
    from sitegen.foundation.builtin import DEFAULT_THEME

    root, ran = make_site(), tmp_path / "ran"
    cache = root / ".cache/sitegen"
    payload = marshal.dumps(compile(f"open({str(ran)!r}, 'w').write('ran')", "<planted>", "exec"))
    keys = BytecodeCache()
    for template in (DEFAULT_THEME / "templates").rglob("*.html"):
        name, source = template.relative_to(DEFAULT_THEME / "templates").as_posix(), template.read_text(encoding="utf-8")
        key = keys.get_cache_key(name, str(template))
        planted = cache / "templates" / f"__jinja2_{key}.cache"
        planted.parent.mkdir(parents=True, exist_ok=True)
        planted.write_bytes(bc_magic + pickle.dumps(keys.get_source_checksum(source), 2) + payload)
    try:
        results = [build_site(root, tmp_path / "public", cache_dir=cache) for _ in range(2)]
    finally:
        assert not ran.exists(), "a compiled template planted in the cache ran"
    assert all(result.written for result in results)


@pytest.mark.parametrize("msgstr, message", [
    ("Не найдено на 100%", "a '%' that starts no placeholder: pages cannot be filled in with this translation"),
    ("Не найдено: %(page)s", "the placeholder %(page) is not in the msgid, so pages cannot fill it in"),
])
def test_a_translation_pages_could_not_fill_in_is_an_error_at_its_po_line_in_check_and_build(make_site, tmp_path,
                                                                                                msgstr, message):
    root = po_site(make_site, f'\nmsgid "Page not found"\nmsgstr "{msgstr}"\n')
    expected = (f"{PO}:7:9: error: msgstr: {message}\n"
                "    hint: keep the msgid's placeholders as written there, and write a percent sign as %%")
    assert [p.format() for p in check_site(root, TODAY).problems if p.severity == "error"] == [expected]
    assert [p.format() for p in build_site(root, tmp_path / "public").problems.sorted()] == [expected]


def test_a_percent_sign_written_as_two_and_the_msgids_placeholders_fill_in(make_site, tmp_path):
    root = po_site(make_site, '\nmsgid "Page not found"\nmsgstr "Не найдено на 100%%"\n')
    assert not [p for p in check_site(root, TODAY).problems if p.severity == "error"]
    out = tmp_path / "public"
    assert build_site(root, out).written
    assert "Не найдено на 100%<" in (out / "ru/404.html").read_text(encoding="utf-8")
