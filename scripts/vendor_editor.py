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


def main() -> int:
    lock = json.loads((ROOT / "editor.lock.json").read_text(encoding="utf-8"))
    name, version, member = lock["package"], lock["version"], lock["file"]
    target = ROOT / "vendor" / f"{name}-{version}" / Path(member).name
    if target.is_file():
        return 0
    url = f"{REGISTRY}/{name}/-/{name.rsplit('/', 1)[-1]}-{version}.tgz"
    with urllib.request.urlopen(url, timeout=120) as response:
        tarball = response.read()
    algorithm, expected = lock["integrity"].split("-", 1)
    actual = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    if actual != expected:
        print(f"vendor_editor: {url} does not match the integrity in editor.lock.json; nothing unpacked", file=sys.stderr)
        return 1
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        data = archive.extractfile(f"package/{member}")
        if data is None:
            print(f"vendor_editor: {name}@{version} has no {member}", file=sys.stderr)
            return 1
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        partial.write_bytes(data.read())
        partial.replace(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
