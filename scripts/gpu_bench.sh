#!/usr/bin/env bash
# GPU benchmark of the E2E-FT single-step pass: ONNX Runtime 1.29.0 (CUDA, TensorRT) through
# the node's own inference path (cmd/depth-bench) against PyTorch (scripts/torch_bench.py), on
# random-init SD2-size models (timing does not depend on the weights), fp16 and fp32, depth,
# normals, both as two models and both in one combined model, 640x480 input at 768 px.
#
# The GPU machine has no network and takes at most 64 MiB of files per call, while the ORT CUDA
# provider alone is 230 MB; so the files travel in parts (docs/gpu.md has the whole plan):
#
#   bash scripts/gpu_bench.sh pack    # here (network): build, compress, split, print the calls
#   bash scripts/gpu_bench.sh stage   # on the GPU machine: keep the carried part(s), say what's missing
#   bash scripts/gpu_bench.sh run     # on the GPU machine, last call: export, benchmark, table
#   bash scripts/gpu_bench.sh plan    # print the calls again
#   bash scripts/gpu_bench.sh table DIR   # render DIR/results.jsonl + DIR/env.txt again
#
# run writes results.md, results.jsonl and gpu_bench.log into $OUT (else .cache/gpu-bench/results)
# and keeps within GB_BUDGET seconds (default 530), most important measurements first.
# Dry run on a CPU: GB_LOCAL=1 GB_DEVICE=cpu GB_CONFIG=tiny GB_RES=128 bash scripts/gpu_bench.sh run
set -euo pipefail
trap 'echo "gpu_bench: stopped at line $LINENO (exit $?)" >&2' ERR
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

PACK=.cache/gpu-bench         # what travels (carried paths)
STAGE=.cache/gpu-stage        # parts gathered on the GPU machine (kept between warm calls)
ORT_LIBS="libonnxruntime.so.1 libonnxruntime_providers_shared.so libonnxruntime_providers_cuda.so libonnxruntime_providers_tensorrt.so"
CALL_LIMIT=$((64 * 1024 * 1024))
# The Python that has PyTorch: plain python3 on the GPU machine; /usr/bin/python3 on Debian.
PY=${GB_PYTHON:-python3}
say() { echo "gpu_bench: $*"; }
die() { echo "gpu_bench: $*" >&2; exit 1; }

# tree_bytes: what every call carries anyway (tracked and untracked, not ignored, files).
tree_bytes() {
  git ls-files -co --exclude-standard -z | xargs -0 stat -c %s 2>/dev/null | awk '{s+=$1} END {print s+0}'
}

cmd_pack() {
  [ -n "${DIFFUSERS_SRC:-}" ] && [ -f "$DIFFUSERS_SRC/diffusers/__init__.py" ] ||
    die "set DIFFUSERS_SRC to a folder holding the diffusers package (e.g. the src/ of a diffusers checkout); the GPU machine has no diffusers"
  bash scripts/fetch-ort.sh
  bash scripts/fetch-ort-gpu.sh
  mkdir -p "$PACK"
  say "building depth-bench"
  go build -o "$PACK/depth-bench" ./cmd/depth-bench
  say "packing diffusers from $DIFFUSERS_SRC"
  tar -C "$DIFFUSERS_SRC" --exclude=__pycache__ -cf - diffusers | xz -T0 -6 >"$PACK/diffusers.tar.xz"
  (cd .ort && sha256sum $ORT_LIBS) >"$PACK/libs.sha256.new"
  # Each part plus the tree and the two manifests must fit one call's 64 MiB.
  local part=$((CALL_LIMIT - $(tree_bytes) - 2 * 1024 * 1024))
  [ "$part" -gt $((8 * 1024 * 1024)) ] || die "the working tree is too big to leave room for a part ($(tree_bytes) bytes)"
  # Reuse earlier parts only if they are the same libraries and still fit beside today's tree.
  if [ -f "$PACK/libs.sha256" ] && cmp -s "$PACK/libs.sha256" "$PACK/libs.sha256.new" &&
    [ -f "$PACK/parts.sha256" ] && (cd "$PACK" && sha256sum -c --quiet parts.sha256 2>/dev/null) &&
    [ "$(stat -c %s "$PACK"/ort-gpu.tar.xz.part-* | sort -n | tail -1)" -le "$part" ]; then
    say "ONNX Runtime parts already packed"
    rm "$PACK/libs.sha256.new"
  else
    mv "$PACK/libs.sha256.new" "$PACK/libs.sha256"
    rm -f "$PACK"/ort-gpu.tar.xz.part-*
    say "compressing ONNX Runtime core + CUDA/TensorRT providers (xz -9, a few minutes) into parts of $((part / 1048576)) MiB"
    tar -C .ort -cf - $ORT_LIBS | xz -T0 -9 | split -b "$part" -d -a 2 - "$PACK/ort-gpu.tar.xz.part-"
    (cd "$PACK" && sha256sum ort-gpu.tar.xz.part-*) >"$PACK/parts.sha256"
  fi
  ls -l "$PACK"
  cmd_plan
}

