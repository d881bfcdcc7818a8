"""`build.py check`: broken Markdown links, translation coverage, stale translations and UI strings,
located in the editors' files and printed as text, JSON or GitHub workflow commands."""
from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from conftest import TODAY, build_site, run_cli
from sitegen.commands.check import check_site
from sitegen.commands.formats import as_github, escape_data, escape_property
from sitegen.foundation.problems import Position, Problem

TRILINGUAL = {
    "site.yaml": """
        title: {ru: Каталог, en: Catalog, zh: 目录}
        base_url: https://example.org/
        default_language: ru
        languages:
          - {code: ru, locale: ru_RU, hreflang: ru, name: Русский, fallback: [en]}
          - {code: en, locale: en_GB, hreflang: en, name: English, fallback: [ru]}
          - {code: zh, locale: zh_Hans_CN, hreflang: zh-Hans, name: 中文, fallback: [en, ru]}
        timezone: Europe/Moscow
        fields:
          engineering: {ru: Инженерия, en: Engineering, zh: 工程}
    """,
    "partners/acme.yaml": """
        name: {ru: Университет Акме, en: Acme University, zh: 阿克米大学}
        kind: university
        country: CN
    """,
    "programs/summer.yaml": """
        title: {ru: Летняя школа, en: Summer school, zh: 暑期学校}
        summary:
          ru: Две недели инженерии.
          en: Two weeks of engineering.
          zh: 两周工程课程。
        description:
          ru: |
            Школа проходит у [партнёра](/ru/partners/acme/).
          en: Held at [our partner](/en/partners/acme/).
          zh: 在[合作伙伴](/zh/partners/acme/)举办。
        type: summer-school
        audience: [students]
        field: engineering
        partners: [acme]
        mode: online
        languages: [en]
        updated: 2026-10-01
    """,
    "content/pages/about.ru.md": "---\ntitle: О нас\n---\nМы [летняя школа](/ru/programs/summer/).\n",
    "content/pages/about.en.md": "---\ntitle: About\n---\nWe run a [summer school](/en/programs/summer/).\n",
    "content/pages/about.zh.md": "---\ntitle: 关于我们\n---\n我们举办[暑期学校](/zh/programs/summer/)。\n",
}


@pytest.fixture
def trilingual(make_site):
    def make(files: dict[str, str | None] | None = None) -> Path:
        return make_site(files, base=TRILINGUAL)
    return make


def lines(root: Path, language: str | None = None) -> list[str]:
    return [problem.format() for problem in check_site(root, TODAY, language=language).problems]


def edit(root: Path, path: str, old: str, new: str) -> None:
    text = (root / path).read_text(encoding="utf-8")
    assert old in text, old
    (root / path).write_text(text.replace(old, new), encoding="utf-8")


def test_a_clean_trilingual_site_has_no_problems(trilingual):
    assert lines(trilingual()) == []


# Broken links in Markdown

LINKS_PAGE = """\
---
title: Links
---
Programs: [one](/en/programs/sumer/), [ok](/en/programs/summer/ "fine"), [partner](/en/partners/acne/).
News [old](/en/news/2026-03-01-opening/) and [list](/en/news/page/3/).
![Photo](/media/campus.jpeg) and [logo](/logos/acme.svg) [css](/static/css/nope.css)

[Page](/en/abuot/) [deep](/en/programs/summer/extra/) [lang](/fr/about/) [bare](/programs/summer/)
[relative](media/campus.jpg) [up](../programs/summer/) [site](https://example.org/en/abot/)

    [in code](/en/nowhere/)

[ref link][r] <a href="/en/programs/nope/">raw</a> [mail](mailto:a@b.c) [anchor](#top) [web](https://w3.org/x)

[r]: /ru/partners/nobody/
"""


