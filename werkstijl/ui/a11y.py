"""What Streamlit cannot say about a visitor page, said by one small script in the page.

- `<html lang>`: Streamlit always writes "en"; a screen reader then reads Dutch with English
  pronunciation. The script sets the language shown, and again after every switch.
- A new screen (the next question, the result) moves focus to its heading (the element marked
  `data-ws-view`) and is announced through a polite live region, as a page load would be.
- Controls Streamlit labels itself, in English: the star rating ("1 out of 5 stars") gets labels
  in the page's language and a group name saying which tip it rates; the language switch gets
  the `lang` of the language it names.
- Streamlit's own English words in the page (`STREAMLIT_PLACES`: "Press Enter to submit form"
  under a field, the "Skip to main content" link, the file uploader's button and limit) and the
  names it gives its controls (`STREAMLIT_ATTRIBUTES`: "Collapse sidebar", "Help for …") are
  said in the page's language. The staff pages run the same script (`staff_script`) for these
  and `<html lang>`.
- The browser's history and the screen stay one (session.history_config): the page's own Back
  is the browser's Back when the entry before is the screen it leads to (else it replaces the
  current entry), and an answer is written into its question's entry as it is given, so Back
  shows the question with the answer given, never a discarded one.

The script is the same text for every rerun of a screen, so the browser runs it only when the
language or the screen changes; a MutationObserver keeps the labels right as Streamlit redraws.
"""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from werkstijl.content.markup import plain_text
from werkstijl.content.models import LANGS, Lang
from werkstijl.ui.strings import t

VIEW_ATTR = "data-ws-view"  # marks the heading that receives focus when its screen appears
STARS = 5

