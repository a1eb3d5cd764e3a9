#!/usr/bin/env bash
# Installs the Debian packages depthnode needs to build, test and run its demo,
# skipping what is already there. Pass group names to limit it:
#   build  - compilers' C libraries (OpenCV, libvpx, libjpeg-turbo) and pkg-config
#   ros    - Debian's ROS 1 (roscore, rostopic, rosbag, roslaunch, rospy)
#   test   - the above plus headless Chromium, the Python model tools and the real ROS
#            consumers the tests check against (depth_image_proc, dynamic_reconfigure, image_view)
set -euo pipefail

build_pkgs=(pkg-config gcc g++ libopencv-dev libvpx-dev libturbojpeg0-dev curl ca-certificates)
# npm fetches the ONNX Runtime library (scripts/fetch-ort.sh); the Go machines ship Node.js.
command -v npm >/dev/null || build_pkgs+=(npm)
ros_pkgs=(ros-core python3-rospy python3-rostopic python3-rosbag python3-roslaunch
  ros-sensor-msgs python3-sensor-msgs python3-tf2-ros python3-tf2-msgs
  python3-diagnostic-msgs ros-diagnostic-msgs ros-tf2-msgs python3-std-srvs
  python3-rosservice python3-rosnode python3-rosparam rosbash rospack-tools)
test_pkgs=(chromium chromium-driver python3-onnx python3-torch python3-torchvision python3-numpy
  libopenblas0-pthread python3-opencv python3-pil
  libnodeletlib-tools libdepth-image-proc-dev python3-dynamic-reconfigure ros-image-view)

groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(build ros test)

want=()
for g in "${groups[@]}"; do
  case "$g" in
    build) want+=("${build_pkgs[@]}") ;;
    ros) want+=("${ros_pkgs[@]}") ;;
    test) want+=("${build_pkgs[@]}" "${ros_pkgs[@]}" "${test_pkgs[@]}") ;;
    *) echo "install-deps: unknown group $g (build, ros, test)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# de-duplicate while keeping order
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | awk 'NF && !seen[$0]++')
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing Debian packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
