#!/bin/bash
# Command A of the README: install what is missing, build, and open ManifoldScope on the embedded Fashion-MNIST.
# Without a display, runs the headless demo instead and says where its results are.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/build.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  out="$PWD/manifoldscope-demo"
  echo "No display found: running the headless demo instead; results in $out"
  exec ./build/manifoldscope demo --out "$out"
fi
# No arguments: the demo — the quick model zoo trained and analysed in ./manifoldscope-demo while the window shows
# the results as they arrive (a second launch reopens the project and only completes it).
if [ $# -eq 0 ]; then
  exec ./build/manifoldscope --demo "$PWD/manifoldscope-demo"
fi
exec ./build/manifoldscope "$@"
