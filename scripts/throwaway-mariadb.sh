# Starts and stops a throwaway MariaDB server on a loopback port with its own data folder; sourced by test.sh and
# scripts/bench-orders.sh. After start_mariadb, MAXMONTAJ_TEST_MARIADB holds a server connection string.
find_mariadbd() { command -v mariadbd || ls /usr/sbin/mariadbd 2>/dev/null || true; }
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

