#!/usr/bin/env bash
# Restores a backup archive made by backup.sh: the database, photos, keys and settings. The service is stopped meanwhile.
#   restore.sh ARCHIVE
# Refuses an archive whose schema (its last applied migration) this release does not know: restore it with the release
# it came from (VERSION inside the archive), or upgrade first. The data folder and database are replaced, not merged.
set -euo pipefail
HERE=$(dirname "$(readlink -f "$0")")
. "$HERE/lib.sh"
need_root
archive=${1:-}
[ -r "$archive" ] || die "usage: restore.sh ARCHIVE (a maxmontaj-*.tar.gz made by backup.sh)"
load_install_env
started=$(date +%s)
work=$(mktemp -d /tmp/maxmontaj-restore.XXXXXX)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$archive"
[ -r "$work/provider.txt" ] || die "$archive is not a Maxmontaj backup (no provider.txt)"

# The schema check: the archive's last migration must be one this release knows.
archived=$(cat "$work/schema.txt" 2>/dev/null || true)
known=$("$HERE/service.sh" run schema | grep -E '^[0-9]{14}_' || true)
[ -n "$known" ] || die "could not list this release's migrations (Maxmontaj.Web schema)"
if [ -n "$archived" ] && ! grep -qx "$archived" <<<"$known"; then
  die "refusing $archive: its schema ($archived, from release $(cat "$work/VERSION")) is newer than this release knows (last: $(tail -1 <<<"$known")); install release $(cat "$work/VERSION") or newer first"
fi
log "restoring $archive (release $(cat "$work/VERSION"), schema ${archived:-empty})"

was_running=0
"$HERE/service.sh" status >/dev/null 2>&1 && was_running=1
"$HERE/service.sh" stop

# Settings first: the database password in them is the one the database user gets.
cp -a "$work/etc/." "$ETC_DIR/"
chown root:"$SERVICE_USER" "$SETTINGS" "$ETC_DIR/dataprotection.pfx" 2>/dev/null || true
chmod 0640 "$SETTINGS"

provider=$(cat "$work/provider.txt")
if [ "$provider" = MariaDb ]; then
  start_mariadb
  sql -e "DROP DATABASE IF EXISTS \`$DB_NAME\`"
  ensure_db_and_user "$(db_password)"
  mariadb --protocol=socket --socket="$DB_SOCKET" -uroot --default-character-set=utf8mb4 "$DB_NAME" <"$work/database.sql"
fi

# The data folder is replaced by the archive's (photos, keys, and the SQLite file when that is the provider).
install -d -o "$SERVICE_USER" -g "$SERVICE_USER" -m 0750 "$DATA_DIR"
find "$DATA_DIR" -mindepth 1 -delete
cp -a "$work/data/." "$DATA_DIR/"
[ "$provider" = MariaDb ] || cp "$work/maxmontaj.db" "$DATA_DIR/$(basename "$(setting Maxmontaj | sed -nE 's/.*Data Source=([^;]*).*/\1/p' | sed 's/^$/maxmontaj.db/')")"
chown -R "$SERVICE_USER:$SERVICE_USER" "$DATA_DIR"
chmod 0750 "$DATA_DIR"

log "restored in $(($(date +%s) - started)) s"
if [ "$was_running" = 1 ] || [ "${MAXMONTAJ_RESTORE_START:-0}" = 1 ]; then
  "$HERE/service.sh" start
  took=$(wait_ready 120) || die "the service did not become ready after the restore (see $LOG_DIR)"
  log "the service is ready again ($took s)"
fi
