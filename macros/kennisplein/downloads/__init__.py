"""Site -> the downloads: print-ready PDF card decks, an overview PDF and open data.

catalog.py   build_downloads(): every file, and what the downloads page says about it
decks.py     which decks exist; deck and overview laid out (templates in overrides/kennisplein/print/)
faces.py     what a printed card shows front and back; 9 cards to an A4 sheet
pdf.py       WeasyPrint: local files only, fixed identifier, the layout check for text that runs over
styles.py    where the print stylesheets are, and the theme colours (without importing WeasyPrint)
fonts.py     the open font, from PyPI
cache.py     PDFs by the hash of their inputs (data version, site address, code), so an unchanged deck is not laid out again
opendata.py  kaarten.json (+ schema), kaarten.csv, sessies.json, bronnen.json
selection.py the print page for an own selection (/kaarten/printen/)

Below pages.py: the pages import from here (what the downloads page lists, the print page's
context), never the other way round.
"""
