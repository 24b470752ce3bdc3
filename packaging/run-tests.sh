#!/bin/bash
# Command B of the README (and of .ci/run): install what is missing, build, run the whole suite with CTest.
# GUI tests need an X display: the suite runs under a virtual one (xvfb-run). Then every fuzz target runs for 10 s
# (a separate clang build in build-fuzz, about 4 minutes the first time).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/build.sh
xvfb-run -a -s "-screen 0 1600x900x24" ctest --test-dir build --output-on-failure -j2
bash tests/fuzz/run.sh 10
