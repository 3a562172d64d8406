#!/usr/bin/env bash
# Removes Maxmontaj from this server: the service and its units, the Apache site (the Debian default site comes back if
# install.sh turned it off), the releases, settings, data, logs, the database and its users, and the system user.
#   uninstall.sh --yes [--keep-backups]
# Packages (apache2, mariadb-server) stay; services install.sh had to start itself (no systemd) are stopped again.
set -euo pipefail
HERE=$(dirname "$(readlink -f "$0")")
. "$HERE/lib.sh"
need_root
[ "${1:-}" = --yes ] || die "this deletes the database, photos and settings: run with --yes (back up first: backup.sh)"
keep_backups=0; [ "${2:-}" = --keep-backups ] && keep_backups=1
if [ -r "$INSTALL_ENV" ]; then load_install_env
else
  log "no $INSTALL_ENV: removing what is found at the default places"
  PREFIX=/opt/maxmontaj DATA_DIR=/var/lib/maxmontaj LOG_DIR=/var/log/maxmontaj BACKUP_DIR=/var/backups/maxmontaj
  DB_NAME=maxmontaj DB_USER=maxmontaj DEFAULT_SITE_WAS_ENABLED=0 APACHE_STARTED_BY_INSTALL=0 MARIADB_STARTED_BY_INSTALL=0
fi
"$HERE/service.sh" stop 2>/dev/null || true
if has_systemd; then systemctl disable --now maxmontaj.service maxmontaj-backup.timer 2>/dev/null || true; fi
rm -f "$UNIT_DIR/maxmontaj.service" "$UNIT_DIR/maxmontaj-backup.service" "$UNIT_DIR/maxmontaj-backup.timer"
has_systemd && systemctl daemon-reload || true

a2dissite -q maxmontaj >/dev/null 2>&1 || true
rm -f /etc/apache2/sites-available/maxmontaj.conf /etc/ssl/certs/maxmontaj-selfsigned.pem /etc/ssl/private/maxmontaj-selfsigned.key
rm -rf /var/www/maxmontaj-acme
[ "$DEFAULT_SITE_WAS_ENABLED" = 1 ] && a2ensite -q 000-default >/dev/null
if [ "$APACHE_STARTED_BY_INSTALL" = 1 ]; then service apache2 stop </dev/null >/dev/null 2>&1 || true
elif has_systemd; then systemctl reload apache2 || true
else service apache2 reload </dev/null >/dev/null 2>&1 || true; fi

if mariadb_running; then
  sql -e "DROP DATABASE IF EXISTS \`$DB_NAME\`; DROP USER IF EXISTS '$DB_USER'@'localhost'; DROP USER IF EXISTS '$DB_USER'@'127.0.0.1';"
  [ "$MARIADB_STARTED_BY_INSTALL" = 1 ] && { service mariadb stop </dev/null >/dev/null 2>&1 || true; }
fi

rm -rf "$PREFIX" "$DATA_DIR" "$LOG_DIR" "$ETC_DIR"
[ "$keep_backups" = 1 ] || rm -rf "$BACKUP_DIR"
getent passwd "$SERVICE_USER" >/dev/null && userdel "$SERVICE_USER" 2>/dev/null || true
getent group "$SERVICE_USER" >/dev/null && groupdel "$SERVICE_USER" 2>/dev/null || true
log "Maxmontaj removed$([ "$keep_backups" = 1 ] && echo "; backups kept in $BACKUP_DIR")"
