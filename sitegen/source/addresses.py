"""Whether a URL, an email address or a phone number is well formed, and whether a link can hold it as it is."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# A character a link (href, mailto:, tel:) cannot hold as it is, by the WHATWG URL standard: '"', '<',
# '{', a '%' that starts no escape... Browsers mend them; validators and other readers of the page do not.
_NOT_IN_LINK = re.compile(r"%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9!$&'()*+,\-./:;=?@_~#\[\]%\u0080-\U0010ffff]")
_NOT_AFTER_HOST = re.compile(r"[\[\]]")  # brackets hold an IPv6 host, and nothing else in a URL
_NOT_IN_ADDRESS = re.compile(r"[\[\]#]")  # what mailto: and tel: links cannot hold either


def _well_formed(url: str) -> bool:
    """A host that the URL's own parser finds ('https://[::1' or 'https://:80/' name none), with no empty
    name between its dots, a port below 65536, no user name or password, and one '#' at most."""
    try:
        parts = urlsplit(url)
        host, _ = parts.hostname, parts.port  # the port raises ValueError when out of range
    except ValueError:
        return False
    labels = (host or "").removesuffix(".").split(".")
    return bool(host) and "@" not in parts.netloc and "#" not in parts.fragment and (
        host.startswith("[") or ":" in host or all(labels))


def is_url(value: str) -> bool:
    return bool(_URL.match(value)) and _well_formed(value)


def is_email(value: str) -> bool:
    return bool(_EMAIL.match(value))


def url_flaw(url: str) -> str | None:
    """The first character of a well-formed http(s) URL that a link cannot hold as it is, or None."""
    after_host = url[len(urlsplit(url).netloc) + url.index("//") + 2:]
    bad = _NOT_IN_LINK.search(url.replace(" ", "")) or _NOT_AFTER_HOST.search(after_host)
    return bad.group() if bad else None


def address_flaw(address: str) -> str | None:
    """The first character of an email address or a phone number that a mailto: or tel: link cannot hold,
    or None; spaces are left to the pages, which link tel: without them."""
    bad = _NOT_IN_LINK.search(address.replace(" ", "")) or _NOT_IN_ADDRESS.search(address)
    return bad.group() if bad else None
