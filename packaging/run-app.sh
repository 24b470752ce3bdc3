#!/bin/bash
# Command A of the README: install what is missing, build, and open ManifoldScope on the embedded Fashion-MNIST.
# Without a display, runs the same demo headless instead (the quick zoo trained and analysed, its figure packs drawn
# on a virtual display when xvfb-run is there) and says where its results are.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/build.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  out="$PWD/manifoldscope-demo"
  echo "No display found: running the demo headless instead; results in $out"
  if command -v xvfb-run >/dev/null 2>&1; then
    exec xvfb-run -a -s "-screen 0 1600x900x24" ./build/manifoldscope demo --out "$out"
  fi
  exec ./build/manifoldscope demo --out "$out"
fi
# No arguments: the demo — the quick model zoo trained and analysed in ./manifoldscope-demo while the window shows
# the results as they arrive (a second launch reopens the project and only completes it).
if [ $# -eq 0 ]; then
  exec ./build/manifoldscope --demo "$PWD/manifoldscope-demo"
fi
exec ./build/manifoldscope "$@"
