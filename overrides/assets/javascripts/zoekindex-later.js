/* The search index only when a visitor turns to search.

   Material fetches search/search_index.json on every page it opens: with 1,000 cards that is
   more than half of what the card browser transfers, and most visitors only browse. This
   script runs before Material's and holds back that one request until the visitor focuses
   the search field (a click, a tap on the search icon, or the "/" and "s" keys, which
   focus it too) or arrives with search words in the address; Material shows "Zoeken
   initialiseren" meanwhile. Should a later Material fetch the index another way, this does
   nothing and the index loads as before. */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json(\?|$)/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var wanted = false;
  var held = [];

  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (release) { release(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.kpZoekindex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (request.kpZoekindex && !wanted) {
      held.push(function () { send.apply(request, args); });
      return;
    }
    return send.apply(request, args);
  };

  // Arriving from a search result (?h=: Material marks the words it found) or from the
  // search form of the 404 page (?q=): the index is needed right away.
  if (/[?&](h|q)=/.test(location.search)) want();

  function inSearch(target) {
    return target instanceof Element && !!target.closest("[data-md-component=search], form[name=search]");
  }
  document.addEventListener("focusin", function (event) { if (inSearch(event.target)) want(); });
  // Pointing at the search field already: the index is usually in before the first letter.
  document.addEventListener("pointerover", function (event) { if (inSearch(event.target)) want(); });
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) want();
  });
})();
