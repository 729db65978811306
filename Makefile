# Lanyard's two entry points for a fresh Debian 12 / Ubuntu machine:
#   make run    build and open the Lanyard window (make run-cli: the CLI on a sample trip)
#   make test   everything CI checks: formatting, clippy, unit, integration and end-to-end tests
# Both install what they need first (Debian packages via apt-get).
#   make check  the quick loop while working: fmt, clippy and the core's and CLI's tests; no
#               apt, npm or display (it needs the C build tools of APT_BUILD to be there).

SHELL := /bin/bash
CARGO ?= cargo
SAMPLE_DIR := target/sample-trip
SAMPLE_LIBRARY := target/sample-library
# What `make lint` and `make test` build: the whole workspace, release, the app with its UI
# embedded (as `tauri build` makes it). One profile and one feature set for both, so that
# nothing is compiled twice (see `test`).
WORKSPACE_RELEASE := --workspace --release --locked --features lanyard-app/custom-protocol

# Build: cmake + nasm build the vendored libjpeg-turbo and libheif; libheif links the two
# decoders it is configured with (.ci/cmake-heif-decoders): libde265 (HEIC) and dav1d (AVIF).
APT_BUILD := build-essential pkg-config cmake nasm libde265-dev libdav1d-dev
# The desktop app: Tauri 2 on WebKitGTK 4.1 (apt brings GTK, libsoup and the rest).
APT_APP := libwebkit2gtk-4.1-dev
# The app's end-to-end tests: a private X display, WebKit's WebDriver, xdotool and a GTK drag
# source (Debian's python3 with GObject), screenshots of the whole display (xwd | convert), and
# a session bus for the cold start, as a desktop has (dbus-daemon).
APT_E2E := xvfb webkit2gtk-driver xdotool python3-gi gir1.2-gtk-3.0 imagemagick x11-apps \
	dbus-daemon
# The exported gallery's end-to-end tests: headless Chromium and its WebDriver (one Debian
# source package, so their versions match), exiftool; Java for the HTML checker (vnu.jar, npm).
APT_GALLERY := chromium chromium-driver libimage-exiftool-perl
APT_BENCH := libvips-tools libimage-exiftool-perl python3-venv
# The .deb check: a clean Debian 12 root (debootstrap) and dpkg-shlibdeps (dpkg-dev).
APT_DEB := debootstrap dpkg-dev

.PHONY: run run-cli check test deps e2e-deps deb-deps bench-deps bench lint js-test deb deb-check \
	measure measure-start

deps:
	@./.ci/apt-install $(APT_BUILD) $(APT_APP)

# tauri-driver (cargo install), the Tauri CLI, PhotoSwipe and vnu.jar (npm) only when missing:
# see .ci/app-tools. Java only when no java is on PATH (Java 17 is often preinstalled).
e2e-deps: deps
	@./.ci/apt-install $(APT_E2E)
	@./.ci/apt-install $(APT_GALLERY) $$(command -v java >/dev/null || echo default-jre-headless)
	@./.ci/app-tools

deb-deps:
	@./.ci/apt-install $(APT_DEB)

# sigal (PyPI) goes into a venv under target/bench-tools, only when missing: see .ci/bench-tools.
bench-deps:
	@./.ci/apt-install $(APT_BENCH)
	@./.ci/bench-tools

# Opens the Lanyard window on your own library (~/.local/share/lanyard, or $LANYARD_LIBRARY).
# "Try a sample trip" in the empty window imports a generated conference trip.
run: deps
	$(CARGO) run --release -p lanyard-app

# The command line on a generated sample trip, for a machine without a display.
run-cli: deps
	$(CARGO) build --release -p lanyard-cli
	rm -rf $(SAMPLE_DIR) && ./target/release/lanyard sample $(SAMPLE_DIR)
	./target/release/lanyard --library $(SAMPLE_LIBRARY) import --trip "Sample trip" $(SAMPLE_DIR)
	./target/release/lanyard --library $(SAMPLE_LIBRARY) shift --trip "Sample trip" --camera "Canon EOS RP" --by +6h
	./target/release/lanyard --library $(SAMPLE_LIBRARY) timeline --trip "Sample trip"

