# news-api: `make run` serves the bundled corpus on http://127.0.0.1:8080; `make test` runs every test.
# Both install what is missing first (Debian/Ubuntu with Swift on the PATH).

SWIFT      ?= swift
HOST       ?= 127.0.0.1
PORT       ?= 8080
DATA       ?= data/seed
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PYTHON     ?= python3
SERVER      = .build/release/news-api

.PHONY: setup build run lint format test test-unit test-contract test-browser test-load test-manifests test-cluster bench clean help eval-linking \
        test-fuzz test-fuzz-replay test-fuzz-run test-sanitize test-asan test-tsan

help:
	@echo "make run     build (release) and serve $(DATA) on http://$(HOST):$(PORT)"
	@echo "make test    unit, router, store and live-server tests, fuzzing, the contract checks, load scripts,"
	@echo "             the Kubernetes manifests' validation and the cluster test (3 replicas behind nginx)"
	@echo "make bench   load and throughput benchmark (see BENCHMARKS.md)"
	@echo "make format  format every Swift file (make lint, run by make test, fails on an unformatted one)"
	@echo "make test-fuzz      replay the fuzz corpus and regressions, then fuzz each target (FUZZ_SECONDS in all)"
	@echo "make test-sanitize  the test suite under AddressSanitizer and ThreadSanitizer"
	@echo "make eval-linking   entity linking on the labelled texts of Tests/Linking: precision, recall, every miss"

## Installs the system packages the build needs, if they are missing.
setup:
	@if ! pkg-config --exists libmicrohttpd zlib libzstd 2>/dev/null; then \
		echo "installing libmicrohttpd-dev, zlib1g-dev, libzstd-dev and pkg-config"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libmicrohttpd-dev zlib1g-dev libzstd-dev pkg-config; \
	fi

build: setup
	$(SWIFT) build -c release --product news-api

run: build
	@echo "dashboard: http://$(HOST):$(PORT)/dashboard/"
	$(SERVER) --host $(HOST) --port $(PORT) --data $(DATA) --dashboard web

## `make test` is what CI runs (.ci/run adds `make test-sanitize`). The fuzz step replays every saved input, then
## fuzzes each target for FUZZ_SECONDS in all (its libFuzzer build took 3.5 minutes from cold on two cores).
test: lint test-unit test-fuzz test-contract test-browser test-load test-manifests test-cluster

## One format for every Swift file (.swift-format, the toolchain's `swift format`): `make lint` fails on a file
## that is not in it, naming the file and line; `make format` rewrites the tree in place.
lint:
	@out=$$($(SWIFT) format lint --strict --recursive --parallel Sources Tests 2>&1); \
	if [ -n "$$out" ]; then printf '%s\n' "$$out"; echo "swift format: the files above are not formatted; run make format"; exit 1; fi

format:
	$(SWIFT) format format --in-place --recursive --parallel Sources Tests

test-unit: setup
	$(SWIFT) test

## Entity linking on the labelled texts of Tests/Linking/linking-eval.txt (the seed's entities and the world
## gazetteer): prints precision, recall and every miss; fails below precision 0.97 or recall 0.95. `make test`
## runs the same suite within `swift test`.
eval-linking: setup
	@out="$$($(SWIFT) test --filter LinkingEvaluationTests 2>&1)"; status=$$?; \
	printf '%s\n' "$$out" | sed -n '/^linking evaluation/,/Test precisionAndRecall.*after/p'; \
	if [ $$status -ne 0 ]; then printf '%s\n' "$$out" | tail -n 30; fi; exit $$status

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

## The dashboard in a real browser (Tests/Browser/run_browser.py): Debian's chromium (apt; Playwright never downloads
## a browser) driven by Playwright for Python against the debug server on a free port of 127.0.0.1 serving $(DATA) and
## web/ (always stopped at the end). Fails on any console error, failed request or request to another host; screenshots
## of each view go to Tests/Browser/screenshots/ (git-ignored). About 20 seconds. Playwright is pip-installed, pinned,
## into $(BROWSER_VENV) if $(PYTHON) lacks it.
PLAYWRIGHT_VERSION ?= 1.65.2
BROWSER_VENV       ?= .build/browser-venv
CHROMIUM           ?= /usr/bin/chromium
BROWSER_READY       = import importlib.metadata as m; assert m.version("playwright") == "$(PLAYWRIGHT_VERSION)"

