/* Kennisplein Goed Werk: Dutch word endings for the site search ("gewoonten" finds "gewoonte").

   Material's search (lunr, with `lang: nl`) adds a wildcard to every word a visitor types
   ("gewoonten*"), and lunr passes such words by its stemmer: with the Dutch stemmer in the
   index, "stagiaire*" no longer found "stagiair", and without it a plural never finds its
   singular. So the index keeps the words as they are, and this worker, which runs in front
   of Material's own (main.html gives its file name as ?material=…), adds to each word of a
   query its Dutch stem from lunr-languages' stemmer: "gewoonten" is searched as
   "gewoonten gewoont", and "gewoont*" finds gewoonte, gewoontes and gewoonten. */
(function () {
  "use strict";
  var QUERY = 2;  // Material's SearchMessageType.QUERY
  var PLAIN = /^[\p{L}\p{N}'’-]+$/u;  // a word, not lunr syntax (+word, -word, field:, "…", ~, ^)

  function stem(word) {
    var nl = self.lunr && self.lunr.nl;
    if (!nl || !nl.stemmer || !PLAIN.test(word)) return null;
    var stemmed = nl.stemmer(new self.lunr.Token(word.toLowerCase())).toString();
    return stemmed.length >= 3 && stemmed !== word.toLowerCase() ? stemmed : null;
  }

  function withStems(query) {
    var extra = [];
    query.trim().split(/\s+/).forEach(function (word) {
      var stemmed = stem(word);
      if (stemmed && extra.indexOf(stemmed) < 0) extra.push(stemmed);
    });
    return extra.length ? query + " " + extra.join(" ") : query;
  }

  // Registered before Material's listener, so it sees the query first.
  addEventListener("message", function (event) {
    var message = event.data;
    if (message && message.type === QUERY && typeof message.data === "string") {
      try { message.data = withStems(message.data); } catch (error) { /* the query as typed */ }
    }
  });

  var material = new URL(location.href).searchParams.get("material");
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material || "")) throw new Error("zoeken-nl.js: onbekend Material-zoekscript");
  importScripts(material);
})();
