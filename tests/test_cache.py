"""Rebuilds that reuse unchanged pages give exactly the output of a full build."""
from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL_SITE, build_site
from test_build import tree_digest


def rebuild_matches_full_build(root: Path, tmp_path: Path, change) -> int:
    """Build with a cache, apply `change`, rebuild; compare with a fresh build. Returns pages reused."""
    cached_out, cache = tmp_path / "cached", tmp_path / "cache"
    assert build_site(root, cached_out, cache_dir=cache).written
    change(root)
    result = build_site(root, cached_out, cache_dir=cache)
    assert result.written
    fresh = build_site(root, tmp_path / "fresh")
    assert fresh.written
    assert tree_digest(cached_out) == tree_digest(tmp_path / "fresh")
    return result.reused


def test_unchanged_site_reuses_every_page(make_site, tmp_path):
    reused = rebuild_matches_full_build(make_site(), tmp_path, lambda root: None)
    assert reused == 2 * 9  # every page of both languages: 7 lists and tools, a program, a partner


def test_renamed_partner_rerenders_the_programs_that_show_it(make_site, tmp_path):
    def rename(root: Path) -> None:
        path = root / "partners/acme.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("Acme University", "Acme Institute"), encoding="utf-8")
    assert rebuild_matches_full_build(make_site({"partners/other.yaml": MINIMAL_SITE["partners/acme.yaml"]}), tmp_path, rename) > 0


def test_changed_template_rerenders_every_page(make_site, tmp_path):
    root = make_site({"theme/templates/404.html": '{% extends "base.html" %}{% block content %}<h1>Lost</h1>{% endblock %}'})
    def edit(root: Path) -> None:
        (root / "theme/templates/404.html").write_text(
            '{% extends "base.html" %}{% block content %}<h1>Gone</h1>{% endblock %}', encoding="utf-8")
    assert rebuild_matches_full_build(root, tmp_path, edit) == 0


def test_a_changed_template_reached_through_a_link_inside_the_site_rerenders_every_page(make_site, tmp_path):
    root = make_site({"shared/404.html": '{% extends "base.html" %}{% block content %}<h1>Lost</h1>{% endblock %}'})
    (root / "theme/templates").mkdir(parents=True)
    (root / "theme/templates/404.html").symlink_to(root / "shared/404.html")
    def edit(root: Path) -> None:
        (root / "shared/404.html").write_text(
            '{% extends "base.html" %}{% block content %}<h1>Gone</h1>{% endblock %}', encoding="utf-8")
    assert rebuild_matches_full_build(root, tmp_path, edit) == 0


def test_changed_translation_rerenders_every_page(make_site, tmp_path):
    po = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\nmsgid "Programs"\nmsgstr "Programmes"\n'
    root = make_site({"locales/en/LC_MESSAGES/messages.po": po})
    def edit(root: Path) -> None:
        (root / "locales/en/LC_MESSAGES/messages.po").write_text(po.replace("Programmes", "Courses"), encoding="utf-8")
    assert rebuild_matches_full_build(root, tmp_path, edit) == 0


def test_a_new_build_date_changes_statuses_and_rerenders(make_site, tmp_path):
    import datetime as dt
    root = make_site()
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_site(root, out, cache_dir=cache)
    assert build_site(root, out, cache_dir=cache, today=dt.date(2027, 1, 1)).reused == 0


def test_a_rebuild_on_a_new_date_matches_a_full_build_on_that_date(make_site, tmp_path):
    """Calendars included: their DTSTAMP is the build date."""
    import datetime as dt
    from test_golden import files_of
    root, out, cache, later = make_site(), tmp_path / "out", tmp_path / "cache", dt.date(2026, 12, 1)
    build_site(root, out, cache_dir=cache)
    build_site(root, out, cache_dir=cache, today=later)
    build_site(root, tmp_path / "full", today=later)
    assert list(out.rglob("*.ics")) and files_of(out) == files_of(tmp_path / "full")


NEWS = {
    "content/news/2026-03-01-opening.en.md": "---\ntitle: Opening\ndate: 2026-03-01\nprograms: [summer]\npartners: [acme]\n---\nWe open.\n",
    "content/news/2026-03-01-opening.ru.md": "---\ntitle: Открытие\ndate: 2026-03-01\nprograms: [summer]\n---\nОткрываемся.\n",
}


def test_retitled_news_rerenders_the_program_and_partner_pages_that_list_it(make_site, tmp_path):
    def retitle(root: Path) -> None:
        path = root / "content/news/2026-03-01-opening.en.md"
        path.write_text(path.read_text(encoding="utf-8").replace("title: Opening", "title: Grand opening"), encoding="utf-8")
    assert rebuild_matches_full_build(make_site(NEWS), tmp_path, retitle) > 0


def test_a_program_joining_a_partner_changes_that_partners_count_everywhere(make_site, tmp_path):
    files = {**NEWS, "partners/other.yaml": MINIMAL_SITE["partners/acme.yaml"].replace("Acme", "Other"),
             "programs/winter.yaml": MINIMAL_SITE["programs/summer.yaml"].replace("partners: [acme]", "partners: [other]")}
    def join(root: Path) -> None:
        path = root / "programs/winter.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("partners: [other]", "partners: [other, acme]"),
                        encoding="utf-8")
    assert rebuild_matches_full_build(make_site(files), tmp_path, join) > 0


