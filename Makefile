# depthnode: build, test, benchmark and demo targets.
# `make demo` and `make test` install what they need on a fresh Debian 12 machine.

SHELL := /bin/bash
ORT_DIR := $(CURDIR)/.ort
export ONNXRUNTIME_LIB ?= $(ORT_DIR)/libonnxruntime.so.1
GO ?= go
GOTEST_FLAGS ?= -count=1 -timeout 20m

.PHONY: all deps deps-build deps-run ort ort-gpu build test test-go test-race test-python bench demo fixtures vet clean

all: build

## deps: Debian packages for building, ROS 1 and the tests (skips what is installed)
deps:
	bash scripts/install-deps.sh test

deps-build:
	bash scripts/install-deps.sh build

deps-run:
	bash scripts/install-deps.sh build ros

## ort: CPU ONNX Runtime core library into .ort/ (pinned, sha256-checked)
ort:
	bash scripts/fetch-ort.sh

## ort-gpu: CUDA/TensorRT providers beside the core library in .ort/
ort-gpu: ort
	bash scripts/fetch-ort-gpu.sh

## build: bin/depthnode and the helper binaries, and the ONNX Runtime library they load
build: deps-build ort
	$(GO) build -o bin/ ./cmd/...

vet:
	$(GO) vet ./...

## test: every test (Go and Python) against the real ROS 1, ONNX Runtime, libvpx and Chromium
test: deps ort
	$(MAKE) vet test-go test-race test-python

test-go:
	$(GO) test $(GOTEST_FLAGS) ./...

# The packages with concurrency of their own, again under the race detector.
RACE_PKGS := ./inference/ ./calib/ ./stream/ ./synth/ ./eval/ ./internal/... ./node/...
test-race:
	$(GO) test -race $(GOTEST_FLAGS) $(RACE_PKGS)

test-python:
	/usr/bin/python3 -m unittest discover -s scripts -p 'test_*.py'

## bench: the Go benchmarks that print the speed numbers quoted in README
bench: deps ort
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 2s ./...

## fixtures: regenerate the committed analytic test models (needs python3-torch, python3-onnx)
fixtures: deps
	/usr/bin/python3 scripts/make_fixture_models.py testdata/models

## demo: synthetic camera + LiDAR, depthnode with the demo model, preview on :8080 (Ctrl-C stops all)
demo: deps-run ort build
	bash scripts/demo.sh

clean:
	rm -rf bin
