# Shared by the fault scripts; source it from the repository root with the work folder's name:
#
#   . scripts/faults/common.sh NAME
#
# Builds docclean ($docclean), makes a work folder ($work, with an empty $work/raw) that is
# removed on exit, and defines `measure`.
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install -y time)"; exit 2; }
swift build -c release --product docclean >/dev/null
docclean="$PWD/.build/release/docclean"
work=$(mktemp -d "/tmp/docclean-$1.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/raw"

# measure LABEL OUT ARGS...: runs docclean ARGS in $work with its standard output in OUT, then
# prints its exit status, peak RSS, seconds and the end of its standard error.
measure() {
  local label="$1" out="$2"
  shift 2
  local status=0
  (cd "$work" && /usr/bin/time -f '%M %e' -o "$work/time" "$docclean" "$@" >"$out" 2>"$work/err") ||
    status=$?
  # On a failure time(1) puts "Command exited with non-zero status N" first.
  read -r rss seconds < <(tail -n 1 "$work/time") || true
  echo "$label: exit $status, peak RSS $((${rss:-0} / 1024)) MiB, ${seconds:-?} s"
  { grep -v '^Command' "$work/err" || true; } | tail -n 3 | sed 's/^/  stderr: /'
}