# The quick loop: the core and the CLI only (the app's crate needs WebKitGTK), no end-to-end
# tests of the app or the gallery. The one core test that compares the vendored PhotoSwipe with
# npm's copy is left to `make test`.
check:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy -p lanyard -p lanyard-cli --all-targets --locked -- -D warnings
	$(CARGO) test -p lanyard --locked --lib --test it -- --skip assets_are_the_gallery_files_and_photoswipe_as_published
	$(CARGO) test -p lanyard-cli --locked --test cli

# Clippy sees the workspace as `make test` builds it (WORKSPACE_RELEASE), so that the build
# scripts (the C libraries) and proc macros it compiles are the ones the build then uses.
lint: deps
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy $(WORKSPACE_RELEASE) --all-targets -- -D warnings

# The web UI's pure modules (formatting, undo, grid layout, keyboard layers) under Node's own test
# runner: no npm packages, no browser. The tests sit in tests/ui, outside ui/ (which the app
# embeds); ui/js has no package.json saying "module", so Node warns that it sniffed: hush that.
js-test:
	node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON --test tests/ui/

# The whole workspace is built once, release, with one feature set: the app as `tauri build`
# makes it (the UI embedded), the CLI, and every test. Clippy (lint) ran on that same set, so its
# build scripts and proc macros are reused; a debug build beside the release one would compile
# the C libraries and most crates a third time (feature unification differs between package
# sets). The release app is then packed into the .deb (`tauri bundle`, as `tauri build` does
# after building; the copy in the .deb differs only in the 3 bytes naming the bundle type), the
# tests run (tests/app on that binary), and the .deb goes into a clean Debian root.
APP_BIN := $(CURDIR)/target/release/lanyard-app
test: lint js-test e2e-deps deb-deps
	$(CARGO) build $(WORKSPACE_RELEASE) --bins --tests
	./.ci/build-deb --built
	LANYARD_APP_BIN=$(APP_BIN) PATH="$$HOME/.cargo/bin:$$PATH" $(CARGO) test $(WORKSPACE_RELEASE)
	LANYARD_DEB=$$(ls -t target/release/bundle/deb/*.deb | head -n1) $(MAKE) deb-check

# The .deb a person installs: target/release/bundle/deb/Lanyard_<version>_amd64.deb (release,
# `tauri build`, recompressed with xz; see .ci/build-deb). Needs the Tauri CLI from npm.
deb: deps
	@command -v npm >/dev/null || ./.ci/apt-install nodejs npm
	@[ -x node_modules/.bin/tauri ] || npm ci --no-audit --no-fund --loglevel=error
	./.ci/build-deb

# The .deb (release bundle): its size and Depends (against dpkg-shlibdeps), then installed into
# a clean Debian 12 root without recommends (made once under target/debian-root), ldd there, and
# started from its .desktop entry with a screenshot. Needs root or sudo.
deb-check: e2e-deps deb-deps
	PATH="$$HOME/.cargo/bin:$$PATH" ./tests/app/deb.sh

# Import of 1,000 generated 12-20 MP photos against vipsthumbnail (it makes them once), then
# start to first paint, drops of 1,000 photos (small, and the 12-20 MP ones: timeline, grid,
# peak RSS), scrolling 10,000 (the release app), then the release app's cold start from the .deb
# (numbers on stderr).
measure: e2e-deps bench-deps
	$(CARGO) bench -p lanyard-cli --bench import --locked -- --count 1000
	PATH="$$HOME/.cargo/bin:$$PATH" $(CARGO) test -p lanyard-cli --test app --locked measure -- --ignored --nocapture --test-threads=1
	$(MAKE) measure-start

# The shipped binary's cold start: process start to the empty state painted.
measure-start: e2e-deps
	./.ci/build-deb >/dev/null
	PATH="$$HOME/.cargo/bin:$$PATH" ./tests/app/cold_start.py

# Benchmarks (not tests): Lanyard side by side with vipsthumbnail and exiftool (import) and
# sigal (export), same files, same run; calibration of a 2,000-photo trip (no peer does it).
bench: deps bench-deps
	$(CARGO) bench -p lanyard-cli --bench import --bench export --bench calibrate --locked
