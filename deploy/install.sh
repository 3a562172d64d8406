#!/usr/bin/env bash
# Installs Maxmontaj from an unpacked release (this script's folder is its deploy/) on Debian 12/13 or Kali, as root.
# Safe to run again: what exists is kept (settings, secrets, database, certificate), what is missing is made.
#
#   ./deploy/install.sh --name crm.example.ru [--certbot --email admin@example.ru]
#
# Options (or the environment variable in brackets):
#   --name NAME            public DNS name of the site (MAXMONTAJ_NAME; default: hostname -f)
#   --https-port N         Apache's HTTPS port (MAXMONTAJ_HTTPS_PORT; 443)
#   --http-port N          Apache's HTTP port, which only redirects to HTTPS (MAXMONTAJ_HTTP_PORT; 80)
#   --listen ADDRESS       the address Apache listens on for this site (MAXMONTAJ_LISTEN; all addresses)
#   --app-port N           the app's own port on 127.0.0.1 (MAXMONTAJ_APP_PORT; 5080)
#   --prefix DIR           where releases are kept (MAXMONTAJ_PREFIX; /opt/maxmontaj)
#   --data DIR             data: keys, photos (MAXMONTAJ_DATA; /var/lib/maxmontaj)
#   --logs DIR             the app's logs (MAXMONTAJ_LOGS; /var/log/maxmontaj)
#   --backups DIR          backup archives (MAXMONTAJ_BACKUPS; /var/backups/maxmontaj)
#   --retention DAYS       backups older than this are deleted (MAXMONTAJ_RETENTION_DAYS; 14)
#   --database NAME        MariaDB database and user name (MAXMONTAJ_DATABASE; maxmontaj)
#   --admin-email EMAIL    the first admin's sign-in (MAXMONTAJ_ADMIN_EMAIL; admin@NAME)
#   --certbot              get a Let's Encrypt certificate for NAME (needs NAME in public DNS and port 80 reachable)
#   --email EMAIL          the address Let's Encrypt writes to (with --certbot)
#   --no-apt               do not install packages (they must be there already)
set -euo pipefail
HERE=$(dirname "$(readlink -f "$0")")
RELEASE_DIR=$(dirname "$HERE")
. "$HERE/lib.sh"
need_root
started=$(date +%s)

PUBLIC_NAME=${MAXMONTAJ_NAME:-}
HTTPS_PORT=${MAXMONTAJ_HTTPS_PORT:-443}
HTTP_PORT=${MAXMONTAJ_HTTP_PORT:-80}
LISTEN=${MAXMONTAJ_LISTEN:-}
APP_PORT=${MAXMONTAJ_APP_PORT:-5080}
PREFIX=${MAXMONTAJ_PREFIX:-/opt/maxmontaj}
DATA_DIR=${MAXMONTAJ_DATA:-/var/lib/maxmontaj}
LOG_DIR=${MAXMONTAJ_LOGS:-/var/log/maxmontaj}
BACKUP_DIR=${MAXMONTAJ_BACKUPS:-/var/backups/maxmontaj}
RETENTION_DAYS=${MAXMONTAJ_RETENTION_DAYS:-14}
DB_NAME=${MAXMONTAJ_DATABASE:-maxmontaj}
ADMIN_EMAIL=${MAXMONTAJ_ADMIN_EMAIL:-}
CERTBOT=0
CERTBOT_EMAIL=${MAXMONTAJ_CERTBOT_EMAIL:-}
APT=1
while [ $# -gt 0 ]; do
  case "$1" in
    --name) PUBLIC_NAME=$2; shift ;;
    --https-port) HTTPS_PORT=$2; shift ;;
    --http-port) HTTP_PORT=$2; shift ;;
    --listen) LISTEN=$2; shift ;;
    --app-port) APP_PORT=$2; shift ;;
    --prefix) PREFIX=$2; shift ;;
    --data) DATA_DIR=$2; shift ;;
    --logs) LOG_DIR=$2; shift ;;
    --backups) BACKUP_DIR=$2; shift ;;
    --retention) RETENTION_DAYS=$2; shift ;;
    --database) DB_NAME=$2; shift ;;
    --admin-email) ADMIN_EMAIL=$2; shift ;;
    --certbot) CERTBOT=1 ;;
    --email) CERTBOT_EMAIL=$2; shift ;;
    --no-apt) APT=0 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done
