# Kennisplein Goed Werk: every developer and editor command. `make help` lists them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install systeem serve build controleer test test-snel bench bench-lighthouse clean

help: ## Toon alle opdrachten
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP) ## Installeer alles wat de site nodig heeft (in .venv)

systeem: ## Installeer Chromium, Java en poppler voor de tests (Debian/Ubuntu, als root)
	sh scripts/installeer-systeem.sh

serve: $(STAMP) ## Bekijk de site op http://127.0.0.1:8000, ververst bij elke wijziging
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --livereload

build: $(STAMP) ## Bouw de site streng (elke waarschuwing is een fout) in site/
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --clean

controleer: $(STAMP) ## Controleer alleen de gegevens in data/
	$(BIN)/kennisplein controleer

test: $(STAMP) systeem ## Installeer alles en draai alle tests
	$(BIN)/pytest

test-snel: $(STAMP) ## De snelle tests: zonder sitebouw, browser of Java (na elke wijziging)
	$(BIN)/pytest -m "not bouw and not browser"

bench: $(STAMP) ## Meet bouwtijd, validatie en paginagewicht met synthetische data
	$(BIN)/python -m benchmarks.bench

# Lighthouse and its few hundred packages stay in benchmarks/lighthouse/ (npm ci: exactly the
# versions in package-lock.json), never installed globally.
LIGHTHOUSE := benchmarks/lighthouse/node_modules/.bin/lighthouse
$(LIGHTHOUSE): benchmarks/lighthouse/package.json benchmarks/lighthouse/package-lock.json
	npm ci --prefix benchmarks/lighthouse --no-audit --no-fund --loglevel=error
	touch $(LIGHTHOUSE)

bench-lighthouse: $(STAMP) $(LIGHTHOUSE) ## Lighthouse op onze pagina's naast een standaard Material-pagina (npm, Chromium)
	$(BIN)/python -m benchmarks.lighthouse

clean: ## Verwijder de gebouwde site, de bewaarde PDF's en QR-codes en de virtuele omgeving
	-@test -x $(BIN)/python && $(BIN)/python -c "import pathlib, shutil; from kennisplein import caching; shutil.rmtree(caching.directory(pathlib.Path('.')), ignore_errors=True)"
	rm -rf site .cache $(VENV) benchmarks/lighthouse/node_modules
