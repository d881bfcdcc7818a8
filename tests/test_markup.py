"""Editors' Markdown: extensions, Unicode anchors and sanitising."""
from __future__ import annotations

import re

from sitegen.render.markup import render_markdown, sanitize


def test_table_of_contents_anchors_keep_cyrillic_and_chinese():
    rendered = render_markdown("## Как подать заявку\n\ntext\n\n## 申请步骤\n\ntext\n")
    assert '<h2 id="text:как-подать-заявку">' in rendered.html and '<h2 id="text:申请步骤">' in rendered.html
    assert 'href="#text:как-подать-заявку"' in rendered.toc and 'href="#text:申请步骤"' in rendered.toc


def test_tables_and_footnotes_are_rendered():
    html = render_markdown("| a | b |\n|---|--:|\n| 1 | 2 |\n\nNote[^1]\n\n[^1]: Source.\n").html
    assert "<table>" in html and '<td style="text-align:right">2</td>' in html
    assert 'class="footnote"' in html and 'href="#text:fn:1"' in html


def test_headings_start_at_the_requested_level():
    assert "<h3" in render_markdown("# Top\n\n## Next\n", top_heading=3).html
    html = render_markdown("## Top\n\n### Next\n", top_heading=2).html
    assert "<h2" in html and "<h3" in html and "<h1" not in html


def test_scripts_handlers_and_javascript_urls_are_removed():
    html = render_markdown('<script>alert(1)</script>\n\n<p onclick="x()" style="color:red">hi</p>\n\n'
                           '[a](javascript:alert(1)) <a href="https://example.org" onmouseover="x">b</a>\n\n'
                           '<iframe src="https://evil.example"></iframe>').html
    for forbidden in ("<script", "onclick", "onmouseover", "javascript:", "<iframe", "color:red"):
        assert forbidden not in html
    assert '<a href="https://example.org">b</a>' in html


def test_links_from_the_site_root_get_the_base_urls_folder():
    html = render_markdown("![Campus](/media/campus.jpg) [About](/en/about/) [Ext](https://example.org/x) "
                           "[Same page](#top) [Other host](//cdn.example/x)", base_path="/internships/").html
    assert 'src="/internships/media/campus.jpg"' in html and 'href="/internships/en/about/"' in html
    assert 'href="https://example.org/x"' in html and 'href="#text:top"' in html and 'href="//cdn.example/x"' in html


def test_raw_html_links_and_images_from_the_site_root_get_the_base_urls_folder_too():
    html = render_markdown('Look <img src="/media/x.png" alt="X"> at <a href="/en/about/">us</a>.\n\n'
                           '<p><a href="/ru/">ru</a> <a href="//cdn.example/x">cdn</a></p>', base_path="/catalog/").html
    assert 'src="/catalog/media/x.png"' in html and 'href="/catalog/en/about/"' in html
    assert 'href="/catalog/ru/"' in html and 'href="//cdn.example/x"' in html


def test_every_image_has_an_alt_and_one_marked_decorative_gets_an_empty_one():
    html = render_markdown('![-](/a.png) <img src="/b.png" alt=" - "> ![](/c.png) <img src="/d.png" onerror="x()"> '
                           '![Campus](/e.png) <img src="/f.png" title="<img src=g>">').html
    assert re.findall(r"<img[^>]*>", html) == [
        '<img alt="" src="/a.png">', '<img src="/b.png" alt="">', '<img alt="" src="/c.png">',
        '<img alt="" src="/d.png">', '<img alt="Campus" src="/e.png">', '<img alt="" src="/f.png" title="&lt;img src=g&gt;">',
    ]


def test_html_read_back_from_the_cache_keeps_its_links_as_they_are():
    html = render_markdown("[About](/en/about/) ![-](/media/x.png)", base_path="/catalog/").html
    assert sanitize(html) == html


def test_an_image_without_a_source_or_with_an_unsafe_one_is_left_out():
    html = render_markdown('Before <img alt="Nothing"> middle <img src="javascript:alert(1)" alt="X"> after').html
    assert html == "<p>Before  middle  after</p>"


def test_an_unclosed_inline_tag_ends_with_its_paragraph_instead_of_wrapping_the_blocks_after_it():
    assert render_markdown("Text <b>bold\n\nNext paragraph\n\n- one\n- <i>two\n\nAfter").html == (
        "<p>Text <b>bold</b></p>\n<p>Next paragraph</p>\n<ul>\n<li>one</li>\n<li><i>two</i></li>\n</ul>\n<p>After</p>")
