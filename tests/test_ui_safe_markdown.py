"""Content markdown without images (issue 10, finding 11); the browser proof that nothing is
fetched is in test_browser_hardening.py."""

from __future__ import annotations

from werkstijl.ui.safe_markdown import html_text, safe_markdown

PIXEL = "https://tracker.example/p.png"


def test_images_lose_their_bang_and_become_links_or_text():
    for text in (
        f"Tip ![pixel]({PIXEL}) here",
        f"![a][ref]\n\n[ref]: {PIXEL}",
        "![alone]",
        f"\\![escaped]({PIXEL})",  # an escaped backslash followed by an image
        f"[![nested]({PIXEL})](https://example.com)",
    ):
        safe = safe_markdown(text)
        assert "![" not in safe and "&#33;[" in safe


def test_text_without_images_is_left_alone():
    text = "**Vet**, een [link](https://example.com), 10:30! En [ref] of ! [ruimte](x)."
    assert safe_markdown(text) == text


def test_text_for_the_pages_html_is_escaped_on_one_line_and_has_no_image():
    text = f'Naam <b>&</b> "x"\n\n![p]({PIXEL})'
    assert html_text(text) == f"Naam &lt;b&gt;&amp;&lt;/b&gt; &quot;x&quot; &#33;[p]({PIXEL})"
