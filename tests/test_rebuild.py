"""The dev server's rebuilds: each kind of change does only the work it needs, and the result is
byte for byte what a full build of the changed site gives."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

import sitegen.serve.rebuild
from conftest import MINIMAL_SITE, TODAY, build_site
from sitegen.serve.changes import WRITTEN_BY_BUILD, Change, Effect, classify
from sitegen.pipeline import BuildOptions
from sitegen.serve.rebuild import Outcome, Rebuilder
from sitegen.serve.snapshot import differences, snapshot
from sitegen.serve.watch import Watcher
from test_build import tree_digest

BASE_URL = "http://localhost:8000/"
PO = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\nmsgid "Programs"\nmsgstr "Programmes"\n'
SITE = {
    **MINIMAL_SITE,
    "partners/other.yaml": MINIMAL_SITE["partners/acme.yaml"].replace("Acme", "Other"),
    "programs/winter.yaml": MINIMAL_SITE["programs/summer.yaml"].replace("Summer", "Winter")
                                                                .replace("partners: [acme]", "partners: [other]"),
    "content/news/2026-03-01-opening.en.md": "---\ntitle: Opening\ndate: 2026-03-01\nprograms: [summer]\n---\nWe open.\n",
    "content/news/2026-03-01-opening.ru.md": "---\ntitle: Открытие\ndate: 2026-03-01\n---\nОткрываемся.\n",
    "content/pages/about.en.md": "---\ntitle: About\n---\nAbout us.\n",
    "content/pages/about.ru.md": "---\ntitle: О нас\n---\nО нас.\n",
    "content/media/photo.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
    "partners/acme.yaml": MINIMAL_SITE["partners/acme.yaml"].rstrip() + "\n        logo: acme.svg\n",
    "partners/logos/acme.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
    "theme/templates/404.html": '{% extends "base.html" %}{% block content %}<h1>Lost</h1>{% endblock %}',
    "theme/static/css/extra.css": "body { color: black; }\n",
    "locales/en/LC_MESSAGES/messages.po": PO,
}


class Live:
    """A site, the serve process's rebuilder on it, and the watcher's view of its files."""

    def __init__(self, root: Path, tmp_path: Path) -> None:
        self.root, self.tmp_path = root, tmp_path
        self.options = BuildOptions(root=root, out=tmp_path / "serve" / "site", today=TODAY, base_url=BASE_URL,
                                    processes=1, cache_dir=tmp_path / "serve" / "cache")
        self.rebuilder = Rebuilder(self.options)
        assert self.rebuilder.build_all().action == "built"
        self.seen = snapshot(root)  # after the build, which may write lock files in translations/

    def change(self, edit: Callable[[Path], None]) -> Outcome:
        edit(self.root)
        now = snapshot(self.root)
        changes, self.seen = differences(self.seen, now), now
        return self.rebuilder.apply(changes)

    def matches_full_build(self) -> bool:
        fresh = self.tmp_path / f"fresh-{len(list(self.tmp_path.iterdir()))}"
        result = build_site(self.root, fresh, base_url=BASE_URL)
        assert result.written, [p.format() for p in result.problems.sorted()]
        return tree_digest(self.options.out) == tree_digest(fresh)


@pytest.fixture
def live(make_site, tmp_path):
    return Live(make_site(SITE), tmp_path)


def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        text = (root / path).read_text(encoding="utf-8")
        assert old in text
        (root / path).write_text(text.replace(old, new), encoding="utf-8")
    return edit


def write(path: str, text: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return edit


def remove(path: str) -> Callable[[Path], None]:
    return lambda root: (root / path).unlink()


# (change, the effect it is classified as, what the rebuild does)
CHANGES = {
    "program": (replace("programs/summer.yaml", "Summer school", "Autumn school"), Effect.CONTENT, "built"),
    "partner": (replace("partners/acme.yaml", "Acme University", "Acme Institute"), Effect.CONTENT, "built"),
    "news": (replace("content/news/2026-03-01-opening.en.md", "title: Opening", "title: Grand opening"),
             Effect.CONTENT, "built"),
    "page": (replace("content/pages/about.ru.md", "О нас.", "О нас и о них."), Effect.CONTENT, "built"),
    "site.yaml": (replace("site.yaml", "Engineering", "Engineering sciences"), Effect.CONTENT, "built"),
    "template": (replace("theme/templates/404.html", "Lost", "Gone"), Effect.TEMPLATE, "built"),
    "static file": (replace("theme/static/css/extra.css", "black", "navy"), Effect.TEMPLATE, "built"),
    "media file": (replace("content/media/photo.svg", "/>", "><title>P</title></svg>"), Effect.ASSET, "copied"),
    "locale .po": (replace("locales/en/LC_MESSAGES/messages.po", "Programmes", "Courses"), Effect.TRANSLATION, "built"),
    "file added": (write("programs/spring.yaml", MINIMAL_SITE["programs/summer.yaml"].replace("Summer", "Spring")),
                   Effect.CONTENT, "built"),
    "file deleted": (remove("programs/winter.yaml"), Effect.CONTENT, "built"),
    "media added": (write("content/media/logo.svg", "<svg/>"), Effect.CONTENT, "built"),
    "static file deleted": (remove("theme/static/css/extra.css"), Effect.TEMPLATE, "built"),
    "logo": (replace("partners/logos/acme.svg", "/>", "><title>A</title></svg>"), Effect.ASSET, "copied"),
    "template folder added": (write("theme/templates/partials/note.html", "<p>note</p>"), Effect.TEMPLATE, "built"),
}


@pytest.mark.parametrize("name", CHANGES)
def test_a_rebuild_after_each_kind_of_change_equals_a_full_build(live, name):
    edit, effect, action = CHANGES[name]
    outcome = live.change(edit)
    assert (outcome.effect, outcome.action) == (effect, action)
    assert live.matches_full_build()


SESSIONS = """
sessions:
  - {start: 2027-07-01, end: 2027-07-14, application_deadline: 2027-03-01}
