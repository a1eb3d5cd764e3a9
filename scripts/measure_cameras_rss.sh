#!/usr/bin/env bash
# Measures the resident memory of one depthnode serving N synthetic cameras against N depthnodes
# serving one each, with the demo model (README, "Many cameras, one model"). Needs `make build`.
# usage: scripts/measure_cameras_rss.sh [N] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-4}
secs=${2:-20}
port=$((20000 + RANDOM % 20000))
export ROS_MASTER_URI=http://127.0.0.1:$port/ ROS_IP=127.0.0.1
export ONNXRUNTIME_LIB=${ONNXRUNTIME_LIB:-$PWD/.ort/libonnxruntime.so.1}
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
rosmaster --core -p "$port" >/dev/null 2>&1 & pids+=($!)
sleep 2
cams=()
for i in $(seq 1 "$n"); do
  bin/synthcam __ns:=/cam$i __name:=synthcam _rate:=5 _seed:=$i _width:=640 _height:=480 _lidar_beams:=0 >/dev/null 2>&1 & pids+=($!)
  cams+=("cam$i")
done
model=$PWD/models/demo.onnx
rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
# Each node needs a subscriber to compute anything.
watch() { for c in "${cams[@]}"; do rostopic hz "/$c/depth/relative" >/dev/null 2>&1 & pids+=($!); done; }

bin/depthnode __name:=multi "_cameras:=${cams[*]}" _depth_model:=$model _normals_model:=$model _device:=cpu _preview_addr:= >/dev/null 2>&1 &
one=$!; pids+=($one)
watch
sleep "$secs"
echo "one node, $n cameras: $(rss $one) kB"
kill "$one"; wait "$one" 2>/dev/null || true

total=0
nodes=()
for c in "${cams[@]}"; do
  bin/depthnode __ns:=/$c __name:=single _depth_model:=$model _normals_model:=$model _device:=cpu _preview_addr:= >/dev/null 2>&1 &
  nodes+=($!); pids+=($!)
done
sleep "$secs"
for p in "${nodes[@]}"; do total=$((total + $(rss "$p"))); done
echo "$n nodes, one camera each: $total kB"
