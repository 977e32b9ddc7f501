# AILedger: `make demo` shows it working, `make test` proves it on every driver.
SWIFT ?= swift
DEMO_DB ?= ailedger-demo.sqlite
# Debian packages the build and tests need.
DEB_PACKAGES := pkgconf libsqlite3-dev sqlite3

.PHONY: all deps build demo test clean

all: build

deps:
	@command -v $(SWIFT) >/dev/null || { echo "error: Swift 6 is required (https://swift.org/install)"; exit 1; }
	@scripts/install-deps.sh $(DEB_PACKAGES)

build: deps
	$(SWIFT) build

# Records a realistic workload in an embedded SQLite database and reports on it.
demo: build
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(SWIFT) run --skip-build ailedger demo --url sqlite://$(DEMO_DB)

# Every test on every driver.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