def test_every_broken_internal_link_is_reported_at_its_line_and_column_with_a_hint(trilingual):
    root = trilingual({"content/pages/links.en.md": LINKS_PAGE, "content/media/campus.jpg": "x",
                       "content/news/2026-03-01-opening.ru.md": "---\ntitle: Открытие\ndate: 2026-03-01\n---\nТекст.\n",
                       "content/news/2026-03-01-opening.en.md": "---\ntitle: Opening\ndate: 2026-03-01\n---\nText.\n",
                       "content/news/2026-03-01-opening.zh.md": "---\ntitle: 开幕\ndate: 2026-03-01\n---\n文本。\n"})
    found = [line for line in lines(root) if "links.en.md" in line and "broken link" in line]
    page = "content/pages/links.en.md"
    assert found == [
        f"{page}:4:17: error: broken link '/en/programs/sumer/': no program 'sumer' (did you mean 'summer'?)\n"
        "    hint: programs are linked as /en/programs/SLUG/, SLUG being the name of a file in programs/ without .yaml",
        f"{page}:4:84: error: broken link '/en/partners/acne/': no partner 'acne' (did you mean 'acme'?)\n"
        "    hint: partners are linked as /en/partners/SLUG/, SLUG being the name of a file in partners/ without .yaml",
        f"{page}:5:12: error: broken link '/en/news/2026-03-01-opening/': no news article '2026-03-01-opening' "
        "(did you mean 'opening'?)\n"
        "    hint: news articles are linked as /en/news/SLUG/, without the date of the file name",
        f"{page}:5:53: error: broken link '/en/news/page/3/': no news list page 3\n"
        "    hint: the news list has 1 page(s)",
        f"{page}:6:10: error: broken link '/media/campus.jpeg': no file 'campus.jpeg' in content/media/ "
        "(did you mean 'campus.jpg'?)\n"
        "    hint: put the file in content/media/ and link it as /media/NAME",
        f"{page}:6:41: error: broken link '/logos/acme.svg': no file 'acme.svg' in partners/logos/\n"
        "    hint: put the file in partners/logos/ and link it as /logos/NAME",
        f"{page}:6:64: error: broken link '/static/css/nope.css': no file 'css/nope.css' in theme/static/ "
        "(did you mean 'css/site.css'?)\n"
        "    hint: put the file in theme/static/ and link it as /static/NAME",
        f"{page}:8:8: error: broken link '/en/abuot/': no page 'abuot' (did you mean 'about'?)\n"
        "    hint: pages are linked as /en/SLUG/, SLUG being the name of a file in content/pages/ without the language and .md",
        f"{page}:8:27: error: broken link '/en/programs/summer/extra/': the site has no page at this address\n"
        "    hint: write links from the site's root, e.g. /en/programs/SLUG/ or /media/FILE",
        f"{page}:8:62: error: broken link '/fr/about/': 'fr' is not a language of this site\n"
        "    hint: links to pages start with a language code: /ru/, /en/, /zh/",
        f"{page}:8:81: error: broken link '/programs/summer/': the address has no language\n"
        "    hint: start it with a language code, e.g. /ru/programs/summer/",
        f"{page}:9:12: error: broken link 'media/campus.jpg': the site has no page at this address "
        "(the relative link leads to /en/links/media/campus.jpg)\n"
        "    hint: write links from the site's root, e.g. /en/programs/SLUG/ or /media/FILE; links written from the "
        "site's root, starting with /, do not depend on the page",
        f"{page}:9:63: error: broken link 'https://example.org/en/abot/': no page 'abot' (did you mean 'about'?)\n"
        "    hint: pages are linked as /en/SLUG/, SLUG being the name of a file in content/pages/ without the language and .md",
        f"{page}:13:24: error: broken link '/en/programs/nope/': no program 'nope'\n"
        "    hint: programs are linked as /en/programs/SLUG/, SLUG being the name of a file in programs/ without .yaml",
        f"{page}:15:6: error: broken link '/ru/partners/nobody/': no partner 'nobody'\n"
        "    hint: partners are linked as /ru/partners/SLUG/, SLUG being the name of a file in partners/ without .yaml",
    ]


