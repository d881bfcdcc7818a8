"""Building sites end to end: which files appear, what they say, and what happens when content is bad."""
from __future__ import annotations

import hashlib
import re
import textwrap
from pathlib import Path

from conftest import MINIMAL_SITE, build_site, run_cli


def read(out: Path, relative: str) -> str:
    return (out / relative).read_text(encoding="utf-8")


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_url_of_the_content_model_is_published_in_every_language(make_site, tmp_path):
    root = make_site({
        "content/news/2026-03-01-opening.en.md": "---\ntitle: Opening\ndate: 2026-03-01\n---\nWe open.\n",
        "content/news/2026-03-01-opening.ru.md": "---\ntitle: Открытие\ndate: 2026-03-01\n---\nМы открываемся.\n",
        "content/pages/about.en.md": "---\ntitle: About\n---\nAbout us.\n",
        "content/pages/about.ru.md": "---\ntitle: О нас\n---\nО нас.\n",
    })
    out = tmp_path / "public"
    assert build_site(root, out).written
    for lang in ("en", "ru"):
        for path in ("index.html", "programs/index.html", "programs/summer/index.html", "partners/index.html",
                     "partners/acme/index.html", "news/index.html", "news/opening/index.html",
                     "about/index.html", "404.html", "feed.xml", "calendar.ics"):
            assert (out / lang / path).is_file(), f"{lang}/{path}"
    for path in ("index.html", "404.html", "sitemap.xml", "robots.txt", "static/css/site.css"):
        assert (out / path).is_file(), path


def test_pages_declare_their_language_canonical_and_alternates(make_site, tmp_path):
    out = tmp_path / "public"
    build_site(make_site(), out)
    html = read(out, "ru/programs/summer/index.html")
    assert '<html lang="ru"' in html
    assert '<link rel="canonical" href="https://example.org/ru/programs/summer/">' in html
    assert '<link rel="alternate" hreflang="en" href="https://example.org/en/programs/summer/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="https://example.org/">' in html


def test_language_switcher_links_to_the_same_page_in_each_language_with_native_names(make_site, tmp_path):
    out = tmp_path / "public"
    build_site(make_site(), out)
    html = read(out, "en/partners/acme/index.html")
    assert '<a href="/ru/partners/acme/" lang="ru" hreflang="ru">Русский</a>' in html
    assert 'aria-current="true">English</a>' in html


def test_missing_translation_falls_back_with_lang_attribute_and_notice(make_site, tmp_path):
    root = make_site({"programs/summer.yaml": MINIMAL_SITE["programs/summer.yaml"].replace(
        "title: {en: Summer school, ru: Летняя школа}", "title: {en: Summer school}")})
    out = tmp_path / "public"
    assert build_site(root, out).written
    html = read(out, "ru/programs/summer/index.html")
    assert '<h1><span lang="en">Summer school</span> <small class="untranslated">' in html
    # The Russian page shows English text, so it is not a translation: canonical points to English.
    assert '<link rel="canonical" href="https://example.org/en/programs/summer/">' in html
    assert 'hreflang="ru"' not in html.split("</head>")[0]


def test_status_comes_from_sessions_and_the_build_date(make_site, tmp_path):
    program = MINIMAL_SITE["programs/summer.yaml"] + """
        sessions:
          - {start: 2027-07-01, end: 2027-07-14, application_opens: 2026-11-01, application_deadline: 2027-03-01}
    """
    root = make_site({"programs/summer.yaml": program})
    out = tmp_path / "open"
    build_site(root, out, today=__import__("datetime").date(2026, 12, 1))
    assert "status-open" in read(out, "en/programs/summer/index.html")
    out = tmp_path / "upcoming"
    build_site(root, out, today=__import__("datetime").date(2026, 10, 1))
    assert "status-upcoming" in read(out, "en/programs/summer/index.html")
    out = tmp_path / "closed"
    build_site(root, out, today=__import__("datetime").date(2027, 3, 2))
    assert "status-closed" in read(out, "en/programs/summer/index.html")


def test_dates_fees_and_durations_are_formatted_by_locale(make_site, tmp_path):
    program = MINIMAL_SITE["programs/summer.yaml"] + """
        duration: {weeks: 2}
        fee: {amount: 1500, currency: EUR}
        sessions:
          - {start: 2027-07-01, end: 2027-07-14, application_deadline: 2027-03-01, seats: 1200}
    """
    out = tmp_path / "public"
    build_site(make_site({"programs/summer.yaml": program}), out)
    english, russian = read(out, "en/programs/summer/index.html"), read(out, "ru/programs/summer/index.html")
    assert "1\u2009–\u200914 Jul 2027" in english and "€1,500" in english and "2 weeks" in english
    assert "1 March 2027, 23:59 (Moscow Standard Time)" in english
    assert "1—14 июл. 2027\u202fг." in russian and "1\xa0500\xa0€" in russian and "2 недели" in russian
    assert "1\xa0200" in russian  # seats, with the Russian thousands separator


