#!/usr/bin/env bash
# Smoke-test a built bundle headless, from temporary data folders: --version, demo, check,
# the demo day's packet, and --self-test (migrate, demo, a PDF, the main window). Prints
# size and start-up time.
set -euo pipefail
app=${1:-dist/mathroom/mathroom}
export QT_QPA_PLATFORM=offscreen
data=$(mktemp -d); fresh=$(mktemp -d)
trap 'rm -rf "$data" "$fresh"' EXIT
fail() { echo "package-test: $*" >&2; exit 1; }

version=$("$app" --version) || fail "--version failed"
expected="Mathroom $(python3 -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')"
[ "$version" = "$expected" ] || fail "--version printed '$version', expected '$expected'"
echo "ok: $version"

"$app" demo --data-dir "$data" | grep -q "65 students" || fail "demo did not create 65 students"
echo "ok: demo"
"$app" check --data-dir "$data" | grep -q "integrity: ok" || fail "check did not report ok"
echo "ok: check"
today=$(date +%F)  # the demo plans the week it is made in
"$app" packet --data-dir "$data" --date "$today" --out "$data/day.pdf" | grep -q "pages" \
  || fail "packet was not written"
head -c 5 "$data/day.pdf" | grep -q "%PDF-" || fail "packet is not a PDF"
echo "ok: packet ($(python3 -c "import os;print(os.path.getsize('$data/day.pdf')//1024)") KB)"
# The department library's driver and libpq are in the bundle: a closed local port gives
# psycopg's own "connection refused", not an import error.
reached=$("$app" library status --data-dir "$data" --server postgresql://nobody@127.0.0.1:1/none \
  2>&1 || true)  # exits 1: nothing listens there
grep -q "Could not reach the department library" <<<"$reached" \
  || fail "the library's driver is missing: $reached"
echo "ok: department library driver"

start=$(date +%s.%N)
"$app" --self-test "$fresh" | grep -q "self-test passed" || fail "self-test failed"
end=$(date +%s.%N)
[ -s "$fresh/exports/self-test.pdf" ] || fail "self-test wrote no PDF"
echo "ok: self-test (migrate, demo, PDF, window) in $(python3 -c "print(f'{$end-$start:.1f}')") s"
echo "bundle size: $(du -sh "$(dirname "$app")" | cut -f1)"
