/* Presentation mode: the first card before the script files.

   kennisplein-presenteren.js comes after the page has loaded (na-laden.js); until then the
   podium would stand empty. Where that script would deal the whole set shuffled (no cards
   chosen in the address, no place kept in this tab), this one, written into the page after
   the cards, draws the first card at random and shows it once the page has loaded (before
   any script file), at the podium's size with its text fitted (kaartmaat.js, written in
   before it); its id goes in data-eerste, and the script deals the other cards behind it (a random first card
   and the rest shuffled: every order as likely as with one shuffle).

   window.KennispleinPodium.scale(podium, holder) is the one place the card's size on screen
   is reckoned: the printed card (63 × 88 mm) as large as the podium allows. */
(function () {
  "use strict";
  var CARD_HEIGHT_PX = 88 * 96 / 25.4;
  var CARD_WIDTH_PX = 63 * 96 / 25.4;

  function scale(podium, holder) {
    var style = getComputedStyle(podium);
    var height = podium.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    var width = podium.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    var zoom = Math.max(0.5, Math.min(height / CARD_HEIGHT_PX, width / CARD_WIDTH_PX));
    holder.style.zoom = zoom.toFixed(3);
  }
  window.KennispleinPodium = { scale: scale };

  var root = document.querySelector("[data-kp-presentatie]");
  var podium = document.getElementById("kp-podium");
  var holder = document.getElementById("kp-podium-kaart");
  if (!root || !podium || !holder || holder.firstElementChild || location.search) return;
  try {
    if (sessionStorage.getItem(root.dataset.sleutel)) return;  // a place kept in this tab
  } catch (error) {
    return;
  }
  var sources = root.querySelectorAll(".kp-presentatiebron");
  if (!sources.length) return;
  var source = sources[Math.floor(Math.random() * sources.length)];

  function show() {
    if (holder.firstElementChild) return;
    var front = source.querySelector("template").content.firstElementChild.cloneNode(true);
    holder.appendChild(front);
    scale(podium, holder);
    window.KennispleinKaartmaat.fit(front, root.dataset.tekstmaten.split(" "));  // kaartmaat.js
    root.setAttribute("data-eerste", source.getAttribute("data-id"));
  }
  // Once the page has loaded, typeface and all: the control bar below the card wraps in the
  // typeface it is shown in, and a card scaled to the room a stand-in font left would be
  // scaled again when the typeface comes (it moved, on a phone). Still before any script file.
  if (document.readyState === "complete") show();
  else window.addEventListener("load", show, { once: true });
})();
