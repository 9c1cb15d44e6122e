"""Make a page believe it is hidden (a locked phone), for the sound-on-time test and benchmark.

Headless Chromium never hides a page by itself; the page's own visibility properties are
replaced before its scripts run, and SET_HIDDEN flips them and fires the event.
"""

HIDDEN_SHIM = """
Object.defineProperty(Document.prototype, "visibilityState", {
  get() { return window.__hidden ? "hidden" : "visible"; },
});
Object.defineProperty(Document.prototype, "hidden", {
  get() { return Boolean(window.__hidden); },
});
"""
SET_HIDDEN = """(hidden) => {
  window.__hidden = hidden;
  document.dispatchEvent(new Event("visibilitychange"));
}"""
