#!/usr/bin/env bash
# bench/run.sh: hybridlint's benchmark, in one run, as ratios (issue 6).
#
#   bench/run.sh [--full] [--json-orgs N] [--mixed-orgs N] [--huge-servers N]
#                [--shard N] [--jobs N] [--work DIR] [--source DIR] [--build DIR]
#                [--profile]
#
#   (1) hybridlint end to end vs parse-only of the same files with the same
#       libraries (bench/parse_only.cc): the huge organization (500 servers,
#       Export-Clixml) and the mixed corpus (every format and encoding), one
#       process per organization for both;
#   (2) hybridlint vs Spectral (bench/spectral/hybrid.spectral.yaml, 13 rules
#       equivalent to 19 hybridlint rules) on the same JSON exports: one
#       organization with start-up, the huge organization, and the batch of
#       --json-orgs organizations (1,000 quick, 10,000 with --full);
#   (3) peak memory (Maximum resident set size, GNU time) of each.
#   --profile adds a callgrind profile of one medium organization.
#
# Everything is written under --work (default /tmp/hybridlint-bench): the
# RelWithDebInfo build, the generated corpus (reused by the next run with the
# same parameters), the outputs and results/results.md. --source builds
# another hybridlint tree (default: this repository); --build DIR uses an
# existing build of it instead (DIR/hybridlint, DIR/lint/liblint_core.a).
# Nothing is written into the repository except bench/node_modules (npm ci).
# Quick mode takes about 5 minutes on an idle 2-core machine, --full about
# 15 (40 on the shared, loaded machine the README figures come from).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC_DIR="$(cd "$BENCH_DIR/.." && pwd)"
WORK=/tmp/hybridlint-bench
MODE=quick
JSON_ORGS=1000
MIXED_ORGS=100
HUGE_SERVERS=500
SHARD=1000
JOBS=2
SEED=1
PROFILE=0
PREBUILT=
NOW=2026-11-22

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }
need_value() { [[ $# -ge 2 && -n "$2" ]] || { echo "run.sh: $1: expected a value" >&2; exit 2; }; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --full) MODE=full; JSON_ORGS=10000; shift ;;
    --json-orgs) need_value "$@"; JSON_ORGS="$2"; shift 2 ;;
    --mixed-orgs) need_value "$@"; MIXED_ORGS="$2"; shift 2 ;;
    --huge-servers) need_value "$@"; HUGE_SERVERS="$2"; shift 2 ;;
    --shard) need_value "$@"; SHARD="$2"; shift 2 ;;
    --jobs) need_value "$@"; JOBS="$2"; shift 2 ;;
    --work) need_value "$@"; WORK="$2"; shift 2 ;;
    --source) need_value "$@"; SRC_DIR="$(cd "$2" && pwd)"; shift 2 ;;
    --build) need_value "$@"; PREBUILT="$(cd "$2" && pwd)"; shift 2 ;;
    --profile) PROFILE=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
