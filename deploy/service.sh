#!/usr/bin/env bash
# Starts, stops and runs verbs of the Maxmontaj service.
#   service.sh start|stop|restart|status
#   service.sh run VERB...     runs the current release with VERB (e.g. migrate, schema) as the service would: as its
#                              User, in its WorkingDirectory, with its Environment and UMask, all read from the unit file
#   service.sh run-with-env NAME... -- VERB...   the same, passing these variables of the caller too
# With systemd as PID 1 start/stop/status are systemctl. Without it (containers, CI) this script runs the unit's own
# ExecStart line itself, as the unit's User with its Environment, WorkingDirectory and UMask (the sandboxing lines need
# systemd and are not applied); the process id is kept in /run/maxmontaj.pid and its console output in the log folder.
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/lib.sh"
need_root
PID_FILE=/run/$UNIT_NAME.pid
PASS_ENV=()

unit_value() { sed -nE "s/^$1=(.*)$/\1/p" "$UNIT_FILE" | tail -1; }
unit_env() { sed -nE 's/^Environment=(.*)$/\1/p' "$UNIT_FILE"; }

# Runs a command line (words) as the unit does, in the foreground.
as_unit() {
  [ -r "$UNIT_FILE" ] || die "$UNIT_FILE not found (run install.sh)"
  local user group dir mask home envs=() name
  user=$(unit_value User); group=$(unit_value Group); dir=$(unit_value WorkingDirectory); mask=$(unit_value UMask)
  home=$(getent passwd "$user" | cut -d: -f6)
  mapfile -t envs < <(unit_env)
  # Variables named by run-with-env come from this script's environment, after the unit's (so they win).
  for name in "${PASS_ENV[@]}"; do envs+=("$name=${!name}"); done
  cd "$dir"
  umask "${mask:-0027}"
  exec env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME="$home" USER="$user" LOGNAME="$user" \
    "${envs[@]}" setpriv --reuid="$user" --regid="${group:-$user}" --init-groups -- "$@"
}

running_pid() {
  local pid
  [ -r "$PID_FILE" ] && pid=$(cat "$PID_FILE") && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

start() {
  if has_systemd; then systemctl start "$UNIT_NAME"; return; fi
  if [ -n "$(running_pid)" ]; then log "already running (pid $(running_pid))"; return; fi
  local exec_start log_dir
  exec_start=$(unit_value ExecStart)
  log_dir=$(unit_value ReadWritePaths | tr ' ' '\n' | grep -m1 log || echo /tmp)
  log "systemd is not PID 1 here: running the unit's ExecStart ($exec_start) as $(unit_value User); output in $log_dir/console.log"
  # shellcheck disable=SC2086  # ExecStart is a command line of plain words
  (as_unit $exec_start) >>"$log_dir/console.log" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
}

stop() {
  if has_systemd; then systemctl stop "$UNIT_NAME"; return; fi
  local pid
  pid=$(running_pid) || { rm -f "$PID_FILE"; return 0; }
  kill -INT "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then log "no exit after 30 s: killing $pid"; kill -KILL "$pid" 2>/dev/null || true; sleep 0.5; fi
  rm -f "$PID_FILE"
}

status() {
  if has_systemd; then systemctl is-active --quiet "$UNIT_NAME"; return; fi
  [ -n "$(running_pid)" ]
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) if status; then echo running; else echo stopped; exit 3; fi ;;
  pid) running_pid ;;
  run) shift; dir=$(unit_value WorkingDirectory); as_unit "$dir/Maxmontaj.Web" "$@" ;;
  # run-with-env NAME... -- VERB...: the same, with these variables of the caller added (a secret given once, not stored).
  run-with-env) shift
    while [ $# -gt 0 ] && [ "$1" != -- ]; do PASS_ENV+=("$1"); shift; done
    shift; dir=$(unit_value WorkingDirectory); as_unit "$dir/Maxmontaj.Web" "$@" ;;
  *) echo "usage: $0 start|stop|restart|status|pid|run VERB..." >&2; exit 2 ;;
esac
