#!/bin/bash
# Command B of the README (and of .ci/run): install what is missing, build, run the whole suite with CTest.
# GUI tests need an X display: the suite runs under a virtual one (xvfb-run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/build.sh
xvfb-run -a -s "-screen 0 1600x900x24" ctest --test-dir build --output-on-failure -j2
