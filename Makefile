# Every target bootstraps what it needs on a fresh machine: `make demo` and `make test` are enough.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint score bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The ledger demo: the bundled examples ingested into a fresh SQLite ledger under out/demo, then its figures.
DEMO_DIR := out/demo
DEMO_DB := sqlite:///$(DEMO_DIR)/zonewatch.db
demo: install
	rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	COLUMNS=$${COLUMNS:-140} $(BIN)/zonewatch ingest examples --db $(DEMO_DB)
	COLUMNS=$${COLUMNS:-140} $(BIN)/zonewatch stats --by month --db $(DEMO_DB)
	COLUMNS=$${COLUMNS:-140} $(BIN)/zonewatch stats --by sector --db $(DEMO_DB)
	COLUMNS=$${COLUMNS:-140} $(BIN)/zonewatch projects --limit 15 --db $(DEMO_DB)
	@echo "ledger written to $(DEMO_DB); try: $(BIN)/zonewatch projects --zone CDHT --db $(DEMO_DB)"
	$(BIN)/zonewatch roundup --zone "Suzhou Industrial Park" --month 2023-06 --db $(DEMO_DB) -o $(DEMO_DIR)/roundup-suzhou-2023-06.html && echo "monthly roundup of the samples written to $(DEMO_DIR)/roundup-suzhou-2023-06.html (also: --format pdf, --lang zh)"
	@echo "to browse the ledger in a browser: make serve, then open http://127.0.0.1:8000/"

test: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

score: install
	$(BIN)/python ../shared/eval/score.py ../shared/corpus/dev ../shared/corpus/seed --lang en \
		--cmd "$(BIN)/zonewatch extract --format jsonl" -v
	$(BIN)/python ../shared/eval/score.py ../shared/corpus/dev --lang zh \
		--cmd "$(BIN)/zonewatch extract --format jsonl" -v

.PHONY: serve
# The dashboard and API over the ledger `make demo` writes (override: make serve SERVE_DB=... SERVE_PORT=...).
SERVE_DB ?= $(DEMO_DB)
SERVE_PORT ?= 8000
serve: install
	$(BIN)/zonewatch serve --db "$(SERVE_DB)" --port $(SERVE_PORT)

# Throughput, memory and query latency (an hour on 2 cores; BENCH=--quick for minutes); see docs/benchmarks.md.
BENCH ?=
bench: install
	$(BIN)/python -m benchmarks.run all $(BENCH)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