for n in "$JSON_ORGS" "$MIXED_ORGS" "$HUGE_SERVERS" "$SHARD" "$JOBS"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: expected a positive number, got '$n'" >&2; exit 2; }
done
case "$(cd "$(dirname "$WORK")" 2>/dev/null && pwd)/$(basename "$WORK")/" in
  "$SRC_DIR"/*) echo "run.sh: --work $WORK is inside the repository; give a scratch directory" >&2; exit 2 ;;
esac

for tool in python3 node npm cmake; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "run.sh: /usr/bin/time is missing: apt-get install time" >&2; exit 2; }
if [[ $PROFILE == 1 ]]; then
  command -v valgrind >/dev/null || { echo "run.sh: --profile needs valgrind: apt-get install valgrind" >&2; exit 2; }
fi

BUILD="$WORK/build"
CORPUS="$WORK/corpus"
OUT="$WORK/out"
RES="$WORK/results"
mkdir -p "$WORK" "$RES"
rm -rf "$OUT"
mkdir -p "$OUT/hl" "$OUT/sp"
: > "$RES/results.env"
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
record() { printf '%s=%s\n' "$1" "$2" >> "$RES/results.env"; }

# --- build: hybridlint as users build it (the project's default
# RelWithDebInfo), and parse_only against its lint_core.
if [[ -n "$PREBUILT" ]]; then
  [[ -x "$PREBUILT/hybridlint" && -f "$PREBUILT/lint/liblint_core.a" ]] ||
    { echo "run.sh: --build $PREBUILT: expected a hybridlint build (hybridlint, lint/liblint_core.a)" >&2; exit 2; }
  log "using the hybridlint build in $PREBUILT ($(grep -m1 '^CMAKE_BUILD_TYPE' "$PREBUILT/CMakeCache.txt" 2>/dev/null | cut -d= -f2))"
  cmake -S "$BENCH_DIR" -B "$BUILD/bench" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHYBRIDLINT_BUILD_DIR="$PREBUILT" \
    -DHYBRIDLINT_SOURCE_DIR="$SRC_DIR" >/dev/null
  HL="$PREBUILT/hybridlint"
else
  log "building hybridlint (RelWithDebInfo) in $BUILD"
  cmake -S "$SRC_DIR" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
  cmake --build "$BUILD" -j2 --target hybridlint >/dev/null
  cmake -S "$BENCH_DIR" -B "$BUILD/bench" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHYBRIDLINT_BUILD_DIR="$BUILD" \
    -DHYBRIDLINT_SOURCE_DIR="$SRC_DIR" >/dev/null
  HL="$BUILD/hybridlint"
fi
cmake --build "$BUILD/bench" -j2 >/dev/null
PO="$BUILD/bench/parse_only"

# --- Spectral, pinned by bench/package-lock.json.
SPECTRAL="$BENCH_DIR/node_modules/.bin/spectral"
if [[ ! -x "$SPECTRAL" ]]; then
  log "installing @stoplight/spectral-cli into bench/node_modules (npm ci)"
  (cd "$BENCH_DIR" && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
fi
RULESET="$BENCH_DIR/spectral/hybrid.spectral.yaml"
export SCARF_ANALYTICS=false

# --- corpus (kept between runs with the same parameters).
PARAMS="seed=$SEED mixed=$MIXED_ORGS json=$JSON_ORGS huge=$HUGE_SERVERS gen=$(sha1sum "$BENCH_DIR/generate.py" | cut -c1-12)"
if [[ -f "$CORPUS/.params" && "$(cat "$CORPUS/.params")" == "$PARAMS" ]]; then
  log "corpus: reusing $CORPUS ($PARAMS)"
else
  rm -rf "$CORPUS"
  log "corpus: generating $MIXED_ORGS mixed + $JSON_ORGS JSON organizations + one of $HUGE_SERVERS servers"
  python3 "$BENCH_DIR/generate.py" "$CORPUS" --corpus mixed --orgs "$MIXED_ORGS" --seed "$SEED" >&2
  python3 "$BENCH_DIR/generate.py" "$CORPUS" --corpus json,huge,huge-json --orgs "$JSON_ORGS" \
    --huge-servers "$HUGE_SERVERS" --seed "$SEED" >&2
  echo "$PARAMS" > "$CORPUS/.params"
fi
bytes_of() { du -sb --apparent-size "$@" | awk '{s += $1} END {print s}'; }
files_of() { find "$@" -type f ! -name snapshot.yaml ! -name '.*' | wc -l; }

# measure NAME REPEAT COMMAND: runs COMMAND (a bash snippet) REPEAT times in
# one process tree under GNU time; records NAME_s (CPU seconds, user + system,
# per run: robust on a shared machine), NAME_wall (wall seconds per run) and
# NAME_kb (peak RSS of the largest process). Exit codes 0 and 1 (findings)
# are fine; anything else stops the benchmark.
measure() {
  local name="$1" repeat="$2" cmd="$3" tfile="$RES/.time"
  if ! /usr/bin/time -f "%e %M %U %S" -o "$tfile" bash -c "
      for ((i = 0; i < $repeat; i++)); do
        $cmd
        rc=\$?; if [[ \$rc -gt 1 ]]; then echo \"failed (exit \$rc): $cmd\" >&2; exit 3; fi
      done"; then
    echo "run.sh: $name failed" >&2
    exit 2
  fi
  local wall kb user sys
  read -r wall kb user sys < <(tail -1 "$tfile")
  record "${name}_wall" "$(awk -v w="$wall" -v r="$repeat" 'BEGIN { printf "%.6f", w / r }')"
  record "${name}_s" "$(awk -v u="$user" -v s="$sys" -v r="$repeat" 'BEGIN { printf "%.6f", (u + s) / r }')"
  record "${name}_kb" "$kb"
  log "$name: $(awk -v u="$user" -v s="$sys" -v r="$repeat" 'BEGIN { printf "%.4f", (u + s) / r }') s CPU per run ($(awk -v w="$wall" -v r="$repeat" 'BEGIN { printf "%.4f", w / r }') s wall), peak RSS $kb KB"
}

record mode "$MODE"
record cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
record cores "$(nproc)"
record hybridlint_version "$("$HL" --version 2>/dev/null | head -1)"
record spectral_version "$("$SPECTRAL" --version)"
record node_version "$(node --version)"
record load_before "$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------------------
# (1) end to end vs parse-only.
HUGE="$CORPUS/huge/org-huge"
record huge_servers "$HUGE_SERVERS"
record huge_bytes "$(bytes_of "$HUGE/onprem" "$HUGE/cloud")"
record huge_files "$(files_of "$HUGE")"
mkdir -p "$WORK/empty/onprem"
measure startup 20 "'$HL' lint '$WORK/empty' --now $NOW >/dev/null 2>&1"
measure po_startup 20 "'$PO' '$WORK/empty' >/dev/null"
measure huge_hl 5 "'$HL' lint '$HUGE' --now $NOW >/dev/null"
measure huge_raw 5 "'$PO' --level raw '$HUGE' >/dev/null"
measure huge_import 5 "'$PO' --level import '$HUGE' >/dev/null"

MIXED=("$CORPUS"/mixed/org-*)
record mixed_orgs "${#MIXED[@]}"
record mixed_bytes "$(bytes_of "$CORPUS/mixed")"
record mixed_files "$(files_of "$CORPUS/mixed")"
printf '%s\n' "${MIXED[@]}" > "$RES/.mixed-dirs"
measure mixed_hl 1 "while read -r d; do '$HL' lint \"\$d\" --now $NOW >/dev/null || [[ \$? -eq 1 ]] || exit 3; done < '$RES/.mixed-dirs'"
measure mixed_raw 1 "while read -r d; do '$PO' --level raw \"\$d\" >/dev/null || exit 3; done < '$RES/.mixed-dirs'"
measure mixed_import 1 "while read -r d; do '$PO' --level import \"\$d\" >/dev/null || exit 3; done < '$RES/.mixed-dirs'"
measure mixed_raw_one 1 "'$PO' --level raw '$CORPUS/mixed' >/dev/null"

# ---------------------------------------------------------------------------
# (2) hybridlint vs Spectral on the JSON exports. hybridlint runs only the
# rules the Spectral ruleset stands for (--select) and, for context, all.
SELECT="ORG002,ORG009,ORG006,ORG012,ORG004,ORG010,ORG003,ORG014,IOC004,IOC005,IOC013,IOC014,IOC006,VDR001,VDR003,VDR004,VDR005,VDR008,OAU004"
JSON_DIRS=("$CORPUS"/json/org-*)
ONE="${JSON_DIRS[0]}"
record json_orgs "${#JSON_DIRS[@]}"
record json_bytes "$(bytes_of "$CORPUS/json")"
record json_files "$(files_of "$CORPUS/json")"
record one_bytes "$(bytes_of "$ONE/onprem" "$ONE/cloud")"
record one_files "$(files_of "$ONE")"
measure one_hl 20 "'$HL' lint '$ONE' --select $SELECT --now $NOW >/dev/null"
measure one_hl_all 20 "'$HL' lint '$ONE' --now $NOW >/dev/null"
measure one_sp 5 "'$SPECTRAL' lint -r '$RULESET' -f text '$ONE/**/*.json' >/dev/null 2>&1"