cmd_plan() {
  [ -f "$PACK/parts.sha256" ] || die "nothing packed yet: run bash scripts/gpu_bench.sh pack"
  local tree final_extra parts last last_size
  tree=$(tree_bytes)
  final_extra=$(stat -c %s "$PACK/depth-bench" "$PACK/diffusers.tar.xz" "$PACK/parts.sha256" "$PACK/libs.sha256" | awk '{s+=$1} END {print s}')
  parts=$(awk '{print $2}' "$PACK/parts.sha256")
  last=$(echo "$parts" | tail -1)
  last_size=$(stat -c %s "$PACK/$last")
  local fold=0
  [ $((tree + final_extra + last_size + 1048576)) -le "$CALL_LIMIT" ] && fold=1
  echo "Device calls, back to back (a machine idle for 30 s is given back and the staged parts are lost):"
  local m='".cache/gpu-bench/parts.sha256", ".cache/gpu-bench/libs.sha256"'
  for p in $parts; do
    [ "$fold" = 1 ] && [ "$p" = "$last" ] && continue
    echo "  run(command=\"bash scripts/gpu_bench.sh stage\", timeout_s=120, carry=[$m, \".cache/gpu-bench/$p\"])"
  done
  local extra=""
  [ "$fold" = 1 ] && extra=", \".cache/gpu-bench/$last\""
  echo "  run(command=\"bash scripts/gpu_bench.sh run\", timeout_s=600, carry=[$m, \".cache/gpu-bench/depth-bench\", \".cache/gpu-bench/diffusers.tar.xz\"$extra])"
  echo "(tree $((tree / 1048576)) MiB travels with every call; results come back from \$OUT)"
  local biggest
  biggest=$(stat -c %s "$PACK"/ort-gpu.tar.xz.part-* | sort -n | tail -1)
  if [ $((tree + biggest + 1048576)) -gt "$CALL_LIMIT" ] || { [ "$fold" = 0 ] && [ $((tree + final_extra)) -gt "$CALL_LIMIT" ]; }; then
    say "WARNING: the working tree grew: a call would exceed 64 MiB; run pack again"
  fi
}

# gather moves carried parts into the stage folder and reports which are still missing.
gather() {
  mkdir -p "$STAGE"
  [ -f "$PACK/parts.sha256" ] || die "no $PACK/parts.sha256: carry it (and libs.sha256) with every call"
  cp -f "$PACK/parts.sha256" "$PACK/libs.sha256" "$STAGE/"
  for f in "$PACK"/ort-gpu.tar.xz.part-*; do
    [ -f "$f" ] && cp -f "$f" "$STAGE/"
  done
  local missing=""
  while read -r sum name; do
    if ! [ -f "$STAGE/$name" ] || [ "$(sha256sum <"$STAGE/$name" | cut -d' ' -f1)" != "$sum" ]; then
      missing="$missing $name"
    fi
  done <"$STAGE/parts.sha256"
  echo "$missing"
}

cmd_stage() {
  local missing
  missing=$(gather)
  say "staged in $STAGE: $(ls "$STAGE" | grep -c part-) part(s); missing:${missing:- none}"
}

