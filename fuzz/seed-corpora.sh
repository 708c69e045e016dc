#!/usr/bin/env bash
# Seeds one corpus folder per fuzz target from the repository's fixtures:
#   fuzz/seed-corpora.sh OUT      -> OUT/<target>/<file>
# Existing files in OUT are kept (a long run's corpus grows there).
# Inputs are copied, never modified; the snapshot target gets archives
# ("@@@ PATH" lines, see SplitArchive in fuzz/fuzz_targets.h).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: fuzz/seed-corpora.sh OUT}"
cd "$root"

# copy TARGET FILE...: the file under a name that keeps its origin readable.
copy() {
  local target="$1"
  shift
  mkdir -p "$out/$target"
  for f in "$@"; do
    cp "$f" "$out/$target/seed-$(echo "$f" | tr '/' '_')"
  done
}

# archive DIR NAME: every file below DIR (paths relative to DIR) into one
# snapshot-target input.
archive() {
  local dir="$1" name="$2" first=1
  mkdir -p "$out/snapshot"
  {
    while IFS= read -r f; do
      if [ "$first" = 1 ]; then first=0; else printf '\n'; fi
      printf '@@@ %s\n' "${f#"$dir"/}"
      cat "$f"
    done < <(find "$dir" -type f ! -name '*.expected' ! -name '*.md' | LC_ALL=C sort)
  } >"$out/snapshot/seed-$name"
}

exports() {  # exports EXT...: every export fixture with one of these endings
  local args=()
  for ext in "$@"; do args+=(-o -name "*.$ext"); done
  find fixtures/importers fixtures/bad-input fixtures/checks fixtures/paths examples \
    -type f \( -false "${args[@]}" \) ! -name snapshot.yaml | LC_ALL=C sort
}

mapfile -t xml < <(exports xml)
mapfile -t json < <(exports json)
mapfile -t txt < <(exports txt)
mapfile -t csv < <(exports csv)
mapfile -t yaml < <(exports yaml)
copy clixml "${xml[@]}"
copy json "${json[@]}"
copy format_list "${txt[@]}"
copy csv "${csv[@]}"
copy yaml "${yaml[@]}"
# The decoder sees every format and encoding, and binary files.
copy decode fixtures/bad-input/* fixtures/certificates/*.der fixtures/importers/*/*.{xml,json,txt,csv,yaml}

# Snapshots: both examples, every multi-file rule case, every single file
# of the importer fixtures (its name tells the kind).
archive examples/contoso example-contoso
archive examples/contoso-broken example-contoso-broken
while IFS= read -r d; do
  archive "$d" "$(echo "${d#fixtures/}" | tr '/' '_')"
done < <({ find fixtures/checks -mindepth 3 -maxdepth 3 -type d; find fixtures/paths -mindepth 1 -maxdepth 1 -type d; } |
           LC_ALL=C sort)
mkdir -p "$out/snapshot"
for f in fixtures/importers/*/*.{xml,json,txt,csv,yaml} fixtures/bad-input/*; do
  { printf '@@@ onprem/%s\n' "$(basename "$f")"; cat "$f"; } >"$out/snapshot/seed-$(echo "$f" | tr '/' '_')"
done

mapfile -t rules < <(find checks fixtures/rule-errors fixtures/user-rules -name '*.yaml' ! -name clouds.yaml |
                     LC_ALL=C sort)
copy rules "${rules[@]}"
copy normalize fuzz/seeds/normalize/*
copy waivers fixtures/waivers/*.yaml examples/waivers.yaml fixtures/render/waivers.yaml
copy config fixtures/config/*.yaml fixtures/config/walk/.hybridlint.yaml examples/contoso/.hybridlint.yaml
copy baseline fixtures/config/baselines/*.json
mapfile -t messages < <(find fixtures/diagnose/messages fixtures/diagnose/logs -type f | LC_ALL=C sort)
copy diagnose "${messages[@]}"

for t in "$out"/*/; do
  echo "$(basename "$t"): $(find "$t" -type f | wc -l) seed(s)"
done