def test_a_changed_field_label_in_site_yaml_rerenders_the_pages(make_site, tmp_path):
    def relabel(root: Path) -> None:
        path = root / "site.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("Engineering", "Engineering sciences"), encoding="utf-8")
    assert rebuild_matches_full_build(make_site(NEWS), tmp_path, relabel) == 0


def test_a_draft_shown_with_drafts_is_not_reused_without_them(make_site, tmp_path):
    root = make_site({"programs/winter.yaml": MINIMAL_SITE["programs/summer.yaml"] + "\n        draft: true\n"})
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_site(root, out, cache_dir=cache, drafts=True)
    build_site(root, out, cache_dir=cache)
    build_site(root, tmp_path / "fresh")
    assert tree_digest(out) == tree_digest(tmp_path / "fresh")


def test_a_removed_program_and_media_file_disappear_from_an_incremental_rebuild(make_site, tmp_path):
    root = make_site({"programs/winter.yaml": MINIMAL_SITE["programs/summer.yaml"], "content/media/photo.png": "png"})
    def remove(root: Path) -> None:
        (root / "programs/winter.yaml").unlink()
        (root / "content/media/photo.png").unlink()
    rebuild_matches_full_build(root, tmp_path, remove)
    assert not (tmp_path / "cached/en/programs/winter").exists()
    assert not (tmp_path / "cached/media").exists()


def test_a_failed_incremental_rebuild_leaves_the_output_untouched(make_site, tmp_path):
    root = make_site()
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_site(root, out, cache_dir=cache)
    before = tree_digest(out)
    (root / "theme/templates").mkdir(parents=True)
    (root / "theme/templates/partner.html").write_text('{% extends "base.html" %}{% block content %}{{ nope.x }}{% endblock %}')
    assert not build_site(root, out, cache_dir=cache).written
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "out", "site"]



def news_site(make_site, count: int) -> Path:
    """A site whose news list shows one article a page: `count` articles in both languages, the newest first."""
    articles = {f"content/news/2026-03-0{day}-item-{day}.{code}.md": f"---\ntitle: Item {day} {code}\ndate: 2026-03-0{day}\n---\nText.\n"
                for day in range(1, count + 1) for code in ("en", "ru")}
    root = make_site(articles)
    with (root / "site.yaml").open("a", encoding="utf-8") as site:
        site.write("news_per_page: 1\n")
    return root


def test_a_retitled_article_rerenders_the_news_page_that_lists_it_and_no_other(make_site, tmp_path):
    def retitle(root: Path) -> None:
        path = root / "content/news/2026-03-02-item-2.en.md"
        path.write_text(path.read_text(encoding="utf-8").replace("Item 2 en", "Item two"), encoding="utf-8")
    root, out, cache = news_site(make_site, 3), tmp_path / "out", tmp_path / "cache"
    assert build_site(root, out, cache_dir=cache).written
    pages = {number: out / "en/news" / ("" if number == 1 else f"page/{number}") / "index.html" for number in (1, 2, 3)}
    before = {number: path.stat().st_ino for number, path in pages.items()}
    retitle(root)
    assert build_site(root, out, cache_dir=cache).written
    assert "Item two" in pages[2].read_text(encoding="utf-8")
    assert {number for number, path in pages.items() if path.stat().st_ino != before[number]} == {2}


def test_a_retitled_article_gives_the_news_pages_of_a_full_build(make_site, tmp_path):
    def retitle(root: Path) -> None:
        path = root / "content/news/2026-03-02-item-2.en.md"
        path.write_text(path.read_text(encoding="utf-8").replace("Item 2 en", "Item two"), encoding="utf-8")
    assert rebuild_matches_full_build(news_site(make_site, 3), tmp_path, retitle) > 0


def test_a_redated_article_moves_between_news_pages_as_in_a_full_build(make_site, tmp_path):
    def redate(root: Path) -> None:
        for code in ("en", "ru"):
            path = root / f"content/news/2026-03-01-item-1.{code}.md"
            text = path.read_text(encoding="utf-8").replace("date: 2026-03-01", "date: 2026-03-09")
            path.unlink()
            (root / f"content/news/2026-03-09-item-1.{code}.md").write_text(text, encoding="utf-8")
    assert rebuild_matches_full_build(news_site(make_site, 3), tmp_path, redate) > 0


def test_a_renamed_partner_changes_the_filter_on_catalog_pages_that_do_not_show_its_programs(make_site, tmp_path):
    """The filter form on every catalog page lists every partner: a page is judged by the filters too."""
    root = make_site({"partners/other.yaml": MINIMAL_SITE["partners/acme.yaml"].replace("Acme", "Other"),
                      "programs/winter.yaml": MINIMAL_SITE["programs/summer.yaml"]
                      .replace("Summer school", "Winter school").replace("partners: [acme]", "partners: [other]")})
    with (root / "site.yaml").open("a", encoding="utf-8") as site:
        site.write("programs_per_page: 1\n")

    def rename(root: Path) -> None:
        path = root / "partners/other.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("Other University", "Renamed University"),
                        encoding="utf-8")
    assert rebuild_matches_full_build(root, tmp_path, rename) > 0
    pages = [(tmp_path / "cached/en/programs" / page / "index.html").read_text(encoding="utf-8")
             for page in ("", "page/2")]
    assert all("Renamed University" in page for page in pages)
    assert sum("Winter school" in page for page in pages) == 1  # the other page shows only its filter