PUBLIC_NAME=${PUBLIC_NAME:-$(hostname -f)}
ADMIN_EMAIL=${ADMIN_EMAIL:-admin@$PUBLIC_NAME}
DB_USER=$DB_NAME
VERSION=$(cat "$RELEASE_DIR/VERSION" 2>/dev/null) || die "no VERSION next to deploy/: run install.sh from an unpacked release"
# Run from an unpacked tarball (app/ beside deploy/) or again from an installed release (/opt/maxmontaj/current/deploy).
if [ -x "$RELEASE_DIR/app/Maxmontaj.Web" ]; then from_tarball=1
elif [ -x "$RELEASE_DIR/Maxmontaj.Web" ]; then from_tarball=0
else die "no Maxmontaj.Web next to deploy/: run install.sh from an unpacked release"; fi
for n in "$HTTPS_PORT" "$HTTP_PORT" "$APP_PORT" "$RETENTION_DAYS"; do case "$n" in ''|*[!0-9]*) die "not a number: '$n'";; esac; done
[ "$CERTBOT" = 0 ] || [ -n "$CERTBOT_EMAIL" ] || die "--certbot needs --email"
PUBLIC_URL="https://$PUBLIC_NAME$([ "$HTTPS_PORT" = 443 ] || echo ":$HTTPS_PORT")"
# An existing install keeps its layout: the first run's choices win (edit $INSTALL_ENV to move things).
if [ -r "$INSTALL_ENV" ]; then
  log "found $INSTALL_ENV: keeping its folders, ports and database"
  # shellcheck disable=SC1090
  . "$INSTALL_ENV"
fi
log "installing Maxmontaj $VERSION for $PUBLIC_URL"

