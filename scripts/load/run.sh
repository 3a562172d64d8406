#!/usr/bin/env bash
# The circuit load harness against an app it starts (docs/performance.md "Circuits").
#   scripts/load/run.sh smoke                      100 board circuits, 20 s, one change a second: 0 errors, 0 missed (CI)
#   scripts/load/run.sh push --circuits 1000 --duration 60 --rate 1
#   scripts/load/run.sh events --circuits 500 --duration 60 --rate 5
#   scripts/load/run.sh memory --circuits 50 --kinds board,orders,jobs,customer,analytics
#   scripts/load/run.sh idle --circuits 2000 --duration 60
# The app runs from its build output with demo data on a fresh SQLite file in a temporary folder, or on MariaDB when
# MAXMONTAJ_LOAD_MARIADB holds a connection string (an empty database; perfdata's generated data when it is loaded there).
# MAXMONTAJ_LOAD_URL=http://host:port/ runs against an app already running (it must have Diagnostics:MemoryEndpoint=true).
# MAXMONTAJ_LOAD_CONFIG=Debug|Release (default Release; the test run uses Debug, which it has already built).
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=${1:-smoke}
shift || true
config=${MAXMONTAJ_LOAD_CONFIG:-Release}
say() { printf '[load] %s\n' "$*"; }

harness_args=("$@")
if [ "$mode" = smoke ]; then
  harness_args=(--circuits 100 --duration 20 --rate 1 "$@")
fi

say "building the harness ($config)"
dotnet build scripts/load/Maxmontaj.Load/Maxmontaj.Load.csproj -c "$config" -v q -nologo >/tmp/maxmontaj-load-build.log 2>&1 \
  || { cat /tmp/maxmontaj-load-build.log; exit 2; }
harness=scripts/load/Maxmontaj.Load/bin/$config/net10.0/Maxmontaj.Load.dll

url=${MAXMONTAJ_LOAD_URL:-}
app_pid=""
work=""
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  if [ -n "$work" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

if [ -z "$url" ]; then
  say "building the app ($config)"
  dotnet build Maxmontaj.Web/Maxmontaj.Web.csproj -c "$config" -v q -nologo >/tmp/maxmontaj-load-build.log 2>&1 \
    || { cat /tmp/maxmontaj-load-build.log; exit 2; }
  work=$(mktemp -d /tmp/maxmontaj-load.XXXXXX)
  port=${MAXMONTAJ_LOAD_PORT:-$((20000 + RANDOM % 20000))}
  url="http://127.0.0.1:$port/"
  app_env=(
    ASPNETCORE_ENVIRONMENT=Development
    ASPNETCORE_URLS="http://127.0.0.1:$port"
    Database__DataFolder="$work/data"
    Storage__PhotosFolder="$work/photos"
    Diagnostics__MemoryEndpoint=true
    Security__AdminsRequireTwoFactor=false
    RateLimits__SignIn__PermitLimit=100000
    RateLimits__SignInPerAccount__PermitLimit=100000
    RateLimits__StatusLink__PermitLimit=100000
    Serilog__MinimumLevel__Default=Warning
    Serilog__WriteTo__1__Args__path="$work/logs/app-.log"
  )
  if [ -n "${MAXMONTAJ_LOAD_MARIADB:-}" ]; then
    app_env+=(Database__Provider=MariaDb ConnectionStrings__Maxmontaj="$MAXMONTAJ_LOAD_MARIADB")
  fi
  say "starting the app on $url (data in $work)"
  (cd "Maxmontaj.Web/bin/$config/net10.0" && exec env "${app_env[@]}" dotnet Maxmontaj.Web.dll >"$work/app.out" 2>&1) &
  app_pid=$!
  answers() {
    if command -v curl >/dev/null; then curl -fsS -o /dev/null "${url}account/login" 2>/dev/null
    else (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; fi
  }
  for _ in $(seq 1 240); do
    if answers; then break; fi
    if ! kill -0 "$app_pid" 2>/dev/null; then cat "$work/app.out"; say "the app stopped"; exit 2; fi
    sleep 0.5
  done
  answers || { tail -50 "$work/app.out"; say "the app did not answer"; exit 2; }
fi

say "harness: --mode $mode --url $url ${harness_args[*]}"
set +e
dotnet "$harness" --mode "$mode" --url "$url" "${harness_args[@]}"
status=$?
set -e
if [ -n "$work" ]; then
  # A page that failed inside a live circuit keeps the circuit: the server's log is where it shows.
  failures=$(grep -cE '^\[[0-9:]+ (ERR|FTL)\]|A page failed|Unhandled exception' "$work/app.out" || true)
  say "server log: $failures errors"
  if [ "$failures" != 0 ]; then
    grep -E '^\[[0-9:]+ (ERR|FTL|WRN)\]' "$work/app.out" | head -5 || true
    [ "$mode" = smoke ] && status=1
  fi
  if [ "$status" != 0 ]; then say "app log (last lines):"; tail -30 "$work/app.out" || true; fi
fi
exit "$status"
