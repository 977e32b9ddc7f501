# AILedger: `make demo` shows it working, `make test` proves it on every driver.
SWIFT ?= swift
DEMO_DB ?= ailedger-demo.sqlite
# Debian packages the build needs, and what the tests start or run: the database servers
# (Galera and rsync for the cluster), Python and Node for the example clients, curl for OTLP JSON.
BUILD_PACKAGES := pkgconf libsqlite3-dev sqlite3 libpq-dev libmariadb-dev zlib1g-dev
TEST_PACKAGES := $(BUILD_PACKAGES) postgresql mariadb-server mariadb-client galera-4 rsync lsof iproute2 python3 python3-venv nodejs curl \
	chromium chromium-driver

# The parsers fuzzed by `make fuzz` (see Fuzz/), and libFuzzer's archive beside the compiler.
FUZZ_TARGETS := url timestamp cursor json usage prices litellm migration time csv call otlp otlpjson sql histogram redaction
FUZZ_SECONDS ?= 60
FUZZER_LIBRARY = $(firstword $(wildcard $(dir $(realpath $(shell command -v $(SWIFT))))../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-*.a))

.PHONY: all deps test-deps build demo test test-cluster cluster-tests bench-cluster completions man fuzz fuzz-build bench-query bench-writer bench-server bench-redaction bench-retention bench-compat ceilings openapi screenshots clean

all: build

deps:
	@command -v $(SWIFT) >/dev/null || { echo "error: Swift 6 is required (https://swift.org/install)"; exit 1; }
	@scripts/install-deps.sh $(BUILD_PACKAGES)

test-deps: deps
	@scripts/install-deps.sh $(TEST_PACKAGES)

build: deps
	$(SWIFT) build

# Records a realistic workload in an embedded SQLite database and reports on it.
demo: build
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(SWIFT) run --skip-build ailedger demo --url sqlite://$(DEMO_DB)
	@echo ""
	@echo "Open the dashboard on this ledger:"
	@echo "  .build/debug/ailedger serve --url sqlite://$(DEMO_DB) --insecure-no-auth"
	@echo "  then browse http://127.0.0.1:8080/#/overview?range=30d"
	@echo "The same ledger over HTTP, from another terminal:"
	@echo "  curl -s localhost:8080/v1/stats/overview; curl -s 'localhost:8080/v1/stats/by/model?top=3'"

# Every test on every driver, against throwaway servers started on 127.0.0.1; a driver
# whose server is missing fails the run instead of being skipped.
# Each fuzz target also runs for a few seconds over its checked-in corpus, schemathesis
# checks every route of a live server against /openapi.json on each database, the
# OpenTelemetry Python SDK (in .build/otel-venv) sends real spans to /v1/traces, and
# headless Chromium, driven by Selenium (in .build/browser-venv), uses the dashboard.
test: test-deps fuzz-build
	scripts/fuzz.sh 3 $(FUZZ_TARGETS)
	scripts/otel-venv.sh
	scripts/browser-venv.sh
	$(SWIFT) build --build-tests
	AILEDGER_REQUIRE_ALL_DRIVERS=1 scripts/with-test-servers.sh sh -c 'scripts/api-check.sh "sqlite://$$(mktemp -d)/api.db" \
		"$$AILEDGER_TEST_POSTGRES_URL" "$$AILEDGER_TEST_MYSQL_URL" && SWIFT=$(SWIFT) scripts/swift-test.sh --skip-build'
	$(MAKE) --no-print-directory cluster-tests

# The cluster tests alone: a PostgreSQL primary and standby and a three-node Galera
# cluster on 127.0.0.1 (scripts/with-cluster-servers.sh), nodes killed mid-stream.
test-cluster: test-deps
	$(SWIFT) build --build-tests
	$(MAKE) --no-print-directory cluster-tests

cluster-tests:
	AILEDGER_REQUIRE_CLUSTERS=1 SWIFT=$(SWIFT) scripts/with-cluster-servers.sh scripts/swift-test.sh --skip-build \
		--filter 'PostgresClusterTests|GaleraTests|ClusterRequirementTests'

# A PNG of each dashboard view at 1280 and 390 px, from the browser test on SQLite, in
# $(SCREENSHOTS) (not committed).
SCREENSHOTS ?= .build/screenshots
screenshots: test-deps
	scripts/browser-venv.sh
	$(SWIFT) build --build-tests
	AILEDGER_SCREENSHOTS=$(abspath $(SCREENSHOTS)) $(SWIFT) test --skip-build --filter SQLiteDriverTests.servesTheDashboard
	@echo "Screenshots: $(SCREENSHOTS)"

# The man page, ailedger(1), from the binary's own description of its commands:
# `man -l .build/man/ailedger.1`, or copy it to a man1 folder on MANPATH.
MAN ?= .build/man
man: build
	@mkdir -p $(MAN)
	python3 scripts/manpage.py .build/debug/ailedger $(MAN)/ailedger.1
	@echo "man -l $(MAN)/ailedger.1"

# Shell completion scripts for ailedger, in $(COMPLETIONS): source ailedger.bash from
# ~/.bashrc, put _ailedger on zsh's fpath, ailedger.fish in ~/.config/fish/completions.
COMPLETIONS ?= .build/completions
completions: build
	@mkdir -p $(COMPLETIONS)
	.build/debug/ailedger --generate-completion-script bash > $(COMPLETIONS)/ailedger.bash
	.build/debug/ailedger --generate-completion-script zsh > $(COMPLETIONS)/_ailedger
	.build/debug/ailedger --generate-completion-script fish > $(COMPLETIONS)/ailedger.fish
	@echo "Completions: $(COMPLETIONS)"

