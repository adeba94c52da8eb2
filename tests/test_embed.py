"""Links and embed codes (werkstijl/embed.py) and the framing headers (werkstijl/web.py)."""

from __future__ import annotations

import asyncio
from html.parser import HTMLParser

from werkstijl.embed import embed_code, quiz_url, source_label
from werkstijl.web import FramingHeaders, framing_headers, parse_origins


def test_the_link_carries_the_cleaned_source_label() -> None:
    assert quiz_url("https://quiz.example.nl/", "Blog Oktober") == (
        "https://quiz.example.nl/?src=blog-oktober"
    )
    assert quiz_url("https://quiz.example.nl", None) == "https://quiz.example.nl/"
    assert quiz_url("https://quiz.example.nl", "jan@example.com") == "https://quiz.example.nl/"
    assert quiz_url("https://q.example.nl", "ps", embed=True) == (
        "https://q.example.nl/?embed=true&src=ps"
    )


def test_the_embed_code_is_an_iframe_in_embed_mode_that_fits_a_phone() -> None:
    tags: list[tuple[str, dict[str, str | None]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append((tag, dict(attrs)))

    Collect().feed(embed_code("https://q.example.nl", "blog-ps", 'Test "quote" & <b>', "Doe"))
    [(iframe, attrs), (script, _), *_fallback] = tags
    assert (iframe, script) == ("iframe", "script")  # the script finds the frame right before it
    assert attrs["src"] == "https://q.example.nl/?embed=true&src=blog-ps"
    assert attrs["title"] == 'Test "quote" & <b>'  # escaped in the HTML, intact when parsed
    assert "height:min(780px,90vh)" in attrs["style"] and "width:100%" in attrs["style"]


def test_the_embed_code_ends_with_a_link_for_readers_whose_browser_blocks_the_frame() -> None:
    found: list[tuple[str, dict[str, str | None]]] = []
    words: list[str] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

        def handle_data(self, data):
            words.append(data)

    code = embed_code("https://q.example.nl", "blog-ps", "Test", "Doe de test <op> onze site")
    Collect().feed(code)
    assert [tag for tag, _ in found] == ["iframe", "script", "p", "a"]
    link = found[-1][1]
    assert link["href"] == "https://q.example.nl/?src=blog-ps"  # the full page, same label
    assert link["target"] == "_blank" and link["rel"] == "noopener"
    assert words[-1] == "Doe de test <op> onze site"  # escaped in the HTML, intact when read


def test_a_typed_source_label_becomes_a_clean_slug() -> None:
    assert source_label("Nieuwsbrief maart!") == "nieuwsbrief-maart"
    assert source_label("  Café Élan -- Zomer 2026 ") == "cafe-elan-zomer-2026"
    assert source_label("blog_v2.nl") == "blog_v2.nl"  # already clean: unchanged
    assert source_label("Blog Oktober") == "blog-oktober"
    assert source_label("!!!") is None and source_label("") is None and source_label(None) is None
    assert source_label("jan@example.com") is None  # personal data never becomes a label
    assert source_label("Bel 0612345678") is None
    assert len(source_label("Lang " * 40) or "") <= 60


def test_embed_origins_accept_sites_and_report_anything_else() -> None:
    good, bad = parse_origins(
        "https://www.example.nl, https://*.example.nl  http://localhost:8080 https://blog.nl/ "
        "example.nl https://blog.nl/post javascript:alert(1)"
    )
    assert good == [
        "https://www.example.nl",
        "https://*.example.nl",
        "http://localhost:8080",
        "https://blog.nl",
    ]
    assert bad == ["example.nl", "https://blog.nl/post", "javascript:alert(1)"]
    assert parse_origins("") == ([], [])


def test_by_default_only_the_app_itself_may_frame_it() -> None:
    assert dict(framing_headers([])) == {
        b"content-security-policy": b"frame-ancestors 'self'",
        b"x-frame-options": b"SAMEORIGIN",
    }
    assert dict(framing_headers(["https://blog.nl"])) == {
        b"content-security-policy": b"frame-ancestors 'self' https://blog.nl",
    }


def test_the_middleware_adds_the_headers_to_http_responses_only() -> None:
    sent: list[dict] = []

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"x-frame-options", b"ALLOWALL"), (b"content-type", b"text/html")]})  # fmt: skip
        await send({"type": "http.response.body", "body": b"ok"})

    async def collect(message):
        sent.append(message)

    middleware = FramingHeaders(app, headers=lambda: framing_headers([]))
    asyncio.run(middleware({"type": "http"}, None, collect))
    headers = sent[0]["headers"]
    assert (b"x-frame-options", b"SAMEORIGIN") in headers
    assert (b"x-frame-options", b"ALLOWALL") not in headers  # ours replace, never duplicate
    assert (b"content-type", b"text/html") in headers
    sent.clear()
    asyncio.run(middleware({"type": "websocket"}, None, collect))
    assert sent[0]["headers"][0] == (b"x-frame-options", b"ALLOWALL")  # passed on untouched


def test_links_point_at_the_public_address_or_the_app_root_never_a_staff_page() -> None:
    from werkstijl.ui.staff.share import app_address

    default = "http://localhost:8501"
    assert app_address("https://quiz.example.nl/", default, "http://intern:8501/staff-share") == (
        "https://quiz.example.nl"
    )
    assert app_address(default, default, "https://quiz.example.nl/staff-share") == (
        "https://quiz.example.nl"
    )
    assert app_address(default, default, "https://example.nl/quiz/staff") == (
        "https://example.nl/quiz"
    )
    assert app_address(default, default, "https://quiz.example.nl") == "https://quiz.example.nl"
