#!/usr/bin/env bash
# Installs what khabar needs to build (and, with --test, to test; with --fuzz, only what
# `make fuzz` needs), from the package registries only: crates.io, npm, Debian. Idempotent and version-aware: what is present at the right
# version is left alone; a wrong version is replaced. Run by `make serve`, `make test` and
# `make fuzz`.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_REQ='~0.21'          # 0.22 needs a newer rustc than 1.95
TRUNK_MINOR='0.21.'
# What the release build recompiles of std, and with which features: the Makefile's (`build`).
: "${KHABAR_BUILD_STD:?run through make: the Makefile sets it}" "${KHABAR_BUILD_STD_FEATURES?}"
WANT_TEST=false
[ "${1:-}" = "--test" ] && WANT_TEST=true
WANT_FUZZ_ONLY=false
[ "${1:-}" = "--fuzz" ] && WANT_FUZZ_ONLY=true
CARGO_FUZZ_VERSION=0.13.2

SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
say() { printf 'setup: %s\n' "$*"; }
# A step that takes minutes says so before it starts, and how long it took when it ends, so that
# a first run on a new machine (about half an hour for `make test`, README.md) is never silent.
timed() {
  local what=$1 start=$SECONDS; shift
  say "$what"
  "$@"
  say "done in $(( (SECONDS - start) / 60 )) min $(( (SECONDS - start) % 60 )) s: $what"
}
# Installs Debian packages; the package lists are updated once per run, before the first install.
apt_updated=false
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  $apt_updated || { $SUDO apt-get update -qq; apt_updated=true; }
  $SUDO apt-get install -y -qq "$@" >/dev/null
}
# `cargo install` writes to $CARGO_HOME/bin; tools installed under the default home stay usable
# when CARGO_HOME points elsewhere (as in `make fresh-registry`).
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

