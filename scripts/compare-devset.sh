#!/usr/bin/env bash
# Scores the raw dev set, ftfy 6.3.1 and docclean with ../shared/tools/score.py in one run.
#   scripts/compare-devset.sh [SHARED]    (default: ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
python3 -m pip install -q rapidfuzz ftfy==6.3.1
swift build -c release >/dev/null
score() {
  python3 "$shared/tools/score.py" --gold "$shared/devset/gold" --raw "$shared/devset/raw" --cmd "$1" | tail -n 1
}
echo "raw:      $(score 'cat {}')"
echo "ftfy:     $(score 'python3 scripts/ftfy_clean.py {}')"
echo "docclean: $(score '.build/release/docclean clean {}')"
