#!/bin/bash
# Sanitizer builds of the test suite (README: "Sanitizers"). Each kind has its own build folder beside ./build.
#   bash tests/sanitize/run.sh asan   AddressSanitizer + UndefinedBehaviorSanitizer, every unit test (build-asan)
#   bash tests/sanitize/run.sh tsan   ThreadSanitizer, the pipeline and job-runner tests (build-tsan)
# Extra arguments go to ctest (e.g. -R Glue). Any report fails the run: the runtimes abort on the first one.
# Third-party libraries are not instrumented; tests/sanitize/*.supp names what is theirs (never our code).
set -euo pipefail
cd "$(dirname "$0")/../.."
kind=${1:?usage: run.sh asan|tsan [ctest arguments]}
shift
here=$PWD/tests/sanitize

case "$kind" in
  asan)
    flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
    # The unit tests; the CLI tests run the instrumented binary.
    targets=(manifoldscope data_tests store_tests geometry_tests stats_tests model_tests pipeline_tests cli_tests)
    tests=(-L "^(data|store|geometry|stats|model|pipeline|cli)_tests$")
    export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1"
    export LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0"
    export OMPI_MCA_mca_base_component_disable_dlclose=1  # named frames for lsan.supp
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$here/ubsan.supp"
    ;;
  tsan)
    flags="-fsanitize=thread -fno-omit-frame-pointer"
    targets=(pipeline_tests job_runner_tests)
    tests=(-L "^(pipeline|job_runner)_tests$")
    # LibTorch's and OpenBLAS's own thread pools are not instrumented: their hand-offs would read as races in our
    # buffers. One intra-op thread keeps the report about our threads (job runner, parallel GLUE samples).
    export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
    # Debian's Qt is not instrumented: what it does inside itself (its posted events, its pool's thread names) is not
    # judged (ignore_noninstrumented_modules); our own hand-offs through it are either std::mutex ones or marked
    # (app/gui/job_runner.cpp), so a race in our code through the job runner still reports.
    export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:ignore_noninstrumented_modules=1:suppressions=$here/tsan.supp"
    ;;
  *) echo "run.sh: unknown kind '$kind' (asan or tsan)" >&2; exit 2 ;;
esac

build=build-$kind
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMS_BUILD_BENCH=OFF \
      -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" \
      -DCMAKE_SHARED_LINKER_FLAGS="$flags" -DMS_TEST_TIMEOUT=1200
cmake --build "$build" -j2 --target "${targets[@]}"
[ "${MS_SANITIZE_BUILD_ONLY:-0}" = 1 ] && exit 0
xvfb-run -a -s "-screen 0 1600x900x24" ctest --test-dir "$build" --output-on-failure -j2 "${tests[@]}" "$@"
