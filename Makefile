# Lanyard's two entry points for a fresh Debian 12 / Ubuntu machine:
#   make run    build and run Lanyard on a generated sample trip
#   make test   everything CI checks: formatting, clippy, unit, integration and end-to-end tests
# Both install what they need first (Debian packages via apt-get).

SHELL := /bin/bash
CARGO ?= cargo
SAMPLE_DIR := target/sample-trip
SAMPLE_LIBRARY := target/sample-library

# Build: cmake + nasm build the vendored libjpeg-turbo and libheif; libheif-dev brings the
# codecs (libde265, x265, aom, dav1d) libheif links to. Benchmarks: the peer tools.
APT_BUILD := build-essential pkg-config cmake nasm libheif-dev libnuma-dev
APT_BENCH := libvips-tools libimage-exiftool-perl

.PHONY: run test deps bench-deps bench lint

deps:
	@./.ci/apt-install $(APT_BUILD)

bench-deps:
	@./.ci/apt-install $(APT_BENCH)

run: deps
	$(CARGO) build --release -p lanyard-cli
	rm -rf $(SAMPLE_DIR) && ./target/release/lanyard sample $(SAMPLE_DIR)
	./target/release/lanyard --library $(SAMPLE_LIBRARY) import --trip "Sample trip" $(SAMPLE_DIR)
	./target/release/lanyard --library $(SAMPLE_LIBRARY) shift --trip "Sample trip" --camera "Canon EOS RP" --by +6h
	./target/release/lanyard --library $(SAMPLE_LIBRARY) timeline --trip "Sample trip"

lint: deps
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

test: lint
	$(CARGO) test --workspace --locked

# Benchmarks (not tests): Lanyard side by side with vipsthumbnail and exiftool, same files, same run.
bench: deps bench-deps
	$(CARGO) bench -p lanyard-cli --bench import --locked
