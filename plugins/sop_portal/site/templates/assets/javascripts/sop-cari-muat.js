/* Portal SOP: loads Pagefind's Component UI (its script and stylesheet) and sop-cari.js only when
 * search is used, on pages whose only search is the header's (partials/cari/aset.html, kepala.html).
 *
 * Why: on a phone those scripts were most of a SOP page's blocking time (Lighthouse, simulated
 * throttling: TBT ~250 ms, performance 94). The header shows the portal's own copy of Pagefind's
 * trigger button (same classes, styled by sop-cari.css) until then. Focus or a press on it starts
 * the load; a click or Ctrl/⌘+K opens the dialog as soon as Pagefind has drawn it, so the first
 * tap on a phone works. Pages with a search of their own in the content (home, /cari/) load it at
 * once. Without this file nothing of Pagefind loads, and the header button stays inert
 * (without JavaScript it is hidden, aset.html).
 */
(function () {
  "use strict";

  var me = document.currentScript;
  var state = "idle"; // idle -> loading -> ready
  var openWhenReady = false;
  var buttonFocused = false;

  function fallback() {
    return document.querySelector("[data-sop-cari-muat]");
  }

  function trigger() {
    return document.querySelector(".sop-cari-kepala pagefind-modal-trigger");
  }

  function whenReady() {
    state = "ready";
    var button = trigger() && trigger().buttonEl;
    // Pagefind drew its own button in place of ours: keep a keyboard user's focus on it.
    if (button && buttonFocused && (!document.activeElement || document.activeElement === document.body)) button.focus();
    if (openWhenReady) {
      openWhenReady = false;
      if (trigger() && typeof trigger().openModal === "function") trigger().openModal();
    }
  }

  function load() {
    if (state !== "idle" || !me) return;
    state = "loading";
    var pending = 3;
    function done() {
      pending -= 1;
      if (!pending) whenReady();
    }
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = me.getAttribute("data-sop-pagefind-css");
    css.onload = css.onerror = done;
    document.head.appendChild(css);
    // In this order (async = false keeps it): Pagefind defines its components, then sop-cari.js
    // wraps the instances before any of them loads the index.
    ["data-sop-pagefind-js", "data-sop-cari-js"].forEach(function (name) {
      var script = document.createElement("script");
      script.src = me.getAttribute(name);
      script.async = false;
      script.onload = script.onerror = done;
      document.head.appendChild(script);
    });
  }

  function open() {
    if (state === "ready") {
      if (trigger() && typeof trigger().openModal === "function") trigger().openModal();
      return;
    }
    openWhenReady = true;
    load();
  }

  function start() {
    // A search in the page itself (the home page's box, /cari/) needs Pagefind at once.
    if (document.querySelector("pagefind-searchbox, pagefind-config, pagefind-input[instance]")) {
      load();
      return;
    }
    var button = fallback();
    if (button) {
      button.addEventListener("focus", load);
      // Whether the keyboard was on our button when Pagefind replaced it (its removal may fire
      // blur, so the next focus elsewhere decides).
      document.addEventListener("focusin", function (event) { buttonFocused = event.target === button; });
      button.addEventListener("pointerdown", load);
      button.addEventListener("click", open);
      // When Pagefind arrives between press and release (a warm cache, a fast line) it replaces
      // the pressed button, and Chromium then sends no click at all: the release opens the
      // dialog instead. It is heard on the trigger element, which outlives both buttons.
      var holder = trigger();
      var pressed = null;
      if (holder) {
        holder.addEventListener("pointerdown", function (event) { pressed = event.target; });
        holder.addEventListener("pointercancel", function () { pressed = null; });
        holder.addEventListener("pointerup", function () {
          if (pressed && !pressed.isConnected) open();
          pressed = null;
        });
      }
      if (/Mac|iPhone|iPad/.test(navigator.platform || "")) button.setAttribute("aria-keyshortcuts", "Meta+k");
    }
    // Pagefind's shortcut (mod+k) before Pagefind is there; once it is, Pagefind handles it.
    document.addEventListener("keydown", function (event) {
      if (state === "ready" || event.key.toLowerCase() !== "k" || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      var active = document.activeElement;
      if (active && (active.tagName === "INPUT" || active.tagName === "TEXTAREA" || active.isContentEditable)) return;
      event.preventDefault();
      open();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
