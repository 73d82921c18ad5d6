# Two commands a newcomer needs: `make demo` and `make test`. Both create .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test serve venv clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/eventwire extract examples/de_kim_putin.txt --format wire

# The example reports in a store, and the web page over it on http://127.0.0.1:8765
serve: $(STAMP)
	$(BIN)/eventwire ingest examples/ $(wildcard ../shared/examples/*.txt) --db examples.db
	$(BIN)/eventwire serve --db examples.db

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV)
