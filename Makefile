# news-api: `make run` serves the bundled corpus on http://127.0.0.1:8080; `make test` runs every test.
# Both install what is missing first (Debian/Ubuntu with Swift on the PATH).

SWIFT      ?= swift
HOST       ?= 127.0.0.1
PORT       ?= 8080
DATA       ?= data/seed
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PYTHON     ?= python3
SERVER      = .build/release/news-api

.PHONY: setup build run test test-unit test-contract bench corpus clean help

help:
	@echo "make run     build (release) and serve $(DATA) on http://$(HOST):$(PORT)"
	@echo "make test    unit, router, store and live-server tests, then the contract checks"
	@echo "make bench   load and throughput benchmark (see BENCHMARKS.md)"

## Installs the system packages the build needs, if they are missing.
setup:
	@if ! pkg-config --exists libmicrohttpd 2>/dev/null; then \
		echo "installing libmicrohttpd-dev and pkg-config"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libmicrohttpd-dev pkg-config; \
	fi

build: setup
	$(SWIFT) build -c release --product news-api

run: build
	$(SERVER) --host $(HOST) --port $(PORT) --data $(DATA)

test: test-unit test-contract

test-unit: setup
	$(SWIFT) test

## openapi.yaml must be valid OpenAPI 3.1.
test-contract: setup
	@$(PYTHON) -c 'import openapi_spec_validator' 2>/dev/null || $(PYTHON) -m pip install -q openapi-spec-validator
	$(PYTHON) -m openapi_spec_validator openapi.yaml

## Benchmark: release build, synthetic corpora of BENCH_SIZES articles, wrk against us, bare C and nginx.
bench: setup
	@command -v wrk >/dev/null && command -v nginx >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk nginx; }
	$(SWIFT) build -c release --product news-api
	$(SWIFT) build -c release --product corpus-gen
	@mkdir -p bench/out
	cc -O2 -o bench/out/bare bench/bare.c $$(pkg-config --cflags --libs libmicrohttpd)
	$(PYTHON) bench/run.py

clean:
	rm -rf .build