def test_broken_link_in_yaml_markdown_is_reported_at_its_line_in_the_yaml_file(trilingual):
    root = trilingual()
    edit(root, "programs/summer.yaml", "Школа проходит у [партнёра](/ru/partners/acme/).",
         "Школа проходит у [партнёра](/ru/partners/acme/).\n\n    Смотрите [осень](/ru/programs/autumn/).")
    edit(root, "programs/summer.yaml", "en: Held at [our partner](/en/partners/acme/).",
         "en: \"Held at [our partner](/en/partners/acme/) and [there](../../about/).\"")
    assert lines(root) == [
        "programs/summer.yaml:10:22: error: description.ru: broken link '/ru/programs/autumn/': no program 'autumn'\n"
        "    hint: programs are linked as /ru/programs/SLUG/, SLUG being the name of a file in programs/ without .yaml",
    ]


def test_every_built_in_page_and_file_is_a_valid_link_target(trilingual):
    links = ("[a](/en/) [b](/en/programs/) [c](/en/partners/) [d](/en/news/) [e](/en/compare/) [f](/en/search/) "
             "[g](/en/feed.xml) [h](/en/calendar.ics) [i](/en/404.html) [j](/) [k](/404.html) [l](/sitemap.xml) "
             "[m](/robots.txt) [n](/programs.json) [o](/static/css/site.css) [p](https://example.org/zh/compare/#x)")
    root = trilingual({"content/pages/links.en.md": f"---\ntitle: Links\n---\n{links}\n"})
    assert [line for line in lines(root) if ": error: " in line] == []


def test_a_page_address_without_its_trailing_slash_is_a_broken_link(trilingual):
    root = trilingual({"content/pages/links.en.md": "---\ntitle: Links\n---\n[a](/en/about) [b](/en/programs/summer)\n"})
    assert [line for line in lines(root) if ": error: " in line] == [
        "content/pages/links.en.md:4:5: error: broken link '/en/about': a page's address ends with /\n"
        "    hint: write /en/about/",
        "content/pages/links.en.md:4:20: error: broken link '/en/programs/summer': a page's address ends with /\n"
        "    hint: write /en/programs/summer/",
    ]


def test_a_program_calendar_is_a_link_target_only_when_the_program_has_sessions(trilingual):
    root = trilingual({"content/pages/links.en.md": "---\ntitle: Links\n---\n[ics](/en/programs/summer/calendar.ics)\n"})
    assert [line for line in lines(root) if ": error: " in line] == [
        "content/pages/links.en.md:4:7: error: broken link '/en/programs/summer/calendar.ics': "
        "program 'summer' has no calendar\n"
        "    hint: a program has a calendar once it has sessions and is not archived; link its page /en/programs/summer/",
    ]
    edit(root, "programs/summer.yaml", "updated: 2026-10-01", "updated: 2026-10-01\nsessions:\n  - {start: 2027-07-01, end: 2027-07-14}")
    assert [line for line in lines(root) if ": error: " in line] == []


RAW_HTML_PAGE = """\
---
title: Raw HTML
---
Photo <img src="/media/campus.jpeg" onerror="alert(1)" alt="Campus"> and
<a href="/en/programs/sumer/?a=1&amp;b=2">the school</a>.

<p><img src="/media/campus.jpg"> <img alt="" src="/media/campus.jpg"> <img src="/media/campus.jpg" alt=" "></p>

![](/media/campus.jpg) ![Campus](/media/campus.jpg) ![-](/media/campus.jpg) <img src="/media/campus.jpg" alt="-">
![](https://w3.org/logo.png)
"""


def test_links_and_images_of_raw_html_are_checked_like_markdown_and_every_image_needs_an_alt_text(trilingual):
    root = trilingual({"content/pages/raw.en.md": RAW_HTML_PAGE, "content/media/campus.jpg": "x"})
    page = "content/pages/raw.en.md"
    hint = ("    hint: describe what it shows for readers who cannot see it: ![what it shows]({url}), or "
            "alt=\"what it shows\" in HTML; mark an image that only decorates with the alt text -, e.g. ![-]({url})")
    no_alt = "error: image '{url}' has no alt text\n" + hint
    campus = "/media/campus.jpg"
    assert [line for line in lines(root) if ": error: " in line] == [
        f"{page}:4:17: error: broken link '/media/campus.jpeg': no file 'campus.jpeg' in content/media/ "
        "(did you mean 'campus.jpg'?)\n"
        "    hint: put the file in content/media/ and link it as /media/NAME",
        f"{page}:5:10: error: broken link '/en/programs/sumer/?a=1&b=2': no program 'sumer' (did you mean 'summer'?)\n"
        "    hint: programs are linked as /en/programs/SLUG/, SLUG being the name of a file in programs/ without .yaml",
        f"{page}:7:14: " + no_alt.format(url=campus),
        f"{page}:7:51: " + no_alt.format(url=campus),
        f"{page}:7:81: " + no_alt.format(url=campus),
        f"{page}:9:5: " + no_alt.format(url=campus),
        f"{page}:10:5: " + no_alt.format(url="https://w3.org/logo.png"),
    ]


