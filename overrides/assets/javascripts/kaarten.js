/* Kennisplein Goed Werk: the card browser, "Trek een kaart" and the copy buttons on a card.
 *
 * Plain JavaScript, no libraries. Every card is already in the HTML; this script only hides
 * and shows cards, keeps the filter in the URL (?thema=…&voor=…&e=…&sessie=…&q=…) and copies
 * text. Without it the pages still show every card (or the first one, on "Trek een kaart").
 *
 * window.KennispleinKaarten exposes the pure filter (for `make bench` and tests), and what the
 * print page and presentation mode share: which cards an address chooses (`selection`) and a
 * fair shuffle (`shuffle`); the fitting of a printed card's text is kaartmaat.js's:
 *   const items = KennispleinKaarten.prepare(elements)  // or plain objects, see `item` below
 *   KennispleinKaarten.filter(items, {thema: "teamwerk", q: "overdracht"})  // -> matching items
 */
(function () {
  "use strict";

  // The filter's URL parameters, in the order they are written: vocabularies.FILTERVELDEN,
  // handed over by the page on this script's own tag (macro kaarten_script in _macros.html).
  const FIELDS = document.currentScript.dataset.velden.split(" ");
  const CHOICE_KEY = "kennisplein.kaarten.gekozen";

  // Lowercase without accents, so "ideeen" finds "ideeën" and "Cliënt" finds "client".
  function normalise(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function words(query) {
    return normalise(query || "").split(/\s+/).filter(Boolean);
  }

  function list(value) {
    return value ? value.split(" ") : [];
  }

  // The parts of a card a text search reads: title, text, theme and roles (not the labels of
  // its controls, or "printen" would find every card), plus data-zoek: other wordings, keywords.
  const SEARCHED = ".kp-tegel__titel, .kp-tegel__tekst, .kp-tegel__meta, .kp-kaart__titel, .kp-kaart__tekst, .kp-kaart__thema";
  // The print page and presentation mode hold each card as a printed front inside a <template>:
  // the same words stand on that front (band with the theme, title, text, roles at its foot).
  const SEARCHED_FRONT = ".kp-kaartzijde--voor .kp-kaartzijde__band, .kp-kaartzijde--voor .kp-kaartzijde__inhoud, .kp-kaartzijde--voor .kp-kaartzijde__voet";

  // One card as the filter sees it; the search text is prepared once, not per keystroke.
  function item(element) {
    const data = element.dataset;
    const template = element.querySelector("template");
    const searched = template ? template.content.querySelectorAll(SEARCHED_FRONT) : element.querySelectorAll(SEARCHED);
    const parts = Array.prototype.map.call(searched, function (part) { return part.textContent; });
    return {
      element: element,
      id: data.id,
      thema: data.thema,
      voor: list(data.voor),
      e: list(data.e),
      sessies: list(data.sessies),
      tekst: normalise(parts.join(" ") + " " + (data.zoek || "")),
    };
  }

  function prepare(elements) {
    return Array.prototype.map.call(elements, item);
  }

  function matches(card, state, queryWords) {
    if (state.thema && card.thema !== state.thema) return false;
    if (state.voor && card.voor.indexOf(state.voor) < 0) return false;
    if (state.e && card.e.indexOf(state.e) < 0) return false;
    if (state.sessie && card.sessies.indexOf(state.sessie) < 0) return false;
    for (let i = 0; i < queryWords.length; i++) {
      if (card.tekst.indexOf(queryWords[i]) < 0) return false;
    }
    return true;
  }

  // Every card that passes all filters at once; each word of the text filter must occur.
  function filter(items, state) {
    const queryWords = words(state.q);
    return items.filter(function (card) { return matches(card, state, queryWords); });
  }

  function readState(search) {
    const params = new URLSearchParams(search);
    const state = {};
    FIELDS.forEach(function (field) { state[field] = (params.get(field) || "").trim(); });
    return state;
  }

  function toQuery(state) {
    const params = new URLSearchParams();
    FIELDS.forEach(function (field) { if (state[field]) params.set(field, state[field]); });
    const query = params.toString();
    return query ? "?" + query : "";
  }

  // Material's site search opens itself when a page loads with ?q= in the URL (its way to
  // share a search), as its bundle starts. Here q is the card filter, so this script (which
  // na-laden.js runs before that bundle) keeps q out of the URL until the bundle has started
  // (it defines document$): the address a visitor loaded, and any filter they type before
  // then. The latest address comes back on DOMContentLoaded, which na-laden.js gives again
  // right after the bundle has run (or failed to come).
  let heldAddress = null;

  function holdQuery(address, state, push) {
    const full = new URL(address, location.href);
    const url = new URL(full);
    url.searchParams.delete("q");
    (push ? history.pushState : history.replaceState).call(history, state, "", url.href);
    if (heldAddress === null) {
      document.addEventListener("DOMContentLoaded", function () {
        history.replaceState(history.state, "", heldAddress);
        heldAddress = null;
      }, { once: true });
    }
    heldAddress = full.pathname + full.search + full.hash;
  }

  function hideQueryFromSiteSearch() {
    if (new URL(location.href).searchParams.has("q") && !window.document$) holdQuery(location.href, history.state, false);
  }

  function isEmpty(state) {
    return FIELDS.every(function (field) { return !state[field]; });
  }

  // The cards an address chooses, as the print page and presentation mode read it:
  //   ?kaarten=id1,id2,…  these cards, in this order (ids no card has are named in `unknown`)
  //   ?thema=…&voor=…&e=…&sessie=…&q=…  every card the card browser's filter shows
  // With neither, `cards` is empty and `chosen` false: each page decides what that means.
  function selection(items, search) {
    const params = new URLSearchParams(search);
    if (params.has("kaarten")) {
      const byId = {};
      items.forEach(function (card) { byId[card.id] = card; });
      const ids = [];
      params.get("kaarten").split(",").forEach(function (id) {
        id = id.trim();
        if (id && ids.indexOf(id) < 0) ids.push(id);
      });
      return {
        cards: ids.filter(function (id) { return byId[id]; }).map(function (id) { return byId[id]; }),
        unknown: ids.filter(function (id) { return !byId[id]; }),
        filtered: false,
        chosen: true,
      };
    }
    const state = readState(search);
    const any = !isEmpty(state);
    return { cards: any ? filter(items, state) : [], unknown: [], filtered: any, chosen: any };
  }


  // Keys a page handles itself (draw, next card) only when the focus is not on a control
  // that uses that key: a field, a list, a button or link (Space presses those).
  function keyForPage(event, space) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return false;
    const target = event.target;
    const tag = target && target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || (target && target.isContentEditable)) return false;
    if (space && (tag === "BUTTON" || tag === "A" || tag === "SUMMARY" || tag === "LABEL")) return false;
    return true;
  }

  function plural(n, one, many) {
    return n === 1 ? one : many;
  }

  // The filter form, kept in step with the URL. `onChange(state)` runs after every change,
  // also after back/forward. Choosing in a list adds a history entry; typing replaces the
  // entry of the search it continues, so back goes to before the search, not per letter.
  function filterForm(form, onChange, initialSearch) {
    const controls = {};
    FIELDS.forEach(function (field) { controls[field] = form.elements[field]; });
    let lastField = null;

    function state() {
      const result = {};
      FIELDS.forEach(function (field) { result[field] = controls[field].value.trim(); });
      return result;
    }

    function show(values) {
      FIELDS.forEach(function (field) {
        const control = controls[field];
        control.value = values[field] || "";
        // A value the list does not know (an old or mistyped link) means: no filter.
        if (control.tagName === "SELECT" && control.value !== (values[field] || "")) control.value = "";
      });
    }

    function changed(field) {
      const current = state();
      const url = location.pathname + toQuery(current) + location.hash;
      const push = !(field === "q" && lastField === "q");
      if (!window.document$ && (current.q || heldAddress !== null)) holdQuery(url, current, push);
      else if (push) history.pushState(current, "", url);
      else history.replaceState(current, "", url);
      lastField = field;
      onChange(current, field);
    }

    form.addEventListener("input", function (event) {
      if (event.target.name === "q") changed("q");
    });
    form.addEventListener("change", function (event) {
      if (event.target.tagName === "SELECT") changed(event.target.name);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      clear();
    });
    function clear() {
      show({});
      changed("reset");
      controls.q.focus();
    }
    window.addEventListener("popstate", function () {
      lastField = null;
      const fromUrl = readState(location.search);
      show(fromUrl);
      onChange(state(), "history");
    });

    show(readState(initialSearch));
    return { state: state, clear: clear };
  }

  // --- the card browser: /kaarten/ -------------------------------------------------------

  function initBrowser(root) {
    const form = root.querySelector("[data-kp-filter]");
    const items = prepare(root.querySelectorAll(".kp-tegel[data-id]"));
    const total = items.length;
    const groups = Array.prototype.map.call(root.querySelectorAll(".kp-kaarten__groep"), function (section) {
      const heading = section.querySelector("h2[id]");
      // The theme's entries in Material's tables of contents (page side and phone menu),
      // which count the cards too.
      const tocLinks = heading ? document.querySelectorAll('.md-nav--secondary a[href="#' + heading.id + '"]') : [];
      return {
        section: section,
        count: section.querySelector(".kp-aantal"),
        toc: Array.prototype.map.call(tocLinks, function (link) {
          return { item: link.closest("li"), text: link.querySelector(".md-ellipsis") || link };
        }),
        items: items.filter(function (card) { return section.contains(card.element); }),
      };
    });
    const status = root.querySelector("#kp-resultaat");
    const empty = root.querySelector(".kp-geen");
    const trekLinks = root.querySelectorAll("[data-kp-trek-link]");
    const trekBase = trekLinks.length ? trekLinks[0].getAttribute("href").split("?")[0] : "trek/";
    const printLink = root.querySelector("#kp-print");
    const printBase = printLink.getAttribute("href").split("?")[0];
    const printShown = root.querySelector("#kp-print-getoond");
    const choicePanel = root.querySelector(".kp-keuze");
    // With nothing found, the page's table of contents would be an empty "Inhoudsopgave".
    const tables = document.querySelectorAll(".md-sidebar--secondary, .md-nav--secondary");
    const presentLinks = document.querySelectorAll("[data-kp-presenteer]");
    const presentBase = presentLinks.length ? presentLinks[0].getAttribute("href").split("?")[0] : "presenteren/";
    let filterQuery = "";
    const choiceStatus = root.querySelector("#kp-keuze-status");
    const chooseAll = root.querySelector("#kp-kies-alle");
    const clearChoice = root.querySelector("#kp-wis-keuze");
    const boxes = {};
    items.forEach(function (card) { boxes[card.id] = card.element.querySelector(".kp-kies"); });
    let shown = items;
    let announceTimer = null;

    function announce(text, delay) {
      clearTimeout(announceTimer);
      // While someone types, wait for a pause: a screen reader should not read every count.
      if (delay) announceTimer = setTimeout(function () { status.textContent = text; }, delay);
      else status.textContent = text;
    }

    // The choice survives a visit to the print page and back (same tab only).
    function remember() {
      try {
        sessionStorage.setItem(CHOICE_KEY, JSON.stringify(chosen().map(function (card) { return card.id; })));
      } catch (error) { /* private mode: the choice just is not kept */ }
    }

    function recall() {
      let ids = [];
      try { ids = JSON.parse(sessionStorage.getItem(CHOICE_KEY) || "[]"); } catch (error) { ids = []; }
      ids.forEach(function (id) { if (boxes[id]) boxes[id].checked = true; });
    }

    function chosen() {
      return items.filter(function (card) { return boxes[card.id] && boxes[card.id].checked; });
    }

    function updateChoice() {
      const picked = chosen();
      const cards = picked.length ? picked : shown;
      if (picked.length) {
        choiceStatus.textContent = picked.length + " " + plural(picked.length, "kaart", "kaarten") + " gekozen.";
        printLink.textContent = "Print je keuze (" + picked.length + ")";
      } else {
        choiceStatus.textContent = "nog geen kaarten gekozen. Vink kaarten aan, of print alle getoonde kaarten.";
        printLink.textContent = "Print de getoonde kaarten (" + shown.length + ")";
      }
      if (cards.length) {
        printLink.href = printBase + "?kaarten=" + cards.map(function (card) { return card.id; }).join(",");
        printLink.removeAttribute("aria-disabled");
      } else {
        printLink.removeAttribute("href");
        printLink.setAttribute("aria-disabled", "true");
      }
      // "Print deze kaarten" prints what is shown; the choice panel is there once a card is ticked.
      printShown.href = printBase + "?kaarten=" + shown.map(function (card) { return card.id; }).join(",");
      printShown.hidden = shown.length === 0;
      choicePanel.hidden = picked.length === 0;
      clearChoice.disabled = picked.length === 0;
      chooseAll.disabled = shown.length === 0;
      // Presenting: the ticked cards in their order, else the filter, else the whole set shuffled.
      const presentQuery = picked.length ? "?kaarten=" + picked.map(function (card) { return card.id; }).join(",") : filterQuery;
      presentLinks.forEach(function (link) { link.href = presentBase + presentQuery; });
      remember();
    }

    function apply(state, field) {
      const queryWords = words(state.q);
      const visible = [];
      for (let i = 0; i < items.length; i++) {
        const card = items[i];
        const ok = matches(card, state, queryWords);
        if (card.element.hidden === ok) card.element.hidden = !ok;
        if (ok) visible.push(card);
      }
      shown = visible;
      groups.forEach(function (group) {
        let n = 0;
        for (let i = 0; i < group.items.length; i++) if (!group.items[i].element.hidden) n++;
        group.section.hidden = n === 0;
        group.count.textContent = "(" + n + ")";
        group.toc.forEach(function (entry) {
          entry.item.hidden = n === 0;
          entry.text.textContent = entry.text.textContent.replace(/\(\d+\)(\s*)$/, "(" + n + ")$1");
        });
      });
      empty.hidden = visible.length > 0;
      tables.forEach(function (table) { table.hidden = visible.length === 0; });
      trekLinks.forEach(function (link) { link.hidden = visible.length === 0; });
      let text;
      if (isEmpty(state)) text = "Alle " + total + " kaarten op deze site.";
      else if (!visible.length) text = "Geen kaarten gevonden.";
      else text = visible.length + " van de " + total + " " + plural(total, "kaart", "kaarten") + ".";
      // Not every card has an E: say so when the E filter is on, or "2 for Ethiek" misleads.
      if (state.e && root.dataset.metE) text += " Alleen " + root.dataset.metE + " kaarten hebben een E.";
      announce(text, field === "q" ? 600 : 0);
      const query = toQuery(state);
      trekLinks.forEach(function (link) { link.href = trekBase + query; });
      filterQuery = query;
      updateChoice();
      return visible.length;
    }

    recall();
    const controller = filterForm(form, apply, initialSearch);
    root.addEventListener("change", function (event) {
      if (event.target.classList.contains("kp-kies")) updateChoice();
    });
    chooseAll.addEventListener("click", function () {
      shown.forEach(function (card) { if (boxes[card.id]) boxes[card.id].checked = true; });
      updateChoice();
    });
    clearChoice.addEventListener("click", function () {
      items.forEach(function (card) { if (boxes[card.id]) boxes[card.id].checked = false; });
      updateChoice();
      chooseAll.focus();
    });
    root.querySelectorAll("[data-kp-wis]").forEach(function (button) {
      button.addEventListener("click", controller.clear);
    });
    apply(controller.state(), "load");
    return {
      items: items,
      apply: function (state) { return apply(Object.assign(readState(""), state), "bench"); },
    };
  }

  // --- "Trek een kaart": /kaarten/trek/ ---------------------------------------------------

  function shuffle(array) {
    for (let i = array.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      const swap = array[i];
      array[i] = array[j];
      array[j] = swap;
    }
    return array;
  }

  // The deck of "Trek een kaart" survives opening a drawn card and coming back (and a
  // reload), in this tab only: the cards still in the deck and the one on the table.
  const DECK_KEY = "kennisplein.trek";

  // "Getrokken: Wat leerde je van wie? Nog 33 …": no full stop after a title that ends in one.
  function sentence(text) {
    return /[.?!…]$/.test(text) ? text : text + ".";
  }

  function initTrek(root) {
    const form = root.querySelector("[data-kp-filter]");
    const details = form.closest("details");
    const items = prepare(root.querySelectorAll(".kp-trek__kaart"));
    const next = root.querySelector("#kp-volgende");
    const status = root.querySelector("#kp-resultaat");
    const empty = root.querySelector(".kp-geen");
    const overview = root.querySelector("[data-kp-overzicht-link]");
    const overviewBase = overview.getAttribute("href").split("?")[0];
    const presentLinks = document.querySelectorAll("[data-kp-presenteer]");
    const presentBase = presentLinks.length ? presentLinks[0].getAttribute("href").split("?")[0] : "../presenteren/";
    let pool = [];
    let deck = [];
    let current = null;
    let query = "";

    function save() {
      try {
        sessionStorage.setItem(DECK_KEY, JSON.stringify({
          filter: query,
          stapel: deck.map(function (card) { return card.id; }),
          tafel: current ? current.id : null,
        }));
      } catch (error) { /* private mode: the deck is just not kept */ }
    }

    // The kept deck, if it was drawn from these same cards; else null.
    function restored() {
      let kept;
      try { kept = JSON.parse(sessionStorage.getItem(DECK_KEY) || "null"); } catch (error) { kept = null; }
      if (!kept || kept.filter !== query || !Array.isArray(kept.stapel)) return null;
      const byId = {};
      pool.forEach(function (card) { byId[card.id] = card; });
      const ids = kept.stapel.concat(kept.tafel ? [kept.tafel] : []);
      const unique = ids.filter(function (id, i) { return ids.indexOf(id) === i; });
      if (unique.length !== ids.length || !ids.every(function (id) { return byId[id]; })) return null;
      return { deck: kept.stapel.map(function (id) { return byId[id]; }), current: kept.tafel ? byId[kept.tafel] : null };
    }

    function show(card) {
      if (current && current !== card) current.element.hidden = true;
      if (card) card.element.hidden = false;
      current = card;
    }

    // Draw without putting back, like a real deck; when the deck is empty, shuffle a new one
    // without the card on the table, so the same card never comes twice in a row.
    function draw() {
      if (!pool.length) return;
      if (!deck.length) deck = shuffle(pool.filter(function (card) { return card !== current || pool.length === 1; }));
      show(deck.pop());
      tell();
      save();
    }

    function tell() {
      const title = current.element.querySelector(".kp-kaart__titel").textContent.trim();
      status.textContent = "Getrokken: " + sentence(title) + " Nog " + deck.length + " van de " + pool.length + " " +
        plural(pool.length, "kaart", "kaarten") + " in de stapel.";
    }

    function apply(state, field) {
      pool = filter(items, state);
      query = toQuery(state);
      // A card that no longer fits the filter leaves the table.
      if (current && pool.indexOf(current) < 0) current = null;
      items.forEach(function (card) { if (card !== current) card.element.hidden = true; });
      empty.hidden = pool.length > 0;
      next.disabled = pool.length === 0;
      overview.href = overviewBase + query;
      presentLinks.forEach(function (link) { link.href = presentBase + query; });
      if (!pool.length) {
        status.textContent = "Er zijn geen kaarten met deze filters.";
        return;
      }
      const kept = field === "load" ? restored() : null;
      if (kept) {
        deck = kept.deck;
        show(kept.current);
        if (current) return tell();
        return draw();
      }
      deck = shuffle(pool.filter(function (card) { return card !== current; }));
      if (current) {
        tell();
        save();
      } else {
        draw();
      }
    }

    const controller = filterForm(form, apply, initialSearch);
    if (!isEmpty(controller.state())) details.open = true;
    next.addEventListener("click", draw);
    // Space or the right arrow draws a card, as in presentation mode (not while a control
    // that uses the key has the focus).
    window.addEventListener("keydown", function (event) {
      const space = event.key === " " || event.key === "Spacebar";
      if ((space || event.key === "ArrowRight") && keyForPage(event, space) && !next.disabled) {
        event.preventDefault();
        draw();
      }
    });
    root.querySelectorAll("[data-kp-wis]").forEach(function (button) {
      button.addEventListener("click", controller.clear);
    });
    apply(controller.state(), "load");
  }

  // --- copy buttons on a card page -----------------------------------------------------

  function copyWithSelection(text) {
    // For pages without the Clipboard API (e.g. an intranet copy over plain http).
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function selectElement(element) {
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function initCopy(button, status) {
    button.addEventListener("click", function () {
      const text = button.dataset.kpKopieer;
      const target = document.getElementById(button.dataset.kpDoel);
      function done() {
        status.textContent = button.dataset.kpGelukt;
      }
      function failed() {
        if (copyWithSelection(text)) return done();
        // Last resort: select the visible text and say how to copy it by hand.
        if (target) selectElement(target);
        status.textContent = "Kopiëren lukt niet automatisch in deze browser. De tekst is geselecteerd: druk op Ctrl+C (op een Mac: Cmd+C) om hem te kopiëren.";
      }
      status.textContent = "";
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, failed);
      } else {
        failed();
      }
    });
  }

  // --- start ---------------------------------------------------------------------------

  const api = {
    FIELDS: FIELDS,
    normalise: normalise,
    prepare: prepare,
    matches: matches,
    filter: filter,
    readState: readState,
    toQuery: toQuery,
    selection: selection,
    shuffle: shuffle,
    keyForPage: keyForPage,
    initBrowser: initBrowser,  // for a benchmark on a page with many more tiles
    browser: null,  // the card browser on this page: {items, apply(state) -> number shown}
  };
  window.KennispleinKaarten = api;

  // The address's query as loaded, q and all (the print page and presentation mode read it:
  // q leaves the address below while Material starts, on every page where q is the filter).
  const initialSearch = location.search;
  api.search = initialSearch;
  if (document.querySelector("[data-kp-filter], [data-kp-printen], [data-kp-presentatie]")) hideQueryFromSiteSearch();

  const browser = document.querySelector("[data-kp-browser]");
  if (browser) api.browser = initBrowser(browser);
  const trek = document.querySelector("[data-kp-trek]");
  if (trek) initTrek(trek);
  const copyStatus = document.getElementById("kp-kopieer-status");
  document.querySelectorAll("[data-kp-kopieer]").forEach(function (button) { initCopy(button, copyStatus); });
})();
