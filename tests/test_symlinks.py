"""Never read outside the site: a link that leaves it, points nowhere or loops is a located error in
`check` and `build`, and nothing it leads to is read, copied or served; a folder or file that cannot be
read is an error, not a site published without it. Links inside the site are followed."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import MINIMAL_SITE, REPO, TODAY, build_site, require_tool, run_cli
from sitegen.foundation.fingerprints import files_digest
from sitegen.pipeline import check
from sitegen.serve.server import ServedSite
from sitegen.foundation.walk import walk
from sitegen.serve.snapshot import snapshot
from test_rebuild import SITE, Live

SECRET = "sk-live-0000-do-not-publish"
SVG = '<svg xmlns="http://www.w3.org/2000/svg"/>'
LOGO = MINIMAL_SITE["partners/acme.yaml"].rstrip() + "\n        logo: acme.svg\n"
COPY_FILE = "    hint: copy the file into the site in place of the link, or remove the link"
COPY_FOLDER = "    hint: copy the folder into the site in place of the link, or remove the link"
POINT = "    hint: point it to a file of the site, or remove it"


def printed(root: Path) -> list[str]:
    return [problem.format() for problem in check(root, TODAY).sorted()]


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the site, holding what a build must never read."""
    folder = tmp_path / "outside"
    (folder / "logos").mkdir(parents=True)
    (folder / "secret.pdf").write_text(SECRET, encoding="utf-8")
    (folder / "program.yaml").write_text(MINIMAL_SITE["programs/summer.yaml"].replace("Summer", SECRET),
                                         encoding="utf-8")
    for number in range(3):
        (folder / "logos" / f"logo-{number}.svg").write_text(f"<svg>{SECRET}</svg>", encoding="utf-8")
    return folder


def link(root: Path, relative: str, target: str | Path) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)
    return path


def nothing_published(root: Path, out: Path) -> None:
    result = build_site(root, out)
    assert not result.written and not out.exists()


def test_link_to_a_file_outside_the_site_is_an_error_and_the_file_is_never_published(make_site, outside, tmp_path):
    root = make_site({"content/media/photo.svg": SVG})
    link(root, "content/media/report.pdf", outside / "secret.pdf")
    assert printed(root) == [
        f"content/media/report.pdf: error: this is a link to a file outside the site ({outside / 'secret.pdf'}); "
        f"it is not read\n{COPY_FILE}"]
    nothing_published(root, tmp_path / "public")


def test_link_to_a_system_file_names_it_and_never_shows_its_contents(make_site, tmp_path, capsys):
    root = make_site()
    link(root, "content/media/x.pdf", "/etc/passwd")
    link(root, "content/media/environment.pdf", "/proc/self/environ")
    assert run_cli("check", "--root", str(root), "--today", TODAY.isoformat()) == 1
    err = capsys.readouterr().err
    assert "content/media/x.pdf: error: this is a link to a file outside the site (/etc/passwd)" in err
    assert "content/media/environment.pdf: error: this is a link to a file outside the site (/proc/" in err
    assert "root:" not in err and os.environ.get("PATH", "") not in err
    assert run_cli("build", "--root", str(root), "--out", str(tmp_path / "public"), "--today", TODAY.isoformat()) == 1
    assert not (tmp_path / "public").exists()


def test_link_to_a_folder_outside_copies_nothing_from_it(make_site, outside, tmp_path):
    root = make_site({"partners/acme.yaml": LOGO, "partners/logos/acme.svg": SVG})
    link(root, "partners/logos/more", outside / "logos")
    assert printed(root) == [
        f"partners/logos/more: error: this is a link to a folder outside the site ({outside / 'logos'}); "
        f"it is not read\n{COPY_FOLDER}"]
    nothing_published(root, tmp_path / "public")


def test_the_media_folder_linked_to_the_filesystem_root_is_refused_without_walking_it(make_site):
    root = make_site()
    link(root, "content/media", "/")
    started = time.perf_counter()
    assert printed(root) == [
        f"content/media: error: this is a link to a folder outside the site (/); it is not read\n{COPY_FOLDER}"]
    assert time.perf_counter() - started < 5


def test_a_program_file_linked_outside_is_not_read(make_site, outside):
    root = make_site()
    link(root, "programs/elsewhere.yaml", outside / "program.yaml")
    problems = check(root, TODAY).sorted()
    assert [problem.format() for problem in problems] == [
        f"programs/elsewhere.yaml: error: this is a link to a file outside the site ({outside / 'program.yaml'}); "
        f"it is not read\n{COPY_FILE}"]


def test_site_yaml_linked_outside_is_refused_and_not_reported_missing(make_site, outside):
    root = make_site({"site.yaml": None})
    link(root, "site.yaml", outside / "program.yaml")
    assert printed(root) == [
        f"site.yaml: error: this is a link to a file outside the site ({outside / 'program.yaml'}); "
        f"it is not read\n{COPY_FILE}"]


