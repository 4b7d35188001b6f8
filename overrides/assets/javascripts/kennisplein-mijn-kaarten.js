/* Kennisplein Goed Werk: "Mijn kaarten", the visitor's own marks and notes on cards.
 *
 * Kept in this browser only (localStorage), never sent anywhere. On every card page and tile
 * a control ([data-kp-mijn="<card id>"]) marks the card with one of the statuses (the page
 * passes them in data-statussen of this script, from vocabularies.MIJN_KAARTEN_STATUSSEN) and holds
 * a short note. The page /kaarten/mijn/ ([data-kp-mijn-pagina]) lists the marked cards by
 * status, saves them to a JSON file (its schema: /downloads/mijn-kaarten.schema.json) and
 * reads such a file back; a link to share carries card ids only, never notes.
 *
 * window.KennispleinMijnKaarten = {all(), get(id), set(id, {status, notitie}), clear(),
 * exported(), check(value) -> {ok, message, kaarten}} for the page itself and for tests.
 */
(function () {
  "use strict";

  const script = document.currentScript;
  // [[id, words], …] in the order the site lists them.
  const STATUS_LIST = JSON.parse((script && script.dataset.statussen) || "[]");
  const STATUSES = {};
  STATUS_LIST.forEach(function (pair) { STATUSES[pair[0]] = pair[1]; });
  const STORE_KEY = (script && script.dataset.sleutel) || "kennisplein.mijn-kaarten"; // my_cards.STORE_KEY
  const KIND = "mijn-kaarten";
  const VERSION = 1;
  const NOTE_MAX = Number((script && script.dataset.notitieMax) || 500);
  const FILE_MAX = 2 * 1024 * 1024;
  const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

  // --- the store ------------------------------------------------------------------------

  const listeners = [];

  function read() {
    let value = null;
    try { value = JSON.parse(localStorage.getItem(STORE_KEY) || "null"); } catch (error) { value = null; }
    const cards = value && typeof value.kaarten === "object" && value.kaarten ? value.kaarten : {};
    // Whatever else stands there (an older or damaged value) is left out, not shown.
    const result = {};
    Object.keys(cards).forEach(function (id) {
      const entry = cards[id];
      if (!ID.test(id) || !entry || typeof entry !== "object") return;
      const status = STATUSES[entry.status] ? entry.status : null;
      const note = typeof entry.notitie === "string" ? entry.notitie.slice(0, NOTE_MAX) : "";
      if (status || note) result[id] = { status: status, notitie: note, gewijzigd: String(entry.gewijzigd || "") };
    });
    return result;
  }

  function write(cards) {
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify({ versie: VERSION, kaarten: cards }));
    } catch (error) {
      return false; // storage full or switched off
    }
    listeners.forEach(function (listener) { listener(); });
    return true;
  }

  function set(id, change) {
    const cards = read();
    const entry = Object.assign({ status: null, notitie: "" }, cards[id] || {}, change);
    entry.notitie = (entry.notitie || "").slice(0, NOTE_MAX);
    entry.gewijzigd = new Date().toISOString();
    if (entry.status || entry.notitie.trim()) cards[id] = entry;
    else delete cards[id];
    return write(cards);
  }

  function onChange(listener) {
    listeners.push(listener);
  }

  // Another tab changed the marks: show them here too.
  window.addEventListener("storage", function (event) {
    if (event.key === STORE_KEY || event.key === null) listeners.forEach(function (listener) { listener(); });
  });

  // --- the file: what it holds and what a file must hold (the published schema) ----------

  function exported(order, schema, site) {
    const cards = read();
    const ids = Object.keys(cards).sort(function (a, b) {
      const x = order.indexOf(a);
      const y = order.indexOf(b);
      return (x < 0 ? 1e9 : x) - (y < 0 ? 1e9 : y) || (a < b ? -1 : 1);
    });
    const value = { soort: KIND, versie: VERSION };
    if (schema) value.$schema = schema;
    if (site) value.site = site;
    value.bewaard = new Date().toISOString();
    value.kaarten = ids.map(function (id) {
      const entry = { id: id };
      if (cards[id].status) entry.status = cards[id].status;
      if (cards[id].notitie) entry.notitie = cards[id].notitie;
      if (DATE_TIME.test(cards[id].gewijzigd)) entry.gewijzigd = cards[id].gewijzigd;
      return entry;
    });
    return value;
  }

  function plain(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function only(value, keys) {
    return Object.keys(value).every(function (key) { return keys.indexOf(key) >= 0; });
  }

  // The same rules as the schema, with a Dutch message for the first one a file breaks.
  function check(value) {
    const nothing = " Er is niets veranderd.";
    if (!plain(value) || value.soort !== KIND) {
      return { ok: false, message: "Dit is geen bestand van Mijn kaarten (Kennisplein Goed Werk). Kies een bestand dat je op de pagina Mijn kaarten hebt bewaard." + nothing };
    }
    if (value.versie !== VERSION) {
      return { ok: false, message: "Dit bestand is van een andere versie van Mijn kaarten (" + JSON.stringify(value.versie) + ") dan deze site kan lezen (" + VERSION + ")." + nothing };
    }
    if (!only(value, ["$schema", "soort", "versie", "site", "bewaard", "kaarten"]) || !Array.isArray(value.kaarten) ||
        ["$schema", "site"].some(function (key) { return key in value && typeof value[key] !== "string"; }) ||
        ("bewaard" in value && !(typeof value.bewaard === "string" && DATE_TIME.test(value.bewaard)))) {
      return { ok: false, message: "Het bestand is beschadigd: het heeft niet de velden van Mijn kaarten." + nothing };
    }
    const seen = {};
    for (let i = 0; i < value.kaarten.length; i++) {
      const entry = value.kaarten[i];
      const where = "Kaart " + (i + 1) + " in het bestand";
      if (!plain(entry) || !only(entry, ["id", "status", "notitie", "gewijzigd"]) || typeof entry.id !== "string" || !ID.test(entry.id)) {
        return { ok: false, message: where + " is beschadigd (geen geldig id)." + nothing };
      }
      if (seen[entry.id]) return { ok: false, message: "De kaart '" + entry.id + "' staat twee keer in het bestand." + nothing };
      seen[entry.id] = true;
      if ("status" in entry && !STATUSES[entry.status]) {
        return { ok: false, message: where + " ('" + entry.id + "') heeft een onbekende markering: " + JSON.stringify(entry.status) + "." + nothing };
      }
      if ("notitie" in entry && (typeof entry.notitie !== "string" || !entry.notitie.length || entry.notitie.length > NOTE_MAX)) {
        return { ok: false, message: where + " ('" + entry.id + "') heeft een notitie die geen tekst is of langer dan " + NOTE_MAX + " tekens." + nothing };
      }
      if (!("status" in entry) && !("notitie" in entry)) {
        return { ok: false, message: where + " ('" + entry.id + "') heeft geen markering en geen notitie." + nothing };
      }
      if ("gewijzigd" in entry && !(typeof entry.gewijzigd === "string" && DATE_TIME.test(entry.gewijzigd))) {
        return { ok: false, message: where + " ('" + entry.id + "') heeft geen geldige datum bij 'gewijzigd'." + nothing };
      }
    }
    return { ok: true, message: "", kaarten: value.kaarten };
  }

  // --- the control on a card page and on a tile ----------------------------------------

  let counter = 0;

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function statusText(entry) {
    if (!entry) return "";
    if (entry.status) return STATUSES[entry.status] + (entry.notitie ? ", met notitie" : "");
    return "Notitie";
  }

  // The form: one status (or none) and a note. A card page has it in the page already
  // (_mijn_formulier.html, so nothing moves when this script comes); a tile gets the same
  // markup from here when it is opened (enabled by bindForm, as the page's).
  function newForm(title, mijnUrl) {
    const n = ++counter;
    const box = element("div", { class: "kp-mijn__formulier" });
    const fieldset = element("fieldset", { class: "kp-mijn__keuze" });
    const legend = element("legend", {}, "Markeer deze kaart");
    legend.appendChild(element("span", { class: "md-visually-hidden" }, ": " + title));
    fieldset.appendChild(legend);
    STATUS_LIST.map(function (pair) { return pair[0]; }).concat([""]).forEach(function (value) {
      const label = element("label", { class: "kp-mijn__optie" });
      label.appendChild(element("input", { type: "radio", name: "kp-mijn-" + n, value: value }));
      label.appendChild(document.createTextNode(" " + (value ? STATUSES[value] : "Geen markering")));
      fieldset.appendChild(label);
    });
    box.appendChild(fieldset);
    const noteId = "kp-mijn-notitie-" + n;
    const hintId = noteId + "-uitleg";
    box.appendChild(element("label", { class: "kp-mijn__label", for: noteId }, "Notitie"));
    box.appendChild(element("textarea", { id: noteId, class: "kp-mijn__notitie", rows: "3", maxlength: String(NOTE_MAX), "aria-describedby": hintId }));
    const hint = element("p", { id: hintId, class: "kp-mijn__uitleg" }, "Alleen voor jou: bewaard in deze browser, nergens anders. ");
    if (mijnUrl) hint.appendChild(element("a", { href: mijnUrl }, "Al je kaarten"));
    box.appendChild(hint);
    box.appendChild(element("p", { class: "kp-mijn__opgeslagen", role: "status", "aria-live": "polite" }));
    return box;
  }

  // Shows what is kept for card `id` in a form, and keeps what changes, as soon as it changes.
  function bindForm(box, id) {
    const fieldset = box.querySelector(".kp-mijn__keuze");
    const radios = Array.prototype.slice.call(fieldset.querySelectorAll("input[type=radio]"));
    const note = box.querySelector(".kp-mijn__notitie");
    const saved = box.querySelector(".kp-mijn__opgeslagen");
    // The card page's form waits, disabled, for this script (_mijn_formulier.html).
    fieldset.disabled = false;
    note.disabled = false;

    function show() {
      const entry = read()[id];
      radios.forEach(function (radio) { radio.checked = radio.value === ((entry && entry.status) || ""); });
      if (document.activeElement !== note) note.value = entry ? entry.notitie : "";
    }
    function done(ok, text) {
      saved.textContent = ok ? text : "Bewaren lukt niet: deze browser staat het niet toe (bijvoorbeeld in een privévenster) of is vol.";
    }
    fieldset.addEventListener("change", function (event) {
      const value = event.target.value;
      done(set(id, { status: value || null }), value ? "Gemarkeerd: " + STATUSES[value] + "." : "Markering weggehaald.");
    });
    let typing = null;
    note.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(function () { done(set(id, { notitie: note.value }), "Notitie bewaard."); }, 400);
    });
    note.addEventListener("blur", function () {
      if (typing) {
        clearTimeout(typing);
        typing = null;
        done(set(id, { notitie: note.value }), "Notitie bewaard.");
      }
    });
    show();
    onChange(show);
    return box;
  }

  function initControl(root, mijnUrl) {
    const id = root.dataset.kpMijn;
    const title = root.dataset.titel || id;
    if (root.hasAttribute("data-kp-mijn-open")) {  // a card page: the form is in the page
      bindForm(root.querySelector("[data-kp-mijn-plek] .kp-mijn__formulier"), id);
      return;
    }
    // A tile: a button that opens the form below it, and shows the card's mark.
    const button = root.querySelector(".kp-mijn__knop");
    const state = root.querySelector(".kp-mijn__stand");
    let panel = null;
    function showState() {
      const text = statusText(read()[id]);
      state.textContent = text ? ": " + text : "";
      root.classList.toggle("kp-mijn--gemarkeerd", !!text);
    }
    function close(focus) {
      if (!panel) return;
      panel.hidden = true;
      button.setAttribute("aria-expanded", "false");
      if (focus) button.focus();
    }
    button.addEventListener("click", function () {
      if (!panel) {
        panel = element("div", { class: "kp-mijn__paneel", id: "kp-mijn-paneel-" + (++counter) });
        panel.appendChild(bindForm(newForm(title, mijnUrl), id));
        const closer = element("button", { type: "button", class: "kp-knop kp-knop--licht kp-mijn__sluit" }, "Klaar");
        closer.addEventListener("click", function () { close(true); });
        panel.appendChild(closer);
        panel.addEventListener("keydown", function (event) {
          if (event.key === "Escape") {
            event.stopPropagation();
            close(true);
          }
        });
        root.appendChild(panel);
        button.setAttribute("aria-controls", panel.id);
        panel.hidden = true;
      }
      const open = panel.hidden;
      panel.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
      if (open) panel.querySelector("input").focus();
    });
    showState();
    onChange(showState);
  }

  // --- the page /kaarten/mijn/ ----------------------------------------------------------

  function initPage(page) {
    const data = page.dataset;
    const renamed = JSON.parse(data.eerdereIds || "{}");
    const tiles = {};
    const order = [];
    page.querySelectorAll("[data-kp-mijn-bron] .kp-tegel[data-id]").forEach(function (tile) {
      tiles[tile.dataset.id] = tile;
      order.push(tile.dataset.id);
    });
    const empty = page.querySelector("[data-kp-mijn-leeg]");
    const message = page.querySelector("[data-kp-mijn-melding]");
    const problem = page.querySelector("[data-kp-mijn-fout]");
    const here = data.hier || location.href.split("?")[0];

    function current(id) {
      return tiles[id] ? id : (renamed[id] && tiles[renamed[id]] ? renamed[id] : null);
    }

    function tell(text) {
      problem.textContent = "";
      message.textContent = text;
    }

    function fail(text) {
      message.textContent = "";
      problem.textContent = text;
    }

    // A tile of the hidden set, copied into a list, with the note shown under it.
    function tile(id, note) {
      const copy = tiles[id].cloneNode(true);
      copy.removeAttribute("id");
      copy.hidden = false;
      const control = copy.querySelector("[data-kp-mijn]");
      if (control) {
        const fresh = control.cloneNode(true);
        fresh.querySelectorAll(".kp-mijn__paneel").forEach(function (node) { node.remove(); });
        control.replaceWith(fresh);
        initControl(fresh, "");
      }
      if (note) {
        const text = element("p", { class: "kp-mijn__notitietekst" });
        text.appendChild(element("strong", {}, "Notitie: "));
        text.appendChild(document.createTextNode(note));
        copy.insertBefore(text, copy.querySelector("[data-kp-mijn]"));
      }
      return copy;
    }

    function links(section, ids) {
      const query = "?kaarten=" + ids.join(",");
      const print = section.querySelector("[data-kp-mijn-print]");
      const present = section.querySelector("[data-kp-mijn-presenteer]");
      const share = section.querySelector("[data-kp-mijn-deel]");
      if (print) print.href = data.printen + query;
      if (present) present.href = data.presenteren + query;
      if (share) share.dataset.adres = here + query;
    }

    function fill(section, ids, notes) {
      const list = section.querySelector("[data-kp-mijn-lijst]");
      list.textContent = "";
      ids.forEach(function (id) { list.appendChild(tile(id, notes ? notes[id] : "")); });
      const count = section.querySelector(".kp-aantal");
      if (count) count.textContent = "(" + ids.length + ")";
      section.hidden = ids.length === 0;
      links(section, ids);
    }

    function render() {
      const cards = read();
      const groups = {};
      const notes = {};
      Object.keys(cards).forEach(function (id) {
        const known = current(id);
        if (!known) return;
        notes[known] = cards[id].notitie;
        const group = cards[id].status || "notitie";
        (groups[group] = groups[group] || []).push(known);
      });
      let total = 0;
      page.querySelectorAll("[data-kp-mijn-groep]").forEach(function (section) {
        const ids = (groups[section.dataset.kpMijnGroep] || []).sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
        total += ids.length;
        fill(section, ids, notes);
      });
      empty.hidden = total > 0;
      page.querySelectorAll("[data-kp-mijn-alleen-met-kaarten]").forEach(function (node) { node.hidden = total === 0; });
    }

    // A shared link: /kaarten/mijn/?kaarten=a,b shows those cards (without anyone's notes).
    const shared = page.querySelector("[data-kp-mijn-gedeeld]");
    const asked = new URLSearchParams(location.search).get("kaarten");
    if (asked) {
      const ids = [];
      asked.split(",").forEach(function (id) {
        const known = current(id.trim());
        if (known && ids.indexOf(known) < 0) ids.push(known);
      });
      fill(shared, ids, null);
    }

    // Saving to a file, and reading one back.
    page.querySelector("[data-kp-mijn-bewaar]").addEventListener("click", function () {
      const value = exported(order, data.schema, data.site);
      const blob = new Blob([JSON.stringify(value, null, 2) + "\n"], { type: "application/json" });
      const link = element("a", { href: URL.createObjectURL(blob), download: "mijn-kaarten-" + value.bewaard.slice(0, 10) + ".json" });
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
      tell("Je kaarten zijn bewaard in het bestand " + link.download + " (" + value.kaarten.length + " " + (value.kaarten.length === 1 ? "kaart" : "kaarten") + ").");
    });

    const input = page.querySelector("[data-kp-mijn-terugzetten]");
    page.querySelector("[data-kp-mijn-kies-bestand]").addEventListener("click", function () { input.click(); });
    input.addEventListener("change", function () {
      const file = input.files && input.files[0];
      input.value = "";
      if (!file) return;
      if (file.size > FILE_MAX) return fail("Dit bestand is te groot voor Mijn kaarten (meer dan 2 MB). Er is niets veranderd.");
      file.text().then(function (text) {
        let value;
        try { value = JSON.parse(text); } catch (error) {
          return fail("Het bestand " + file.name + " kon niet worden gelezen: het is geen JSON-bestand, of het is beschadigd. Er is niets veranderd.");
        }
        const checked = check(value);
        if (!checked.ok) return fail(file.name + ": " + checked.message);
        const cards = read();
        let added = 0;
        const unknown = [];
        checked.kaarten.forEach(function (entry) {
          const id = current(entry.id);
          if (!id) return unknown.push(entry.id);
          const mine = cards[id];
          // A card marked here and in the file: the newest mark wins.
          if (mine && mine.gewijzigd && entry.gewijzigd && mine.gewijzigd > entry.gewijzigd) return;
          cards[id] = { status: entry.status || null, notitie: entry.notitie || "", gewijzigd: entry.gewijzigd || new Date().toISOString() };
          added += 1;
        });
        if (!write(cards)) return fail("Terugzetten lukt niet: deze browser staat bewaren niet toe (bijvoorbeeld in een privévenster) of is vol. Er is niets veranderd.");
        let text2 = added + " " + (added === 1 ? "kaart" : "kaarten") + " teruggezet uit " + file.name + ".";
        if (unknown.length) text2 += " " + unknown.length + " " + (unknown.length === 1 ? "kaart bestaat" : "kaarten bestaan") + " niet (meer) op deze site en " + (unknown.length === 1 ? "is" : "zijn") + " overgeslagen: " + unknown.join(", ") + ".";
        tell(text2);
      }, function () {
        fail("Het bestand " + file.name + " kon niet worden gelezen. Er is niets veranderd.");
      });
    });

    // Erasing everything, after a second, explicit yes.
    const erase = page.querySelector("[data-kp-mijn-wis]");
    const confirm = page.querySelector("[data-kp-mijn-wis-vraag]");
    const yes = page.querySelector("[data-kp-mijn-wis-ja]");
    const no = page.querySelector("[data-kp-mijn-wis-nee]");
    erase.addEventListener("click", function () {
      confirm.hidden = false;
      erase.setAttribute("aria-expanded", "true");
      no.focus();
    });
    no.addEventListener("click", function () {
      confirm.hidden = true;
      erase.setAttribute("aria-expanded", "false");
      erase.focus();
      tell("Er is niets gewist.");
    });
    yes.addEventListener("click", function () {
      try { localStorage.removeItem(STORE_KEY); } catch (error) { /* nothing stored */ }
      listeners.forEach(function (listener) { listener(); });
      confirm.hidden = true;
      erase.setAttribute("aria-expanded", "false");
      erase.focus();
      tell("Alle markeringen en notities zijn gewist uit deze browser.");
    });

    // Copying a link that carries the cards' ids only.
    page.querySelectorAll("[data-kp-mijn-deel]").forEach(function (button) {
      button.addEventListener("click", function () {
        const address = button.dataset.adres;
        const done = function () { tell("De link is gekopieerd: " + address + " (zonder je notities)."); };
        const manual = function () { tell("Kopieer deze link (zonder je notities): " + address); };
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(address).then(done, manual);
        else manual();
      });
    });

    // A change made in a list (a tile's own control) does not move that tile away under the
    // keyboard focus: the lists are drawn again once the focus has left them.
    let pending = false;
    function inList(node) {
      return node && node.closest && node.closest("[data-kp-mijn-lijst]");
    }
    function update() {
      if (page.contains(document.activeElement) && inList(document.activeElement)) {
        pending = true;
        return;
      }
      pending = false;
      render();
    }
    page.addEventListener("focusout", function (event) {
      if (pending && !inList(event.relatedTarget)) setTimeout(update, 0);
    });

    render();
    onChange(update);
  }

  // --- start ----------------------------------------------------------------------------

  function start() {
    const mijnUrl = script && script.dataset.mijn;
    document.querySelectorAll("[data-kp-mijn]").forEach(function (root) {
      if (!root.closest("[data-kp-mijn-bron]")) initControl(root, mijnUrl);
    });
    const page = document.querySelector("[data-kp-mijn-pagina]");
    if (page) initPage(page);
  }

  window.KennispleinMijnKaarten = {
    all: read,
    get: function (id) { return read()[id] || null; },
    set: set,
    clear: function () { try { localStorage.removeItem(STORE_KEY); } catch (error) { /* nothing */ } },
    exported: exported,
    check: check,
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
})();
