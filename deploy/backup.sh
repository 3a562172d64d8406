#!/usr/bin/env bash
# Makes one dated backup archive (0600) in the backup folder and deletes archives older than the retention setting.
#   backup.sh [--output DIR]
# The archive holds: database.sql (mariadb-dump --single-transaction: a consistent snapshot while the app runs) or
# maxmontaj.db (SQLite, through SQLite's backup API), data/ (photos, data-protection keys), etc/ (settings, the
# data-protection certificate, install.env), schema.txt (the last applied migration) and VERSION (the release running).
# The last line printed is the archive's path. Run nightly by maxmontaj-backup.timer.
set -euo pipefail
HERE=$(dirname "$(readlink -f "$0")")
. "$HERE/lib.sh"
need_root
load_install_env
out=$BACKUP_DIR
[ "${1:-}" = --output ] && out=$2
umask 077
install -d -m 0700 "$out"
stamp=$(date -u +%Y%m%d-%H%M%S)
archive="$out/maxmontaj-$stamp.tar.gz"
work=$(mktemp -d /tmp/maxmontaj-backup.XXXXXX)
trap 'rm -rf "$work"' EXIT
started=$(date +%s)

provider=$(db_provider)
if [ "$provider" = MariaDb ]; then
  mariadb_running || die "MariaDB is not running: cannot dump $DB_NAME"
  mariadb-dump --protocol=socket --socket="$DB_SOCKET" -uroot --single-transaction --quick --routines --triggers --events \
    --hex-blob --default-character-set=utf8mb4 "$DB_NAME" >"$work/database.sql"
  db_last_migration >"$work/schema.txt"
else
  # SQLite: the file named by the connection string, or maxmontaj.db in the data folder.
  db_file=$(setting Maxmontaj | sed -nE 's/.*Data Source=([^;]*).*/\1/p')
  db_file=${db_file:-maxmontaj.db}
  case "$db_file" in /*) ;; *) db_file="$DATA_DIR/$db_file" ;; esac
  if command -v sqlite3 >/dev/null; then
    sqlite3 "$db_file" ".backup '$work/maxmontaj.db'"
  else
    log "no sqlite3: copying $db_file with the service stopped"
    was_running=0; "$HERE/service.sh" status >/dev/null && was_running=1
    "$HERE/service.sh" stop
    cp "$db_file" "$work/maxmontaj.db"
    [ "$was_running" = 1 ] && "$HERE/service.sh" start
  fi
  { command -v sqlite3 >/dev/null && sqlite3 "$work/maxmontaj.db" \
      "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1"; } >"$work/schema.txt" || true
fi

mkdir -p "$work/data" "$work/etc"
# Photos and keys (a SQLite file is already in the archive as a consistent copy).
tar -C "$DATA_DIR" --exclude='./*.db' --exclude='./*.db-wal' --exclude='./*.db-shm' -cf - . | tar -C "$work/data" -xpf -
cp -a "$ETC_DIR/." "$work/etc/"
cat "$PREFIX/current/VERSION" >"$work/VERSION" 2>/dev/null || echo unknown >"$work/VERSION"
echo "$provider" >"$work/provider.txt"

tar -C "$work" -czf "$archive.part" .
chmod 0600 "$archive.part"
mv "$archive.part" "$archive"
log "archive $archive ($(du -h "$archive" | cut -f1), schema $(cat "$work/schema.txt"), $(($(date +%s) - started)) s)"

# Retention: archives older than RETENTION_DAYS go (the one just made always stays).
if [ "$out" = "$BACKUP_DIR" ]; then
  find "$BACKUP_DIR" -maxdepth 1 -name 'maxmontaj-*.tar.gz' -mtime +"$RETENTION_DAYS" ! -path "$archive" -print -delete |
    sed 's/^/[backup] deleted (older than '"$RETENTION_DAYS"' days): /'
fi
echo "$archive"