def test_links_inside_the_site_are_followed(make_site, tmp_path):
    root = make_site({
        "partners/acme.yaml": LOGO,
        "content/media/photo.svg": SVG,
        "shared/pictures/map.svg": SVG.replace("/>", "><title>map</title></svg>"),
    })
    link(root, "content/media/same-photo.svg", "photo.svg")
    link(root, "content/media/pictures", "../../shared/pictures")
    link(root, "partners/logos/acme.svg", "../../content/media/photo.svg")
    assert printed(root) == []
    out = tmp_path / "public"
    assert build_site(root, out).written
    assert (out / "media/same-photo.svg").read_text(encoding="utf-8") == SVG
    assert "map" in (out / "media/pictures/map.svg").read_text(encoding="utf-8")
    assert (out / "logos/acme.svg").read_text(encoding="utf-8") == SVG
    assert not any(path.is_symlink() for path in out.rglob("*"))


def test_a_link_into_a_hidden_folder_of_the_site_is_refused(make_site, tmp_path):
    root = make_site({".git/config": f"[remote]\n  url = https://{SECRET}@example.org/\n"})
    link(root, "content/media/config.pdf", "../../.git/config")
    link(root, "partners/logos", "../.git")
    assert printed(root) == [
        "content/media/config.pdf: error: this is a link to a hidden file of the site (.git/config), "
        f"which is never published\n{COPY_FILE}",
        f"partners/logos: error: this is a link to a hidden folder of the site (.git), which is never published\n"
        f"{COPY_FOLDER}"]
    nothing_published(root, tmp_path / "public")


def test_a_relative_link_climbing_out_of_the_site_is_refused(make_site, outside):
    root = make_site()
    link(root, "content/media/report.pdf", "../../../outside/secret.pdf")
    assert printed(root) == [
        f"content/media/report.pdf: error: this is a link to a file outside the site ({outside / 'secret.pdf'}); "
        f"it is not read\n{COPY_FILE}"]


def test_loops_of_links_are_errors(make_site, tmp_path):
    root = make_site()
    link(root, "content/media/a.svg", "b.svg")
    link(root, "content/media/b.svg", "a.svg")
    link(root, "content/media/again", ".")
    link(root, "content/media/site", "../..")
    link(root, "partners/logos/here", "..")
    assert printed(root) == [
        f"content/media/a.svg: error: this link goes round in a loop of links\n{POINT}",
        "content/media/again: error: this link leads back into a folder it is in (content/media), "
        "so its files would be listed forever\n    hint: link to a folder that does not hold the link, or remove it",
        f"content/media/b.svg: error: this link goes round in a loop of links\n{POINT}",
        "content/media/site: error: this link leads back into a folder it is in (the site's own folder), "
        "so its files would be listed forever\n    hint: link to a folder that does not hold the link, or remove it",
        "partners/logos/here: error: this link leads back into a folder it is in (partners), "
        "so its files would be listed forever\n    hint: link to a folder that does not hold the link, or remove it",
    ]
    nothing_published(root, tmp_path / "public")


def test_a_link_to_nothing_is_an_error(make_site):
    root = make_site()
    link(root, "content/media/photo.svg", "photo-old.svg")
    assert printed(root) == [f"content/media/photo.svg: error: this link points to nothing (photo-old.svg)\n{POINT}"]


def test_a_named_pipe_is_refused_rather_than_read_forever(make_site):
    root = make_site()
    (root / "content/media").mkdir(parents=True)
    os.mkfifo(root / "content/media/photo.svg")
    assert printed(root) == ["content/media/photo.svg: error: this is not a regular file but a named pipe\n"
                             "    hint: replace it with a regular file, or remove it"]


def test_check_reports_every_refused_link_at_once(make_site, outside, capsys):
    root = make_site()
    link(root, "content/media/report.pdf", outside / "secret.pdf")
    link(root, "partners/logos", outside / "logos")
    link(root, "theme/templates/page.html", outside / "secret.pdf")
    link(root, "content/pages/about.en.md", "about.ru.md")
    assert run_cli("check", "--root", str(root), "--today", TODAY.isoformat()) == 1
    err = capsys.readouterr().err
    for relative in ("content/media/report.pdf", "partners/logos", "theme/templates/page.html",
                     "content/pages/about.en.md"):
        assert f"\n{relative}: error: " in f"\n{err}"
    assert "4 errors" in err and "Traceback" not in err and SECRET not in err


