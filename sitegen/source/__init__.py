"""Source: read a site folder into a validated `Content`. Discover the files, parse YAML and Markdown with
their positions, validate every field into model objects (reporting every problem at path:line:col), and load
the UI translations. The dev server's memo keeps what an unchanged file gave. Nothing here knows of pages,
URLs or HTML."""
