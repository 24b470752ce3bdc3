#!/bin/bash
# Peak memory and time of whole analyses of real torchvision architectures, with and without a memory budget:
# a CIFAR-style ResNet18 (3x3 stem, no max-pool; 69 layers, up to 65536 features each) at 32x32, every layer, and a
# torchvision ResNet-50 at 224x224, its 16 block outputs plus the penultimate layer. 10 classes x 50 images (the
# geometry sample) of seeded random images; peak RSS and wall time from /usr/bin/time.
#
#   bash tests/bench/bench_memory.sh [OUT_DIR]     (needs build/manifoldscope and Debian's python3-torch/torchvision)
#   ONLY=resnet50 bash tests/bench/bench_memory.sh  (only the runs whose name matches)
#
# Prints a Markdown table; every run's log stays in OUT_DIR (default build/bench-memory).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-build/bench-memory}
binary=$PWD/build/manifoldscope
python=/usr/bin/python3  # Debian's, where python3-torch installs
mkdir -p "$out"
out=$(cd "$out" && pwd)

# Models: PyTorch exports them itself (traced), with their sidecars.
if [ ! -f "$out/resnet18_cifar_traced.pt" ]; then
  "$python" tests/unit/model/export_torchvision.py resnet18_cifar "$out/r18" > "$out/export.log" 2>&1
  cp "$out/r18/resnet18_cifar_traced.pt" "$out/"
  echo '{"architecture": "resnet18_cifar", "input_shape": [3, 32, 32]}' > "$out/resnet18_cifar_traced.json"
fi
if [ ! -f "$out/resnet50.pt" ]; then
  "$python" packaging/export_model.py --arch torchvision:resnet50 --num-classes 10 --input-shape 3x224x224 \
    --out "$out/resnet50.pt" >> "$out/export.log" 2>&1
fi
# ID sets: 500 seeded random images per size, NHWC uint8, labels beside them.
for size in 32 224; do
  [ -f "$out/id$size.npy" ] && continue
  "$python" - "$out" "$size" <<'PY'
import sys
import numpy as np
out, size = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(0)
labels = np.repeat(np.arange(10), 50)
images = (rng.random((500, size, size, 3)) * 255).astype(np.uint8)
for row, label in enumerate(labels):
    images[row, :, :, label % 3] //= 2
np.save("%s/id%d.npy" % (out, size), images)
np.save("%s/id%d_labels.npy" % (out, size), labels.astype(np.int64))
PY
done

# One analysis: NAME MODEL ID-SET ARGS...; prints a table row (only runs whose name matches $ONLY, when set).
run() {
  local name=$1 model=$2 id=$3
  [[ -n "${ONLY:-}" && ! "$name" =~ $ONLY ]] && return
  shift 3
  rm -rf "$out/$name.msproj" "$out/$name.csv"
  /usr/bin/time -v "$binary" analyze "$out/$model" --project "$out/$name.msproj" --id "$out/$id" "$@" \
    > "$out/$name.log" 2>&1 || true
  local rss wall plan
  if ! grep -q "1 checkpoint(s) analysed" "$out/$name.log"; then
    # A layer over the budget is refused before any work: report that, with what it took to find out.
    local reason
    reason=$(grep -m1 -o 'needs about .*budget of [0-9.]* [KMGT]*i*B' "$out/$name.log" || echo "failed: see $out/$name.log")
    wall=$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$out/$name.log")
    echo "| $name | $* | refused: $reason | - | $wall |"
    return
  fi
  rss=$(awk -F: '/Maximum resident set size/ {printf "%.2f", $2 / 1048576}' "$out/$name.log")
  wall=$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$out/$name.log")
  plan=$(grep -m1 -o '[0-9]* layers in [0-9]* pass(es)[^)]*)' "$out/$name.log" || true)
  echo "| $name | $* | $plan | $rss | $wall |"
}

echo "| run | options | plan | peak RSS GiB | wall |"
echo "|---|---|---|---|---|"
run resnet18-all-unbounded resnet18_cifar_traced.pt id32.npy --memory-budget 20G
run resnet18-all-2G resnet18_cifar_traced.pt id32.npy --memory-budget 2G
run resnet18-all-project1000 resnet18_cifar_traced.pt id32.npy --project-dim 1000 --memory-budget 2G
run resnet50-blocks-project1000 resnet50.pt id224.npy --layers blocks,penultimate --project-dim 1000 --memory-budget 4G
run resnet50-blocks-4G resnet50.pt id224.npy --layers blocks,penultimate --memory-budget 4G