# cuda_library_path finds the CUDA 13 / cuDNN 9 / TensorRT 10 libraries of the machine: the
# nvidia-* Python wheels beside PyTorch, and the CUDA toolkit.
cuda_library_path() {
  local prefix
  prefix=$("$PY" -c 'import sys; print(sys.prefix)' 2>/dev/null || echo /nonexistent)
  find "$prefix" /usr/local/cuda/ /usr/local/nvidia /usr/lib/x86_64-linux-gnu -maxdepth 7 \
    \( -name 'libcudart.so.13*' -o -name 'libcublas.so.13*' -o -name 'libcublasLt.so.13*' -o -name 'libcurand.so.10*' \
    -o -name 'libcudnn.so.9*' -o -name 'libnvinfer.so.10*' -o -name 'libnvonnxparser.so.10*' \) -printf '%h\n' 2>/dev/null |
    sort -u | paste -sd: || true
}

cmd_run() {
  local budget=${GB_BUDGET:-530} config=${GB_CONFIG:-sd2} device=${GB_DEVICE:-cuda}
  local res=${GB_RES:-768} size=${GB_SIZE:-640x480} iters=${GB_ITERS:-20}
  local out=${OUT:-$root/$PACK/results}
  mkdir -p "$out"
  local results="$out/results.jsonl" log="$out/gpu_bench.log" envf="$out/env.txt"
  : >"$results"
  : >"$log"
  : >"$envf"
  local db models=.cache/gpu-models
  if [ "${GB_LOCAL:-0}" = 1 ]; then
    # Dry run on the development machine: its own .ort/ and diffusers on PYTHONPATH.
    export ONNXRUNTIME_LIB=${ONNXRUNTIME_LIB:-$root/.ort/libonnxruntime.so.1}
    db=$PACK/depth-bench
    [ -x "$db" ] || go build -o "$db" ./cmd/depth-bench
  else
    local missing
    missing=$(gather)
    [ -z "$missing" ] || die "parts not staged:$missing; make the stage calls first (bash scripts/gpu_bench.sh plan)"
    rm -rf .cache/ort-gpu && mkdir -p .cache/ort-gpu
    say "unpacking ONNX Runtime into .cache/ort-gpu"
    cat "$STAGE"/ort-gpu.tar.xz.part-* | xz -dc | tar -x -C .cache/ort-gpu
    (cd .cache/ort-gpu && sha256sum -c --quiet "$root/$STAGE/libs.sha256") || die "unpacked libraries do not match libs.sha256"
    export ONNXRUNTIME_LIB=$root/.cache/ort-gpu/libonnxruntime.so.1
    rm -rf .cache/diffusers-src && mkdir -p .cache/diffusers-src
    tar -xJf "$PACK/diffusers.tar.xz" -C .cache/diffusers-src
    export PYTHONPATH=$root/.cache/diffusers-src${PYTHONPATH:+:$PYTHONPATH}
    db=$PACK/depth-bench
  fi
  local cudalibs
  cudalibs=$(cuda_library_path)
  export LD_LIBRARY_PATH=${cudalibs}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  rm -rf "$models" && mkdir -p "$models"  # never time a stale model from an earlier run

  # What the numbers were measured on.
  {
    echo "date=$(date -u +%FT%TZ)"
    if command -v nvidia-smi >/dev/null; then
      echo "gpu=$(nvidia-smi --query-gpu=name --format=csv,noheader | head -1)"
      echo "driver=$(nvidia-smi --query-gpu=driver_version --format=csv,noheader | head -1)"
      echo "cuda_driver_api=$(nvidia-smi | sed -n 's/.*CUDA Version: *\([0-9.]*\).*/\1/p' | head -1)"
    else
      echo "gpu=none (no nvidia-smi)"
    fi
    "$PY" - <<'EOF' 2>/dev/null || echo "torch=not importable"
import torch
print(f"torch={torch.__version__}")
print(f"torch_cuda={torch.version.cuda}")
print(f"cudnn={torch.backends.cudnn.version()}")
EOF
    echo "cudart=$(tr ':' '\n' <<<"$cudalibs" | xargs -I{} sh -c 'ls {}/libcudart.so.13.* 2>/dev/null' | head -1 | sed 's/.*libcudart.so.//')"
    echo "cudnn_lib=$(tr ':' '\n' <<<"$cudalibs" | xargs -I{} sh -c 'ls {}/libcudnn.so.9.* 2>/dev/null' | head -1 | sed 's/.*libcudnn.so.//')"
    echo "tensorrt=$(tr ':' '\n' <<<"$cudalibs" | xargs -I{} sh -c 'ls {}/libnvinfer.so.10* 2>/dev/null' | head -1 | sed 's/.*libnvinfer.so.//')"
    echo "onnxruntime_lib=$ONNXRUNTIME_LIB"
    echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
    echo "config=$config device=$device input=$size processing_res=$res iterations=$iters"
  } >>"$envf"
  cat "$envf"
  if [ "$device" = cuda ]; then
    ldd "$(dirname "$ONNXRUNTIME_LIB")/libonnxruntime_providers_cuda.so" | grep 'not found' | sed 's/^/gpu_bench: CUDA provider lacks: /' || true
  fi

  # step NAME CAP_SECONDS KIND CMD...: KIND json = stdout is one JSON report per line for the
  # table; log = stdout goes to the log. Skips (and says so) when the budget is spent.
  step() {
    local name=$1 cap=$2 kind=$3
    shift 3
    local left=$((budget - SECONDS))
    if [ "$left" -lt 25 ]; then
      say "SKIPPED $name: time budget spent"
      printf '{"label":"%s","skipped":"time budget of %ss spent"}\n' "$name" "$budget" >>"$results"
      return 0
    fi
    local t=$((cap < left ? cap : left)) rc=0 tmp errf
    tmp=$(mktemp)
    errf=$(mktemp)
    say "$name (limit ${t}s, ${SECONDS}s used)"
    echo "== $name: $*" >>"$log"
    timeout "$t" "$@" >"$tmp" 2>"$errf" || rc=$?
    if [ "$kind" = json ] && [ "$rc" = 0 ]; then
      cat "$tmp" >>"$results"
    else
      cat "$tmp" >>"$log"
    fi
    cat "$errf" >>"$log"
    if [ "$rc" != 0 ]; then
      local why="exit $rc" last
      [ "$rc" = 124 ] && why="timed out after ${t}s"
      # The error is on stderr, usually its last line.
      last=$(grep -v '^\s*$' "$errf" | tail -1 | tr -d '"\\' | cut -c1-300)
      say "FAILED $name: $why: $last"
      printf '{"label":"%s","error":"%s: %s"}\n' "$name" "$why" "$last" >>"$results"
    fi
    rm -f "$tmp" "$errf"
    return 0
  }
  ort_bench() { # LABEL DEVICE [depth-bench model flags...]
    local label=$1 dev=$2 a
    shift 2
    for a in "$@"; do
      if [[ "$a" == *.onnx ]] && ! [ -f "$a" ]; then
        say "SKIPPED onnxruntime $dev $label: $a was not exported (see the export row)"
        printf '{"label":"onnxruntime %s %s","skipped":"%s was not exported"}\n' "$dev" "$label" "$a" >>"$results"
        return 0
      fi
    done
    step "onnxruntime $dev $label" 150 json "$db" -json -q -device "$dev" -size "$size" -res "$res" \
      -iters "$iters" -warmup 3 -label "$label" "$@"
  }
  export_models() { # LABEL [export_onnx flags]; the same seeds give the same weights every time
    local label=$1
    shift
    step "export $config $label" 240 log "$PY" scripts/export_onnx.py --random-init "$config" \
      --tasks depth,normals --device "$device" --out-dir "$models" --check-size "${GB_CHECK_SIZE:-256x192}" "$@"
  }
  torch_size=$("$PY" -c "w,h=map(int,'$size'.split('x')); r=$res; f=min(r/w,r/h) if r else 1; print(f'{int(w*f)}x{int(h*f)}')")
  torch_bench() { # LABEL [flags]
    local label=$1
    shift
    step "pytorch $label" 120 json "$PY" scripts/torch_bench.py --config "$config" --device "$device" \
      --size "$torch_size" --iters "$iters" --json --label "$label" "$@"
  }
  local m=$models/random-$config
  local trt=0
  grep -q '^tensorrt=.\+' "$envf" && trt=1

  # Most important first: the fp16 goal (both tasks >= 20 fps, faster than PyTorch), so the
  # combined model is exported and measured before anything else. float16 exports are not run in
  # onnxruntime here: the GPU machine's Python onnxruntime is CPU-only and lacks float16 kernels
  # for parts of the graph; the float32 exports below are checked against PyTorch.
  export_models "fp16 combined" --combined --fp16 --no-check
  ort_bench "fp16 both combined" "$device" -depth "$m-depth-normals-fp16.onnx" -normals "$m-depth-normals-fp16.onnx"
  torch_bench "fp16 both combined" --fp16 --tasks depth,normals
  export_models "fp16 separate" --fp16 --no-check
  ort_bench "fp16 depth" "$device" -depth "$m-depth-fp16.onnx"
  ort_bench "fp16 both separate" "$device" -depth "$m-depth-fp16.onnx" -normals "$m-normals-fp16.onnx"
  torch_bench "fp16 depth" --fp16 --tasks depth
  ort_bench "fp16 normals" "$device" -normals "$m-normals-fp16.onnx"
  # Four cameras through one model: one batch against one frame after another (~cameras).
  ort_bench "fp16 combined, 4 cameras batched" "$device" -cameras 4 -depth "$m-depth-normals-fp16.onnx" -normals "$m-depth-normals-fp16.onnx"
  ort_bench "fp16 combined, 4 cameras sequential" "$device" -cameras 4 -sequential -depth "$m-depth-normals-fp16.onnx" -normals "$m-depth-normals-fp16.onnx"
  export_models "fp32 combined, checked in onnxruntime" --combined
  ort_bench "fp32 both combined" "$device" -depth "$m-depth-normals.onnx" -normals "$m-depth-normals.onnx"
  torch_bench "fp32 both combined" --tasks depth,normals
  export_models "fp32 separate" --no-check
  ort_bench "fp32 depth" "$device" -depth "$m-depth.onnx"
  torch_bench "fp32 depth" --tasks depth
  ort_bench "fp32 both separate" "$device" -depth "$m-depth.onnx" -normals "$m-normals.onnx"
  ort_bench "fp32 normals" "$device" -normals "$m-normals.onnx"
  if [ "$device" = cuda ]; then
    if [ "$trt" = 1 ]; then
      # TensorRT builds an engine per model at Open (minutes for the UNet); cached for later runs.
      ort_bench "fp16 both combined" tensorrt -depth "$m-depth-normals-fp16.onnx" -normals "$m-depth-normals-fp16.onnx"
      ort_bench "fp16 depth" tensorrt -depth "$m-depth-fp16.onnx"
    else
      say "SKIPPED tensorrt: TensorRT 10 (libnvinfer.so.10) is not on this machine"
      printf '{"label":"onnxruntime tensorrt","skipped":"TensorRT 10 (libnvinfer.so.10, libnvonnxparser.so.10) not found on this machine"}\n' >>"$results"
    fi
  fi

  # Last, with what time is left: the exporter's tests, including the diffusers end-to-end ones
  # that Debian's PyTorch 1.13 cannot run, against this machine's onnxruntime.
  step "python tests test_export*.py" 120 log "$PY" -m unittest discover -s scripts -p 'test_export*.py'
  grep -q '"label":"python tests' "$results" ||
    printf '{"label":"python tests test_export*.py","note":"passed (gpu_bench.log has the output)"}\n' >>"$results"
  render_table "$envf" "$results" >"$out/results.md" || say "could not render the table (results.jsonl is the raw data)"
  cat "$out/results.md"
  say "done in ${SECONDS}s; results in $out"
}