def test_broken_links_and_images_in_yaml_raw_html_are_located_in_the_yaml_file(trilingual):
    root = trilingual()
    edit(root, "programs/summer.yaml", "en: Held at [our partner](/en/partners/acme/).",
         "en: 'Held at <a href=\"/en/partners/acne/\">our partner</a>. <img src=\"x\" onerror=\"alert(1)\">'")
    assert lines(root) == [
        "programs/summer.yaml:9:25: error: description.en: broken link '/en/partners/acne/': no partner 'acne' "
        "(did you mean 'acme'?)\n"
        "    hint: partners are linked as /en/partners/SLUG/, SLUG being the name of a file in partners/ without .yaml",
        "programs/summer.yaml:9:72: error: description.en: broken link 'x': the site has no page at this address "
        "(the relative link leads to /en/programs/summer/x)\n"
        "    hint: write links from the site's root, e.g. /en/programs/SLUG/ or /media/FILE; links written from the "
        "site's root, starting with /, do not depend on the page",
        "programs/summer.yaml:9:72: error: description.en: image 'x' has no alt text\n"
        "    hint: describe what it shows for readers who cannot see it: ![what it shows](x), or alt=\"what it shows\" "
        "in HTML; mark an image that only decorates with the alt text -, e.g. ![-](x)",
    ]

# Translation coverage

def test_missing_translation_of_a_field_names_the_language_and_the_text_shown(trilingual):
    root = trilingual()
    edit(root, "programs/summer.yaml", "  en: Two weeks of engineering.\n", "")
    edit(root, "partners/acme.yaml", ", zh: 阿克米大学", "")
    assert lines(root) == [
        "partners/acme.yaml:1:7: warning: name: has no zh translation; the zh page shows the en text\n"
        "    hint: add the zh text, e.g. 'zh: ...' in name",
        "programs/summer.yaml:3:3: warning: summary: has no en translation; the en page shows the ru text\n"
        "    hint: add the en text, e.g. 'en: ...' in summary",
    ]
    assert lines(root, language="zh") == lines(root)[:1]


def test_missing_page_translation_names_the_file_to_add(trilingual):
    root = trilingual({"content/pages/about.zh.md": None})
    assert lines(root) == ["content/pages/about.en.md: warning: has no zh translation; the zh page shows the en text\n"
                           "    hint: add content/pages/about.zh.md, a translation of this file"]


# Stale translations

def test_a_translation_becomes_stale_when_its_original_changes_and_current_when_it_is_updated(trilingual, tmp_path):
    root = trilingual()
    assert build_site(root, tmp_path / "out").written  # the build records what each translation agrees with
    assert (root / "translations/programs/summer.lock").is_file()
    edit(root, "programs/summer.yaml", "ru: Две недели инженерии.", "ru: Три недели инженерии.")
    edit(root, "programs/summer.yaml", "en: Two weeks of engineering.", "en: Three weeks of engineering.")
    stale = ("programs/summer.yaml:5:7: warning: summary: the zh translation may be out of date: the ru text changed "
             "after it was translated\n"
             "    hint: update the zh text from the ru one; if it still says the same, run "
             "'python build.py translations confirm programs/summer.yaml --lang zh'")
    assert lines(root) == [stale]
    assert build_site(root, tmp_path / "out").written
    assert lines(root) == [stale], "a build must not forget that a translation is stale"
    edit(root, "programs/summer.yaml", "zh: 两周工程课程。", "zh: 三周工程课程。")
    assert lines(root) == []