def test_editor_markdown_is_sanitised(make_site, tmp_path):
    program = MINIMAL_SITE["programs/summer.yaml"] + """
        description:
          en: |
            Hello <script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror="alert(3)">
          ru: Привет
    """
    out = tmp_path / "public"
    build_site(make_site({"programs/summer.yaml": program}), out)
    html = read(out, "en/programs/summer/index.html")
    assert "<script>alert" not in html and "javascript:" not in html and "onerror" not in html


def test_values_are_escaped_in_templates(make_site, tmp_path):
    root = make_site({"partners/acme.yaml": MINIMAL_SITE["partners/acme.yaml"].replace(
        "Acme University", '"Acme <b>University</b>"')})
    out = tmp_path / "public"
    build_site(root, out)
    assert "Acme &lt;b&gt;University&lt;/b&gt;" in read(out, "en/partners/acme/index.html")


def test_sub_folder_base_url_prefixes_every_link(make_site, tmp_path):
    out = tmp_path / "public"
    build_site(make_site(), out, base_url="https://example.org/catalog/")
    html = read(out, "en/programs/index.html")
    assert re.search(r'href="/catalog/static/css/site\.[0-9a-f]{10}\.css"', html)
    assert 'href="/catalog/en/programs/summer/"' in html
    hrefs = re.findall(r'(?:href|src)="(/[^"]*)"', html)
    assert hrefs and all(h.startswith("/catalog/") for h in hrefs)



def test_editors_raw_html_under_a_sub_folder_base_url_links_into_it_and_every_image_has_an_alt(make_site, tmp_path):
    program = MINIMAL_SITE["programs/summer.yaml"] + """
        description:
          en: |
            <img src="/media/x.png" onerror="alert(1)"> <a href="/en/partners/acme/">Acme</a> ![-](/media/x.png)
          ru: <img src="/media/x.png" alt="Кампус">
    """
    out = tmp_path / "public"
    build_site(make_site({"programs/summer.yaml": program, "content/media/x.png": "png"}), out,
               base_url="https://example.org/catalog/")
    english, russian = read(out, "en/programs/summer/index.html"), read(out, "ru/programs/summer/index.html")
    assert '<img alt="" src="/catalog/media/x.png"> <a href="/catalog/en/partners/acme/">Acme</a> ' \
           '<img alt="" src="/catalog/media/x.png">' in english
    assert '<img src="/catalog/media/x.png" alt="Кампус">' in russian

def test_drafts_are_left_out_unless_asked_for(make_site, tmp_path):
    root = make_site({"programs/summer.yaml": MINIMAL_SITE["programs/summer.yaml"] + "\n        draft: true\n"})
    assert not (build_site(root, tmp_path / "a").written and (tmp_path / "a/en/programs/summer").exists())
    assert (build_site(root, tmp_path / "b", drafts=True).written and (tmp_path / "b/en/programs/summer").exists())


