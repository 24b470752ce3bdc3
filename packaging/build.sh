#!/bin/bash
# Configures and builds ManifoldScope in ./build (Release, Ninja, 2 parallel jobs: libtorch TUs need ~1 GB each).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
cmake --build build -j2
