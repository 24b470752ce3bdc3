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

preload=""  # a library the test processes get in LD_PRELOAD, built from tests/sanitize/<name>.c
case "$kind" in
  asan)
    flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
    # The unit tests; the CLI tests run the instrumented binary.
    targets=(manifoldscope data_tests store_tests geometry_tests stats_tests model_tests pipeline_tests cli_tests)
    tests=(-L "^(data|store|geometry|stats|model|pipeline|cli)_tests$")
    # verify_asan_link_order=0: keep_libraries_loaded.so is preloaded ahead of the ASan runtime (below).
    export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:verify_asan_link_order=0"
    export LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0"
    # OpenMPI and libc's asprintf have no frame pointers: the fast unwinder's stacks through them end in garbage that
    # lsan.supp cannot match. The MPI ranks (only they: mpirun sets this list in what it launches) take the exact,
    # slower unwinder; a drawing process must not (it deadlocks there, inside the loader, under Qt's plugins).
    export OMPI_MCA_mca_base_env_list="ASAN_OPTIONS=$ASAN_OPTIONS:fast_unwind_on_malloc=0"
    preload=keep_libraries_loaded.so
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
preload_env=()
if [ -n "$preload" ]; then
  cc -shared -fPIC -O2 -o "$build/$preload" "$here/${preload%.so}.c"
  preload_env=(LD_PRELOAD="$PWD/$build/$preload")
fi
[ "${MS_SANITIZE_BUILD_ONLY:-0}" = 1 ] && exit 0
xvfb-run -a -s "-screen 0 1600x900x24" env "${preload_env[@]}" \
  ctest --test-dir "$build" --output-on-failure -j2 "${tests[@]}" "$@"
