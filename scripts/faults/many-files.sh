#!/usr/bin/env bash
# 100,000 small raw files in one folder: `docclean run` must clean them all, and a second run
# must find every one unchanged. Prints the time and peak memory (RSS) of both runs.
#
#   scripts/faults/many-files.sh [COUNT]     (default 100000)
set -euo pipefail
cd "$(dirname "$0")/../.."

count="${1:-100000}"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install -y time)"; exit 2; }
swift build -c release --product docclean >/dev/null
docclean="$PWD/.build/release/docclean"
work=$(mktemp -d /tmp/docclean-many.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/raw"

# Tiny dumps with a little damage each (mojibake, a CRLF, doubled spaces), all different.
python3 - "$work/raw" "$count" <<'PY'
import os, sys
folder, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    with open(os.path.join(folder, f"{i:06d}.txt"), "wb") as f:
        f.write(f"Dump {i}: donâ€™t  stop\r\nA second line of dump {i}.\r\n".encode("utf-8"))
PY
echo "input: $(find "$work/raw" -type f | wc -l) files, $(du -sh "$work/raw" | cut -f1)"

measure() {  # label, then the docclean arguments
  local label="$1"
  shift
  local status=0
  (cd "$work" && /usr/bin/time -f '%M %e' -o "$work/time" "$docclean" "$@" >"$work/out" 2>"$work/err") ||
    status=$?
  # On a failure time(1) puts "Command exited with non-zero status N" first.
  read -r rss seconds < <(tail -n 1 "$work/time") || true
  echo "$label: exit $status, peak RSS $((${rss:-0} / 1024)) MiB, ${seconds:-?} s"
  { grep -v '^Command' "$work/err" || true; } | tail -n 3 | sed 's/^/  stderr: /'
  tail -n 1 "$work/out" | sed 's/^/  stdout: /'
}

measure "first run" run raw --out clean --quiet
measure "second run" run raw --out clean --quiet
grep -q "0 cleaned, $count unchanged, 0 failed" "$work/out" && echo "second run: all $count unchanged" ||
  { echo "second run: NOT all unchanged"; exit 1; }
