/* Kennisplein Goed Werk: the service worker that keeps the card set, presentation mode,
 * Mijn kaarten and the session guide working without a network, after a first visit.
 *
 * - What it keeps: the files in offline.json (made by the build, kennisplein/offline.py), in a
 *   cache named after their version: "kennisplein-<data version>-<hash of the files>".
 * - When it replaces them: whenever offline.json names another version (a new edition, new
 *   code). It checks on install, and whenever a page of the site opens with a network
 *   (kennisplein-offline.js asks). The new cache is filled completely before the old one is
 *   deleted.
 * - How it answers: always the network first, so an online visitor never gets an old page.
 *   The cache answers only when the network fails, or takes longer than a few seconds (poor
 *   wifi in a training room). The cache changes only as a whole, one version for another.
 * - `mkdocs serve` does not register it (kennisplein-offline.js removes an earlier one).
 *
 * No library: the three events below are all there is.
 */
"use strict";

const PREFIX = "kennisplein-";
const STATE = PREFIX + "stand"; // holds the version whose cache is complete, under VERSION_KEY
const SCOPE = self.registration.scope;
const VERSION_KEY = new URL("offline-versie", SCOPE).href;
const MANIFEST = new URL("offline.json", SCOPE).href;
const PATIENCE_MS = 4000;

let updating = null;

async function currentVersion() {
  const state = await caches.open(STATE);
  const kept = await state.match(VERSION_KEY);
  return kept ? kept.text() : null;
}

// Fetch every file of `manifest` into a new cache; only then make it the current one and
// delete the others. A failed download leaves the old cache as it was.
async function fill(manifest) {
  const name = PREFIX + manifest.versie;
  const cache = await caches.open(name);
  const requests = manifest.bestanden.map(function (path) {
    return new Request(new URL(path, SCOPE).href, { cache: "no-cache" });
  });
  try {
    await cache.addAll(requests);
  } catch (error) {
    await caches.delete(name);
    throw error;
  }
  const state = await caches.open(STATE);
  await state.put(VERSION_KEY, new Response(manifest.versie));
  const names = await caches.keys();
  await Promise.all(names.filter(function (key) {
    return key.startsWith(PREFIX) && key !== name && key !== STATE;
  }).map(function (key) { return caches.delete(key); }));
}

function update() {
  if (!updating) {
    updating = (async function () {
      const response = await fetch(MANIFEST, { cache: "no-store" });
      if (!response.ok) throw new Error("offline.json: " + response.status);
      const manifest = await response.json();
      if (manifest.versie !== await currentVersion()) await fill(manifest);
    })().finally(function () { updating = null; });
  }
  return updating;
}

async function fromCache(request) {
  const version = await currentVersion();
  if (!version) return undefined;
  const cache = await caches.open(PREFIX + version);
  // Pages are kept by their address without a query: /kaarten/presenteren/?kaarten=a,b too.
  return cache.match(request, { ignoreSearch: true });
}

async function networkFirst(event) {
  const request = event.request;
  // A page is always asked of the server (a quick "not modified" if it did not change), not
  // taken from the browser's own HTTP cache; a redirect stays the browser's to follow.
  const network = request.mode === "navigate"
    ? fetch(request.url, { cache: "no-cache", redirect: "manual", credentials: "same-origin" })
    : fetch(request);
  network.catch(function () { /* answered from the cache, below */ });
  let timer = null;
  const patience = new Promise(function (resolve) { timer = setTimeout(resolve, PATIENCE_MS); });
  try {
    const response = await Promise.race([network, patience]);
    if (response) return response;
    // The network is slow: the kept copy if there is one, else keep waiting for the network.
    return (await fromCache(request)) || (await network);
  } catch (error) {
    const cached = await fromCache(request);
    if (cached) return cached;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

self.addEventListener("install", function (event) {
  event.waitUntil(update().then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

// A page that opened with a network asks whether there is a new edition.
self.addEventListener("message", function (event) {
  if (event.data === "kennisplein-controleer") event.waitUntil(update().catch(function () { /* next time */ }));
});

self.addEventListener("fetch", function (event) {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE) || request.url.startsWith(MANIFEST)) return;
  event.respondWith(networkFirst(event));
});
