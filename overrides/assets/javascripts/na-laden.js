/* Script files after the page is in view.

   Nothing on this site needs a script to be read or used: the cards, the menu and every link
   work without. So no script file may hold up what a visitor sees, not even a deferred one: on
   a slow line (and in Lighthouse's reckoning) a script that has run before the largest paint
   counts against that paint. Material's bundle and ours stand in the page as placeholders,
   <script type="kennisplein/na-laden" data-src="…" data-…>, and this script, written into the
   end of every page, fetches them once the page has loaded (its typeface included), in the
   order they stand in, with their data attributes.

   A page whose content a script chooses (a card-browser link with a filter, a drawn card, the
   print page, Mijn kaarten with marks in this browser) has class kp-wacht on <html>
   (main.html) and keeps everything below the header out of sight until the script marked
   data-kp-toont has run (kaarten.css shows it after 3 seconds whatever happens): there the
   scripts come as soon as the page is parsed.

   Material's bundle starts its components on DOMContentLoaded, which has passed by then: it
   is given that event once more as soon as it has run (or failed). When every script has run
   (or failed), <html data-kp-geladen> says so: the browser tests wait for it. */
(function () {
  "use strict";
  var doc = document, root = doc.documentElement;

  function show() { root.classList.remove("kp-wacht"); }

  function start() {
    var placeholders = doc.querySelectorAll('script[type="kennisplein/na-laden"]');
    var waiting = placeholders.length + 1;
    function done() {
      if (--waiting) return;
      show();  // also where the script that reveals the page failed or is missing
      root.setAttribute("data-kp-geladen", "");
    }
    placeholders.forEach(function (placeholder) {
      var script = doc.createElement("script");
      for (var i = 0, a; (a = placeholder.attributes[i]); i++) {
        if (a.name !== "type" && a.name !== "data-src") script.setAttribute(a.name, a.value);
      }
      script.onload = script.onerror = function () {
        // Also when it failed: what waits for that event (the card filter's ?q=) still runs.
        if (script.hasAttribute("data-material")) doc.dispatchEvent(new Event("DOMContentLoaded", { bubbles: true }));
        if (script.hasAttribute("data-kp-toont")) show();
        done();
      };
      script.async = false;  // run in document order, as the placeholders stand
      script.src = placeholder.getAttribute("data-src");
      placeholder.replaceWith(script);
    });
    done();
  }

  // A browser may show its first frame only after `load`: wait until it has (it reports the
  // first contentful paint once that frame is on screen), or two seconds at most (a tab in
  // the background paints nothing).
  function afterFirstPaint() {
    var started = 0;
    function once() { if (!started++) setTimeout(start); }
    try {
      new PerformanceObserver(function (list, observer) {
        if (list.getEntriesByName("first-contentful-paint").length) { observer.disconnect(); once(); }
      }).observe({ type: "paint", buffered: true });
    } catch (error) { once(); }
    setTimeout(once, 2000);
  }

  if (root.classList.contains("kp-wacht")) {
    if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", start, { once: true });
    else start();
  } else if (doc.readyState === "complete") {
    afterFirstPaint();
  } else {
    window.addEventListener("load", afterFirstPaint, { once: true });
  }
})();