"""
EDITS = [  # one after another, on the same served site
    write("programs/summer.yaml", MINIMAL_SITE["programs/summer.yaml"] + SESSIONS.replace("\n", "\n        ")),
    replace("programs/summer.yaml", "Summer school", "Autumn school"),
    replace("programs/summer.yaml", "Two weeks of engineering.", "Three weeks of engineering."),
    replace("programs/summer.yaml", "2027-07-14", "2027-07-21"),
    replace("programs/summer.yaml", "2027-03-01", "2027-04-01"),
    replace("partners/acme.yaml", "Acme University", "Acme Institute"),
    replace("content/news/2026-03-01-opening.en.md", "title: Opening", "title: Grand opening"),
    write("programs/spring.yaml", MINIMAL_SITE["programs/summer.yaml"].replace("Summer", "Spring")),
    remove("programs/winter.yaml"),
    remove("content/news/2026-03-01-opening.ru.md"),
]


def test_a_series_of_edits_serves_what_a_full_build_of_the_edited_site_gives(live):
    for edit in EDITS:
        assert live.change(edit).action == "built"
    assert live.matches_full_build()


SITE_WIDE_EDITS = [  # each changes what site-wide files (open data, sitemap, feeds, the lock) hold
    write("partners/new.yaml", MINIMAL_SITE["partners/acme.yaml"].replace("Acme", "New")),
    write("programs/spring.yaml", MINIMAL_SITE["programs/summer.yaml"].replace("Summer", "Spring")
                                                                      .replace("partners: [acme]", "partners: [new]")),
    write("content/news/2026-04-01-spring.en.md", "---\ntitle: Spring\ndate: 2026-04-01\nprograms: [spring]\n---\nNew.\n"),
    replace("site.yaml", "Engineering", "Engineering sciences"),
    replace("programs/summer.yaml", "Summer school", "Autumn school"),
    write("programs/summer.yaml", MINIMAL_SITE["programs/summer.yaml"] + SESSIONS.replace("\n", "\n        ")),
    remove("content/news/2026-04-01-spring.en.md"),
    remove("programs/spring.yaml"),
    remove("partners/new.yaml"),
    replace("programs/summer.yaml", "{en: Summer school, ru: Летняя школа}", "{en: Summer school}"),
]


def lock_texts(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted((root / "translations").rglob("*.lock"))}


def test_programs_partners_and_news_come_and_go_as_a_full_build_has_them(live):
    for edit in SITE_WIDE_EDITS:
        assert live.change(edit).action == "built"
        recorded = lock_texts(live.root)
        assert live.matches_full_build()
        assert lock_texts(live.root) == recorded  # the full build finds the translation lock as it would write it


def test_a_rebuild_updates_the_served_folder_in_place(live):
    folder, kept = live.options.out, live.options.out / "en/partners/other/index.html"
    before = folder.stat().st_ino, kept.stat().st_mtime_ns
    live.change(replace("programs/summer.yaml", "Summer school", "Autumn school"))
    assert (folder.stat().st_ino, kept.stat().st_mtime_ns) == before
    assert "Autumn school" in (folder / "en/programs/summer/index.html").read_text(encoding="utf-8")
    assert live.change(remove("programs/winter.yaml")).action == "built"
    assert not (folder / "en/programs/winter").exists()


def test_a_program_edit_renders_only_its_pages_and_the_lists_that_show_it(live):
    before = tree_digest(live.options.out)
    outcome = live.change(replace("programs/summer.yaml", "{en: Summer school, ru: Летняя школа}",
                                  "{en: Autumn school, ru: Осенняя школа}"))
    after = tree_digest(live.options.out)
    shown = ["index.html", "news/opening/index.html", "partners/acme/index.html", "programs/index.html",
             "programs/summer/index.html"]
    assert outcome.rendered == 2 * len(shown)
    assert sorted(path for path in after if path.endswith(".html") and before.get(path) != after[path]) == \
        [f"{code}/{page}" for code in ("en", "ru") for page in shown]
    assert sorted(path for path in after if path.endswith(".json") and before.get(path) != after[path]) == \
        [".sitegen.json", "en/programs/facets.json", "en/programs/summer/compare.json", "programs.json",
         "programs/summer.json", "ru/programs/facets.json", "ru/programs/summer/compare.json"]


def test_a_template_or_translation_change_does_not_read_the_content_again(live):
    parsed = dict(live.rebuilder.memo.parsed)
    for name in ("template", "locale .po"):
        outcome = live.change(CHANGES[name][0])
        assert outcome.rendered == outcome.pages  # every page shows the template and the UI strings
    assert all(live.rebuilder.memo.parsed[path] is entry for path, entry in parsed.items())


def test_a_program_edit_reads_only_that_file_again(live):
    before = dict(live.rebuilder.memo.parsed)
    live.change(CHANGES["program"][0])
    again = [path for path, entry in live.rebuilder.memo.parsed.items() if before.get(path) is not entry]
    assert again == ["programs/summer.yaml"]


def test_only_new_warnings_are_told_again(live):
    outcome = live.change(write("content/pages/contacts.en.md", "---\ntitle: Contacts\n---\nMail us.\n"))
    assert [p.message for p in outcome.new_warnings] == ["has no ru translation; the ru page shows the en text"]
    assert live.change(CHANGES["program"][0]).new_warnings == ()


def test_files_outside_the_site_are_ignored(live):
    assert live.change(write("programs/_notes.yaml", "anything: [")).action == "ignored"
    assert live.change(write("content/.draft.en.md.swp", "x")).action == "ignored"
    assert live.change(write("locales/messages.pot", "")).action == "ignored"


def test_a_broken_edit_keeps_the_last_good_site_until_it_is_fixed(live):
    good = tree_digest(live.options.out)
    outcome = live.change(write("programs/summer.yaml", "title: [broken\n"))
    assert outcome.action == "failed"
    assert [str(p.position) for p in live.rebuilder.report.problems] == ["programs/summer.yaml:1:8"]
    assert tree_digest(live.options.out) == good
    outcome = live.change(write("programs/summer.yaml", MINIMAL_SITE["programs/summer.yaml"]
                                .replace("type: summer-school", "type: summer-camp")))
    assert outcome.action == "failed"
    assert "unknown program type 'summer-camp'" in live.rebuilder.report.problems[0].message
    # A media file saved meanwhile is not copied on its own: the next build takes it along.
    assert live.change(CHANGES["media file"][0]).action == "failed"
    outcome = live.change(write("programs/summer.yaml", MINIMAL_SITE["programs/summer.yaml"].replace("Summer", "Fixed")))
    assert outcome.action == "built" and not live.rebuilder.report
    assert live.matches_full_build()


def test_an_internal_error_is_reported_and_the_next_change_rebuilds_everything(live, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("generator bug <b>")
    with monkeypatch.context() as patch:
        patch.setattr(sitegen.serve.rebuild, "build", crash)
        outcome = live.change(CHANGES["program"][0])
    assert outcome.action == "crashed"
    assert "RuntimeError: generator bug <b>" in live.rebuilder.report.internal_error
    outcome = live.change(CHANGES["partner"][0])
    assert outcome.action == "built" and outcome.rendered == outcome.pages and not live.rebuilder.report
    assert live.matches_full_build()


@pytest.mark.parametrize("path, kind, effect", [
    ("programs/x.yaml", "modified", Effect.CONTENT),
    ("translations/programs/x.lock", "modified", Effect.CONTENT),  # recorded translations: stale or not
    ("translations.lock", "removed", Effect.CONTENT),
    ("partners/logos/x.png", "modified", Effect.ASSET),
    ("partners/logos/x.png", "added", Effect.CONTENT),
    ("theme/templates/_macros.html", "modified", Effect.TEMPLATE),
    ("theme/static/_sketch.css", "modified", Effect.IGNORED),
    ("theme/static/js/app.js", "added", Effect.TEMPLATE),
    ("theme/README", "modified", Effect.UNKNOWN),
    ("locales/zh/LC_MESSAGES/messages.po", "modified", Effect.TRANSLATION),
    ("locales/zh/LC_MESSAGES/messages.mo", "modified", Effect.IGNORED),
    (".git/index", "modified", Effect.IGNORED),
])
def test_changes_are_classified_by_path(path, kind, effect):
    assert classify(Change(path, kind)) is effect


def test_only_the_first_build_forks_worker_processes(make_site, tmp_path, monkeypatch):
    """Rebuilds run beside the server's thread, where a forked worker could wait on a lock forever."""
    used = []
    real_build = sitegen.serve.rebuild.build
    monkeypatch.setattr(sitegen.serve.rebuild, "build", lambda options, memo: used.append(options.processes)
                        or real_build(options, memo))
    root = make_site()
    rebuilder = Rebuilder(BuildOptions(root=root, out=tmp_path / "out", today=TODAY, processes=2,
                                       cache_dir=tmp_path / "cache"))
    rebuilder.build_first()
    rebuilder.apply([Change("programs/summer.yaml", "modified")])
    rebuilder.apply([Change("theme/README", "added")])
    assert used == [2, 1, 1]


def test_what_the_build_writes_into_the_site_does_not_start_another_rebuild(make_site):
    root = make_site()
    watcher = Watcher(root)
    (root / "translations/programs").mkdir(parents=True)
    (root / "translations/programs/summer.lock").write_text("title ru en 1 2\n", encoding="utf-8")
    (root / "programs/summer.yaml").write_text(MINIMAL_SITE["programs/summer.yaml"] + "\n", encoding="utf-8")
    watcher.absorb(WRITTEN_BY_BUILD)
    assert differences(watcher.current, snapshot(root)) == [Change("programs/summer.yaml", "modified")]
