"""Fetches the web editor's script (editor.lock.json) from the npm registry, checks the tarball against the
lock's integrity and unpacks its one dist file into vendor/ (not committed), where the build finds it.
Safe to run again: a file already unpacked for the locked version is kept."""
from __future__ import annotations

import base64
import hashlib
import io
import json
import sys
import tarfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = "https://registry.npmjs.org"


class Refused(Exception):
    """The tarball is not the one the lock pins, or lacks the file."""


def target_of(lock: dict, root: Path = ROOT) -> Path:
    return root / "vendor" / f"{lock['package']}-{lock['version']}" / Path(lock["file"]).name


def unpack(tarball: bytes, lock: dict, target: Path) -> None:
    """Check `tarball` against the lock's integrity, then write its one file to `target`."""
    algorithm, expected = lock["integrity"].split("-", 1)
    if base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode() != expected:
        raise Refused(f"the tarball of {lock['package']}@{lock['version']} does not match the integrity in editor.lock.json")
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        try:
            data = archive.extractfile(f"package/{lock['file']}")
        except KeyError:
            data = None
        if data is None:
            raise Refused(f"{lock['package']}@{lock['version']} has no {lock['file']}")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        partial.write_bytes(data.read())
        partial.replace(target)


def main() -> int:
    lock = json.loads((ROOT / "editor.lock.json").read_text(encoding="utf-8"))
    target = target_of(lock)
    if target.is_file():
        return 0
    name = lock["package"]
    url = f"{REGISTRY}/{name}/-/{name.rsplit('/', 1)[-1]}-{lock['version']}.tgz"
    with urllib.request.urlopen(url, timeout=120) as response:
        tarball = response.read()
    try:
        unpack(tarball, lock, target)
    except Refused as exc:
        print(f"vendor_editor: {exc}; nothing unpacked", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