SCRIPT = r"""<script>(function () {
  var d = document, ws = window.__werkstijl || (window.__werkstijl = {});
  ws.cfg = %s;
  d.documentElement.lang = ws.cfg.lang;
  var live = d.getElementById("ws-live");
  if (!live) {  /* exists before anything is announced, outside what Streamlit redraws */
    live = d.createElement("div");
    live.id = "ws-live";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    live.setAttribute("aria-atomic", "true");
    live.style.cssText = "position:absolute;width:1px;height:1px;margin:-1px;padding:0;" +
      "overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0";
    d.body.appendChild(live);
  }
  function set(el, name, value) { if (el.getAttribute(name) !== value) el.setAttribute(name, value); }
  function relabel() {
    var c = ws.cfg;
    d.querySelectorAll('[data-testid="stFeedback"] [role="radiogroup"]').forEach(function (g) {
      var box = g.parentElement, title = null;
      for (var up = 0; box && up < 8 && !title; up++, box = box.parentElement) {
        title = box.querySelector("h3");
      }
      set(g, "aria-label", title ? c.rate + ": " + title.textContent.trim() : c.rate);
      g.querySelectorAll('[role="radio"]').forEach(function (b, i) {
        if (c.stars[i]) set(b, "aria-label", c.stars[i]);
      });
    });
    d.querySelectorAll(".st-key-ws_lang button").forEach(function (b) { set(b, "lang", c.other); });
    c.places.forEach(function (place) {  /* [selector, whole node only?, [[from, to], ...]] */
      d.querySelectorAll(place[0]).forEach(function (box) {
        var walk = d.createTreeWalker(box, NodeFilter.SHOW_TEXT), node;
        while ((node = walk.nextNode())) {
          for (var i = 0; i < place[2].length; i++) {
            var text = node.nodeValue, from = place[2][i][0], to = place[2][i][1];
            if (place[1] ? text.trim() === from : text.indexOf(from) >= 0 && text.indexOf(to) < 0) {
              node.nodeValue = text.replace(from, to);
            }
          }
        }
      });
    });
    c.attrs.forEach(function (a) {  /* [attribute, from, to, whole value only?] */
      d.querySelectorAll("[" + a[0] + "]").forEach(function (el) {
        var v = el.getAttribute(a[0]);
        if (a[3] ? v === a[1] : v.indexOf(a[1]) === 0 && v.indexOf(a[2]) !== 0) {
          el.setAttribute(a[0], a[2] + v.slice(a[1].length));
        }
      });
    });
  }
  relabel();
  if (!ws.observer) {  /* React also rewrites a text in place (characterData) */
    ws.observer = new MutationObserver(relabel);
    ws.observer.observe(d.body, {childList: true, subtree: true, characterData: true,
      attributes: true, attributeFilter: ["aria-label", "placeholder"]});
  }
  function arrive(view, text, tries) {
    if (ws.view !== view) return;  /* the visitor has moved on meanwhile */
    var el = d.querySelector("[%s='" + view + "']");
    if (!el) {  /* Streamlit may still be drawing the new screen */
      if (tries < 100) setTimeout(function () { arrive(view, text, tries + 1); }, 30);
      return;
    }
    el.setAttribute("tabindex", "-1");
    el.focus();
    live.textContent = "";
    if (text) setTimeout(function () { live.textContent = text; }, 60);
  }
  /* History: each entry remembers its screen and the screen of the entry before it. */
  var me = ws.cfg.view + "|" + ws.cfg.lang, hs = history.state || {};
  if (ws.cfg.view !== null && hs.wsView !== me) {  /* an entry Streamlit has just pushed
    (or replaced); a staff page (view null) leaves history alone */
    history.replaceState(
      Object.assign({}, hs, {wsView: me, wsPrev: ws.entry === undefined ? null : ws.entry}), "");
  }
  ws.entry = me;
  function url(pairs) {  /* this URL with the visit's parameters replaced; others (embed) kept */
    var q = new URLSearchParams(location.search);
    ws.cfg.history.params.forEach(function (k) { q.delete(k); });
    pairs.forEach(function (p) { q.append(p[0], p[1]); });
    var s = q.toString();
    return location.pathname + (s ? "?" + s : "");
  }
  if (!ws.clicks) {  /* once per page: runs before Streamlit sees the click */
    ws.clicks = true;
    d.addEventListener("click", function (e) {
      var h = ws.cfg.history, btn = e.target.closest ? e.target.closest("button") : null;
      if (!h || !btn) return;
      if (h.back && btn.closest(".st-key-ws-back")) {
        e.preventDefault();
        e.stopPropagation();
        var st = history.state || {};
        if (st.wsPrev === h.backView) { history.back(); return; }
        history.replaceState({wsView: h.backView, wsPrev: st.wsPrev || null}, "", url(h.back));
        window.dispatchEvent(new PopStateEvent("popstate", {state: history.state}));
        return;
      }
      var opt = btn.closest('[class*="st-key-ws-opt-"]');
      var m = opt && /st-key-ws-opt-(\d+)-(\d+)/.exec(opt.className);
      if (m && h.picks && Number(m[1]) === h.step && h.picks[m[2]] &&
          location.pathname + location.search === url(h.here)) {
        history.replaceState(history.state, "", url(h.picks[m[2]]));
      }
    }, true);
  }
  var first = ws.view === undefined;
  if (ws.view !== ws.cfg.view) {
    ws.view = ws.cfg.view;
    /* a page load announces itself; a staff page has no screens (view null) */
    if (!first && ws.view) arrive(ws.view, ws.cfg.announce, 0);
  }
})();</script>"""


# Where Streamlit writes words of its own: (CSS selector, match a whole text only, UI-string keys).
# A key's "en" text is the words as Streamlit writes them (1.67, and the older uploader's
# "Browse files"/"Limit"); the script replaces every other language's text by the page's, so a
# switch back to English restores Streamlit's words. Longest first: a phrase that contains
# another is replaced whole. Where a person's text can appear (a file's name in the dropzone),
# only a whole text node equal to Streamlit's words is replaced.
STREAMLIT_PLACES: tuple[tuple[str, bool, tuple[str, ...]], ...] = (
    (
        '[data-testid="InputInstructions"]',  # under a text field while typing
        False,
        (
            "st_ctrl_enter_submit",
            "st_cmd_enter_submit",
            "st_enter_submit",
            "st_ctrl_enter_apply",
            "st_cmd_enter_apply",
            "st_enter_apply",
        ),
    ),
    ('a[href="#stMain"]', True, ("st_skip_link",)),  # for keyboard and screen-reader users
    (  # the uploader's limit line ("200MB per file • XLSX, CSV"; older: "Limit 200MB per file")
        '[data-testid="stFileUploaderDropzoneInstructions"]',
        False,
        ("st_drag_drop_old", "st_limit", "st_per_file"),
    ),
    (  # the uploader's button, the words shown while a file is dragged over it, file errors
        '[data-testid="stFileUploader"]',
        True,
        (
            "st_upload",
            "st_upload_dirs",
            "st_browse_files",
            "st_drag_drop_file",
            "st_drag_drop_files",
            "st_drag_drop_dirs",
            "st_file_type_not_allowed",
        ),
    ),
)


