"""Output: everything that lands in the output folder. Pages written by worker processes, reused from the
previous build when unchanged (`cache`), the files beside them (feeds, calendars, sitemaps, open data, share
images, the status page, the search index), and publishing a finished stage so that the folder is always the
whole old site or the whole new one."""