# 1. Packages.
packages=(apache2 mariadb-server mariadb-client openssl curl ca-certificates tzdata)
[ "$CERTBOT" = 1 ] && packages+=(certbot)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
# .NET needs ICU (Russian dates and sorting); its package name carries the version (libicu72 on Debian 12, libicu76 on 13).
dpkg -l 'libicu[0-9]*' 2>/dev/null | grep -q '^ii' || missing+=(libicu)
if ((${#missing[@]})); then
  [ "$APT" = 1 ] || die "missing packages: ${missing[*]} (without --no-apt install.sh installs them)"
  log "installing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  if [[ " ${missing[*]} " == *" libicu "* ]]; then
    icu=$(apt-cache search --names-only '^libicu[0-9]+$' | awk '{print $1}' | sort -V | tail -1)
    [ -n "$icu" ] || die "no libicu package found in apt"
    missing=("${missing[@]/libicu/$icu}")
  fi
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. The service account and folders: binaries root's, data and logs the service's only.
if ! getent passwd "$SERVICE_USER" >/dev/null; then
  useradd --system --user-group --home-dir "$DATA_DIR" --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
  log "created the system user $SERVICE_USER"
fi
install -d -o root -g root -m 0755 "$PREFIX" "$PREFIX/releases"
install -d -o "$SERVICE_USER" -g "$SERVICE_USER" -m 0750 "$DATA_DIR" "$LOG_DIR"
install -d -o root -g "$SERVICE_USER" -m 0750 "$ETC_DIR"
install -d -o root -g root -m 0700 "$BACKUP_DIR"

MARIADB_STARTED_BY_INSTALL=${MARIADB_STARTED_BY_INSTALL:-0}
APACHE_STARTED_BY_INSTALL=${APACHE_STARTED_BY_INSTALL:-0}
DEFAULT_SITE_WAS_ENABLED=${DEFAULT_SITE_WAS_ENABLED:-0}
write_install_env() {
  umask 077
  cat >"$INSTALL_ENV.new" <<ENV
# Written by install.sh; read by upgrade.sh, backup.sh, restore.sh, uninstall.sh and service.sh.
VERSION_INSTALLED='$VERSION'
PUBLIC_NAME='$PUBLIC_NAME'
PUBLIC_URL='$PUBLIC_URL'
HTTPS_PORT=$HTTPS_PORT
HTTP_PORT=$HTTP_PORT
LISTEN='$LISTEN'
APP_PORT=$APP_PORT
PREFIX='$PREFIX'
DATA_DIR='$DATA_DIR'
LOG_DIR='$LOG_DIR'
BACKUP_DIR='$BACKUP_DIR'
RETENTION_DAYS=$RETENTION_DAYS
DB_NAME='$DB_NAME'
DB_USER='$DB_USER'
MARIADB_STARTED_BY_INSTALL=$MARIADB_STARTED_BY_INSTALL
APACHE_STARTED_BY_INSTALL=$APACHE_STARTED_BY_INSTALL
DEFAULT_SITE_WAS_ENABLED=$DEFAULT_SITE_WAS_ENABLED
ENV
  chmod 0600 "$INSTALL_ENV.new" && mv "$INSTALL_ENV.new" "$INSTALL_ENV"
  umask 022
}

# 3. The release: beside earlier ones, owned by root, settings linked in from $ETC_DIR.
. "$HERE/release-lib.sh"
if [ "$from_tarball" = 1 ]; then place_release "$RELEASE_DIR" "$VERSION"
else [ -x "$PREFIX/releases/$VERSION/Maxmontaj.Web" ] || die "run install.sh from an unpacked release: $PREFIX/releases/$VERSION is not installed"; fi
if [ -L "$PREFIX/current" ] && [ "$(readlink "$PREFIX/current")" != "releases/$VERSION" ]; then
  die "$PREFIX/current is $(readlink "$PREFIX/current"): to change versions use upgrade.sh (it backs up and can roll back)"
fi
ln -sfn "releases/$VERSION" "$PREFIX/current"

# 4. MariaDB: the database and its user, over the Unix socket.
start_mariadb
write_install_env
server_version=$(sql -e 'SELECT VERSION()' | grep -oE '^[0-9]+\.[0-9]+\.[0-9]+')

# 5. Settings, generated once with their secrets (0640 root:maxmontaj: the service reads them, nobody else).
if [ ! -s "$SETTINGS" ]; then
  db_secret=$(openssl rand -hex 24)
  dp_secret=$(openssl rand -hex 24)
  umask 027
  cat >"$SETTINGS.new" <<JSON
{
  "Urls": "http://127.0.0.1:$APP_PORT",
  "App": {
    "PublicBaseUrl": "$PUBLIC_URL"
  },
  "Database": {
    "Provider": "MariaDb",
    "MariaDbVersion": "$server_version",
    "MigrateOnStartup": false,
    "DataFolder": "$DATA_DIR"
  },
  "ConnectionStrings": {
    "Maxmontaj": "Server=$DB_SOCKET;Protocol=Unix;Database=$DB_NAME;User ID=$DB_USER;Password=$db_secret;"
  },
  "Storage": {
    "PhotosFolder": "$DATA_DIR/photos"
  },
  "DataProtection": {
    "CertificatePath": "$ETC_DIR/dataprotection.pfx",
    "CertificatePassword": "$dp_secret"
  },
  "Serilog": {
    "WriteTo": [
      { "Name": "Console", "Args": { "outputTemplate": "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}" } },
      { "Name": "File", "Args": { "path": "$LOG_DIR/maxmontaj-.log", "rollingInterval": "Day", "retainedFileCountLimit": 30 } }
    ]
  }
}
JSON
  umask 022
  chown root:"$SERVICE_USER" "$SETTINGS.new" && chmod 0640 "$SETTINGS.new" && mv "$SETTINGS.new" "$SETTINGS"
  log "wrote $SETTINGS (0640 root:$SERVICE_USER) with generated database and key passwords"
else
  log "kept $SETTINGS"
fi
chown root:"$SERVICE_USER" "$SETTINGS" && chmod 0640 "$SETTINGS"

if [ ! -s "$ETC_DIR/dataprotection.pfx" ]; then
  tmp=$(mktemp -d)
  openssl req -x509 -newkey rsa:3072 -nodes -days 36500 -subj "/CN=Maxmontaj data protection" \
    -keyout "$tmp/dp.key" -out "$tmp/dp.crt" 2>/dev/null
  openssl pkcs12 -export -in "$tmp/dp.crt" -inkey "$tmp/dp.key" -out "$ETC_DIR/dataprotection.pfx" \
    -passout "pass:$(setting CertificatePassword)"
  rm -rf "$tmp"
  log "made the data-protection certificate $ETC_DIR/dataprotection.pfx (keys in $DATA_DIR/keys are encrypted with it)"
fi
chown root:"$SERVICE_USER" "$ETC_DIR/dataprotection.pfx" && chmod 0640 "$ETC_DIR/dataprotection.pfx"

ensure_db_and_user "$(db_password)"
log "database $DB_NAME and user '$DB_USER'@'localhost' / '$DB_USER'@'127.0.0.1' are ready"

# 6. The units (written before migrate: service.sh runs verbs as the unit would).
render() {
  sed -e "s|@PREFIX@|$PREFIX|g" -e "s|@DATA_DIR@|$DATA_DIR|g" -e "s|@LOG_DIR@|$LOG_DIR|g" "$1"
}
install -d -m 0755 "$UNIT_DIR"
for unit in maxmontaj.service maxmontaj-backup.service maxmontaj-backup.timer; do
  render "$HERE/systemd/$unit" >"$UNIT_DIR/$unit"
  chmod 0644 "$UNIT_DIR/$unit"
done

# 7. The schema and the first admin. The admin's password is made here, given to `migrate` once through the environment
#    and printed below; it is never written to a file.
admins=$(sql -e "SELECT COUNT(*) FROM \`$DB_NAME\`.AspNetUserRoles ur JOIN \`$DB_NAME\`.AspNetRoles r ON r.Id = ur.RoleId WHERE r.Name = 'Admin'" 2>/dev/null || echo 0)
admin_password=""
if [ "$admins" = 0 ]; then
  until [[ "$admin_password" =~ [0-9] && "$admin_password" =~ [a-z] && "$admin_password" =~ [A-Z] ]]; do
    admin_password=$(openssl rand -base64 30 | tr -dc 'A-Za-z0-9' | head -c 20)
  done
fi
log "applying migrations (Maxmontaj.Web migrate, as $SERVICE_USER)"
if [ -n "$admin_password" ]; then
  Bootstrap__AdminEmail="$ADMIN_EMAIL" Bootstrap__AdminPassword="$admin_password" \
    "$HERE/service.sh" run-with-env Bootstrap__AdminEmail Bootstrap__AdminPassword -- migrate
else
  "$HERE/service.sh" run migrate
fi

# 8. The service.
if has_systemd; then
  systemctl daemon-reload
  systemctl enable --now maxmontaj.service maxmontaj-backup.timer
  systemctl restart maxmontaj.service
else
  log "systemd is not PID 1 ($(cat /proc/1/comm)): the units are in $UNIT_DIR but not enabled (no systemctl enable --now);"
  log "the service is started by deploy/service.sh from the unit's own ExecStart, and nightly backups need cron (see README)"
  "$HERE/service.sh" restart
fi

# 9. Apache: proxy, WebSockets, TLS, HSTS; the Debian default site off.
a2enmod -q proxy proxy_http proxy_wstunnel headers ssl rewrite >/dev/null
if [ -e /etc/apache2/sites-enabled/000-default.conf ]; then
  DEFAULT_SITE_WAS_ENABLED=1
  a2dissite -q 000-default >/dev/null
fi
cert=/etc/ssl/certs/maxmontaj-selfsigned.pem
key=/etc/ssl/private/maxmontaj-selfsigned.key
if [ ! -s "$cert" ] || [ ! -s "$key" ] || ! openssl x509 -in "$cert" -noout -checkhost "$PUBLIC_NAME" 2>/dev/null | grep -q 'does match'; then
  san="DNS:$PUBLIC_NAME"
  [[ "$PUBLIC_NAME" =~ ^[0-9.]+$ ]] && san="IP:$PUBLIC_NAME"
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=$PUBLIC_NAME" -addext "subjectAltName=$san" \
    -keyout "$key" -out "$cert" 2>/dev/null
  chmod 0600 "$key"
  log "made a self-signed certificate for $PUBLIC_NAME ($cert)"
fi
le_cert=/etc/letsencrypt/live/$PUBLIC_NAME/fullchain.pem
le_key=/etc/letsencrypt/live/$PUBLIC_NAME/privkey.pem
write_site() {
  local listen_lines="" http_vhost="*:$HTTP_PORT" https_vhost="*:$HTTPS_PORT"
  if [ -n "$LISTEN" ]; then http_vhost="$LISTEN:$HTTP_PORT"; https_vhost="$LISTEN:$HTTPS_PORT"; fi
  # Debian's ports.conf already listens on 80 and 443; other ports are opened here.
  [ "$HTTP_PORT" = 80 ] || listen_lines="Listen ${LISTEN:+$LISTEN:}$HTTP_PORT"
  [ "$HTTPS_PORT" = 443 ] || listen_lines="$listen_lines"$'\n'"Listen ${LISTEN:+$LISTEN:}$HTTPS_PORT https"
  sed -e "s|@LISTEN_LINES@|${listen_lines//$'\n'/\\n}|" -e "s|@HTTP_VHOST@|$http_vhost|" -e "s|@HTTPS_VHOST@|$https_vhost|" \
      -e "s|@PUBLIC_NAME@|$PUBLIC_NAME|g" -e "s|@PUBLIC_URL@|$PUBLIC_URL|g" -e "s|@APP_ADDRESS@|127.0.0.1:$APP_PORT|g" -e "s|@PREFIX@|$PREFIX|g" \
      -e "s|@CERT_FILE@|$1|" -e "s|@KEY_FILE@|$2|" "$HERE/apache/maxmontaj.conf" >/etc/apache2/sites-available/maxmontaj.conf
}
if [ -s "$le_cert" ]; then write_site "$le_cert" "$le_key"; else write_site "$cert" "$key"; fi
install -d -m 0755 /var/www/maxmontaj-acme
a2ensite -q maxmontaj >/dev/null
apache2ctl configtest >/dev/null 2>&1 || { apache2ctl configtest; die "Apache's configuration has an error (above)"; }
apache_running() { [ -r /var/run/apache2/apache2.pid ] && kill -0 "$(cat /var/run/apache2/apache2.pid)" 2>/dev/null; }
reload_apache() {
  if has_systemd; then systemctl enable -q apache2; systemctl reload-or-restart apache2
  elif apache_running; then service apache2 reload </dev/null >/dev/null 2>&1
  else log "systemd is not PID 1: starting Apache with its init script (service apache2 start)"
    service apache2 start </dev/null >/dev/null 2>&1 || die "Apache did not start: apache2ctl configtest; /var/log/apache2/error.log"
    APACHE_STARTED_BY_INSTALL=1
  fi
}
reload_apache
if [ "$CERTBOT" = 1 ] && [ ! -s "$le_cert" ]; then
  log "asking Let's Encrypt for a certificate for $PUBLIC_NAME (http-01 on port $HTTP_PORT)"
  certbot certonly --webroot -w /var/www/maxmontaj-acme -d "$PUBLIC_NAME" -m "$CERTBOT_EMAIL" --agree-tos -n \
    --deploy-hook "apache2ctl graceful"
  write_site "$le_cert" "$le_key"
  reload_apache
fi
write_install_env

# 10. The check a visitor would make: /health/ready through Apache.
log "waiting for $PUBLIC_URL/health/ready through Apache"
if ! took=$(wait_ready 120); then
  die "the site did not become ready: see $LOG_DIR/maxmontaj-*.log$(has_systemd && echo ', journalctl -u maxmontaj' || echo ", $LOG_DIR/console.log") and /var/log/apache2/maxmontaj-error.log"
fi

echo
log "Maxmontaj $VERSION is installed and ready at $PUBLIC_URL (install took $(($(date +%s) - started)) s)"
if [ -n "$admin_password" ]; then
  cat <<MSG

  First admin:   $ADMIN_EMAIL
  Password:      $admin_password

  This password is shown once and is not stored anywhere on this server. Sign in now: the site asks the admin to set up
  a sign-in code (an authenticator app) before anything else. Then change the password on /account/password.
MSG
fi
