"""Reuse the previous build's page when nothing that page shows has changed.

Every fingerprint starts from a salt covering the templates, the translations, the generator's
own code and the site-wide values every page shows. An item page adds the digests of the source
files it shows, as declared when it was planned (plan.py), so it is judged without building its
view; a list page, which shows too much to declare, adds its whole view. Tests compare rebuilds
with full builds for each kind of change, which is what keeps the declarations honest.
"""
from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from ..foundation.fingerprints import code_digest, digest
from ..render.markup import MarkdownStore
from .outfolder import Published

if TYPE_CHECKING:
    from ..plan.pages import PlannedPage


@dataclass
class PageCache:
    """Fingerprints of the pages in `previous_out`, as recorded by the build that wrote it.

    The record counts only while the output is still the one it describes: the output's marker names
    the build that wrote it, and every file has the size it was written with. A record of any other
    build (one killed before saving it, an older one, a tampered one) or of an output cut short (a
    restore of a saved output that failed half-way) is ignored, so every page is rendered again.
    """

    manifest: Path | None
    previous_out: Path
    salt: str = ""
    old: dict[str, str] = field(default_factory=dict)
    previous_files: frozenset[str] = frozenset()

    @classmethod
    def open(cls, cache_dir: Path | None, out: Path, salt: str, published: Published,
             markdown_store: MarkdownStore) -> "PageCache":
        """The previous build's fingerprints, and its converted Markdown loaded into `markdown_store`."""
        if cache_dir is None:
            return cls(None, out, salt)
        markdown_store.load(cache_dir / "markdown.json", code_digest())  # templates do not change Markdown
        manifest = cache_dir / f"pages-{digest(str(out.resolve()))[:12]}.json"
        try:
            recorded = json.loads(manifest.read_text(encoding="utf-8"))
            pages, sizes = dict(recorded["pages"]), dict(recorded["sizes"])
            files = frozenset(sizes)
            if (recorded.get("salt") == salt and published.build is not None and recorded.get("build") == published.build
                    and files == published.files and pages.keys() <= files
                    and all(isinstance(v, str) for v in pages.values()) and _sizes_match(out, sizes)):
                return cls(manifest, out, salt, pages, files)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # no usable manifest: every page is rendered
        return cls(manifest, out, salt)

    def fingerprint(self, language_salt: str, template: str, context: dict[str, Any]) -> str:
        """From the page's view: exact, but the view must be built first."""
        return digest(self.salt, language_salt, template, repr(sorted(context.items())))

    def source_fingerprint(self, language_salt: str, page: PlannedPage, digests: Mapping[str, str]) -> str | None:
        """From the digests of the files the page shows, as planned: no view needed."""
        if page.depends is None:
            return None
        return self.declared_fingerprint(language_salt, page.template, repr((page.route, page.translated)),
                                         page.depends, digests)

    def declared_fingerprint(self, language_salt: str, template: str, key: str, depends: Iterable[str],
                             digests: Mapping[str, str]) -> str:
        """From the digests of the source files a file shows (`depends`, as plan.pages declares them)."""
        return digest(self.salt, language_salt, template, key, *(digests.get(source, source) for source in depends))

    @property
    def incremental(self) -> bool:
        """True when the previous output can be reused: only changed files are written."""
        return bool(self.old)

    def unchanged(self, relative: str, fingerprint: str | None) -> bool:
        """The previous build wrote this very page, and it is still there (`open` saw every recorded file)."""
        return fingerprint is not None and self.old.get(relative) == fingerprint

    def save(self, build: str, pages: dict[str, str], files: set[str], rendered_all: bool,
             markdown_store: MarkdownStore) -> None:
        """Record this build's fingerprints, its files and its Markdown; after a full render unused Markdown is dropped."""
        if self.manifest is None:
            return
        self.manifest.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.manifest.with_suffix(".tmp")
        folder = os.fspath(self.previous_out)
        sizes = {name: os.stat(os.path.join(folder, name)).st_size for name in files}  # str paths: a stat per file
        record = {"salt": self.salt, "build": build, "pages": pages, "sizes": sizes}
        temporary.write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
        os.replace(temporary, self.manifest)
        markdown_store.save(self.manifest.parent / "markdown.json", code_digest(), prune=rendered_all)


def _sizes_match(out: Path, sizes: Mapping[str, int]) -> bool:
    """Every recorded file is still a file of the recorded size (str paths: this runs for every file of the site)."""
    folder = os.fspath(out)
    for name, size in sizes.items():
        try:
            status = os.stat(os.path.join(folder, name))
        except OSError:
            return False
        if not stat.S_ISREG(status.st_mode) or status.st_size != size:
            return False
    return True


def build_id(fingerprints: Mapping[str, str]) -> str:
    """Names a build by what its fingerprinted files show: the same content and generator give the same id."""
    return digest(json.dumps(fingerprints, sort_keys=True))
