"""Render: one language's pages as HTML. Values resolved for that language (`localize`, `views`), editors'
Markdown made safe (`markup`, whose store of converted texts the build owns), the page head and what a share
image shows, the catalog's facets, schema.org data, QR codes, and the sandboxed Jinja environment bound to
the language (`renderer`). It returns text and never writes a file."""
