"""The documented limits of editors' values: what `check` accepts, every output can write.

Each limit is wide enough for any real catalog and narrow enough for every place the value ends
up (Babel's formatting, iCalendar, Atom, sitemaps, JSON-LD, the catalog's script). docs/content.md
lists them for editors; a change here belongs there too.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

# Dates: a year outside these is a typo in a catalog of programs and news. The span also keeps
# clear of what breaks outputs: the calendar's exclusive end day and its time zone's end year
# overflow past 9998, four-digit years are what RFC 3339 and sitemaps allow, and before 1900
# time zones have local mean time offsets that calendar apps round differently.
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2199, 12, 31)

# Amounts: Babel formats with 28 significant digits, so a trillion with a currency's three
# decimals stays far inside them (and inside the 15 digits a browser's number keeps exactly).
MAX_AMOUNT = Decimal(1_000_000_000_000)

# Counts: far above any real program, far below what a browser's numbers or Babel's decimals lose.
MAX_SEATS = 1_000_000
MAX_DURATION = {"hours": 10_000, "days": 3_660, "weeks": 520, "months": 120}  # ten years, or 10,000 hours
MAX_NEWS_PER_PAGE = 100

# Lengths in characters. One-line values (titles, names) end up in <title>, calendar names and
# share images; the longer ones are plain text that may run over a few lines.
TITLE = 200         # titles and names: programs, partners, news, pages, the site, fields of study
NAME = 100          # short names, cities, menu titles, language names, phone numbers and WeChat IDs
ALT = 500           # alt text of images
SUMMARY = 300       # a program's summary, on the catalog's cards
TEXT = 1_000        # other plain texts: an article's summary, the site's description, funding, credential, what a fee includes
URL = 2_000         # web addresses: what browsers and search engines keep whole
EMAIL = 254         # what an address may be by RFC 5321
LANGUAGE_CODE = 35  # BCP 47 tags that every implementation must accept
