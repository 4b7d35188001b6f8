/* Kennisplein Goed Werk: presentation mode (/kaarten/presenteren/).
 *
 * One card at a time, in the design of the printed deck, as large as the screen allows. The
 * page holds every card's front inside a <template> (rendered at build time with the print
 * templates); this script picks the cards the address chooses, as the print page does:
 *
 *   ?kaarten=id1,id2,…   these cards, in this order
 *   ?thema=…&voor=…&e=…&sessie=…&q=…   every card the card browser's filter shows
 *   neither              the whole set, shuffled
 *
 * Keys: → / Space / Page Down next, ← / Page Up previous, Home / End, F full screen, Esc out.
 * Swipe on a touch screen. The order and the position are kept in sessionStorage (this tab
 * only), so a reload or a visit to a card page comes back to the same card.
 *
 * window.KennispleinPresentatie = {go(i), next(), previous(), ids(), position()} for tests and
 * `make bench`.
 */
(function () {
  "use strict";

  const root = document.querySelector("[data-kp-presentatie]");
  if (!root || !window.KennispleinKaarten) return;
  const K = window.KennispleinKaarten;

  const STATE_KEY = root.dataset.sleutel; // where this tab keeps the order and the place
  const SWIPE_PX = 50;

  const sizes = root.dataset.tekstmaten.split(" ");
  const items = K.prepare(root.querySelectorAll(".kp-presentatiebron"));
  const podium = root.querySelector("#kp-podium");
  const holder = root.querySelector("#kp-podium-kaart");
  const end = root.querySelector("#kp-einde");
  const endTitle = root.querySelector("#kp-einde-titel");
  const endText = root.querySelector("#kp-einde-tekst");
  const qr = root.querySelector("#kp-qr");
  const qrImage = root.querySelector("#kp-qr-beeld");
  const cardLink = root.querySelector("#kp-kaartlink");
  const clock = root.querySelector("#kp-klok");
  const place = root.querySelector("#kp-plek");
  const status = root.querySelector("#kp-presentatie-status");
  const previousButton = root.querySelector("#kp-vorige");
  const nextButton = root.querySelector("#kp-volgende");
  const timerChoice = root.querySelector("#kp-timer");
  const fullButton = root.querySelector("#kp-volledig");
  const stopLink = root.querySelector("#kp-stoppen");
  const again = root.querySelector("#kp-opnieuw");
  const againShuffled = root.querySelector("#kp-opnieuw-geschud");

  // As loaded: kaarten.js keeps ?q= (the card filter) out of the address while Material starts.
  const search = K.search;
  const chosen = K.selection(items, search);
  const byId = {};
  items.forEach(function (card) { byId[card.id] = card; });

  let deck = [];       // the cards in the order they are shown
  let index = 0;       // deck.length: the end of the deck
  let timer = null;    // {deadline, interval}
  let minutes = 0;

  const shuffle = K.shuffle;  // the same fair shuffle as Trek een kaart (kaarten.js)

  // --- kept state -----------------------------------------------------------------------

  function load() {
    try {
      const kept = JSON.parse(sessionStorage.getItem(STATE_KEY) || "null");
      return kept && kept.zoek === search ? kept : null;
    } catch (error) {
      return null;
    }
  }

  function save() {
    try {
      sessionStorage.setItem(STATE_KEY, JSON.stringify({
        zoek: search,
        volgorde: deck.map(function (card) { return card.id; }),
        plek: index,
        timer: minutes,
        terug: stopLink.getAttribute("href"),
      }));
    } catch (error) { /* private mode: nothing is kept */ }
  }

  // The kept order, if it holds exactly the cards this address chooses.
  function keptDeck(kept, cards) {
    if (!kept || !Array.isArray(kept.volgorde) || kept.volgorde.length !== cards.length) return null;
    const wanted = {};
    cards.forEach(function (card) { wanted[card.id] = true; });
    const order = kept.volgorde.filter(function (id, i) { return wanted[id] && kept.volgorde.indexOf(id) === i; });
    return order.length === cards.length ? order.map(function (id) { return byId[id]; }) : null;
  }

  // Where "Stoppen" goes: the page of this site that opened presentation mode, else the card
  // browser with the same filter.
  function exitAddress(kept) {
    if (kept && kept.terug) return kept.terug;
    const base = root.dataset.kaarten;
    try {
      const from = new URL(document.referrer);
      if (from.origin === location.origin && from.pathname !== location.pathname) return from.href;
    } catch (error) { /* no referrer */ }
    return base + (chosen.filtered ? search : "");
  }

  // --- showing a card -------------------------------------------------------------------

  // Every card has the printed size, so the zoom that fills the podium changes only with the
  // podium (window, full screen, the help opening in the bar), not from card to card.
  function scale() {
    window.KennispleinPodium.scale(podium, holder); // presenteren-begin.js, in the page
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function render() {
    const atEnd = index >= deck.length;
    const shown = holder.firstElementChild;
    if (atEnd) holder.textContent = "";
    holder.hidden = atEnd;
    end.hidden = !atEnd;
    previousButton.disabled = index === 0;
    nextButton.disabled = atEnd;
    if (atEnd) {
      place.textContent = "Einde";
      qr.hidden = true;
      endText.textContent = deck.length
        ? "Je hebt " + plural(deck.length, "kaart", "kaarten") + " gezien."
        : emptyText();
      again.hidden = againShuffled.hidden = !deck.length;
      status.textContent = "Einde van de stapel. " + endText.textContent;
      stopTimer();
      return;
    }
    const card = deck[index];
    // The card on the podium since the first paint (presenteren-begin.js) stays where it is.
    const front = shown && shown.dataset.kaart === card.id ? shown
      : card.element.querySelector("template").content.firstElementChild.cloneNode(true);
    if (front !== shown) {
      holder.textContent = "";
      holder.appendChild(front);
    }
    window.KennispleinKaartmaat.fit(front, sizes); // kaartmaat.js; fitting works at any zoom
    const title = card.element.dataset.titel;
    // The place in this presentation, not the card's number (its band says "Kaart N"): two
    // numbers after the same word would read as one.
    place.textContent = (index + 1) + " van " + deck.length;
    cardLink.href = card.element.dataset.url;
    showQr(card);
    if (deck[index + 1]) qrCode(deck[index + 1]); // ready before the next key
    status.textContent = (index + 1) + " van " + deck.length + ": " + title;
    startTimer();
  }

  // The QR code of a card is the one its own page carries (a data: URL made at build time):
  // read from that page, which is kept offline too, the first time the card comes near. A page
  // of 35 cards would otherwise carry every code again (88 kB, half of the page).
  const qrCodes = {};

  function qrCode(card) {
    if (!("qr" in card.element.dataset)) return Promise.resolve("");
    if (!qrCodes[card.id]) {
      qrCodes[card.id] = fetch(card.element.dataset.url).then(function (response) {
        return response.ok ? response.text() : "";
      }).then(function (html) {
        const image = new DOMParser().parseFromString(html, "text/html").querySelector(".kp-qr img");
        const src = image ? image.getAttribute("src") || "" : "";
        return src.indexOf("data:image/") === 0 ? src : "";
      }).catch(function () {
        delete qrCodes[card.id]; // try again when the network is back
        return "";
      });
    }
    return qrCodes[card.id];
  }

  function showQr(card) {
    qr.hidden = true;
    qrCode(card).then(function (src) {
      if (deck[index] !== card || !src) return;
      qrImage.src = src;
      qr.hidden = false;
    });
  }

  function emptyText() {
    if (chosen.unknown.length) return "De kaarten in dit adres bestaan niet (meer): " + chosen.unknown.join(", ") + ".";
    return "Geen kaarten passen bij dit filter.";
  }

  // The card presenteren-begin.js drew for the first paint goes on top of the shuffled deck.
  function firstOnTop(cards, id) {
    const at = cards.findIndex(function (card) { return card.id === id; });
    if (at > 0) cards.unshift(cards.splice(at, 1)[0]);
    return cards;
  }

  function go(target) {
    const next = Math.max(0, Math.min(target, deck.length));
    if (next === index && holder.firstElementChild) return;
    index = next;
    render();
    save();
  }

  function restart(shuffled) {
    if (shuffled) shuffle(deck);
    index = -1;
    go(0);
    nextButton.focus();
  }

  // --- timer ----------------------------------------------------------------------------

  function showClock(seconds) {
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    clock.textContent = "Nog " + m + ":" + (s < 10 ? "0" : "") + s;
  }

  function stopTimer() {
    if (timer) clearInterval(timer.interval);
    timer = null;
    clock.hidden = true;
    clock.classList.remove("kp-presentatie__klok--om");
  }

  function startTimer() {
    stopTimer();
    if (!minutes || index >= deck.length) return;
    const deadline = Date.now() + minutes * 60 * 1000;
    clock.hidden = false;
    showClock(minutes * 60);
    timer = {
      interval: setInterval(function () {
        const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
        if (left > 0) return showClock(left);
        clearInterval(timer.interval);
        // Said in words, on screen and to a screen reader (politely), never by sound alone.
        clock.textContent = "De tijd is om";
        clock.classList.add("kp-presentatie__klok--om");
        status.textContent = "De tijd voor deze kaart is om.";
      }, 1000),
    };
  }

  // --- full screen ----------------------------------------------------------------------

  function fullScreen() {
    return document.fullscreenElement === root;
  }

  function toggleFullScreen() {
    if (!document.fullscreenEnabled) {
      status.textContent = "Volledig scherm kan niet in deze browser. Gebruik F11.";
      return;
    }
    if (fullScreen()) document.exitFullscreen();
    else root.requestFullscreen().catch(function () {
      status.textContent = "Volledig scherm lukte niet. Gebruik F11.";
    });
  }

  document.addEventListener("fullscreenchange", function () {
    const on = fullScreen();
    fullButton.setAttribute("aria-pressed", String(on));
    fullButton.textContent = on ? "Volledig scherm uit" : "Volledig scherm";
  });

  // --- keys, buttons, swipes ------------------------------------------------------------

  // On window, in the capture phase: before Material's own shortcuts (F and S open its
  // search, N and P follow links), which have no place here.
  window.addEventListener("keydown", function (event) {
    const key = event.key;
    const space = key === " " || key === "Spacebar";
    let done = true;
    if (!K.keyForPage(event, space)) {
      done = false;
    } else if (key === "ArrowRight" || key === "PageDown" || space) {
      go(index + 1);
    } else if (key === "ArrowLeft" || key === "PageUp") {
      go(index - 1);
    } else if (key === "Home") {
      go(0);
    } else if (key === "End") {
      go(deck.length - 1);
    } else if (key === "f" || key === "F") {
      toggleFullScreen();
    } else if (key === "Escape") {
      // In full screen the browser takes Esc to leave it; otherwise it ends the presentation.
      if (!fullScreen()) location.href = stopLink.href;
    } else {
      done = false;
    }
    if (done) event.preventDefault();
    // No other shortcut of the site applies in presentation mode (Tab still moves the focus).
    if (key !== "Tab" && K.keyForPage(event, false)) event.stopPropagation();
  }, true);

  previousButton.addEventListener("click", function () { go(index - 1); });
  nextButton.addEventListener("click", function () {
    go(index + 1);
    if (index >= deck.length) endTitle.focus();
  });
  again.addEventListener("click", function () { restart(false); });
  againShuffled.addEventListener("click", function () { restart(true); });
  fullButton.addEventListener("click", toggleFullScreen);
  timerChoice.addEventListener("change", function () {
    minutes = parseInt(timerChoice.value, 10) || 0;
    startTimer();
    save();
  });

  let touch = null;
  podium.addEventListener("pointerdown", function (event) {
    touch = event.pointerType === "mouse" ? null : { x: event.clientX, y: event.clientY };
  });
  podium.addEventListener("pointerup", function (event) {
    if (!touch) return;
    const dx = event.clientX - touch.x;
    const dy = event.clientY - touch.y;
    touch = null;
    if (Math.abs(dx) > SWIPE_PX && Math.abs(dx) > 1.5 * Math.abs(dy)) go(index + (dx < 0 ? 1 : -1));
  });
  podium.addEventListener("pointercancel", function () { touch = null; });

  // The podium changes size with the window, full screen and the help that opens in the bar.
  if ("ResizeObserver" in window) new ResizeObserver(function () { scale(); }).observe(podium);
  else window.addEventListener("resize", scale);
  scale();

  // --- start ----------------------------------------------------------------------------

  const kept = load();
  const cards = chosen.chosen ? chosen.cards : items.slice();
  deck = keptDeck(kept, cards) || (chosen.chosen ? cards.slice() : firstOnTop(shuffle(cards.slice()), root.dataset.eerste));
  index = kept && deck.length && kept.plek >= 0 && kept.plek <= deck.length && keptDeck(kept, cards) ? kept.plek : 0;
  const choices = Array.prototype.map.call(timerChoice.options, function (option) { return parseInt(option.value, 10); });
  minutes = kept && choices.indexOf(kept.timer) >= 0 ? kept.timer : 0;
  timerChoice.value = String(minutes);
  stopLink.href = exitAddress(kept);
  if (!deck.length) index = 0;
  render();
  save();

  window.KennispleinPresentatie = {
    go: go,
    next: function () { go(index + 1); },
    previous: function () { go(index - 1); },
    ids: function () { return deck.map(function (card) { return card.id; }); },
    position: function () { return index; },
  };
})();
