"""Plan: what the site will consist of. The catalog's derived facts (status, order, who links to whom), the
one URL scheme that builds and parses every path, the theme's hashed asset names, the pages each language
gets, the programs that have calendars, and what a link inside the site may lead to. No HTML is made here."""
