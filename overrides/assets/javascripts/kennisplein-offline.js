/* Kennisplein Goed Werk: registers the service worker (sw.js at the site's root), which keeps
 * the card set, presentation mode, Mijn kaarten and the session guide for use without a
 * network, and asks it on every page that opens with a network whether a new edition was
 * published. The page passes its address in data-sw; `mkdocs serve` passes none, and then a
 * service worker left by an earlier built copy on the same address is removed, with its
 * cache, so that a preview is never answered from an old copy.
 */
(function () {
  "use strict";

  const script = document.currentScript;
  const worker = script && script.dataset.sw;
  if (!("serviceWorker" in navigator)) return;

  if (!worker) {
    navigator.serviceWorker.getRegistrations().then(function (registrations) {
      registrations.forEach(function (registration) { registration.unregister(); });
    });
    if (window.caches) {
      caches.keys().then(function (names) {
        names.filter(function (name) { return name.indexOf("kennisplein-") === 0; })
          .forEach(function (name) { caches.delete(name); });
      });
    }
    return;
  }

  function register() {
    navigator.serviceWorker.register(worker).catch(function () {
      /* no offline copy (a private window, or a browser that refuses): the site still works */
    });
    // With a network, the service worker checks whether a new edition was published.
    if (navigator.serviceWorker.controller && navigator.onLine) {
      navigator.serviceWorker.controller.postMessage("kennisplein-controleer");
    }
  }
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
})();
