#!/bin/bash
# The Fashion-MNIST study of docs/results/fashion-mnist-study.md, end to end and resumable (every step skips what is
# already done, so it can be stopped and re-run, or re-run while the training is still going):
#   train       the `study` zoo: CNN and residual CNN x 4 lr x 3 wd x 2 seeds x SGD/AdamW, 3 epochs on 60k images
#   analyze     every finished checkpoint: markers of every layer, the paper's six shifts at severity 3, UCI digits
#   severities  the seed-0 SGD checkpoints again at severities 1-5 of the six shifts (2000 images per shifted set)
#   tables      the study table shipped in resources/results/fashion-mnist-study/ and the correlation tables
#   figures     the report's figures, drawn by `manifoldscope figures` into OUT/figures (under xvfb-run without a
#               display)
# Usage: bash docs/results/fashion-mnist-study.sh OUT [STEP...]   (no STEP: all of them, in order)
# MANIFOLDSCOPE=path/to/manifoldscope picks the binary (default: build/manifoldscope of this checkout).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: fashion-mnist-study.sh OUT [train|analyze|severities|tables|figures]...}
shift
steps=${*:-train analyze severities tables figures}
ms=${MANIFOLDSCOPE:-$here/../../build/manifoldscope}
mkdir -p "$out"
shifts=(gaussian_noise fog brightness contrast pixelate jpeg_compression)

# The checkpoints the zoo has finished: NAME.pt with its NAME.json sidecar (written last).
finished() {
  local pt
  for pt in "$out"/*.pt; do
    [ -e "$pt" ] && [ -e "${pt%.pt}.json" ] && [[ $(basename "$pt") == ${1:-*} ]] && echo "$pt"
  done
  return 0
}

for step in $steps; do
  case $step in
    train)
      "$ms" zoo train --preset study --out "$out"
      ;;
    analyze)
      mapfile -t checkpoints < <(finished)
      ood=()
      for s in "${shifts[@]}"; do ood+=(--ood "$s:3"); done
      "$ms" analyze "${checkpoints[@]}" --project "$out/study.msproj" --id fashion-mnist:test "${ood[@]}" \
        --transfer uci-digits@28x28
      ;;
    severities)
      mapfile -t checkpoints < <(finished '*-sgd-*-s0.pt')
      ood=()
      for s in "${shifts[@]}"; do for level in 1 2 3 4 5; do ood+=(--ood "$s:$level"); done; done
      "$ms" analyze "${checkpoints[@]}" --project "$out/severities.msproj" --id fashion-mnist:test "${ood[@]}" \
        --ood-limit 2000
      ;;
    tables)
      MANIFOLDSCOPE=$ms python3 "$here/fashion-mnist-study-tables.py" "$out" | tee "$out/tables.md"
      ;;
    figures)
      draw=()
      [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || draw=(xvfb-run -a -s "-screen 0 1600x900x24")
      # From OUT, so index.md names the project by its file name only.
      (cd "$out" && "${draw[@]}" "$(realpath "$(command -v "$ms")")" figures study.msproj --out figures \
        --targets mean_ood_accuracy,probe_accuracy_uci-digits@28x28 --formats png)
      ;;
    *)
      echo "unknown step: $step (train, analyze, severities, tables, figures)" >&2
      exit 2
      ;;
  esac
done
