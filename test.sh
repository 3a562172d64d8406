#!/usr/bin/env bash
# The one test command. On a Debian-family machine it installs what is missing (mariadb-server, chromium),
# starts a throwaway MariaDB on a loopback port with its own data folder (no system database is touched),
# runs the whole test suite against SQLite and that MariaDB, with browser journeys in Chromium, and stops the server.
# With CI=true a part that cannot run is a failure; elsewhere it is left out and named.
set -euo pipefail
cd "$(dirname "$0")"

ci=${CI:-false}
say() { printf '[test.sh] %s\n' "$*"; }
filters=()
unavailable=()

find_mariadbd() { command -v mariadbd || ls /usr/sbin/mariadbd 2>/dev/null || true; }

# 1. Install what is missing, when we may.
missing=()
[ -n "$(find_mariadbd)" ] || missing+=(mariadb-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if ((${#missing[@]})); then
  apt=""
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then apt="apt-get"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null && command -v apt-get >/dev/null; then apt="sudo apt-get"; fi
  if [ -n "$apt" ]; then
    say "installing ${missing[*]}"
    $apt update -qq
    DEBIAN_FRONTEND=noninteractive $apt install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
  else
    say "cannot install ${missing[*]}: no root and no apt-get"
  fi
fi

# 2. A throwaway MariaDB server.
mariadb_dir=""
mariadb_pid=""
stop_mariadb() {
  if [ -n "$mariadb_pid" ] && kill -0 "$mariadb_pid" 2>/dev/null; then
    kill "$mariadb_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$mariadb_pid" 2>/dev/null || break; sleep 0.2; done
  fi
  [ -n "$mariadb_dir" ] && rm -rf "$mariadb_dir"
  return 0
}
trap stop_mariadb EXIT

start_mariadb() {
  local mariadbd install_db port
  mariadbd=$(find_mariadbd)
  install_db=$(command -v mariadb-install-db || command -v mysql_install_db || true)
  [ -n "$mariadbd" ] && [ -n "$install_db" ] || return 1
  mariadb_dir=$(mktemp -d /tmp/maxmontaj-mariadb.XXXXXX)
  port=${MAXMONTAJ_MARIADB_PORT:-33306}
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  "$install_db" --no-defaults --datadir="$mariadb_dir/data" --user="$(id -un)" \
    --auth-root-authentication-method=normal --skip-test-db >"$mariadb_dir/install.log" 2>&1 || { cat "$mariadb_dir/install.log"; return 1; }
  "$mariadbd" --no-defaults --datadir="$mariadb_dir/data" --user="$(id -un)" --port="$port" --bind-address=127.0.0.1 \
    --socket="$mariadb_dir/mysqld.sock" --pid-file="$mariadb_dir/mysqld.pid" --skip-name-resolve \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=2 --log-error="$mariadb_dir/error.log" &
  mariadb_pid=$!
  for _ in $(seq 1 60); do
    mariadb-admin --no-defaults --socket="$mariadb_dir/mysqld.sock" -uroot ping >/dev/null 2>&1 && break
    kill -0 "$mariadb_pid" 2>/dev/null || { cat "$mariadb_dir/error.log"; return 1; }
    sleep 0.5
  done
  mariadb --no-defaults --socket="$mariadb_dir/mysqld.sock" -uroot -e "
    CREATE USER 'maxmontaj'@'127.0.0.1' IDENTIFIED BY 'maxmontaj-test';
    GRANT ALL PRIVILEGES ON *.* TO 'maxmontaj'@'127.0.0.1';" || return 1
  export MAXMONTAJ_TEST_MARIADB="Server=127.0.0.1;Port=$port;User ID=maxmontaj;Password=maxmontaj-test;"
  say "MariaDB $("$mariadbd" --version | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1) listening on 127.0.0.1:$port (data in $mariadb_dir)"
}

if ! start_mariadb; then
  unavailable+=("MariaDB data tests (mariadb-server missing or would not start)")
  filters+=("Category!=MariaDb")
fi
if [ ! -x /usr/bin/chromium ]; then
  unavailable+=("browser journeys (no /usr/bin/chromium)")
  filters+=("Category!=Browser")
fi

if ((${#unavailable[@]})); then
  for part in "${unavailable[@]}"; do say "cannot run: $part"; done
  if [ "$ci" = true ]; then
    say "CI=true: every part must run, so this is a failure"
    exit 1
  fi
fi

# 3. The whole suite.
args=(test Maxmontaj.sln --logger "console;verbosity=normal" --logger "trx;LogFileName=results.trx")
# A developer may narrow the run: MAXMONTAJ_TEST_FILTER="FullyQualifiedName~Orders" ./test.sh
[ -n "${MAXMONTAJ_TEST_FILTER:-}" ] && filters+=("($MAXMONTAJ_TEST_FILTER)")
if ((${#filters[@]})); then
  args+=(--filter "$(IFS='&'; echo "${filters[*]}")")
fi
say "dotnet ${args[*]}"
set +e
dotnet "${args[@]}" 2>&1 | tee /tmp/maxmontaj-test-output.log
status=${PIPESTATUS[0]}
set -e

passed=$(sed -nE 's/^ +Passed: +([0-9]+)$/\1/p' /tmp/maxmontaj-test-output.log | tail -1)
failed=$(sed -nE 's/^ +Failed: +([0-9]+)$/\1/p' /tmp/maxmontaj-test-output.log | tail -1)
sqlite=$(grep -cE '^\s+Passed .*_Sqlite\.' /tmp/maxmontaj-test-output.log || true)
mariadb=$(grep -cE '^\s+Passed .*_MariaDb\.' /tmp/maxmontaj-test-output.log || true)
browser=$(grep -cE '^\s+Passed Maxmontaj\.Tests\.E2E\.' /tmp/maxmontaj-test-output.log || true)
say "data tests passed on SQLite: $sqlite, on MariaDB: $mariadb; browser journeys passed in Chromium: $browser"
if ((${#unavailable[@]})); then say "left out: ${unavailable[*]}"; fi
echo "${passed:-0} passed, ${failed:-0} failed"
exit "$status"
