/* The size of a printed card's text, on the print page and in presentation mode.

   A front's text that runs into its footer steps down a size, as in the PDF decks:
   window.KennispleinKaartmaat.fit(front, sizes), `sizes` the text sizes largest first (the
   page's data-tekstmaten). Written into those two pages before their cards (scripts.py), so
   presentation mode's first card is fitted before any script file (presenteren-begin.js)
   and nothing in it moves when they come; kennisplein-printen.js and
   kennisplein-presenteren.js use the same. */
(function () {
  "use strict";
  function fit(front, sizes) {
    var text = front.querySelector(".kp-kaartzijde__inhoud");
    var footer = front.querySelector(".kp-kaartzijde__voet");
    var size = sizes.findIndex(function (name) { return front.classList.contains("kp-tekstmaat--" + name); });
    while (size >= 0 && size < sizes.length - 1 &&
           text.getBoundingClientRect().bottom > footer.getBoundingClientRect().top + 0.5) {
      front.classList.replace("kp-tekstmaat--" + sizes[size], "kp-tekstmaat--" + sizes[size + 1]);
      size += 1;
    }
  }
  window.KennispleinKaartmaat = { fit: fit };
})();
