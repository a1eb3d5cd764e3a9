#!/usr/bin/env bash
# Fetches Microsoft's CPU ONNX Runtime core library from the npm package
# onnxruntime-node (pinned version, sha256-checked) into .ort/ (git-ignored).
# The same core library also drives the CUDA/TensorRT providers that
# scripts/fetch-ort-gpu.sh puts beside it.
set -euo pipefail
ORT_VERSION=1.29.0
# sha256 of onnxruntime-node-${ORT_VERSION}.tgz as the npm registry serves it.
ORT_TGZ_SHA256=cfdfb45ec4044b1fdca43e5d2e180fb6817e649ff8ad1e0dfc90e18e51b67037

root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/.ort"
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "fetch-ort: no prebuilt ONNX Runtime for $(uname -m); set ONNXRUNTIME_LIB to your own libonnxruntime.so" >&2; exit 1 ;;
esac
if [ -f "$dest/libonnxruntime.so.1" ] && [ "$(cat "$dest/VERSION" 2>/dev/null)" = "$ORT_VERSION-$arch" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "fetch-ort: npm is needed to fetch onnxruntime-node (apt-get install npm)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "fetch-ort: fetching ONNX Runtime $ORT_VERSION ($arch) from the npm package onnxruntime-node"
(cd "$tmp" && npm pack --silent "onnxruntime-node@$ORT_VERSION" >/dev/null)
tgz="$tmp/onnxruntime-node-$ORT_VERSION.tgz"
echo "$ORT_TGZ_SHA256  $tgz" | sha256sum -c --quiet - || { echo "fetch-ort: sha256 mismatch for $tgz" >&2; exit 1; }
tar -xzf "$tgz" -C "$tmp" "package/bin/napi-v6/linux/$arch/libonnxruntime.so.1"
mkdir -p "$dest"
install -m 0644 "$tmp/package/bin/napi-v6/linux/$arch/libonnxruntime.so.1" "$dest/libonnxruntime.so.1"
echo "$ORT_VERSION-$arch" >"$dest/VERSION"
echo "fetch-ort: installed $dest/libonnxruntime.so.1"