render_table() {
  "$PY" - "$1" "$2" <<'EOF'
import json, sys
env = dict(l.rstrip("\n").split("=", 1) for l in open(sys.argv[1]) if "=" in l)
rows = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
print("# E2E-FT single-step pass: ONNX Runtime vs PyTorch\n")
print(f"GPU {env.get('gpu')}, driver {env.get('driver')}, CUDA (driver API) {env.get('cuda_driver_api')}, "
      f"libcudart {env.get('cudart') or '?'}, cuDNN {env.get('cudnn_lib') or env.get('cudnn')}, "
      f"TensorRT {env.get('tensorrt') or 'absent'}; PyTorch {env.get('torch')} (CUDA {env.get('torch_cuda')}); "
      f"CPU {env.get('cpu')}; {env.get('date')}.")
print(f"Run: {env.get('config')}.\n")
ort_rt = next((r.get("onnxruntime") for r in rows if r.get("onnxruntime")), "?")
print(f"ONNX Runtime {ort_rt} via cmd/depth-bench: 'infer' = session run(s) incl. host<->device copies; "
      "'frame' = prepare + infer + finish, sequential; 'pipelined' = stages overlapped as in the node. "
      "PyTorch: the model pass on an input already on the GPU at the processing size.\n")
print("| runtime | device | run | infer p50 ms | infer p95 ms | frame p50 ms | frame p95 ms | frame fps | pipelined fps | open s |")
print("|---|---|---|---|---|---|---|---|---|---|")
best = {}
for r in rows:
    label = r.get("label", "")
    if "note" in r:
        print(f"| | | {label} | {r['note']} | | | | | | |")
        continue
    if "skipped" in r or "error" in r:
        print(f"| | | {label} | {'SKIPPED: ' + r['skipped'] if 'skipped' in r else 'FAILED: ' + r['error']} | | | | | | |")
        continue
    if r.get("framework") == "pytorch":
        print(f"| PyTorch {r['torch']} | {r['device']} | {label} ({r['size']}) | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} "
              f"| | | {r['fps']:.1f} | | |")
        best[("pytorch", label)] = r["fps"]
        continue
    st = {s["stage"]: s for s in r["stages"]}
    print(f"| ONNX Runtime {r['onnxruntime']} | {r['device']} | {label} ({r['input']} @ {r['processing_res']}) "
          f"| {st['infer']['p50_ms']:.1f} | {st['infer']['p95_ms']:.1f} | {st['total']['p50_ms']:.1f} "
          f"| {st['total']['p95_ms']:.1f} | {st['total']['fps']:.1f} | {r['pipeline_fps']:.1f} | {r['open_ms'] / 1000:.1f} |")
    best[("ort", r["device"], label)] = (st["total"]["fps"], r["pipeline_fps"], st["infer"]["mean_ms"], r["processing_res"])
both = [(v, k) for k, v in best.items() if k[0] == "ort" and k[-1].startswith("fp16 both")]
torch_both = best.get(("pytorch", "fp16 both combined"))
print()
if both:
    (fps, pipe, infer_ms, res), key = max(both)
    verdict = "MET" if fps >= 20 else ("met only pipelined" if pipe >= 20 else "NOT met")
    line = (f"Goal (both tasks at 768 px >= 20 fps in fp16), measured at {res} px: {verdict}: best is {key[2]} on {key[1]}, "
            f"{fps:.1f} fps per frame end to end, {pipe:.1f} fps pipelined")
    if torch_both:
        line += (f"; PyTorch fp16 both: {torch_both:.1f} fps, ONNX Runtime infer alone "
                 f"{1000 / infer_ms:.1f} fps -> {'faster' if 1000 / infer_ms > torch_both else 'NOT faster'} than PyTorch")
    print(line + ".")
else:
    print("Goal: no fp16 both-task ONNX Runtime measurement came through (see the rows above and gpu_bench.log).")
EOF
}

case "${1:-}" in
  pack) cmd_pack ;;
  plan) cmd_plan ;;
  stage) cmd_stage ;;
  run) cmd_run ;;
  table) render_table "${2:?usage: gpu_bench.sh table RESULTS_DIR}/env.txt" "$2/results.jsonl" ;;
  *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
