#!/usr/bin/env bash
# Records a small sample bag from the synthetic camera + LiDAR (no download):
#   scripts/make_sample_bag.sh OUT.bag [SECONDS] [RATE_HZ]
# It starts a private roscore on a free port unless ROS_MASTER_URI answers, runs
# bin/synthcam in the `camera` namespace (cloud on /points), and records with rosbag.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: make_sample_bag.sh OUT.bag [SECONDS] [RATE_HZ]}
secs=${2:-4}
rate=${3:-5}
[ -x "$root/bin/synthcam" ] || (cd "$root" && go build -o bin/ ./cmd/synthcam)

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -INT -- "-$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
start() { setsid "$@" & pids+=($!); }

export ROS_HOME=${ROS_HOME:-$(mktemp -d)}
if ! /usr/bin/python3 -c "import rosgraph,sys; sys.exit(0 if rosgraph.is_master_online() else 1)" 2>/dev/null; then
  port=$(/usr/bin/python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
  export ROS_MASTER_URI="http://127.0.0.1:$port/"
  start roscore -p "$port" >/dev/null
  for _ in $(seq 100); do
    /usr/bin/python3 -c "import rosgraph,sys; sys.exit(0 if rosgraph.is_master_online() else 1)" 2>/dev/null && break
    sleep 0.1
  done
fi
start "$root/bin/synthcam" __ns:=camera points:=/points "_rate:=$rate"
# rosbag record starts its clock at the first message; --duration bounds the recording.
rosbag record -q -O "$out" --duration="$secs" \
  /camera/image /camera/camera_info /points /tf_static /camera/ground_truth/depth
echo "make_sample_bag: wrote $out"
