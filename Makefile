# AILedger: `make demo` shows it working, `make test` proves it on every driver.
SWIFT ?= swift
DEMO_DB ?= ailedger-demo.sqlite
# Debian packages the build needs, and the database servers the tests start.
BUILD_PACKAGES := pkgconf libsqlite3-dev sqlite3 libpq-dev libmariadb-dev
TEST_PACKAGES := $(BUILD_PACKAGES) postgresql mariadb-server mariadb-client

.PHONY: all deps test-deps build demo test bench-query bench-writer clean

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

# Every test on every driver, against throwaway servers started on 127.0.0.1; a driver
# whose server is missing fails the run instead of being skipped.
test: test-deps
	$(SWIFT) build --build-tests
	AILEDGER_REQUIRE_ALL_DRIVERS=1 scripts/with-test-servers.sh $(SWIFT) test --skip-build

# Times the query engine against hand-written SQL run through sqlite3, psql and mariadb
# over one million recorded calls per backend (see Benchmarks/README.md).
bench-query: test-deps
	$(SWIFT) build -c release --product QueryBenchmark
	scripts/with-test-servers.sh sh -c '.build/release/QueryBenchmark "sqlite://$$(mktemp -d)/bench.db" \
		"$$AILEDGER_TEST_POSTGRES_URL" "$$AILEDGER_TEST_MYSQL_URL"'

# Ingest throughput of the buffered writer beside each database's bulk-load tool, and
# record() latency (see Benchmarks/README.md).
bench-writer: test-deps
	$(SWIFT) build -c release --product WriterBenchmark
	scripts/with-test-servers.sh sh -c '.build/release/WriterBenchmark "sqlite://$$(mktemp -d)/bench.db" \
		"$$AILEDGER_TEST_POSTGRES_URL" "$$AILEDGER_TEST_MYSQL_URL"'

clean:
	rm -rf .build $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
