#!/usr/bin/env bash
# `make run`: open Mathroom and say where its window is. Usage: run.sh PYTHON [mathroom options]
# With a display the window opens there. Without one it runs on a virtual display (Xvfb) that this
# script starts, says how to look at it, and stops again. Ctrl+C (or a kill) closes Mathroom
# cleanly, stops Xvfb and exits 0: stopping the app on purpose is not an error.
set -uo pipefail
PY=${1:?usage: run.sh PYTHON [mathroom options]}
shift

app_pid="" xvfb_pid="" stopping=""

stop() {
  [ -n "$stopping" ] && return
  stopping=1
  echo
  echo "Stopping Mathroom…"
  # The app saves its window and closes its database on SIGTERM (see mathroom.app).
  [ -n "$app_pid" ] && kill -TERM "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill -TERM "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  echo "Mathroom stopped."
  exit 0
}
trap stop INT TERM HUP

# A fresh data folder gets the demo classroom first (a folder with data is left alone).
"$PY" -m mathroom demo --if-empty "$@" || exit $?

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  echo "Mathroom opens in a window on your screen (${DISPLAY:-$WAYLAND_DISPLAY})."
  echo "To stop it: close the window, or press Ctrl+C here."
else
  if ! command -v Xvfb >/dev/null 2>&1; then
    echo "This machine has no display and Xvfb is missing: run 'bash tools/system-packages.sh run'" \
      "(or use a machine with a screen)." >&2
    exit 1
  fi
  # The first free display number: no lock file and no socket from an earlier X server.
  n=99
  while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
  export DISPLAY=":$n" QT_QPA_PLATFORM=xcb
  # Ctrl+C reaches this script (its background jobs ignore SIGINT), which then stops the app
  # and the X server in that order; Xvfb's own session keeps Ctrl+C from killing the display
  # under the app (Qt would then exit without saving).
  setsid Xvfb "$DISPLAY" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 50); do
    [ -e "/tmp/.X11-unix/X$n" ] && break
    kill -0 "$xvfb_pid" 2>/dev/null || { echo "Xvfb could not start on $DISPLAY." >&2; exit 1; }
    sleep 0.1
  done
  echo "This machine has no screen, so Mathroom runs on a virtual display: Xvfb $DISPLAY (1440×900)."
  echo "Nothing appears on your screen. To look at the window:"
  if command -v x11vnc >/dev/null 2>&1; then
    echo "  x11vnc -display $DISPLAY -localhost -nopw   then point a VNC viewer at localhost:5900"
  fi
  if command -v import >/dev/null 2>&1; then
    echo "  import -display $DISPLAY -window root mathroom.png   (a screenshot, ImageMagick)"
  elif command -v xwd >/dev/null 2>&1; then
    echo "  xwd -display $DISPLAY -root -out mathroom.xwd   (a screenshot)"
  fi
  echo "To stop it: press Ctrl+C here."
fi

"$PY" -m mathroom "$@" &
app_pid=$!
wait "$app_pid"
status=$?
# A signal interrupts `wait` and runs the trap; here the app ended by itself (window closed).
app_pid=""
[ -n "$xvfb_pid" ] && kill -TERM "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
exit "$status"
