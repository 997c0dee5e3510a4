# news-api: `make run` serves the bundled corpus on http://127.0.0.1:8080; `make test` runs every test.
# Both install what is missing first (Debian/Ubuntu with Swift on the PATH).

SWIFT      ?= swift
HOST       ?= 127.0.0.1
PORT       ?= 8080
DATA       ?= data/seed
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PYTHON     ?= python3
SERVER      = .build/release/news-api

.PHONY: setup build run test test-unit test-contract test-load bench clean help

help:
	@echo "make run     build (release) and serve $(DATA) on http://$(HOST):$(PORT)"
	@echo "make test    unit, router, store and live-server tests, then the contract checks"
	@echo "make bench   load and throughput benchmark (see BENCHMARKS.md)"

## Installs the system packages the build needs, if they are missing.
setup:
	@if ! pkg-config --exists libmicrohttpd zlib 2>/dev/null; then \
		echo "installing libmicrohttpd-dev, zlib1g-dev and pkg-config"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libmicrohttpd-dev zlib1g-dev pkg-config; \
	fi

build: setup
	$(SWIFT) build -c release --product news-api

run: build
	$(SERVER) --host $(HOST) --port $(PORT) --data $(DATA)

test: test-unit test-contract test-load

test-unit: setup
	$(SWIFT) test

## Contract tests: openapi.yaml must be valid OpenAPI 3.1, and a live server (debug build, on a free
## port of 127.0.0.1, serving a copy of $(DATA) - the requests expect the seed corpus - with a
## throwaway --admin-token; always stopped at the end) must answer as it says: the requests of
## Tests/Contract/check_responses.py, then schemathesis (every check but the two that need operations
## creating or deleting resources; CONTRACT_EXAMPLES cases per operation and phase, fixed seed, stopped
## after CONTRACT_TIME_LIMIT seconds). Quiet on success; CONTRACT_VERBOSE=1 prints every check.
## Python packages missing from $(PYTHON) are pip-installed into $(CONTRACT_VENV).
SCHEMATHESIS_VERSION ?= 4.32.5
CONTRACT_VENV        ?= .build/contract-venv
CONTRACT_EXAMPLES    ?= 50
CONTRACT_SEED        ?= 20250414
CONTRACT_TIME_LIMIT  ?= 240
CONTRACT_VERBOSE     ?=
CONTRACT_PACKAGES     = openapi-spec-validator openapi-schema-validator jsonschema referencing PyYAML \
                        schemathesis==$(SCHEMATHESIS_VERSION) hypothesis==6.170.15
CONTRACT_READY        = import importlib.metadata as m, openapi_spec_validator, openapi_schema_validator, jsonschema, \
                        referencing, yaml; assert m.version("schemathesis") == "$(SCHEMATHESIS_VERSION)"

test-contract: setup
	@set -e; py='$(PYTHON)'; \
	if ! "$$py" -c '$(CONTRACT_READY)' 2>/dev/null; then \
		py='$(CONTRACT_VENV)/bin/python'; \
		if ! "$$py" -c '$(CONTRACT_READY)' 2>/dev/null; then \
			echo "installing the contract tests' Python packages into $(CONTRACT_VENV)"; \
			command -v '$(PYTHON)' >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3 python3-venv; }; \
			'$(PYTHON)' -m venv '$(CONTRACT_VENV)' 2>/dev/null || { rm -rf '$(CONTRACT_VENV)'; \
				$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && '$(PYTHON)' -m venv '$(CONTRACT_VENV)'; }; \
			"$$py" -m pip install -q --disable-pip-version-check $(CONTRACT_PACKAGES); \
			"$$py" -c '$(CONTRACT_READY)'; \
		fi; \
	fi; \
	"$$py" -m openapi_spec_validator openapi.yaml; \
	$(SWIFT) build --quiet --product news-api; \
	"$$py" Tests/Contract/run_contract.py --server "$$($(SWIFT) build --show-bin-path)/news-api" --data '$(DATA)' \
		--spec openapi.yaml --max-examples $(CONTRACT_EXAMPLES) --seed $(CONTRACT_SEED) \
		--time-limit $(CONTRACT_TIME_LIMIT) $(if $(CONTRACT_VERBOSE),--verbose)

## Load and faults on loopback (Tests/Load/run_faults.py): 1,000 slow clients beside a normal one,
## 1,024 keep-alive connections for LOAD_SECONDS, SIGTERM under load. Each scenario stops by itself.
LOAD_SECONDS ?= 30

test-load: setup
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk; }
	$(SWIFT) build --quiet --product news-api
	$(PYTHON) Tests/Load/run_faults.py --server "$$($(SWIFT) build --show-bin-path)/news-api" --data '$(DATA)' \
		--seconds $(LOAD_SECONDS)

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
