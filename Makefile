# khabar: `make serve` and `make test` are the two commands of the README.
SHELL := /bin/bash
# Tools that `cargo install` put in $CARGO_HOME/bin, and those of the default home, which stay
# usable when CARGO_HOME points elsewhere (`make fresh-registry`).
export PATH := $(CURDIR)/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CHROMEDRIVER ?= /usr/bin/chromedriver
CONTENT_DIR ?= content
WASM := --target wasm32-unknown-unknown

.PHONY: serve test setup setup-test fuzz build publish fresh-registry size size-check bench bench-publish check-content schema routes lint unit e2e wasm-test firefox webkit

## Serve the app with the sample content on http://127.0.0.1:8080
serve: setup
	trunk serve

## Every test: format, lint, content, unit, release build, end-to-end, component tests; the
## browser tests in Chromium, then again in Firefox and WebKit
test: setup-test
	cargo fmt --check
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory check-content
	$(MAKE) --no-print-directory unit
	$(MAKE) --no-print-directory fresh-registry
	$(MAKE) --no-print-directory size-check
	$(MAKE) --no-print-directory e2e
	$(MAKE) --no-print-directory wasm-test
	$(MAKE) --no-print-directory firefox
	$(MAKE) --no-print-directory webkit
	@echo "make test: all passed"

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --test

## Fuzz content reading and validation (fuzz/, cargo-fuzz and libFuzzer, docs/testing.md):
## FUZZ_RUNS inputs in one process, from a corpus seeded with content/ and the invalid fixtures.
## Ends by itself; fails on a crash, whose input is left in fuzz/artifacts/content/. Not part of
## `make test`: about 8 minutes on 2 cores, after a first build of 9. Stable Rust, no sanitizer:
## the library has no unsafe code, and AddressSanitizer needs a nightly flag (RUSTC_BOOTSTRAP)
## and ran 9 times slower (docs/testing.md).
FUZZ_RUNS ?= 10000000
fuzz:
	@scripts/setup.sh --fuzz
	cargo fetch --locked --quiet --manifest-path fuzz/Cargo.toml
	mkdir -p fuzz/corpus/content
	cargo fuzz run --sanitizer none content fuzz/corpus/content content tests/fixtures/invalid -- \
		-runs=$(FUZZ_RUNS) -print_final_stats=1

## Release build into dist/. Its std is rebuilt so that a panic aborts at once, without the
## message-formatting code (15 KB brotli less; docs/performance.md), and with std's
## `optimize_for_size` feature (smaller, slower algorithms such as sorting: 0.3 KB less).
## `-Zbuild-std` and `-Cpanic=immediate-abort` are unstable, and 1.95 is the only toolchain here, so
## RUSTC_BOOTSTRAP lets this one build use them. RUSTFLAGS set here replaces the target's
## rustflags of .cargo/config.toml, so it repeats erase_components. PANIC_MESSAGES=1 builds
## with the usual std instead (panics then print their message; the page is heavier).
## scripts/setup.sh fetches the crates of exactly this std (Trunk builds offline).
export KHABAR_BUILD_STD := std,panic_abort
export KHABAR_BUILD_STD_FEATURES := optimize_for_size
ifeq ($(PANIC_MESSAGES),1)
RELEASE_ENV :=
else
RELEASE_ENV := RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=$(KHABAR_BUILD_STD) \
	CARGO_UNSTABLE_BUILD_STD_FEATURES=$(KHABAR_BUILD_STD_FEATURES) \
	RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort"
endif
build: setup
	$(RELEASE_ENV) trunk build --release
	$(MAKE) --no-print-directory publish CONTENT_DIR=content DIST=dist

## Publish a content folder into a build, with no wasm build: make publish CONTENT_DIR=dir DIST=dir
## Validates the folder (and writes nothing if it has a problem), publishes its files into
## DIST/content/, renders every route's page with the app's own views (Leptos' ssr, natively),
## writes the sitemap, robots.txt and the RSS feeds, each file that changed renamed into place
## with its .br and .gz copies, and removes what is no longer published (docs/deploy.md). Needs
## no Node. The publisher is built optimised (Cargo.toml's `publisher` profile: a full publish of
## 20,000 articles took 196 s as a debug build, 67 s so); its first build takes about 4 minutes.
DIST ?= dist
publish:
	cargo run --quiet --profile publisher --no-default-features --features cli,ssr --bin khabar-content -- publish $(CONTENT_DIR) $(DIST)