# Names Streamlit gives its controls for screen readers and tooltips (attribute, UI-string key,
# whole value only?). Not whole: a prefix before a person's own label ("Help for <label>").
STREAMLIT_ATTRIBUTES: tuple[tuple[str, str, bool], ...] = (
    ("aria-label", "st_aria_help_for", False),
    ("aria-label", "st_aria_fullscreen", False),
    ("aria-label", "st_aria_collapse_sidebar", True),
    ("aria-label", "st_aria_expand_sidebar", True),
    ("aria-label", "st_aria_sidebar", True),
    ("aria-label", "st_aria_link_heading", True),
    ("aria-label", "st_aria_file_upload", True),
    ("aria-label", "st_aria_increment", True),
    ("aria-label", "st_aria_decrement", True),
    ("aria-label", "st_aria_copy", True),
    ("aria-label", "st_aria_open", True),
    ("aria-label", "st_aria_clear", True),
    ("aria-label", "st_aria_running", True),
    ("aria-label", "st_aria_main_menu", True),
    ("placeholder", "st_choose_option", True),
)


def _attrs(lang: Lang) -> list[list[object]]:
    others = [other for other in LANGS if other != lang]
    return [
        [attribute, t(key, other), t(key, lang), whole]
        for attribute, key, whole in STREAMLIT_ATTRIBUTES
        for other in others
    ]


def _places(lang: Lang) -> list[list[object]]:
    others = [other for other in LANGS if other != lang]
    return [
        [where, whole, [[t(key, other), t(key, lang)] for key in keys for other in others]]
        for where, whole, keys in STREAMLIT_PLACES
    ]


def _config(
    lang: Lang, view: str | None, announce: str | None, history: dict[str, Any] | None
) -> dict[str, object]:
    return {
        "lang": lang,
        "other": "en" if lang == "nl" else "nl",
        "view": view,
        "announce": plain_text(announce) if announce else announce,  # read out as text
        "rate": t("rate_group", lang),
        "stars": [t("star_label", lang, n=n, of=STARS) for n in range(1, STARS + 1)],
        "history": history,
        "places": _places(lang),
        "attrs": _attrs(lang),
    }


def _run(config: dict[str, object]) -> None:
    # json.dumps escapes quotes; '<' is escaped too so content can never close the script.
    body = SCRIPT % (json.dumps(config).replace("<", "\\u003c"), VIEW_ATTR)
    with st.container(key="ws-a11y"):  # hidden by CSS (style.py, `staff_script`): shows nothing
        st.html(body, unsafe_allow_javascript=True)


def page_script(
    lang: Lang, view: str, announce: str | None, history: dict[str, Any] | None = None
) -> None:
    """Run the page script for the screen `view` (the value of its heading's `data-ws-view`);
    `announce` is what a screen reader hears when that screen replaces another; `history` is
    session.history_config (None: the page's Back and answers leave history alone)."""
    _run(_config(lang, view, announce, history))


def staff_script(lang: Lang) -> None:
    """The page script on a staff page: `<html lang>` and Streamlit's own words in `lang` (no
    screens to move focus between)."""
    st.html("<style>.st-key-ws-a11y { display: none !important; }</style>")
    _run(_config(lang, None, None, None))


def view_attr(view: str) -> str:
    """The attribute that marks a screen's heading, for HTML written by the pages."""
    return f'{VIEW_ATTR}="{view}"'