test-browser: setup
	@set -e; [ -x '$(CHROMIUM)' ] || { echo "installing chromium"; $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }; \
	py='$(PYTHON)'; \
	if ! "$$py" -c '$(BROWSER_READY)' 2>/dev/null; then \
		py='$(BROWSER_VENV)/bin/python'; \
		if ! "$$py" -c '$(BROWSER_READY)' 2>/dev/null; then \
			echo "installing playwright $(PLAYWRIGHT_VERSION) into $(BROWSER_VENV)"; \
			command -v '$(PYTHON)' >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3 python3-venv; }; \
			'$(PYTHON)' -m venv '$(BROWSER_VENV)' 2>/dev/null || { rm -rf '$(BROWSER_VENV)'; \
				$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && '$(PYTHON)' -m venv '$(BROWSER_VENV)'; }; \
			"$$py" -m pip install -q --disable-pip-version-check playwright==$(PLAYWRIGHT_VERSION); \
			"$$py" -c '$(BROWSER_READY)'; \
		fi; \
	fi; \
	$(SWIFT) build --quiet --product news-api; \
	"$$py" Tests/Browser/run_browser.py --server "$$($(SWIFT) build --show-bin-path)/news-api" --data '$(DATA)' \
		--dashboard web --chromium '$(CHROMIUM)'

## Fuzzing (Sources/NewsAPIFuzz, Tests/Fuzz). First the saved inputs - seeds in Tests/Fuzz/corpus, every input
## that ever failed in Tests/Fuzz/regressions, one folder per target - are replayed through the normal debug build
## (a plain program); then a libFuzzer + AddressSanitizer build in FUZZ_SCRATCH fuzzes each target, the first for
## half of FUZZ_SECONDS and the others for an equal share of the rest (Tests/Fuzz/fuzz.sh). New inputs and
## findings stay in FUZZ_SCRATCH; a finding fails the target and says where its input is. A toolchain that cannot
## make the libFuzzer build fails the target: it is never skipped.
FUZZ_SCRATCH ?= .build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_RSS_MB  ?= 2048
FUZZ_TARGETS ?= request query-items text-query normalized-key iso-date json-record
# Optimised, as the server ships (about four times the inputs per second of a debug build), with testing enabled
# for the checks that use the library's internals. `--sanitize=fuzzer` makes SwiftPM leave `main` to libFuzzer;
# the instrumentation is asked for again in a single `-sanitize=` flag because swiftc keeps only the last of
# several, and SwiftPM passes its sanitizers in no fixed order. lld, because gold prints a warning for each of
# AddressSanitizer's ~400 local symbols.
FUZZ_BUILD    = $(SWIFT) build -c release --product news-api-fuzz --scratch-path $(FUZZ_SCRATCH) --sanitize=fuzzer \
                -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -enable-testing -Xswiftc -use-ld=lld

test-fuzz: test-fuzz-replay test-fuzz-run

test-fuzz-replay: setup
	$(SWIFT) build --quiet --product news-api-fuzz
	@bin="$$($(SWIFT) build --show-bin-path)/news-api-fuzz"; \
	"$$bin" Tests/Fuzz/corpus Tests/Fuzz/regressions || { [ $$? -eq 1 ] && exit 1; \
		echo "the replay stopped (a crash or an error); again, naming each input (the last one named is the culprit):"; \
		"$$bin" --verbose Tests/Fuzz/corpus Tests/Fuzz/regressions 2>&1 | tail -n 40; exit 1; }

test-fuzz-run: setup
	@echo "building news-api-fuzz with libFuzzer and AddressSanitizer in $(FUZZ_SCRATCH)"
	@$(FUZZ_BUILD) --quiet || { \
		echo "error: the libFuzzer build failed, so nothing was fuzzed. It needs a toolchain with libFuzzer"; \
		echo "(the swift.org toolchains for Linux have it; Xcode's does not)."; exit 1; }
	@Tests/Fuzz/fuzz.sh "$$($(FUZZ_BUILD) --show-bin-path)/news-api-fuzz" $(FUZZ_SCRATCH) $(FUZZ_SECONDS) $(FUZZ_RSS_MB) \
		$(FUZZ_TARGETS)

## Sanitizers: the whole test suite built and run under AddressSanitizer (LeakSanitizer included) and under
## ThreadSanitizer (debug builds, each in its own scratch path; lld links the ASan one quietly). A report fails the
## run. XCTest is off: the suite is Swift Testing only, and XCTest's own runner leaks a few objects at exit, which
## LeakSanitizer would report. Suppressions for known false positives, if ever needed, go in Tests/Sanitizers/
## with a reason for each entry.
test-sanitize: test-asan test-tsan

test-asan: setup
	$(SWIFT) test --disable-xctest --sanitize=address -Xswiftc -use-ld=lld --scratch-path .build-asan

test-tsan: setup
	$(SWIFT) test --disable-xctest --sanitize=thread --scratch-path .build-tsan