def test_a_stale_translation_that_still_holds_is_confirmed_with_a_command(trilingual, capsys):
    root = trilingual()
    assert run_cli("translations", "confirm", "--root", str(root)) == 0
    assert capsys.readouterr().out == "0 stale translations confirmed; the lock files in translations/ are up to date\n"
    edit(root, "content/pages/about.ru.md", "Мы [летняя", "Мы — [летняя")
    assert [line.splitlines()[0] for line in lines(root)] == [
        "content/pages/about.en.md:4:1: warning: body: the en translation may be out of date: the ru text changed after it was translated",
        "content/pages/about.zh.md:4:1: warning: body: the zh translation may be out of date: the ru text changed after it was translated",
    ]
    assert run_cli("translations", "confirm", "content/pages/about.zh.md", "--lang", "zh", "--root", str(root)) == 0
    assert capsys.readouterr().out == ("confirmed: content/pages/about: body (zh)\n"
                                       "1 stale translation confirmed; the lock files in translations/ are up to date\n")
    assert [line.splitlines()[0] for line in lines(root)] == [
        "content/pages/about.en.md:4:1: warning: body: the en translation may be out of date: the ru text changed after it was translated"]


def test_confirm_refuses_files_and_languages_the_site_does_not_have(trilingual, capsys):
    root = trilingual()
    assert run_cli("translations", "confirm", "programs/sumer.yaml", "--root", str(root)) == 2
    assert capsys.readouterr().err == ("build.py: error: 'programs/sumer.yaml' is not a program, partner, news or "
                                       "page file of this site (did you mean 'programs/summer.yaml'?)\n")
    assert run_cli("translations", "confirm", "--lang", "de", "--root", str(root)) == 2
    assert capsys.readouterr().err == "build.py: error: --lang: 'de' is not a language of this site; its languages are ru, en, zh\n"


# UI strings

PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n"Language: {code}\\n"\n'


def ui_site(trilingual, zh_entries: str) -> Path:
    return trilingual({
        "theme/templates/extra.html": '<p>{{ _("Lost here") }}</p>\n<p>{{ _("Found here") }}</p>\n',
        "locales/zh/LC_MESSAGES/messages.po": PO_HEADER.format(code="zh") + zh_entries,
    })


def test_untranslated_fuzzy_and_uncatalogued_ui_strings_are_reported_per_language(trilingual):
    root = ui_site(trilingual, '\nmsgid "Lost here"\nmsgstr ""\n\n#, fuzzy\nmsgid "Found here"\nmsgstr "找到了"\n')
    po = "locales/zh/LC_MESSAGES/messages.po"
    hint = ("run 'python build.py i18n extract' and 'python build.py i18n update', then translate it in "
            f"{Path(__file__).resolve().parent.parent / 'locales/{code}/LC_MESSAGES/messages.po'}")
    assert lines(root) == [
        f"{po}:6:1: warning: UI string 'Lost here' has no zh translation; pages show it in English\n"
        "    hint: write the translation in msgstr",
        f"{po}:10:1: warning: UI string 'Found here' is marked fuzzy in the zh catalog, so pages show it in English\n"
        "    hint: check the translation, then delete the '#, fuzzy' line above it",
        *(f"theme/templates/extra.html:{line}:1: warning: UI string '{text}' is in no {code} catalog; pages show it "
          f"in English\n    hint: {hint.format(code=code)}"
          for line, text in ((1, "Lost here"), (2, "Found here")) for code in ("en", "ru")),
    ]
    assert len(lines(root, language="zh")) == 2


def test_a_language_without_any_ui_catalog_is_one_warning(trilingual):
    root = trilingual({"site.yaml": textwrap.dedent(TRILINGUAL["site.yaml"]).replace(
        "  - {code: zh,", "  - {code: uk, locale: uk_UA, name: Українська}\n  - {code: zh,")})
    assert [line for line in lines(root) if "UI" in line or "catalog" in line] == [
        "locales/uk/LC_MESSAGES/messages.po: warning: there is no uk catalog of UI strings; pages show them in English\n"
        "    hint: run 'python build.py i18n extract' and 'python build.py i18n update' to create it, then translate it"]


# The whole check, in every format

