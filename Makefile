# The two commands of the README are `make demo` and `make test`; each sets itself up first.
# Everything installs into .venv from the pinned lock files (hash-checked); nothing global but
# Debian's chromium for the browser tests.

# Compiled bytecode makes every mkdocs/kinerja subprocess in the tests start faster.
unexport PYTHONDONTWRITEBYTECODE

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO   ?= demo
PORT   ?= 8000

.PHONY: demo serve test lint typecheck unit setup setup-dev browser bench lock clean help

help:
	@echo "make demo   - siapkan lingkungan, buat repositori contoh di ./$(DEMO), bangun dan sajikan situsnya"
	@echo "make test   - siapkan lingkungan dan jalankan semua pemeriksaan dan uji"
	@echo "make bench  - jalankan tolok ukur (benchmark) skala kabupaten"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(VENV)/.runtime: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: requirements-dev.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.runtime

setup: $(VENV)/.runtime
setup-dev: $(VENV)/.dev

demo: setup
	$(BIN)/kinerja demo $(DEMO) --force
	cd $(DEMO) && ../$(BIN)/mkdocs build --strict --quiet && \
	  echo "Situs contoh: http://127.0.0.1:$(PORT)/ (Ctrl+C untuk berhenti)" && \
	  ../$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

# Debian packages the tests drive for real: chromium (pages), poppler-utils (printed PDFs),
# LibreOffice Calc and Writer headless (spreadsheets and the Laporan Kinerja documents; python3-uno
# types into a workbook through LibreOffice's own input parser) and
# openssh-client (ssh-keygen: real signing keys for the trust rule).
browser:
	@{ command -v chromium && command -v pdftotext && command -v soffice && \
	   command -v ssh-keygen && /usr/bin/python3 -c 'import uno'; } >/dev/null 2>&1 || { \
	  echo "Memasang chromium, poppler-utils, LibreOffice dan openssh-client (Debian) untuk uji..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium poppler-utils libreoffice-calc-nogui libreoffice-writer-nogui \
	    python3-uno openssh-client >/dev/null; }

lint: setup-dev
	$(BIN)/ruff check scripts tests benchmarks
	$(BIN)/ruff format --check scripts tests benchmarks

typecheck: setup-dev
	$(BIN)/mypy

unit: setup-dev browser
	$(BIN)/pytest -n 2 -q

test: lint typecheck unit

bench: setup-dev
	$(BIN)/python benchmarks/bench.py

# uv is only needed to re-lock; it is not part of the locked environment itself.
lock: setup-dev
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 --generate-hashes -o requirements-dev.lock

clean:
	rm -rf $(VENV) site $(DEMO) .pytest_cache .mypy_cache .ruff_cache .hypothesis