# chmod 000 does not stop root, which CI runs as: the CLI then runs without the capabilities that let root
# read any file (setpriv drops them from the bounding set, so the new process never has them).
def run_as_an_ordinary_user(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, str(REPO / "build.py"), *args, "--today", TODAY.isoformat()]
    if os.geteuid() == 0:
        command = [require_tool("setpriv"), "--bounding-set=-dac_override,-dac_read_search", "--", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.fixture
def locked(make_site):
    """Makes paths of a site unreadable (mode 000) for the test, and readable again afterwards."""
    paths = []

    def lock(path: Path) -> Path:
        path.chmod(0)
        paths.append(path)
        return path

    yield lock
    for path in paths:
        path.chmod(0o755)


def test_an_unreadable_folder_is_an_error_not_a_site_published_without_it(make_site, locked, tmp_path):
    root = make_site({"content/news/2026-03-01-opening.en.md": "---\ntitle: Opening\ndate: 2026-03-01\n---\nWe open.\n"})
    locked(root / "content/news")
    checked = run_as_an_ordinary_user("check", "--root", str(root))
    assert checked.returncode == 1, checked.stderr
    assert checked.stderr.startswith(
        "content/news: error: this folder cannot be read (Permission denied)\n"
        "    hint: let the user who builds the site read it (chmod -R a+rX 'content/news'), "
        "or start its name with _ to leave it out\n"), checked.stderr
    built = run_as_an_ordinary_user("build", "--root", str(root), "--out", str(tmp_path / "public"), "--no-search")
    assert built.returncode == 1 and "content/news: error: this folder cannot be read" in built.stderr
    assert not (tmp_path / "public").exists()


def test_an_unreadable_file_is_an_error_naming_it(make_site, locked, tmp_path):
    root = make_site({"content/media/photo.svg": SVG})
    locked(root / "content/media/photo.svg")
    checked = run_as_an_ordinary_user("check", "--root", str(root))
    assert checked.returncode == 1, checked.stderr
    assert checked.stderr.startswith(
        "content/media/photo.svg: error: this file cannot be read (Permission denied)\n"
        "    hint: let the user who builds the site read it (chmod a+r 'content/media/photo.svg'), "
        "or start its name with _ to leave it out\n"), checked.stderr
    assert "Traceback" not in checked.stderr


LINKED_OUT = ("babel.cfg", "content/media/report.pdf", "locales/ru/LC_MESSAGES/messages.po",
              "partners/logos/acme.svg", "programs/elsewhere.yaml", "theme/static/css/site.css",
              "theme/templates/_macros.html", "theme/templates/base.html", "translations.lock",
              "translations/programs/summer.lock")


def test_check_and_build_never_open_what_a_link_out_of_the_site_leads_to(make_site, tmp_path):
    root = make_site()
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)  # opening it to read would wait for a writer forever, so a run that reads it times out
    for relative in LINKED_OUT:
        link(root, relative, pipe)
    expected = "".join(f"{relative}: error: this is a link to a file outside the site ({pipe}); it is not read\n"
                       f"{COPY_FILE}\n" for relative in LINKED_OUT)
    for command in (["check", "--root", str(root)],
                    ["build", "--root", str(root), "--out", str(tmp_path / "public"), "--no-search"]):
        done = subprocess.run([sys.executable, str(REPO / "build.py"), *command, "--today", TODAY.isoformat()],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 1 and done.stderr.startswith(expected), done.stderr
    assert not (tmp_path / "public").exists()


def test_folders_walked_without_knowing_the_site_never_leave_them(tmp_path, outside):
    folder = tmp_path / "templates"
    (folder / "partials").mkdir(parents=True)
    (folder / "base.html").write_text("<html></html>", encoding="utf-8")
    before = files_digest([folder])
    link(folder, "partials/secret.html", outside / "secret.pdf")
    link(folder, "everything", "/")
    link(folder, "partials/loop", "..")
    assert files_digest([folder]) == before
    assert [path.relative_to(folder).as_posix() for path in walk(folder, folder).files] == ["base.html"]



def test_dev_server_answers_404_for_a_link_out_of_its_output(tmp_path, outside):
    out = tmp_path / "site"
    (out / "en").mkdir(parents=True)
    (out / "en/index.html").write_text("<!DOCTYPE html><title>home</title>", encoding="utf-8")
    link(out, "media/report.pdf", outside / "secret.pdf")
    link(out, "passwd", "/etc/passwd")
    link(out, "logos", outside / "logos")
    served = ServedSite(SimpleNamespace(options=SimpleNamespace(out=out)), 0)
    assert served.find("en/") == out / "en/index.html"
    for path in ("media/report.pdf", "passwd", "logos/logo-0.svg", "logos/", "logos"):
        assert served.find(path) is None, path


def test_dev_server_does_not_copy_a_media_file_replaced_by_a_link_out(make_site, outside, tmp_path):
    live = Live(make_site(SITE), tmp_path)

    def point_outside(root: Path) -> None:
        (root / "content/media/photo.svg").unlink()
        link(root, "content/media/photo.svg", outside / "secret.pdf")

    outcome = live.change(point_outside)
    assert outcome.action == "failed"
    assert [problem.format() for problem in live.rebuilder.report.problems] == [
        f"content/media/photo.svg: error: this is a link to a file outside the site ({outside / 'secret.pdf'}); "
        f"it is not read\n{COPY_FILE}"]
    assert SECRET not in (live.options.out / "media/photo.svg").read_text(encoding="utf-8")


def test_the_watcher_does_not_walk_a_folder_linked_out_of_the_site(make_site):
    root = make_site()
    link(root, "content", "/")
    started = time.perf_counter()
    assert [path for path in snapshot(root) if path.startswith("content")] == ["content"]
    assert time.perf_counter() - started < 5
