# Shared by install.sh, upgrade.sh, backup.sh, restore.sh, uninstall.sh and service.sh (sourced, not run).
# Where things are comes from /etc/maxmontaj/install.env, written by install.sh (MAXMONTAJ_ETC moves /etc/maxmontaj).
# Daemons started from here (the app, MariaDB, Apache) must not inherit the caller's other descriptors (a lock, a pipe).
for _fd in /proc/$$/fd/*; do
  _fd=${_fd##*/}
  if [ "$_fd" -gt 2 ] 2>/dev/null && [ "$_fd" -lt 255 ]; then eval "exec $_fd>&-" 2>/dev/null || true; fi
done
unset _fd
ETC_DIR=${MAXMONTAJ_ETC:-/etc/maxmontaj}
INSTALL_ENV="$ETC_DIR/install.env"
SETTINGS="$ETC_DIR/appsettings.Production.json"
UNIT_NAME=maxmontaj
UNIT_DIR=${MAXMONTAJ_UNIT_DIR:-/etc/systemd/system}
UNIT_FILE="$UNIT_DIR/$UNIT_NAME.service"
SERVICE_USER=maxmontaj
DB_SOCKET=${MAXMONTAJ_DB_SOCKET:-/run/mysqld/mysqld.sock}

log() { printf '[%s %s] %s\n' "$(basename "$0" .sh)" "$(date -u +%H:%M:%S)" "$*"; }
die() { printf '[%s] ERROR: %s\n' "$(basename "$0" .sh)" "$*" >&2; exit 1; }
need_root() { [ "$(id -u)" = 0 ] || die "run this as root (su - or sudo; Debian has no sudo by default: use 'su -')"; }

load_install_env() {
  [ -r "$INSTALL_ENV" ] || die "$INSTALL_ENV not found: Maxmontaj is not installed here (run install.sh first)"
  # shellcheck disable=SC1090
  . "$INSTALL_ENV"
}

# systemd manages services only when it is PID 1 (not in CI containers).
has_systemd() { [ -d /run/systemd/system ] && [ "$(cat /proc/1/comm 2>/dev/null)" = systemd ]; }

# Root's MariaDB client over the Unix socket (Debian's root@localhost signs in by socket, no password).
sql() { mariadb --protocol=socket --socket="$DB_SOCKET" -uroot -N -B "$@"; }

# A value from the settings file, by its key (the file install.sh writes keeps one key per line).
setting() { sed -nE "s/^ *\"$1\": *\"([^\"]*)\".*$/\1/p" "$SETTINGS" | head -1; }
db_password() { setting Maxmontaj | sed -nE 's/.*Password=([^;]*);?.*/\1/p'; }
db_provider() { setting Provider; }

# The last migration applied to the database (empty when the schema is missing).
db_last_migration() {
  sql -e "SELECT MigrationId FROM \`$DB_NAME\`.__EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1" 2>/dev/null || true
}

# The database user, for the Unix socket (localhost) and TCP on 127.0.0.1 (skip-name-resolve matches no name), with the
# password from the settings file. Safe to repeat.
ensure_db_and_user() {
  local password=$1 host
  sql -e "CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
  for host in localhost 127.0.0.1; do
    sql -e "CREATE USER IF NOT EXISTS '$DB_USER'@'$host' IDENTIFIED BY '$password';
            ALTER USER '$DB_USER'@'$host' IDENTIFIED BY '$password';
            GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'$host';"
  done
}

mariadb_running() { mariadb-admin --protocol=socket --socket="$DB_SOCKET" -uroot ping >/dev/null 2>&1; }

start_mariadb() {
  mariadb_running && return 0
  if has_systemd; then
    systemctl enable --now mariadb
  else
    log "systemd is not PID 1: starting MariaDB with its init script (service mariadb start)"
    service mariadb start </dev/null >/dev/null 2>&1 ||
      { [ -x /usr/bin/mariadbd-safe ] && (setsid /usr/bin/mariadbd-safe </dev/null >/dev/null 2>&1 &); }
    MARIADB_STARTED_BY_INSTALL=1
  fi
  for _ in $(seq 1 60); do mariadb_running && return 0; sleep 1; done
  die "MariaDB did not start (see /var/log/mysql/error.log or journalctl -u mariadb)"
}

# GET a path through Apache, as a browser would reach the public name (resolved to this machine).
through_apache() {
  local path=$1 port=${HTTPS_PORT:-443}
  curl -sk -o /dev/null -w '%{http_code}' --max-time 10 --resolve "$PUBLIC_NAME:$port:127.0.0.1" "https://$PUBLIC_NAME:$port$path" || true
}

# Waits until /health/ready answers 200 through Apache; prints the seconds it took.
wait_ready() {
  local timeout=${1:-120} start code
  start=$(date +%s)
  while :; do
    code=$(through_apache /health/ready)
    [ "$code" = 200 ] && { echo $(($(date +%s) - start)); return 0; }
    [ $(($(date +%s) - start)) -ge "$timeout" ] && { log "/health/ready through Apache answered '$code' for ${timeout} s"; return 1; }
    sleep 1
  done
}
