/* Kennisplein Goed Werk: print an own selection of cards (/kaarten/printen/).
 *
 * The page holds every card as printed faces (front and back) in a <template>, rendered at
 * build time with the templates of the PDF decks. This script reads the selection from the
 * address, puts the chosen cards on A4 sheets (as many a sheet as the PDF decks; a page of fronts, then the page of
 * their backs) and prints them. Where each card goes, the crop marks and the mirrored backs
 * are all in kennisplein-kaartvel.css, the stylesheet the PDF decks use too.
 *
 *   ?kaarten=id1,id2,…   these cards, in this order (the card browser's "Print je keuze")
 *   ?thema=…&voor=…&e=…&sessie=…&q=…   every card the card browser's filter shows
 */
(function () {
  "use strict";

  const root = document.querySelector("[data-kp-printen]");
  if (!root) return;

  const PER_SHEET = Number(root.dataset.perVel);  // faces.CARDS_PER_SHEET, as the PDF decks
  const SIZES = root.dataset.tekstmaten.split(" ");
  const cards = KennispleinKaarten.prepare(root.querySelectorAll(".kp-printbron"));

  const sheetsBox = root.querySelector("#kp-vellen");
  const status = root.querySelector("#kp-printen-status");
  const printButton = root.querySelector("#kp-printen-knop");
  const withBacks = root.querySelector("#kp-printen-achterkanten");
  const backLink = root.querySelector("#kp-printen-terug");
  const marks = root.querySelector("#kp-snijtekens");

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  // The chosen cards, and the ids in the address that no card has (an old or mistyped link).
  function selection(search) {
    return KennispleinKaarten.selection(cards, search);
  }

  function face(card, side) {
    const faces = card.element.querySelector("template").content;
    return faces.querySelector(".kp-kaartzijde--" + side).cloneNode(true);
  }

  function sheet(group, side) {
    const section = document.createElement("section");
    section.className = "kp-vel kp-vel--" + side;
    section.appendChild(marks.content.cloneNode(true));
    const holder = document.createElement("div");
    holder.className = "kp-vel__kaarten";
    group.forEach(function (card) { holder.appendChild(face(card, side)); });
    section.appendChild(holder);
    return section;
  }

  // A text that runs into the footer of its front steps down a size, as in the PDF decks.
  function fit(front) {
    KennispleinKaartmaat.fit(front, SIZES); // kaartmaat.js, in the page
  }

  // On screen the A4 sheets are shown smaller, to fit the column; printing uses full size.
  // The width is the column's (the box's parent): the zoomed box's own width grows as its
  // zoom shrinks, so measuring it flipped the preview between small and full size.
  const column = sheetsBox.parentElement;
  function scale() {
    const sheetWidth = 210 * 96 / 25.4;
    sheetsBox.style.zoom = Math.min(1, column.clientWidth / sheetWidth).toFixed(3);
  }

  function render(chosen) {
    sheetsBox.textContent = "";
    sheetsBox.style.zoom = 1; // fit the texts at print size, then shrink the preview
    for (let i = 0; i < chosen.length; i += PER_SHEET) {
      const group = chosen.slice(i, i + PER_SHEET);
      sheetsBox.appendChild(sheet(group, "voor"));
      sheetsBox.appendChild(sheet(group, "achter"));
    }
    sheetsBox.querySelectorAll(".kp-kaartzijde--voor").forEach(fit);
    scale();
  }

  function tell(chosen) {
    const sheets = Math.ceil(chosen.cards.length / PER_SHEET);
    let text;
    if (chosen.cards.length) {
      text = plural(chosen.cards.length, "kaart", "kaarten") + " op " + plural(sheets, "vel", "vellen") + " A4 (" +
        plural(withBacks.checked ? 2 * sheets : sheets, "pagina", "pagina’s") + "): " +
        chosen.cards.map(function (card) { return card.element.dataset.titel; }).join(", ") + ".";
    } else if (chosen.filtered) {
      text = "Geen kaarten passen bij dit filter. Kies andere kaarten in het kaartenoverzicht.";
    } else {
      text = "Je hebt nog geen kaarten gekozen. Kies in het kaartenoverzicht de kaarten die je wilt printen, en kies daar ‘Print je keuze’.";
    }
    if (chosen.unknown.length) {
      text += " " + plural(chosen.unknown.length, "kaart bestaat", "kaarten bestaan") + " niet (meer): " +
        chosen.unknown.join(", ") + ".";
    }
    status.textContent = text;
    printButton.disabled = chosen.cards.length === 0;
  }

  // As loaded: kaarten.js keeps ?q= (the card filter) out of the address while Material starts.
  const search = KennispleinKaarten.search;

  const chosen = selection(search);
  render(chosen.cards);
  tell(chosen);
  if (chosen.filtered) backLink.href = backLink.getAttribute("href") + search;

  withBacks.addEventListener("change", function () {
    sheetsBox.classList.toggle("kp-vellen--zonder-achterkanten", !withBacks.checked);
    tell(chosen);
  });
  printButton.addEventListener("click", function () { window.print(); });
  // Any change of the column's width (a resize, a rotated phone, the menu): scale again.
  if (window.ResizeObserver) new ResizeObserver(scale).observe(column);
  else window.addEventListener("resize", scale);
})();