# 0. `make fuzz` (--fuzz) needs cargo-fuzz and nothing else of this list: it builds natively with
#    the stable toolchain (docs/testing.md).
if $WANT_FUZZ_ONLY; then
  have_cf=$(cargo fuzz --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have_cf" != "$CARGO_FUZZ_VERSION" ]; then
    timed "installing cargo-fuzz $CARGO_FUZZ_VERSION (found: ${have_cf:-none}), compiled from crates.io: about 1 minute" \
      cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --force
  fi
  say "ready for make fuzz (cargo-fuzz $CARGO_FUZZ_VERSION)"
  exit 0
fi

# 0b. Room for the builds. A build that fills the disk fails deep inside cargo or Trunk with an
#     error that does not say so (a CI run with 5 GB free failed that way), so this says it first.
#     The figures are a clean clone's target/ after the command, rounded up (measured: 6.1 GB
#     after `make test`; 0.9 GB after `make serve`'s debug build, 2.0 GB after `make build`'s
#     release build and publish). What target/ holds already counts, since cargo reuses it.
#     GB here are du's and df's (GiB). KHABAR_NEED_GB_TEST / KHABAR_NEED_GB_SERVE set other figures.
NEED_GB=$($WANT_TEST && echo "${KHABAR_NEED_GB_TEST:-7}" || echo "${KHABAR_NEED_GB_SERVE:-3}")
target_dir=${CARGO_TARGET_DIR:-target}
mkdir -p "$target_dir"
free_kb=$(df -Pk "$target_dir" | awk 'NR == 2 {print $4}')
held_kb=$(du -sk "$target_dir" 2>/dev/null | awk '{print $1}')
if (( free_kb + held_kb < NEED_GB * 1024 * 1024 )); then
  say "only $(( free_kb / 1024 / 1024 )) GB free where $target_dir/ is, which holds $(( held_kb / 1024 / 1024 )) GB; $($WANT_TEST && echo 'make test' || echo 'make serve or make build') from a clean clone writes about $NEED_GB GB there. Free some space, or set CARGO_TARGET_DIR to a disk with room" >&2
  exit 1
fi

# 1. Rust: the wasm target, std's sources (the release build recompiles std for size) and the
#    lint components.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! rustup component list --installed | grep -q "^rust-src"; then
  say "adding rustup component rust-src"
  rustup component add rust-src
fi
if $WANT_TEST; then
  for c in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$c"; then
      say "adding rustup component $c"
      rustup component add "$c"
    fi
  done
fi

# 2. Trunk 0.21.x.
have_trunk=$(trunk --version 2>/dev/null | awk '{print $2}' || true)
if [[ "$have_trunk" != "$TRUNK_MINOR"* ]]; then
  timed "installing trunk $TRUNK_REQ (found: ${have_trunk:-none}), compiled from crates.io: about 7 minutes" \
    cargo install trunk --version "$TRUNK_REQ" --locked --force
fi

# 3. wasm-bindgen-cli at exactly the wasm-bindgen version of Cargo.lock (no --locked: a pinned
#    transitive version is missing from the registry).
want_wb=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
have_wb=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_wb" != "$want_wb" ]; then
  timed "installing wasm-bindgen-cli $want_wb (found: ${have_wb:-none}), compiled from crates.io: about 2 minutes" \
    cargo install wasm-bindgen-cli --version "$want_wb" --force
fi
if ! grep -q "wasm_bindgen = \"$want_wb\"" Trunk.toml; then
  say "Trunk.toml [tools] wasm_bindgen must be \"$want_wb\" (the Cargo.lock version)" >&2
  exit 1
fi

# 4. npm tools: binaryen's wasm-opt (never Debian's 108), terser, esbuild and workbox-build (the
#    post-build steps), Workbox's runtime modules (the service worker's source), axe-core and
#    the Arabic text face (@fontsource/noto-naskh-arabic), as locked; again whenever
#    package-lock.json changes.
if ! cmp -s package-lock.json node_modules/.khabar-installed 2>/dev/null; then
  say "installing npm tools (binaryen, terser, esbuild, Workbox, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error ||
    { say "npm ci failed: the npm tools of package-lock.json are not installed" >&2; exit 1; }
  cp package-lock.json node_modules/.khabar-installed
fi
want_opt=$(awk -F'"' '/wasm_opt/ {print $2}' Trunk.toml)
have_opt=$(wasm-opt --version 2>/dev/null | awk '{print "version_" $3}' || true)
if [ "$want_opt" != "$have_opt" ]; then
  say "wasm-opt on PATH is ${have_opt:-missing}, Trunk.toml wants $want_opt" >&2
  exit 1
fi

# 4b. fontTools' subsetter (`/usr/bin/python3 -m fontTools.subset`), which cuts the page's Arabic text face down to the Arabic block
#     (scripts/postbuild/font.mjs), with the brotli module its woff2 output needs, from Debian.
if ! /usr/bin/python3 -c "import fontTools.subset, brotli" 2>/dev/null; then
  timed "installing python3-fonttools and python3-brotli from Debian" \
    apt_install python3-fonttools python3-brotli
fi

# 5. Crates for offline builds (Trunk passes --offline to cargo): the project's, and std's own
#    for the release build, which recompiles std (-Zbuild-std, Makefile `build`) from rust-src's
#    library/ workspace with its own Cargo.lock. Cargo resolves that workspace for every target,
#    so it needs the index entries of crates no wasm build compiles (moto-rt, …): only an online
#    `cargo fetch -Zbuild-std` gets them all. It runs only when the offline check fails.
cargo fetch --locked --quiet
STD_FETCH=(env RUSTC_BOOTSTRAP=1 cargo fetch --quiet --target wasm32-unknown-unknown
  -Zbuild-std="$KHABAR_BUILD_STD" -Zbuild-std-features="$KHABAR_BUILD_STD_FEATURES")
if ! "${STD_FETCH[@]}" --offline 2>/dev/null; then
  timed "fetching std's crates for the release build" "${STD_FETCH[@]}"
fi

# 6. Browser tests: Debian's Chromium and its driver.
if $WANT_TEST; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    timed "installing chromium and chromium-driver from Debian" \
      apt_install chromium chromium-driver
  fi
  browser=$(chromium --version 2>/dev/null | awk '{print $2}')
  driver=$(chromedriver --version 2>/dev/null | awk '{print $2}')
  if [ "${browser%%.*}" != "${driver%%.*}" ]; then
    timed "chromium $browser and chromedriver $driver differ; reinstalling both" \
      apt_install --reinstall chromium chromium-driver
  fi
fi

# 7. The second engine: Debian's Firefox ESR, and geckodriver from crates.io (npm's geckodriver
#    package downloads a binary, which this network refuses).
GECKODRIVER_VERSION=0.37.1
if $WANT_TEST; then
  if ! command -v firefox-esr >/dev/null; then
    timed "installing firefox-esr from Debian" \
      apt_install firefox-esr
  fi
  have_gd=$(geckodriver --version 2>/dev/null | awk 'NR == 1 {print $2}' || true)
  if [ "$have_gd" != "$GECKODRIVER_VERSION" ]; then
    timed "installing geckodriver $GECKODRIVER_VERSION (found: ${have_gd:-none}), compiled from crates.io: about 2 minutes" \
      cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked --force
  fi
fi

# 8. The third engine: WebKitGTK's WebDriver and MiniBrowser, with Xvfb (MiniBrowser has no
#    headless mode), from Debian.
if $WANT_TEST; then
  if [ ! -x /usr/bin/WebKitWebDriver ] || ! command -v xvfb-run >/dev/null || ! command -v xauth >/dev/null; then
    timed "installing webkit2gtk-driver, xvfb and xauth from Debian" \
      apt_install webkit2gtk-driver xvfb xauth
  fi
fi

# 9. The deploy test (tests/e2e/deploy.rs): Debian's nginx and its brotli_static module, to run
#    deploy/nginx/khabar.conf. The test starts its own nginx; the packaged service is not used.
if $WANT_TEST; then
  if [ ! -x /usr/sbin/nginx ] || [ ! -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
    timed "installing nginx and libnginx-mod-http-brotli-static from Debian" \
      apt_install nginx libnginx-mod-http-brotli-static
  fi
fi
say "ready (trunk $(trunk --version | awk '{print $2}'), wasm-bindgen $want_wb, wasm-opt $want_opt)"