def test_a_failed_build_leaves_the_previous_output_untouched(make_site, tmp_path):
    root = make_site()
    out = tmp_path / "public"
    assert build_site(root, out).written
    before = tree_digest(out)
    (root / "programs/summer.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    result = build_site(root, out)
    assert not result.written and result.problems.has_errors()
    assert tree_digest(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["site", "public"] or sorted(p.name for p in tmp_path.iterdir()) == ["public", "site"]


def test_same_input_and_date_give_byte_identical_output(make_site, tmp_path):
    root = make_site()
    build_site(root, tmp_path / "one")
    build_site(root, tmp_path / "two", processes=2)
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")


def test_parallel_build_of_many_pages_matches_the_serial_one(make_site, tmp_path):
    programs = {f"programs/p{i}.yaml": MINIMAL_SITE["programs/summer.yaml"] for i in range(150)}
    root = make_site(programs)
    serial, parallel = build_site(root, tmp_path / "serial"), build_site(root, tmp_path / "parallel", processes=2)
    assert serial.pages == parallel.pages and sum(parallel.pages.values()) > 300
    assert tree_digest(tmp_path / "serial") == tree_digest(tmp_path / "parallel")


def test_a_site_without_theme_or_locales_uses_the_built_in_ones(make_site, tmp_path):
    out = tmp_path / "public"
    assert build_site(make_site(), out).written
    assert "Программы" in read(out, "ru/programs/index.html")  # a UI string from the built-in ru catalog


def test_a_site_template_overrides_the_built_in_one(make_site, tmp_path):
    root = make_site({"theme/templates/404.html": '{% extends "base.html" %}{% block content %}<h1>Lost</h1>{% endblock %}'})
    out = tmp_path / "public"
    build_site(root, out)
    assert "<h1>Lost</h1>" in read(out, "en/404.html")


def test_a_template_error_names_the_template_line_and_the_page(make_site, tmp_path):
    root = make_site({"theme/templates/partner.html": '{% extends "base.html" %}{% block content %}\n{{ partner.nope }}\n{% endblock %}'})
    result = build_site(root, tmp_path / "public")
    assert not result.written
    [problem] = result.problems.sorted()
    assert re.match(r"theme/templates/partner\.html:2:1: error: template error: .*nope.* "
                    r"\(while rendering partners/acme\.yaml in '(en|ru)'\)", problem.format())


def test_cli_build_prints_a_summary_and_check_exits_1_on_errors(make_site, tmp_path, capsys):
    root = make_site()
    assert run_cli("build", "--root", str(root), "--out", str(tmp_path / "out"), "--today", "2026-11-24") == 0
    assert re.search(r"Built \d+ pages \(en \d+, ru \d+\) and \d+ other files in [\d.]+ s", capsys.readouterr().out)
    (root / "programs/summer.yaml").write_text("titel: x\n", encoding="utf-8")
    assert run_cli("check", "--root", str(root), "--today", "2026-11-24") == 1
    err = capsys.readouterr().err
    assert "programs/summer.yaml:1:1: error: titel: unknown field (did you mean 'title'?)" in err
    assert "Traceback" not in err


def test_checking_in_parallel_reports_the_same_problems_as_serially(make_site):
    from sitegen.pipeline import check
    from conftest import TODAY
    programs = {f"programs/p{i}.yaml": MINIMAL_SITE["programs/summer.yaml"] for i in range(520)}
    programs["programs/p7.yaml"] = MINIMAL_SITE["programs/summer.yaml"].replace("partners: [acme]", "partners: [acne]")
    root = make_site(programs)
    serial, parallel = check(root, TODAY, processes=1), check(root, TODAY, processes=2)
    assert [p.format() for p in parallel.sorted()] == [p.format() for p in serial.sorted()]
    assert any("unknown partner 'acne' (did you mean 'acme'?)" in p.format() for p in serial.sorted())


def test_a_template_syntax_error_is_reported_with_its_line(make_site, tmp_path):
    root = make_site({"theme/templates/404.html": '{% extends "base.html" %}\n{% block content %}\n{% if %}\n{% endblock %}'})
    result = build_site(root, tmp_path / "public")
    assert not result.written
    [problem] = result.problems.sorted()
    assert problem.format().startswith("theme/templates/404.html:3:1: error: template error: ")


def test_pages_share_the_site_image_unless_they_have_their_own(make_site, tmp_path):
    site = MINIMAL_SITE["site.yaml"] + "\n        share_image: share.png\n"
    program = MINIMAL_SITE["programs/summer.yaml"] + "\n        image: campus.jpg\n        image_alt: {en: The campus, ru: Кампус}\n"
    root = make_site({"site.yaml": site, "programs/summer.yaml": program,
                      "content/media/share.png": "png", "content/media/campus.jpg": "jpg"})
    out = tmp_path / "public"
    assert build_site(root, out).written
    assert '<meta property="og:image" content="https://example.org/media/share.png">' in read(out, "en/partners/acme/index.html")
    program_page = read(out, "ru/programs/summer/index.html")
    assert '<meta property="og:image" content="https://example.org/media/campus.jpg">' in program_page
    assert '<meta property="og:image:alt" content="Кампус">' in program_page


def test_a_missing_share_image_is_a_located_error(make_site):
    from sitegen.pipeline import check
    from conftest import TODAY
    root = make_site({"site.yaml": MINIMAL_SITE["site.yaml"] + "\n        share_image: shar.png\n",
                      "content/media/share.png": "png"})
    [problem] = check(root, TODAY).sorted()
    assert problem.format().startswith(
        "site.yaml:12:14: error: share_image: no file 'shar.png' in content/media/ (did you mean 'share.png'?)")


def test_no_id_appears_twice_on_a_page_whatever_the_editors_write(make_site, tmp_path):
    text = "## Main\\n\\nA claim.[^1] <span id='main'>Here</span> [up](#main)\\n\\n[^1]: A source."
    program = textwrap.dedent(MINIMAL_SITE["programs/summer.yaml"]) + "".join(
        f"{field}: {{en: \"{text}\"}}\n" for field in ("description", "eligibility", "documents", "how_to_apply"))
    article = "---\ntitle: About\n---\n## Main\n\n## Facts heading\n\nA claim.[^1]\n\n[^1]: A source.\n"
    root = make_site({"programs/summer.yaml": program, "content/pages/about.en.md": article})
    out = tmp_path / "public"
    assert build_site(root, out).written
    for page in ("en/programs/summer/index.html", "en/about/index.html"):
        html = (out / page).read_text(encoding="utf-8")
        ids = re.findall(r'\sid="([^"]*)"', html)
        assert len(ids) == len(set(ids)), page
        assert set(re.findall(r'href="#([^"]+)"', html)) <= set(ids), page
    program_page = (out / "en/programs/summer/index.html").read_text(encoding="utf-8")
    assert '<h3 id="eligibility:main">Main</h3>' in program_page and 'href="#eligibility:main"' in program_page
    assert '<sup id="documents:fnref:1">' in program_page


def test_a_partners_description_starts_its_headings_below_the_partners_name(make_site, tmp_path):
    partner = textwrap.dedent(MINIMAL_SITE["partners/acme.yaml"]) + 'description: {en: "#### Campus\\n\\nText."}\n'
    out = tmp_path / "public"
    assert build_site(make_site({"partners/acme.yaml": partner}), out).written
    assert '<h2 id="description:campus">Campus</h2>' in (out / "en/partners/acme/index.html").read_text(encoding="utf-8")
