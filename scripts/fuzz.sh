#!/usr/bin/env bash
# Fuzzes the standard pipeline with libFuzzer for SECONDS (default 600): builds the
# `docclean-fuzz` target with the fuzzer and AddressSanitizer in .build-fuzz, seeds a corpus with
# the dev set and raw/, runs, prints how many inputs it ran, and copies every crash, timeout or
# out-of-memory input to Tests/StagesTests/Fixtures/fuzz-regressions, where `swift test` keeps
# checking it. Exits 1 when the run found something.
#
#   scripts/fuzz.sh [SECONDS]
#
# Extra libFuzzer flags can go in FUZZ_FLAGS, e.g. FUZZ_FLAGS='-max_len=4096'.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
scratch=.build-fuzz
regressions=Tests/StagesTests/Fixtures/fuzz-regressions
corpus="$scratch/corpus"
artifacts="$scratch/artifacts"
log="$scratch/fuzz.log"

# `--sanitize fuzzer` keeps SwiftPM from renaming the target's entry point to
# `docclean_fuzz_main` (libFuzzer brings `main`) and instruments the C targets. SwiftPM passes the
# two `--sanitize` values to swiftc as two `-sanitize=` flags, of which swiftc keeps only the
# last, so the Swift code would get no coverage; `-Xswiftc -sanitize=fuzzer,address` comes last
# and gives it both. `-D FUZZING` leaves out the replay `main` of a normal build.
swift build -c release --product docclean-fuzz --scratch-path "$scratch" \
  --sanitize fuzzer --sanitize address \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
binary="$scratch/release/docclean-fuzz"

# The corpus lives on between runs; libFuzzer adds the inputs that reach new code to it.
mkdir -p "$corpus" "$artifacts"
for seeds in ../shared/devset/raw raw "$regressions"; do
  [ -d "$seeds" ] || continue
  find "$seeds" -maxdepth 1 -type f ! -name README.md -exec cp -n {} "$corpus"/ \;
done
rm -f "$artifacts"/*

# The Swift runtime's own crash reporter takes many seconds per crash and gets in the way of
# libFuzzer's; AddressSanitizer and libFuzzer print the stack instead.
export SWIFT_BACKTRACE=enable=no
# -max_len: real dumps are a few KiB to 75 KiB; 64 KiB keeps a run fast and still reaches every
# rule. -timeout: no input of that size should take seconds; a slower one is a finding (a hang
# or a quadratic path). -rss_limit_mb: a blow-up in memory is a finding too.
set +e
# shellcheck disable=SC2086
"$binary" "$corpus" \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -dict=scripts/fuzz.dict -artifact_prefix="$artifacts/" -print_final_stats=1 \
  ${FUZZ_FLAGS:-} 2>&1 | tee "$log" \
  | grep --line-buffered -Ev '^#[0-9]+[[:space:]]+(NEW|REDUCE)|# Uses: [0-9]+$|dictionary. ######$'
status=${PIPESTATUS[0]}
set -e

executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
elapsed=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
echo "fuzz: ${executions:-?} executions in ${elapsed:-$seconds} s (log: $log)"

found=0
for artifact in "$artifacts"/*; do
  [ -f "$artifact" ] || continue
  mkdir -p "$regressions"
  cp "$artifact" "$regressions/"
  echo "fuzz: kept $(basename "$artifact") in $regressions; fix it, then run swift test"
  found=1
done
if [ "$found" = 1 ] || [ "$status" != 0 ]; then
  exit 1
fi
echo "fuzz: no findings"
