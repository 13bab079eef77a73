#!/usr/bin/env bash
# The date-sensitive tests (marker `dates`) again on the days that break calendars: a
# Saturday, New Year's Day (a Friday, so its school week began in the old year: New Year's
# Eve is inside it), 29 February, and the last week of June (the school year rolls over). One session runs each dated test once per date (see
# tests/conftest.py): collecting and starting the workers once is most of the saving.
# Usage: test-dates.sh [PYTHON]
set -uo pipefail
cd "$(dirname "$0")/.."
PY="${1:-.venv/bin/python}"
DATES=(2026-12-05 2027-01-01 2028-02-29 2027-06-28)
joined="$(IFS=,; echo "${DATES[*]}")"
log="$(mktemp)"
if QT_QPA_PLATFORM=offscreen "$PY" -m pytest -q -p no:cacheprovider -n auto \
  --maxprocesses=4 -m dates --today "$joined" >"$log" 2>&1; then
  echo "dates --today $joined: $(tail -n 1 "$log")"
  failed=0
else
  echo "dates --today $joined: FAILED"
  cat "$log"
  failed=1
fi
rm -f "$log"
exit "$failed"
