/* Keyboard access to content that scrolls sideways (WCAG 2.1.1). A table wider than the
   screen (often on a phone) gets tabindex="0", the role "region" and a name, so a keyboard
   user can focus it and scroll it with the arrow keys. Material wraps Markdown tables in
   .md-typeset__scrollwrap itself, so this runs after Material, on `document$`. */
(function () {
  "use strict";
  var MARK = "data-kp-scrollbaar";

  function update(wrap) {
    var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    if (scrolls && !wrap.hasAttribute(MARK)) {
      var caption = wrap.querySelector("caption");
      wrap.setAttribute(MARK, "");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", caption ? "Tabel: " + caption.textContent.trim() : "Tabel");
    } else if (!scrolls && wrap.hasAttribute(MARK)) {
      ["tabindex", "role", "aria-label", MARK].forEach(function (name) { wrap.removeAttribute(name); });
    }
  }

  function start() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    var observer = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
      entries.forEach(function (entry) { update(entry.target); });
    }) : null;
    wraps.forEach(function (wrap) {
      update(wrap);
      if (observer) observer.observe(wrap);
    });
  }

  // Fetched after Material's bundle (na-laden.js, in the order main.html gives).
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else {
    start();
  }
})();
