"""The sample site's output equals the golden copy in tests/golden (rewrite it with --update-golden)."""
from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
# The search index is Pagefind's output, not ours: test_search.py checks that it finds what it should.
NOT_COMPARED = "pagefind"
MARKER = ".sitegen.json"


def without_build_id(record: bytes) -> bytes:
    """The id of the build that wrote the output digests the generator's own code too, which the golden copy does not pin."""
    fields = json.loads(record)
    fields.pop("build")
    return json.dumps(fields, indent=0, sort_keys=True, ensure_ascii=False).encode()


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.relative_to(folder).parts[0] != NOT_COMPARED}


def test_sample_site_matches_the_golden_output(sample_site: Path, request: pytest.FixtureRequest):
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(sample_site, GOLDEN, ignore=lambda folder, names: [NOT_COMPARED] if folder == str(sample_site) else [])
        pytest.skip("golden output rewritten; review it with git diff tests/golden")
    built, golden = files_of(sample_site), files_of(GOLDEN)
    built[MARKER], golden[MARKER] = without_build_id(built[MARKER]), without_build_id(golden[MARKER])
    assert sorted(built) == sorted(golden), "files differ; if intended, run pytest --update-golden"
    for name, data in built.items():
        if data != golden[name]:
            diff = difflib.unified_diff(golden[name].decode(errors="replace").splitlines(),
                                        data.decode(errors="replace").splitlines(),
                                        f"golden/{name}", f"built/{name}", lineterm="", n=1)
            pytest.fail("\n".join(list(diff)[:40]) + "\n(if intended, run pytest --update-golden)")
