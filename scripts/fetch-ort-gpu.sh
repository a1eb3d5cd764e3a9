#!/usr/bin/env bash
# Fetches the CUDA and TensorRT execution providers of ONNX Runtime 1.29.0 into
# .ort/ (git-ignored), beside the core library that scripts/fetch-ort.sh puts
# there. The providers come from the npm package
# com.github.asus4.onnxruntime.linux-x64-gpu (official ORT 1.29.0 GPU binaries
# repackaged), pinned by version and sha256. Only the three provider libraries
# are taken: the core library of the com.github.asus4.onnxruntime packages is a
# CPU-only build, while Microsoft's onnxruntime-node 1.29.0 core loads these
# providers when they sit in the same folder (the versions must match exactly).
#
# The host then needs the NVIDIA driver and, on the library path, CUDA 13
# (libcudart.so.13, libcublas.so.13, libcublasLt.so.13, libcurand.so.10) and
# cuDNN 9; the TensorRT provider also needs TensorRT 10 (libnvinfer.so.10,
# libnvonnxparser.so.10). See docs/gpu.md.
set -euo pipefail
ORT_VERSION=1.29.0
PKG=com.github.asus4.onnxruntime.linux-x64-gpu
PKG_VERSION=0.4.9
# sha256 of ${PKG}-${PKG_VERSION}.tgz as the npm registry serves it (179 MB).
PKG_TGZ_SHA256=2b459e0c17f340c92970c10ed86de4f37a3009f93c14053e6ad4334cbb6be412
PROVIDERS="libonnxruntime_providers_shared.so libonnxruntime_providers_cuda.so libonnxruntime_providers_tensorrt.so"

root=$(cd "$(dirname "$0")/.." && pwd)
dest="${ORT_DIR:-$root/.ort}"
say() { echo "fetch-ort-gpu: $*"; }
die() { echo "fetch-ort-gpu: $*" >&2; exit 1; }

[ "$(uname -m)" = x86_64 ] || die "prebuilt ORT GPU providers exist here for linux x86_64 only (this is $(uname -m)); on Jetson or other CUDA versions build or install ONNX Runtime $ORT_VERSION with CUDA yourself and point ONNXRUNTIME_LIB at its libonnxruntime.so (see docs/gpu.md)"

# The providers must match the core library version exactly.
core_version=$(cat "$dest/VERSION" 2>/dev/null || true)
[ -f "$dest/libonnxruntime.so.1" ] && [ "$core_version" = "$ORT_VERSION-x64" ] ||
  die "the ONNX Runtime $ORT_VERSION core is not in $dest (found version '${core_version:-none}'); run scripts/fetch-ort.sh (make ort) first"

marker="$dest/VERSION-gpu"
want="$ORT_VERSION $PKG@$PKG_VERSION"
have_all=1
for f in $PROVIDERS; do [ -f "$dest/$f" ] || have_all=0; done
if [ "$have_all" = 1 ] && [ "$(cat "$marker" 2>/dev/null)" = "$want" ]; then
  say "ONNX Runtime $ORT_VERSION CUDA/TensorRT providers already in $dest"
  exit 0
fi

command -v npm >/dev/null || die "npm is needed to fetch $PKG (apt-get install npm)"
tmp=$(mktemp -d)
# The tarball is 179 MB: never leave it behind, whatever happens.
trap 'rm -rf "$tmp"' EXIT
say "fetching $PKG@$PKG_VERSION (179 MB) for the ONNX Runtime $ORT_VERSION CUDA/TensorRT providers"
# A private npm cache, so that no copy of the tarball stays in ~/.npm either.
(cd "$tmp" && npm pack --silent --cache "$tmp/npm-cache" "$PKG@$PKG_VERSION" >/dev/null)
tgz="$tmp/$PKG-$PKG_VERSION.tgz"
echo "$PKG_TGZ_SHA256  $tgz" | sha256sum -c --quiet - || die "sha256 mismatch for $tgz: refusing it"
members=()
for f in $PROVIDERS; do members+=("package/Plugins/Linux/x64/$f"); done
tar -xzf "$tgz" -C "$tmp" "${members[@]}"
rm -f "$tgz"
mkdir -p "$dest"
for f in $PROVIDERS; do
  install -m 0755 "$tmp/package/Plugins/Linux/x64/$f" "$dest/$f"
done
echo "$want" >"$marker"
say "installed into $dest: $PROVIDERS"

# Tell what the host still lacks; not an error here, since the libraries may
# be put on LD_LIBRARY_PATH only when the node runs.
for f in libonnxruntime_providers_cuda.so libonnxruntime_providers_tensorrt.so; do
  missing=$(ldd "$dest/$f" 2>/dev/null | awk '/not found/ {print $1}' | tr '\n' ' ')
  if [ -n "$missing" ]; then
    say "note: $f cannot load yet on this host, missing: $missing(put CUDA 13, cuDNN 9$( [ "$f" = libonnxruntime_providers_tensorrt.so ] && echo ', TensorRT 10') on LD_LIBRARY_PATH)"
  fi
done
