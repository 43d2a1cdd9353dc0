#!/usr/bin/env bash
# 100,000 small raw files in one folder: `docclean run` must clean them all, and a second run
# must find every one unchanged. Prints the time and peak memory (RSS) of both runs.
#
#   scripts/faults/many-files.sh [COUNT]     (default 100000)
set -euo pipefail
cd "$(dirname "$0")/../.."

count="${1:-100000}"
. scripts/faults/common.sh many

# Tiny dumps with a little damage each (mojibake, a CRLF, doubled spaces), all different.
python3 - "$work/raw" "$count" <<'PY'
import os, sys
folder, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    with open(os.path.join(folder, f"{i:06d}.txt"), "wb") as f:
        f.write(f"Dump {i}: donâ€™t  stop\r\nA second line of dump {i}.\r\n".encode("utf-8"))
PY
echo "input: $(find "$work/raw" -type f | wc -l) files, $(du -sh "$work/raw" | cut -f1)"

measure "first run" "$work/out" run raw --out clean --quiet
tail -n 1 "$work/out" | sed 's/^/  stdout: /'
measure "second run" "$work/out" run raw --out clean --quiet
tail -n 1 "$work/out" | sed 's/^/  stdout: /'
grep -q "0 cleaned, $count unchanged, 0 failed" "$work/out" && echo "second run: all $count unchanged" ||
  { echo "second run: NOT all unchanged"; exit 1; }
