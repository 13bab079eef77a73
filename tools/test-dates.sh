#!/usr/bin/env bash
# The date-sensitive tests (marker `dates`) again on the days that break calendars: a
# Saturday, New Year's Eve and New Year's Day (a Friday), 29 February, and the last week of
# June (the school year rolls over). Usage: test-dates.sh [PYTHON]
set -uo pipefail
cd "$(dirname "$0")/.."
PY="${1:-.venv/bin/python}"
DATES=(2026-12-05 2026-12-31 2027-01-01 2028-02-29 2027-06-28)
failed=0
# Only the files that hold dated tests are collected on each date: collecting the whole
# suite five times more costs more than some of the reruns themselves.
mapfile -t FILES < <(QT_QPA_PLATFORM=offscreen "$PY" -m pytest -q -p no:cacheprovider \
  --collect-only -m dates 2>/dev/null | grep '::' | cut -d: -f1 | sort -u)
if [ "${#FILES[@]}" -eq 0 ]; then
  echo "test-dates: no dated tests were collected"
  exit 1
fi
for day in "${DATES[@]}"; do
  log="$(mktemp)"
  if QT_QPA_PLATFORM=offscreen "$PY" -m pytest -q -p no:cacheprovider -n auto \
    --maxprocesses=4 -m dates --today "$day" "${FILES[@]}" >"$log" 2>&1; then
    echo "dates --today $day: $(tail -n 1 "$log")"
  else
    failed=1
    echo "dates --today $day: FAILED"
    cat "$log"
  fi
  rm -f "$log"
done
exit "$failed"
