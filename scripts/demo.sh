#!/usr/bin/env bash
# `make demo`: the embedded default. Launches a synthetic camera + LiDAR, depthnode with the
# demo model and LiDAR alignment, and the browser preview; runs until Ctrl-C and leaves
# nothing running. Uses the master at ROS_MASTER_URI when one answers there, else roslaunch
# starts (and later stops) its own.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

export ROS_PACKAGE_PATH="$root${ROS_PACKAGE_PATH:+:$ROS_PACKAGE_PATH}"
export ONNXRUNTIME_LIB="${ONNXRUNTIME_LIB:-$root/.ort/libonnxruntime.so.1}"
export ROS_MASTER_URI="${ROS_MASTER_URI:-http://localhost:11311}"
port=${PREVIEW_PORT:-8080}

if /usr/bin/python3 -c "import rosgraph,sys; sys.exit(0 if rosgraph.is_master_online() else 1)" 2>/dev/null; then
  echo "demo: using the ROS master at $ROS_MASTER_URI"
else
  echo "demo: no ROS master at $ROS_MASTER_URI; roslaunch starts one (and stops it on exit)"
fi

host=$(hostname -I 2>/dev/null | awk '{print $1}')
echo "demo: preview at http://localhost:$port/${host:+ (from another machine: http://$host:$port/)}"
echo "demo: topics under /camera (depth/relative, depth/color, depth/metric, normals/image, ...); Ctrl-C stops everything"

# roslaunch runs in a session of its own so that one signal to its group reaches every
# process it started; Ctrl-C or SIGTERM here is forwarded as SIGINT, on which roslaunch
# shuts its nodes (and a master it started) down.
setsid roslaunch --disable-title depthnode demo.launch preview_addr:=":$port" "$@" &
pid=$!
stop() { kill -INT -- -"$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap 'stop; exit 0' INT TERM
wait "$pid"
