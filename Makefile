# Two entry points, both safe to run on a fresh machine:
#   make build   set up .venv, install kg, build the bundled articles into output/
#   make test    set up .venv with the test extras and run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: build test clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

build: $(VENV)/.installed
	$(BIN)/kg build

# tests/test_viewer_browser.py drives Debian's chromium, with a font for Chinese; installed when missing
# (CI runs as root; elsewhere through sudo)
test: $(VENV)/.installed-test
	@if [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-wqy-microhei >/dev/null 2>&1; then \
	  if command -v apt-get >/dev/null; then \
	    sudo=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
	    $$sudo apt-get update && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-wqy-microhei; \
	  else echo "make test: no /usr/bin/chromium and no apt-get; the browser tests need one (or KG_CHROMIUM)" >&2; fi; \
	fi
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) output/graph.* .pytest_cache