def broken_site(trilingual, tmp_path: Path) -> Path:
    """A stale zh translation, a missing en summary, a broken link and an untranslated UI string."""
    root = ui_site(trilingual, '\nmsgid "Lost here"\nmsgstr ""\n\nmsgid "Found here"\nmsgstr "找到了"\n')
    for code in ("ru", "en"):
        (root / f"locales/{code}/LC_MESSAGES").mkdir(parents=True)
        (root / f"locales/{code}/LC_MESSAGES/messages.po").write_text(
            PO_HEADER.format(code=code) + '\nmsgid "Lost here"\nmsgstr "x"\n\nmsgid "Found here"\nmsgstr "y"\n',
            encoding="utf-8")
    assert build_site(root, tmp_path / "out").written
    edit(root, "programs/summer.yaml", "ru: Две недели инженерии.", "ru: Три недели инженерии.")
    edit(root, "programs/summer.yaml", "  en: Two weeks of engineering.\n", "")
    edit(root, "content/pages/about.en.md", "/en/programs/summer/", "/en/programs/sumer/")
    return root


EXPECTED = [
    ("content/pages/about.en.md", 4, 26, "error", "", "broken link '/en/programs/sumer/': no program 'sumer' (did you mean 'summer'?)", None),
    ("locales/zh/LC_MESSAGES/messages.po", 6, 1, "warning", "", "UI string 'Lost here' has no zh translation; pages show it in English", "zh"),
    ("programs/summer.yaml", 3, 3, "warning", "summary", "has no en translation; the en page shows the ru text", "en"),
    ("programs/summer.yaml", 4, 7, "warning", "summary", "the zh translation may be out of date: the ru text changed after it was translated", "zh"),
]


def test_check_prints_every_problem_with_its_location_as_text(trilingual, tmp_path, capsys):
    root = broken_site(trilingual, tmp_path)
    assert run_cli("check", "--root", str(root), "--today", TODAY.isoformat()) == 1
    err = capsys.readouterr().err
    for path, line, column, severity, field, message, _ in EXPECTED:
        assert f"{path}:{line}:{column}: {severity}: {field + ': ' if field else ''}{message}\n" in err
    assert err.endswith("1 error, 3 warnings\n")
    files = [line.split(":")[0] for line in err.splitlines()[:-1] if not line.startswith(" ")]
    assert files == sorted(files), "each file's problems stand together"


def test_check_prints_a_json_list(trilingual, tmp_path, capsys):
    root = broken_site(trilingual, tmp_path)
    assert run_cli("check", "--root", str(root), "--today", TODAY.isoformat(), "--format", "json") == 1
    records = json.loads(capsys.readouterr().out)
    assert [(r["file"], r["line"], r["column"], r["severity"], r["field"], r["message"], r["language"])
            for r in records] == EXPECTED
    assert records[1]["hint"] == "write the translation in msgstr"


def test_check_prints_github_workflow_commands(trilingual, tmp_path, capsys):
    root = broken_site(trilingual, tmp_path)
    assert run_cli("check", "--root", str(root), "--today", TODAY.isoformat(), "--format", "github", "--strict") == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("::error file=content/pages/about.en.md,line=4,col=26,title=error::broken link "
                      "'/en/programs/sumer/'%3A no program 'sumer' (did you mean 'summer'?)%0Ahint: programs are "
                      "linked as /en/programs/SLUG/, SLUG being the name of a file in programs/ without .yaml"
                      .replace("'%3A", "':"))
    assert [re.match(r"::(\w+) file=([^,]+),line=(\d+),col=(\d+),title=([^:]+)::", line).groups() for line in out] == [
        (severity, path, str(line), str(column), field or severity) for path, line, column, severity, field, *_ in EXPECTED]


