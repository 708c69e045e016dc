#!/usr/bin/env bash
# Builds and runs the libFuzzer targets (see fuzz/README.md).
#
#   fuzz/fuzz.sh build                       configure and build every target
#   fuzz/fuzz.sh list                        the target names
#   fuzz/fuzz.sh run TARGET [SECONDS] [FLAG...]
#                                            fuzz one target (default 600 s); the
#                                            corpus grows in $BUILD/corpus/TARGET
#   fuzz/fuzz.sh smoke [SECONDS]             every target briefly (default 15 s
#                                            each, after its seeds and regression
#                                            inputs); fails on the first crash
#   fuzz/fuzz.sh repro TARGET FILE...        replay inputs, print each outcome
#
# $HYBRIDLINT_FUZZ_BUILD is the build directory (default build-fuzz/ in the
# repository; /build*/ is ignored by git). Crash inputs land in
# $BUILD/artifacts/. $HYBRIDLINT_FUZZ_JOBS targets run side by side in
# smoke (default 2).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${HYBRIDLINT_FUZZ_BUILD:-$root/build-fuzz}"
targets=(decode clixml json format_list csv yaml snapshot rules normalize waivers config baseline diagnose)

# Sanitizer reports are fatal and symbolized; libFuzzer saves the input.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1}"

# The flags every run uses: an input taking 30 s is a hang (inputs are
# small; not less, because a loaded machine once stretched a 0.3 s input to
# 12 s), and so is needing more than 2 GB.
common_flags=(-timeout=30 -rss_limit_mb=2048 -print_final_stats=1)

die() { echo "fuzz.sh: $*" >&2; exit 2; }

known() {
  local t
  for t in "${targets[@]}"; do [ "$t" = "$1" ] && return 0; done
  die "unknown target '$1' (expected one of: ${targets[*]})"
}

cmd_build() {
  cmake -S "$root/fuzz" -B "$build" >/dev/null
  cmake --build "$build" -j"$(nproc)"
}

# seeds TARGET DIR: the fixtures' seeds and the kept regression inputs.
seeds() {
  local target="$1" dir="$2"
  if [ ! -d "$build/seeds" ]; then "$root/fuzz/seed-corpora.sh" "$build/seeds" >/dev/null; fi
  mkdir -p "$dir"
  cp "$build/seeds/$target"/* "$dir"/
  local regressions="$root/fixtures/fuzz-regressions/$target" f
  if [ -d "$regressions" ]; then
    for f in "$regressions"/*; do
      case "$f" in *.expected) ;; *) cp "$f" "$dir/regression-$(basename "$f")" ;; esac
    done
  fi
}

cmd_run() {
  local target="${1:?usage: fuzz.sh run TARGET [SECONDS] [FLAG...]}" seconds="${2:-600}"
  known "$target"
  shift $(( $# >= 2 ? 2 : 1 ))
  [ -x "$build/fuzz_$target" ] || die "no $build/fuzz_$target: run 'fuzz/fuzz.sh build' first"
  local seed_dir="$build/seeds-with-regressions/$target"
  rm -rf "$seed_dir"
  seeds "$target" "$seed_dir"
  mkdir -p "$build/corpus/$target" "$build/artifacts"
  # New inputs go to the first folder (the corpus); the seeds are only read.
  "$build/fuzz_$target" "$build/corpus/$target" "$seed_dir" "${common_flags[@]}" \
    -max_total_time="$seconds" -artifact_prefix="$build/artifacts/$target-" "$@"
}

# smoke_one TARGET SECONDS: a fresh corpus from the seeds, a bounded run.
smoke_one() {
  local target="$1" seconds="$2" dir log
  dir="$(mktemp -d)"
  log="$build/smoke-$target.log"
  seeds "$target" "$dir"
  mkdir -p "$build/artifacts"
  if "$build/fuzz_$target" "$dir" "${common_flags[@]}" -max_total_time="$seconds" \
       -artifact_prefix="$build/artifacts/$target-" >"$log" 2>&1; then
    echo "fuzz_$target: ok ($(grep -a -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 | sed 's/[[:space:]][[:space:]]*/ /g'))"
    rm -rf "$dir"
  else
    rm -rf "$dir"
    echo "fuzz_$target: FAILED, log: $log" >&2
    grep -a -E 'ERROR|SUMMARY|invariant violated|runtime error|Test unit written' "$log" >&2 || tail -n 30 "$log" >&2
    return 1
  fi
}

cmd_smoke() {
  local seconds="${1:-15}" jobs="${HYBRIDLINT_FUZZ_JOBS:-2}" t failed=0
  local pids=()
  for t in "${targets[@]}"; do
    [ -x "$build/fuzz_$t" ] || die "no $build/fuzz_$t: run 'fuzz/fuzz.sh build' first"
  done
  "$root/fuzz/seed-corpora.sh" "$build/seeds" >/dev/null
  for t in "${targets[@]}"; do
    smoke_one "$t" "$seconds" &
    pids+=($!)
    if [ "${#pids[@]}" -ge "$jobs" ]; then
      wait "${pids[0]}" || failed=1
      pids=("${pids[@]:1}")
    fi
  done
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  return "$failed"
}

cmd_repro() {
  local target="${1:?usage: fuzz.sh repro TARGET FILE...}"
  known "$target"
  shift
  [ $# -gt 0 ] || die "repro needs at least one input file"
  HYBRIDLINT_FUZZ_VERBOSE=1 "$build/fuzz_$target" "$@"
}

case "${1:-}" in
  build) cmd_build ;;
  list) printf '%s\n' "${targets[@]}" ;;
  run) shift; cmd_run "$@" ;;
  smoke) shift; cmd_smoke "$@" ;;
  repro) shift; cmd_repro "$@" ;;
  *) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
