#!/bin/bash
# Builds the libFuzzer targets with clang (AddressSanitizer + UndefinedBehaviorSanitizer) in ./build-fuzz and runs
# each one, starting from its seed corpus tests/fuzz/corpus/TARGET (left unchanged: new inputs go to
# build-fuzz/corpus/TARGET).
#   bash tests/fuzz/run.sh                 CI's short run: 10 s per target (10 targets)
#   bash tests/fuzz/run.sh 600             the longer local run: 10 minutes per target
#   bash tests/fuzz/run.sh 600 fuzz_npy    one target
# A finding stops that target, keeps the input as build-fuzz/artifacts/TARGET-crash-… and fails the run; replay it
# with `build-fuzz/tests/fuzz/TARGET FILE`. The random seed is fixed (MS_FUZZ_SEED, default 1) so that a run is
# repeatable as far as timing allows; set another to explore elsewhere.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
shift || true

cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DMS_BUILD_FUZZERS=ON \
      -DMS_BUILD_GUI=OFF -DMS_BUILD_TORCH=OFF -DMS_BUILD_TESTS=OFF -DMS_BUILD_BENCH=OFF >/dev/null
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cd tests/fuzz/corpus && ls)
cmake --build build-fuzz -j2 --target "${targets[@]}"

export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:allocator_may_return_null=0"
export LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
mkdir -p build-fuzz/artifacts
failed=()
for target in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$target
  mkdir -p "$corpus"
  log=build-fuzz/artifacts/$target.log
  # -rss_limit_mb: a reader asking for unbounded memory is a finding, not a machine that swaps. -timeout: one
  # input taking five minutes is a finding (a hang). The slowest legitimate ones are dataset specs at the resize
  # limits (`…@8x866666+fog:3`: four 7-megapixel images, 3.7 s in the release build) and take about a minute under
  # the sanitizers and coverage on a loaded machine.
  if build-fuzz/tests/fuzz/"$target" "$corpus" "tests/fuzz/corpus/$target" -max_total_time="$seconds" \
       -seed="${MS_FUZZ_SEED:-1}" -rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=300 -print_final_stats=1 \
       -artifact_prefix="build-fuzz/artifacts/$target-" >"$log" 2>&1; then
    runs=$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    echo "fuzz: $target ok ($runs inputs in ${seconds} s, corpus $(ls "$corpus" | wc -l) files)"
  else
    echo "fuzz: $target FOUND A FAILURE — $log:" >&2
    grep -m5 -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" >&2 || tail -20 "$log" >&2
    failed+=("$target")
  fi
done
[ ${#failed[@]} -eq 0 ] || { echo "fuzz: failures in ${failed[*]}" >&2; exit 1; }