## The release build (`build`) from a cargo registry that only scripts/setup.sh has filled, as a
## new machine's is: Trunk builds offline, so a crate that setup does not fetch (std's own
## dependencies, once) fails here and not only on a newcomer's machine. The installed tools stay
## on PATH. The registry is emptied at every run but kept at one path, with a target folder of
## its own: cargo fingerprints registry crates by their path, so a new path, or a target folder
## shared with `make build`'s registry, would recompile every crate each time.
FRESH := $(CURDIR)/target/fresh-registry
fresh-registry:
	rm -rf $(FRESH)/cargo-home
	@echo "fresh-registry: the release build with an empty CARGO_HOME, filled by setup.sh"
	CARGO_HOME=$(FRESH)/cargo-home CARGO_TARGET_DIR=$(FRESH)/target $(MAKE) --no-print-directory build

## The article page's weight (wasm + JS + CSS, brotli); fails above BUDGET_KB.
## The goal is 100 KB. Until the app reaches it, the budget is the weight it has reached
## (docs/performance.md), lowered with every saving, so the weight can only come down.
SIZE_GOAL_KB := 100
BUDGET_KB ?= 157
size: build size-check

size-check:
	node scripts/size-report.mjs dist $(BUDGET_KB) $(SIZE_GOAL_KB)

## Speed, layout shift, bytes and memory in headless Chromium, against static HTML; prints a
## table and writes bench/results.md (not part of `make test`; KHABAR_BENCH_RUNS=n for n runs each)
bench: setup-test
	$(MAKE) --no-print-directory build
	cargo bench --bench page

## Publishing at scale: a full publish and one new, edited and removed article into archives of
## 2,000, 20,000 and 100,000 articles (KHABAR_BENCH_SIZES=2000,20000 for fewer), wall time and
## peak memory; prints a table and writes bench/publish.md (not part of `make test`)
bench-publish: build
	cargo build --profile publisher --no-default-features --features cli,ssr --bin khabar-content
	cargo bench --features cli --bench publish

lint:
	cargo clippy --all-targets --features cli -- -D warnings
	cargo clippy --lib --bins --no-default-features --features cli,ssr -- -D warnings
	cargo clippy --lib --bins --tests $(WASM) -- -D warnings

## Validate a content folder: make check-content CONTENT_DIR=path
check-content:
	cargo run --quiet --features cli --bin khabar-content -- check $(CONTENT_DIR)

## Regenerate schema/*.schema.json from the Rust types
schema:
	cargo run --quiet --features cli --bin khabar-content -- schema schema

## Write scripts/routes.json, the route table's rules that the scripts are built from, from
## src/route.rs (a unit test fails while they differ)
routes:
	cargo run --quiet --features cli --bin khabar-content -- routes scripts/routes.json

unit:
	cargo test --features cli --lib --test structure
	cargo test --no-default-features --features cli,ssr --lib publish

e2e:
	cargo test --test e2e -- --test-threads=2

wasm-test:
	cargo test $(WASM) --test components

## The same reader-facing tests in the other engines: Firefox ESR (geckodriver) and WebKitGTK,
## Safari's engine (WebKitWebDriver, under Xvfb: MiniBrowser has no headless mode). The
## end-to-end tests that open pages (not the build-hook and nginx-header ones, which no
## browser runs), then the component tests. KHABAR_BROWSER picks the e2e engine; the
## component-test runner takes whichever driver variable is set.
PAGE_TESTS := article:: content_errors:: embed:: failure:: hostile_content:: listings:: network_faults:: offline:: pages:: published:: related:: settings:: share:: deploy::a_reader
firefox:
	KHABAR_BROWSER=firefox cargo test --test e2e -- --test-threads=2 $(PAGE_TESTS)
	env -u CHROMEDRIVER GECKODRIVER=$$(command -v geckodriver) cargo test $(WASM) --test components

webkit:
	KHABAR_BROWSER=webkit cargo test --test e2e -- --test-threads=2 $(PAGE_TESTS)
	env -u CHROMEDRIVER -u GECKODRIVER SAFARIDRIVER=/usr/bin/WebKitWebDriver \
		xvfb-run -a cargo test $(WASM) --test components