## Load and faults on loopback (Tests/Load/run_faults.py), each scenario printing its figures and stopping by
## itself: 1,000 slow clients beside a normal one, 1,024 keep-alive connections for LOAD_SECONDS (with a thread per
## core, then with 16 threads), SIGTERM under load; resident growth under distinct URLs against a 16 MiB response cache, /metrics series after 5,000 made-up
## methods; then on a 20,000-article corpus from corpus-gen (in a temporary directory, removed afterwards) the
## slowest /healthz beside 20 concurrent POST /admin/reload, and the bytes readers at 80 and 200 KB/s get of NDJSON
## exports (1.8 and 5.9 MB) with --connection-timeout 3. About 3.5 minutes.
LOAD_SECONDS ?= 30

test-load: setup
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk; }
	$(SWIFT) build --quiet --product news-api
	$(SWIFT) build --quiet --product corpus-gen
	bin="$$($(SWIFT) build --show-bin-path)"; \
	$(PYTHON) Tests/Load/run_faults.py --server "$$bin/news-api" --corpus-gen "$$bin/corpus-gen" --data '$(DATA)' \
		--seconds $(LOAD_SECONDS)

## Kubernetes manifests (deploy/kubernetes) checked against the API schemas of the oldest and newest Kubernetes
## versions named below, strictly (an unknown field fails), with no network: kubernetes-validate carries the
## schemas. Installed into MANIFESTS_VENV, pinned.
KUBERNETES_VALIDATE_VERSION ?= 1.37.0
MANIFESTS_VENV              ?= .build/manifests-venv
MANIFESTS_KUBERNETES        ?= 1.29.0 1.37.0

test-manifests:
	@set -e; py='$(MANIFESTS_VENV)/bin/python'; \
	if ! "$$py" -c 'import importlib.metadata as m; assert m.version("kubernetes-validate") == "$(KUBERNETES_VALIDATE_VERSION)"' 2>/dev/null; then \
		echo "installing kubernetes-validate $(KUBERNETES_VALIDATE_VERSION) into $(MANIFESTS_VENV)"; \
		command -v '$(PYTHON)' >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3 python3-venv; }; \
		'$(PYTHON)' -m venv '$(MANIFESTS_VENV)' 2>/dev/null || { rm -rf '$(MANIFESTS_VENV)'; \
			$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && '$(PYTHON)' -m venv '$(MANIFESTS_VENV)'; }; \
		"$$py" -m pip install -q --disable-pip-version-check kubernetes-validate==$(KUBERNETES_VALIDATE_VERSION); \
	fi; \
	for version in $(MANIFESTS_KUBERNETES); do \
		echo "deploy/kubernetes against Kubernetes $$version:"; \
		"$$py" -m kubernetes_validate --strict -k "$$version" deploy/kubernetes/*.yaml; \
	done

## Cluster (Tests/Cluster/run_cluster.py): three replicas of the debug server on free loopback ports behind
## Debian's nginx running deploy/nginx/news-api.conf (upstreams and port swapped for loopback ones) in a
## temporary directory. Same bytes and ETags everywhere; no failed request under wrk while a replica is
## SIGKILLed, while the replicas reload new data one at a time, and while one drains on SIGTERM. About 1 minute.
CLUSTER_SECONDS ?= 8

test-cluster: setup
	@command -v wrk >/dev/null && command -v nginx >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk nginx; }
	$(SWIFT) build --quiet --product news-api
	$(PYTHON) Tests/Cluster/run_cluster.py --server "$$($(SWIFT) build --show-bin-path)/news-api" --data '$(DATA)' \
		--nginx-conf deploy/nginx/news-api.conf --seconds $(CLUSTER_SECONDS)

## Benchmark (bench/run.py): release build, synthetic corpora of BENCH_SIZES articles (bench/corpora/{size}-{seed},
## generated once; seed 7, 11 at 1M, BENCH_SEEDS to change), load time, MB/s, resident memory and bytes per article.
## Then wrk with the response cache on and off, in BENCH_MODES: first-time traffic (bench/first-time.lua cycling
## through up to 800 distinct URLs of each kind drawn from the corpus) and repeated URLs (one per endpoint, against
## bare C as is and with our daemon limits, and nginx). Every row gives req/s, p50, p99 and server CPU per request;
## the tables go to bench/out/results.md, each row also to bench/out/rows.jsonl.
## Quick run: BENCH_SIZES=10000 BENCH_DURATION=2s BENCH_CONNECTIONS=64 BENCH_MODES=first-time make bench
bench: setup
	@command -v wrk >/dev/null && command -v nginx >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk nginx; }
	$(SWIFT) build -c release --product news-api
	$(SWIFT) build -c release --product corpus-gen
	@mkdir -p bench/out
	cc -O2 -o bench/out/bare bench/bare.c $$(pkg-config --cflags --libs libmicrohttpd)
	$(PYTHON) bench/run.py

clean:
	rm -rf .build
