#!/usr/bin/env bash
# A big raw file (default 1 GiB): `docclean run` under the default --max-size (256 MiB) must
# refuse a larger file with a clear error before reading it; a file within the limit must be
# cleaned and restore byte for byte. Peak memory (RSS) is measured with /usr/bin/time.
#
#   scripts/faults/big-input.sh [MIB]     (default 1024; 256 is the largest the default accepts)
#
# The file is the dev set repeated, so every stage has real damage to repair: that is the worst
# case for memory, about 6 bytes of RSS per raw byte for the run (a segment's working memory, a
# record per edit, and the provenance) and 4.5 for the restore, which decodes the whole
# provenance. A run with the limit raised is skipped when the larger
# estimate is over the memory available; FORCE=1 runs it anyway.
set -euo pipefail
cd "$(dirname "$0")/../.."

mib="${1:-1024}"
. scripts/faults/common.sh big

bytes=$((mib * 1024 * 1024))
while [ "$(stat -c %s "$work/raw/big.txt" 2>/dev/null || echo 0)" -lt "$bytes" ]; do
  cat ../shared/devset/raw/* >>"$work/raw/big.txt"
done
truncate -s "$bytes" "$work/raw/big.txt"
echo "input: $(stat -c %s "$work/raw/big.txt") bytes of dev-set text"

measure "run, default --max-size" "$work/out" run raw --out clean --quiet
tail -n 1 "$work/out" | sed 's/^/  stdout: /'

if [ ! -f "$work/clean/big.txt" ]; then
  need_mib=$((mib * 8))
  available_mib=$(($(sed -n 's/^MemAvailable: *\([0-9]*\) kB/\1/p' /proc/meminfo) / 1024))
  if [ "$need_mib" -gt "$available_mib" ] && [ -z "${FORCE:-}" ]; then
    echo "run, --max-size raised: skipped, needs about $need_mib MiB and $available_mib MiB are available"
    exit 0
  fi
  measure "run, --max-size $bytes" "$work/out" run raw --out clean --quiet --max-size "$bytes"
  tail -n 1 "$work/out" | sed 's/^/  stdout: /'
fi
[ -f "$work/clean/big.txt" ] || exit 1
echo "clean text: $(stat -c %s "$work/clean/big.txt") bytes," \
  "provenance: $(stat -c %s "$work/clean/big.prov.json") bytes"
measure "second run (unchanged)" "$work/out" run raw --out clean --quiet --max-size "$bytes"
tail -n 1 "$work/out" | sed 's/^/  stdout: /'
measure "restore" "$work/restored" restore clean/big.txt
if cmp -s "$work/restored" "$work/raw/big.txt"; then
  echo "restore: byte for byte"
else
  echo "restore: DIFFERS"
  exit 1
fi
