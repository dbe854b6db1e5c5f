#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seeds from the example engagement, the minimal test fixture
# and the Obsidian vault fixture (every .yaml and .md file). parse_file and build_site seeds start with the byte that
# picks their file kind, in the order of the targets' PATHS / SLOTS:
#   0 engagement.yaml, 1 plan.yaml, 2 objective, 3 session, 4 lesson, 5 assessment;
# build_site seeds have a second byte for the audience (0 coach, 1 client, 2 sponsor).
# Re-running overwrites the seeds and keeps whatever the fuzzer has added.
set -euo pipefail
cd "$(dirname "$0")"

kind_of() {
  case "$1" in
    */engagement.yaml) echo 0 ;;
    */plan.yaml) echo 1 ;;
    */objectives/*) echo 2 ;;
    */sessions/*) echo 3 ;;
    */lessons/*) echo 4 ;;
    */assessments/*) echo 5 ;;
    *) echo "" ;;
  esac
}

mkdir -p corpus/front_matter corpus/parse_file corpus/markdown corpus/build_site corpus/build_edits
# build_edits: the fixture unchanged, for each audience (edits are for the fuzzer to find).
for audience in 0 1 2; do printf "\\x0$audience" > "corpus/build_edits/seed-a$audience"; done
count=0
while IFS= read -r -d '' file; do
  name="seed-$(echo "${file#../}" | tr '/' '_')"
  cp "$file" "corpus/front_matter/$name"
  case "$file" in *.md) cp "$file" "corpus/markdown/$name" ;; esac
  kind="$(kind_of "$file")"
  [ -n "$kind" ] || continue
  { printf "\\x0$kind"; cat "$file"; } > "corpus/parse_file/$name"
  for audience in 0 1 2; do
    { printf "\\x0$kind\\x0$audience"; cat "$file"; } > "corpus/build_site/$name-a$audience"
  done
  count=$((count + 1))
done < <(find ../example-engagement ../tests/fixtures/minimal ../tests/fixtures/obsidian-vault -type f \( -name '*.yaml' -o -name '*.md' \) -not -path '*/public/*' -print0 | sort -z)
echo "seeded fuzz/corpus/{front_matter,parse_file,markdown,build_site,build_edits} from $count files"