def test_lang_limits_the_translation_report_and_strict_fails_on_its_warnings(trilingual, tmp_path, capsys):
    root = broken_site(trilingual, tmp_path)
    edit(root, "content/pages/about.en.md", "/en/programs/sumer/", "/en/programs/summer/")
    assert run_cli("check", "--root", str(root), "--today", TODAY.isoformat(), "--lang", "en") == 0
    assert capsys.readouterr().err == (
        "programs/summer.yaml:3:3: warning: summary: has no en translation; the en page shows the ru text\n"
        "    hint: add the en text, e.g. 'en: ...' in summary\n"
        "0 errors, 1 warning\nNo errors.\n")
    assert run_cli("check", "--root", str(root), "--today", TODAY.isoformat(), "--lang", "en", "--strict") == 1
    assert capsys.readouterr().err.endswith("0 errors, 1 warning (warnings count as errors with --strict)\n")
    assert run_cli("check", "--root", str(root), "--lang", "ZH") == 2
    assert capsys.readouterr().err == ("build.py: error: --lang: 'ZH' is not a language of this site (did you mean "
                                       "'zh'?); its languages are ru, en, zh\n")


def test_github_escaping_follows_the_workflow_command_rules():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    problem = Problem(Position("programs/a,b.yaml", 2, 3), "warning", "title:x", "100%\nsure", "")
    assert as_github([problem], False) == "::warning file=programs/a%2Cb.yaml,line=2,col=3,title=title%3Ax::100%25%0Asure\n"
    whole_file = Problem(Position("site.yaml"), "error", "", "broken", "fix it")
    assert as_github([whole_file], False) == "::error file=site.yaml,title=error::broken%0Ahint: fix it\n"


def test_untranslated_plural_ui_string_asks_for_every_form(trilingual):
    root = trilingual({
        "theme/templates/extra.html": '{{ ngettext("%(num)s day", "%(num)s days", 2) }}\n',
        "locales/zh/LC_MESSAGES/messages.po": PO_HEADER.format(code="zh") + '"Plural-Forms: nplurals=1; plural=0;\\n"\n'
        '\nmsgid "%(num)s day"\nmsgid_plural "%(num)s days"\nmsgstr[0] ""\n',
    })
    assert [line for line in lines(root, language="zh")] == [
        "locales/zh/LC_MESSAGES/messages.po:7:1: warning: UI string '%(num)s day' has no zh translation; pages show "
        "it in English\n    hint: write the translation in msgstr (every msgstr[N] form)"]


# The translation status page

def test_status_page_lists_what_each_language_lacks_and_links_to_the_items(trilingual, tmp_path):
    # Its HTML is validated with every other page in test_html_validator (the synthetic catalog has fallbacks).
    root = trilingual({"content/pages/about.zh.md": None})
    assert build_site(root, tmp_path / "out").written
    edit(root, "programs/summer.yaml", "ru: Две недели инженерии.", "ru: Три недели инженерии.")
    edit(root, "programs/summer.yaml", "  en: Two weeks of engineering.\n", "")
    edit(root, "partners/acme.yaml", ", en: Acme University", "")
    out = tmp_path / "out"
    assert build_site(root, out).written
    page = out / "translation-status" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in html
    sections = dict(re.findall(r'<section aria-labelledby="status-(\w+)">(.*?)</section>', html, re.S))
    squeeze = lambda text: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip()  # noqa: E731
    assert squeeze(sections["ru"]) == "Русский Полностью переведено материалов: 4 из 4; текстов: 8 из 8. " \
                                      "Всё переведено, переводы актуальны."
    assert squeeze(sections["en"]) == ("English Полностью переведено материалов: 2 из 4; текстов: 6 из 8. "
                                       "Не переведено Университет Акме (partners/acme.yaml) "
                                       "Переведено частично: эти тексты показываются на другом языке "
                                       "Summer school (programs/summer.yaml): summary")
    assert squeeze(sections["zh"]) == ("中文 Полностью переведено материалов: 2 из 4; текстов: 6 из 8. "
                                       "Не переведено About (content/pages/about.en.md) "
                                       "Устарело: оригинал изменился после перевода этих текстов "
                                       "暑期学校 (programs/summer.yaml): summary")
    assert '<a href="/en/partners/acme/" lang="ru">Университет Акме</a>' in html
    assert '<a href="/zh/about/" lang="en">About</a>' in html
    assert '<a href="/zh/programs/summer/" lang="zh-Hans">暑期学校</a>' in html
    assert "translation-status" not in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert not [p for p in out.rglob("*.html") if p != page and "translation-status" in p.read_text(encoding="utf-8")]
