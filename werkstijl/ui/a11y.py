"""What Streamlit cannot say about a visitor page, said by one small script in the page.

- `<html lang>`: Streamlit always writes "en"; a screen reader then reads Dutch with English
  pronunciation. The script sets the language shown, and again after every switch.
- A new screen (the next question, the result) moves focus to its heading (the element marked
  `data-ws-view`) and is announced through a polite live region, as a page load would be.
- Controls Streamlit labels itself, in English: the star rating ("1 out of 5 stars") gets labels
  in the page's language and a group name saying which tip it rates; the language switch gets
  the `lang` of the language it names.
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
from werkstijl.content.models import Lang
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
  }
  relabel();
  if (!ws.observer) {
    ws.observer = new MutationObserver(relabel);
    ws.observer.observe(d.body, {childList: true, subtree: true});
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
  if (hs.wsView !== me) {  /* an entry Streamlit has just pushed (or replaced) */
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
    if (!first) arrive(ws.view, ws.cfg.announce, 0);  /* a page load announces itself */
  }
})();</script>"""


def page_script(
    lang: Lang, view: str, announce: str | None, history: dict[str, Any] | None = None
) -> None:
    """Run the page script for the screen `view` (the value of its heading's `data-ws-view`);
    `announce` is what a screen reader hears when that screen replaces another; `history` is
    session.history_config (None: the page's Back and answers leave history alone)."""
    other = "en" if lang == "nl" else "nl"
    config = {
        "lang": lang,
        "other": other,
        "view": view,
        "announce": plain_text(announce) if announce else announce,  # read out as text
        "rate": t("rate_group", lang),
        "stars": [t("star_label", lang, n=n, of=STARS) for n in range(1, STARS + 1)],
        "history": history,
    }
    # json.dumps escapes quotes; '<' is escaped too so content can never close the script.
    body = SCRIPT % (json.dumps(config).replace("<", "\\u003c"), VIEW_ATTR)
    with st.container(key="ws-a11y"):  # hidden by style.py: it shows nothing
        st.html(body, unsafe_allow_javascript=True)


def view_attr(view: str) -> str:
    """The attribute that marks a screen's heading, for HTML written by the pages."""
    return f'{VIEW_ATTR}="{view}"'
