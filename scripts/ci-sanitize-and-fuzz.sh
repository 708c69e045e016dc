#!/usr/bin/env bash
# CI hardening stage (issue 6): the whole test suite under AddressSanitizer
# and UndefinedBehaviorSanitizer in build-asan/, then every fuzz target for
# a bounded smoke run (its seeds from fixtures/, its kept regression inputs,
# then FUZZ_SECONDS of mutations; two targets at a time). Fails on any test
# failure, sanitizer report, crash, hang or leak. About 8-10 minutes on two
# cores from scratch; rebuilds are incremental.
#
#   scripts/ci-sanitize-and-fuzz.sh            FUZZ_SECONDS=15 by default
#   FUZZ_SECONDS=60 scripts/ci-sanitize-and-fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
fuzz_seconds="${FUZZ_SECONDS:-15}"
jobs="$(nproc)"

# libFuzzer comes with clang's runtime libraries; objcopy with binutils.
./scripts/install-deps.sh libclang-rt-14-dev binutils

# Any sanitizer report fails the run (GCC's UBSan only prints by default).
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1"

echo "== test suite under ASan + UBSan (build-asan/)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DHYBRIDLINT_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
ctest --test-dir build-asan --output-on-failure

echo "== fuzz targets, ${fuzz_seconds}s each (build-fuzz/)"
export HYBRIDLINT_FUZZ_BUILD="$root/build-fuzz"
fuzz/fuzz.sh build >/dev/null
fuzz/fuzz.sh smoke "$fuzz_seconds"