# Every fuzz target for FUZZ_SECONDS (default 60) each; prints executions per target.
fuzz: fuzz-build
	scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-build: deps
	@test -n "$(FUZZER_LIBRARY)" || { echo "error: libFuzzer (libclang_rt.fuzzer_no_main) was not found beside $(SWIFT)"; exit 1; }
	AILEDGER_FUZZER_LIBRARY=$(FUZZER_LIBRARY) $(SWIFT) build --scratch-path .build-fuzz --product AILedgerFuzz

# Times the query engine against hand-written SQL run through sqlite3, psql and mariadb
# over ten million recorded calls per backend (see Benchmarks/README.md); loading them
# takes about ten minutes per backend.
bench-query: test-deps
	$(SWIFT) build -c release --product ailedger
	$(SWIFT) build -c release --product QueryBenchmark
	AILEDGER_DEFAULT_DURABILITY=1 scripts/with-test-servers.sh sh -c '.build/release/QueryBenchmark "sqlite://$$(mktemp -d)/bench.db" \
		"$$AILEDGER_TEST_POSTGRES_URL" "$$AILEDGER_TEST_MYSQL_URL"'

# Ingest throughput of the buffered writer beside each database's fastest C path on the
# same rows, and record() latency (see Benchmarks/README.md).
bench-writer: test-deps ceilings
	$(SWIFT) build -c release --product WriterBenchmark
	AILEDGER_DEFAULT_DURABILITY=1 scripts/with-test-servers.sh sh -c '.build/release/WriterBenchmark "sqlite://$$(mktemp -d)/bench.db" \
		"$$AILEDGER_TEST_POSTGRES_URL" "$$AILEDGER_TEST_MYSQL_URL"'

# Each database's fastest C path loading a row file, the ceiling the writer benchmark
# compares itself with (each program in Benchmarks/Ceilings/ says what path it takes).
CEILINGS := .build/ceilings/ceiling-sqlite .build/ceilings/ceiling-postgres .build/ceilings/ceiling-mariadb
CEILING_PACKAGE_sqlite := sqlite3
CEILING_PACKAGE_postgres := libpq
CEILING_PACKAGE_mariadb := libmariadb
ceilings: test-deps $(CEILINGS)

.build/ceilings/ceiling-%: Benchmarks/Ceilings/ceiling_%.c Benchmarks/Ceilings/rowfile.c Benchmarks/Ceilings/rowfile.h | test-deps
	@mkdir -p $(@D)
	cc -std=c11 -O2 -pthread -Wall -Wextra -Werror -o $@ $< Benchmarks/Ceilings/rowfile.c $$(pkg-config --cflags --libs $(CEILING_PACKAGE_$*))

# `ailedger serve` taking batches of 100 realistic calls over loopback, beside the
# in-process writer on the same calls (see Benchmarks/README.md).
# The writer on a Galera cluster and on a primary with a synchronous standby, beside a
# single server of each (docs/SCALING.md).
bench-cluster: test-deps
	$(SWIFT) build -c release --product ClusterBenchmark
	AILEDGER_DEFAULT_DURABILITY=1 scripts/with-test-servers.sh scripts/with-cluster-servers.sh sh -c '.build/release/ClusterBenchmark \
		"mariadb=$$AILEDGER_TEST_MYSQL_URL" "galera-node=$$AILEDGER_TEST_GALERA_NODE1_URL" "galera-3-nodes=$$AILEDGER_TEST_GALERA_URL" \
		"postgres=$$AILEDGER_TEST_POSTGRES_URL" "postgres-sync-standby=$$AILEDGER_TEST_PG_PRIMARY_URL"'

bench-server: test-deps
	$(SWIFT) build -c release --product ailedger
	$(SWIFT) build -c release --product ServerBenchmark
	AILEDGER_DEFAULT_DURABILITY=1 scripts/with-test-servers.sh sh -c '.build/release/ServerBenchmark "sqlite://$$(mktemp -d)/bench.db" \
		"$$AILEDGER_TEST_POSTGRES_URL" "$$AILEDGER_TEST_MYSQL_URL"'

# What redaction costs per record beside what record() costs to write it (see
# Benchmarks/README.md).
bench-redaction: test-deps
	$(SWIFT) build -c release --product RedactionBenchmark
	AILEDGER_DEFAULT_DURABILITY=1 scripts/with-test-servers.sh sh -c '.build/release/RedactionBenchmark "sqlite://$$(mktemp -d)/bench.db" \
		"$$AILEDGER_TEST_POSTGRES_URL" "$$AILEDGER_TEST_MYSQL_URL"'

# Retention on PostgreSQL with the calls partitioned by month beside the plain table
# (see Benchmarks/README.md and docs/SCALING.md).
bench-retention: test-deps
	$(SWIFT) build -c release --product RetentionBenchmark
	AILEDGER_DEFAULT_DURABILITY=1 scripts/with-test-servers.sh sh -c '.build/release/RetentionBenchmark "$$AILEDGER_TEST_POSTGRES_URL"'

# Seed 002's queries on the `whatsapp` compatibility view beside the same rows in a
# hand-written table, on MariaDB (see Benchmarks/README.md).
bench-compat: test-deps
	$(SWIFT) build -c release --product ailedger
	AILEDGER_DEFAULT_DURABILITY=1 scripts/with-test-servers.sh sh -c 'Benchmarks/CompatViews/run.sh "$$AILEDGER_TEST_MYSQL_URL"'

# Writes Sources/AILedgerServer/OpenAPIDocument.swift from scripts/openapi.py.
openapi:
	python3 scripts/openapi.py

clean:
	rm -rf .build .build-fuzz $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