HUGEJ="$CORPUS/huge-json/org-huge"
record hugej_bytes "$(bytes_of "$HUGEJ/onprem" "$HUGEJ/cloud")"
measure hugej_hl 5 "'$HL' lint '$HUGEJ' --select $SELECT --now $NOW >/dev/null"
measure hugej_sp 3 "'$SPECTRAL' lint -r '$RULESET' -f text '$HUGEJ/**/*.json' >/dev/null 2>&1"

# The batch, one hybridlint process per organization (--each, measured
# below, is one process for all). Spectral: one invocation per
# shard of --shard organizations (all of them in one invocation would need
# about 26 GB). Both run --jobs (2) at a time; the CPU time is the sum.
printf '%s\n' "${JSON_DIRS[@]}" > "$RES/.json-dirs"
cat > "$RES/.hybridlint-one.sh" <<EOF
'$HL' lint "\$1" --select $SELECT --now $NOW --format json:'$OUT/hl/'"\$(basename "\$1")".json >/dev/null
rc=\$?; if [[ \$rc -gt 1 ]]; then echo "hybridlint failed on \$1 (exit \$rc)" >&2; exit 255; fi
exit 0
EOF
log "batch: hybridlint over ${#JSON_DIRS[@]} organizations, $JOBS at a time"
measure batch_hl 1 "xargs -P $JOBS -n 1 bash '$RES/.hybridlint-one.sh' < '$RES/.json-dirs'"
# For throughput only: every organization in one hybridlint process, read
# as one snapshot (the cross-object rules then mix organizations, so the
# findings are not the per-organization ones). Shows the cost without
# hybridlint's per-process start-up, which --each amortizes.
# At most 1,000 organizations: one snapshot of 10,000 (134,000 objects,
# 5.8 GB) had not finished after 8 minutes of CPU.
ONE_N=$(( ${#JSON_DIRS[@]} < 1000 ? ${#JSON_DIRS[@]} : 1000 ))
record one_snapshot_orgs "$ONE_N"
log "batch: hybridlint over $ONE_N organizations as one snapshot (throughput only)"
measure batch_hl_one 1 "mapfile -t dirs < <(head -n $ONE_N '$RES/.json-dirs'); '$HL' lint \"\${dirs[@]}\" --select $SELECT --now $NOW >/dev/null"
# Batch mode (`hybridlint lint --each DIR --jobs N`: one process, one
# snapshot per organization, the rule pack loaded once), when this build
# has it (`hybridlint help` lists it): the same organizations as the batch
# above ($CORPUS/json holds only them).
if "$HL" help 2>/dev/null | grep -q -- '--each DIR'; then
  EACH_DIR="$CORPUS/json"
  log "batch: hybridlint lint --each over ${#JSON_DIRS[@]} organizations, --jobs 1 and --jobs $JOBS"
  measure batch_each1 1 "'$HL' lint --each '$EACH_DIR' --jobs 1 --select $SELECT --now $NOW >/dev/null"
  measure batch_each 1 "'$HL' lint --each '$EACH_DIR' --jobs $JOBS --select $SELECT --now $NOW >/dev/null"
fi
split -l "$SHARD" -d -a 4 "$RES/.json-dirs" "$RES/.shard-"
cat > "$RES/.spectral-one.sh" <<EOF
mapfile -t dirs < "\$1"
globs=()
for d in "\${dirs[@]}"; do globs+=("\$d/**/*.json"); done
'$SPECTRAL' lint -r '$RULESET' -f json -o "$OUT/sp/\$(basename "\$1" | tr -d .).json" "\${globs[@]}" >/dev/null 2>&1
rc=\$?; if [[ \$rc -gt 1 ]]; then echo "spectral failed on \$1 (exit \$rc)" >&2; exit 255; fi
exit 0
EOF
log "batch: Spectral over ${#JSON_DIRS[@]} organizations in shards of $SHARD, $JOBS at a time"
measure batch_sp 1 "ls '$RES'/.shard-* | xargs -P $JOBS -n 1 bash '$RES/.spectral-one.sh'"
record shard "$SHARD"
record jobs "$JOBS"
rm -f "$RES"/.shard-*

# Equivalence: both tools must flag the same objects, rule group by rule group.
python3 - "$OUT" "$RES" <<'PY'
import glob, json, os, sys
out, res = sys.argv[1], sys.argv[2]
groups = {  # Spectral rule -> hybridlint rules
    "orgrel-free-busy-enabled": {"ORG002", "ORG009"}, "orgrel-enabled": {"ORG006", "ORG012"},
    "orgrel-free-busy-level": {"ORG004", "ORG010"}, "cloud-orgrel-target-application-uri": {"ORG003"},
    "onprem-orgrel-target-autodiscover-epr": {"ORG014"}, "ioc-enabled": {"IOC004", "IOC005", "IOC013", "IOC014"},
    "cloud-ioc-discovery-endpoint": {"IOC006"}, "ews-vdir-oauth": {"VDR003"}, "autodiscover-vdir-oauth": {"VDR004"},
    "ews-vdir-wssecurity": {"VDR001"}, "ews-vdir-windows-authentication": {"VDR005"},
    "ews-vdir-external-url": {"VDR008"}, "acs-auth-server-enabled": {"OAU004"},
}
sp = {g: set() for g in groups}
for f in glob.glob(os.path.join(out, "sp", "*.json")):
    for r in json.load(open(f)):
        if r["code"] in sp:
            # one object = file + array index (a schema rule may report several keywords)
            sp[r["code"]].add((r["source"], r["path"][0] if r["path"] else None))
hl = {g: set() for g in groups}
rule_to_group = {rule: g for g, rules in groups.items() for rule in rules}
for f in glob.glob(os.path.join(out, "hl", "*.json")):
    for finding in json.load(open(f))["findings"]:
        g = rule_to_group.get(finding["rule"])
        if g:
            hl[g].add((finding["location"]["path"], finding["object"]))
rows, same = [], True
for g in groups:
    rows.append("| %s | %s | %d | %d |" % (g, ", ".join(sorted(groups[g])), len(sp[g]), len(hl[g])))
    same = same and len(sp[g]) == len(hl[g])
with open(os.path.join(res, "equivalence.md"), "w") as f:
    f.write("| Spectral rule | hybridlint rules | objects flagged by Spectral | by hybridlint |\n|---|---|---:|---:|\n")
    f.write("\n".join(rows) + "\n")
with open(os.path.join(res, "results.env"), "a") as f:
    f.write("equivalent=%s\n" % ("yes" if same else "no"))
    f.write("flagged_sp=%d\nflagged_hl=%d\n" % (sum(map(len, sp.values())), sum(map(len, hl.values()))))
PY

# ---------------------------------------------------------------------------
# (3) is in every measurement above (the _kb values). Optional profile.
if [[ $PROFILE == 1 ]]; then
  # The organization at the 75th percentile of size: a medium one.
  MEDIUM="$(python3 - "$CORPUS/mixed" <<'PY'
import os, sys
root = sys.argv[1]
def size(d):
    return sum(os.path.getsize(os.path.join(root, d, s, f)) for s in ("onprem", "cloud")
               for f in os.listdir(os.path.join(root, d, s)))
orgs = sorted(sorted(os.listdir(root)), key=size)
print(os.path.join(root, orgs[len(orgs) * 3 // 4]))
PY
)"
  log "profile: callgrind on $MEDIUM"
  valgrind --tool=callgrind --callgrind-out-file="$RES/callgrind.out" "$HL" lint "$MEDIUM" --now $NOW \
    >/dev/null 2>"$RES/callgrind.log" || true
  callgrind_annotate --inclusive=yes "$RES/callgrind.out" > "$RES/callgrind-inclusive.txt" 2>/dev/null || true
  callgrind_annotate "$RES/callgrind.out" > "$RES/callgrind-self.txt" 2>/dev/null || true
  record profile_org "$MEDIUM"
fi

record load_after "$(cut -d' ' -f1-3 /proc/loadavg)"
# ---------------------------------------------------------------------------
python3 - "$RES" <<'PY'
import os, sys
res = sys.argv[1]
v = {}
for line in open(os.path.join(res, "results.env")):
    k, _, val = line.rstrip("\n").partition("=")
    v[k] = val
f = lambda k: float(v[k])
mb = lambda k: f(k) / 1e6
ms = lambda k: f(k) * 1000
rss = lambda k: int(v[k]) / 1024
out = []
w = out.append
w("# hybridlint benchmark results (%s mode)\n" % v["mode"])
w("Times are CPU seconds (user + system) per run, the sum over the processes of a run; wall-clock times are in "
  "results.env (`*_wall`). Peak RSS is GNU time's Maximum resident set size of the largest process.\n")
w("Machine: %s, %s cores, load average %s before and %s after. %s; Spectral %s on node %s.\n" % (
    v["cpu"], v["cores"], v["load_before"], v["load_after"], v["hybridlint_version"], v["spectral_version"],
    v["node_version"]))
w("## (1) End to end vs parse-only (same files, same libraries)\n")
w("| case | input | hybridlint lint | parse-only (library) | parse-only (importers) | ratio (target >= 0.5) |")
w("|---|---|---:|---:|---:|---:|")
w("| huge organization, %s servers, Export-Clixml, one process | %d files, %.1f MB | %.1f ms | %.1f ms | %.1f ms | %.2f |" % (
    v["huge_servers"], int(v["huge_files"]), mb("huge_bytes"), ms("huge_hl_s"), ms("huge_raw_s"),
    ms("huge_import_s"), f("huge_raw_s") / f("huge_hl_s")))
w("| %s mixed organizations, one process each | %d files, %.1f MB | %.2f s | %.2f s | %.2f s | %.2f |" % (
    v["mixed_orgs"], int(v["mixed_files"]), mb("mixed_bytes"), f("mixed_hl_s"), f("mixed_raw_s"),
    f("mixed_import_s"), f("mixed_raw_s") / f("mixed_hl_s")))
w("")
w("Start-up with an empty snapshot: hybridlint %.1f ms, parse_only %.1f ms. Without start-up "
  "(run time minus the empty run): huge organization %.2f, mixed corpus %.2f of parse-only throughput. "
  "All %s mixed organizations parsed in one parse_only process: %.2f s (%.1f MB/s)." % (
    ms("startup_s"), ms("po_startup_s"),
    (f("huge_raw_s") - f("po_startup_s")) / max(1e-9, f("huge_hl_s") - f("startup_s")),
    (f("mixed_raw_s") - int(v["mixed_orgs"]) * f("po_startup_s")) /
    max(1e-9, f("mixed_hl_s") - int(v["mixed_orgs"]) * f("startup_s")),
    v["mixed_orgs"], f("mixed_raw_one_s"), mb("mixed_bytes") / f("mixed_raw_one_s")))
w("\nPeak RSS: hybridlint %.1f MB (huge), %.1f MB (largest mixed organization); parse_only %.1f MB (huge).\n" % (
    rss("huge_hl_kb"), rss("mixed_hl_kb"), rss("huge_raw_kb")))
w("## (2) hybridlint vs Spectral on the same JSON exports (target >= 50x)\n")
w("| case | input | hybridlint (19 rules) | hybridlint (all rules) | Spectral (13 rules) | speed-up | peak RSS hybridlint / Spectral |")
w("|---|---|---:|---:|---:|---:|---:|")
w("| one organization, start-up included | %d files, %.0f KB | %.1f ms | %.1f ms | %.0f ms | %.0fx | %.1f MB / %.0f MB |" % (
    int(v["one_files"]), f("one_bytes") / 1e3, ms("one_hl_s"), ms("one_hl_all_s"), ms("one_sp_s"),
    f("one_sp_s") / f("one_hl_s"), rss("one_hl_kb"), rss("one_sp_kb")))
w("| huge organization (%s servers) | %.1f MB | %.0f ms | - | %.0f ms | %.0fx | %.1f MB / %.0f MB |" % (
    v["huge_servers"], mb("hugej_bytes"), ms("hugej_hl_s"), ms("hugej_sp_s"), f("hugej_sp_s") / f("hugej_hl_s"),
    rss("hugej_hl_kb"), rss("hugej_sp_kb")))
w("| %s organizations (hybridlint: one process each; Spectral: one per %s organizations) | %s files, %.0f MB | %.1f s | - | %.1f s | %.1fx | %.1f MB / %.0f MB |" % (
    v["json_orgs"], v["shard"], v["json_files"], mb("json_bytes"), f("batch_hl_s"), f("batch_sp_s"),
    f("batch_sp_s") / f("batch_hl_s"), rss("batch_hl_kb"), rss("batch_sp_kb")))
w("| the first %s of them, hybridlint in one process (one snapshot; throughput only), Spectral pro rata | | %.1f s | - | %.1f s | %.1fx | %.1f MB / %.0f MB |" % (
    v["one_snapshot_orgs"], f("batch_hl_one_s"), f("batch_sp_s") * int(v["one_snapshot_orgs"]) / int(v["json_orgs"]),
    f("batch_sp_s") * int(v["one_snapshot_orgs"]) / int(v["json_orgs"]) / f("batch_hl_one_s"), rss("batch_hl_one_kb"),
    rss("batch_sp_kb")))
if "batch_each_s" in v:
    w("| the same %s organizations, hybridlint in one process with `lint --each` (one snapshot per organization), --jobs 1 / --jobs %s | | %.1f s / %.1f s | - | %.1f s | %.1fx | %.1f MB / %.0f MB |" % (
        v["json_orgs"], v["jobs"], f("batch_each1_s"), f("batch_each_s"), f("batch_sp_s"),
        f("batch_sp_s") / f("batch_each1_s"), rss("batch_each1_kb"), rss("batch_sp_kb")))
w("\nhybridlint's start-up (%.1f ms of CPU with an empty snapshot: loading the embedded rule pack) is %.0f%% of the "
  "one-organization run. Without it (measured run minus the empty run) the one-organization speed-up would be %.0fx: a "
  "projection for a faster start-up, not a measurement; the one-process row above measures the batch without it." % (
    ms("startup_s"), 100 * f("startup_s") / f("one_hl_s"), f("one_sp_s") / max(1e-9, f("one_hl_s") - f("startup_s"))))
w("\nSame objects flagged by both tools: **%s** (Spectral %s, hybridlint %s; per rule in equivalence.md).\n" % (
    v["equivalent"], v["flagged_sp"], v["flagged_hl"]))
if "profile_org" in v:
    w("Profile: callgrind-inclusive.txt and callgrind-self.txt (%s).\n" % v["profile_org"])
text = "\n".join(out)
open(os.path.join(res, "results.md"), "w").write(text + "\n")
print(text)
print(open(os.path.join(res, "equivalence.md")).read())
PY
log "results: $RES/results.md"
