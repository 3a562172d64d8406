#!/usr/bin/env bash
# Upgrades to a new release tarball made by scripts/release.sh:
#   upgrade.sh maxmontaj-VERSION-linux-x64.tar.gz
# 1. backup (backup.sh)  2. unpack beside the running release  3. stop  4. switch the `current` link  5. migrate
# 6. start  7. wait for /health/ready through Apache. If 5–7 fail: stop, switch back, restore the backup, start the old
# release, and exit 1. The downtime (from stop to ready) is printed either way.
set -euo pipefail
HERE=$(dirname "$(readlink -f "$0")")
. "$HERE/lib.sh"
need_root
tarball=${1:-}
[ -r "$tarball" ] || die "usage: upgrade.sh maxmontaj-VERSION-linux-x64.tar.gz"
load_install_env
HEALTH_TIMEOUT=${MAXMONTAJ_HEALTH_TIMEOUT:-120}

work=$(mktemp -d /tmp/maxmontaj-upgrade.XXXXXX)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$tarball"
new_dir=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -1)
[ -r "$new_dir/VERSION" ] && [ -x "$new_dir/app/Maxmontaj.Web" ] || die "$tarball is not a Maxmontaj release"
new=$(cat "$new_dir/VERSION")
old=$(basename "$(readlink "$PREFIX/current")")
[ "$new" != "$old" ] || die "release $new is already the current one"
log "upgrading $old -> $new"

# 1. Backup, while the old release still runs.
archive=$("$HERE/backup.sh" | tail -1)
log "backup: $archive"

# 2. Unpack beside the old one (the running service is not touched yet).
. "$HERE/release-lib.sh"
place_release "$new_dir" "$new"

switch_to() { ln -sfn "releases/$1" "$PREFIX/current.new" && mv -T "$PREFIX/current.new" "$PREFIX/current"; }
# The unit and backup units come from the release being switched to.
units_of() {
  local unit
  for unit in maxmontaj.service maxmontaj-backup.service maxmontaj-backup.timer; do
    sed -e "s|@PREFIX@|$PREFIX|g" -e "s|@DATA_DIR@|$DATA_DIR|g" -e "s|@LOG_DIR@|$LOG_DIR|g" \
      "$PREFIX/releases/$1/deploy/systemd/$unit" >"$UNIT_DIR/$unit"
  done
  has_systemd && systemctl daemon-reload || true
}

# 3–7.
stopped=$(date +%s)
"$HERE/service.sh" stop
switch_to "$new"
units_of "$new"
failure=""
if ! "$PREFIX/current/deploy/service.sh" run migrate; then
  failure="migrate failed"
else
  if ! "$PREFIX/current/deploy/service.sh" start; then failure="the service did not start"
  elif ! wait_ready "$HEALTH_TIMEOUT" >/dev/null; then failure="/health/ready did not answer 200 within $HEALTH_TIMEOUT s"; fi
fi

if [ -z "$failure" ]; then
  sed -i "s/^VERSION_INSTALLED=.*/VERSION_INSTALLED='$new'/" "$INSTALL_ENV"
  log "upgraded to $new; downtime $(($(date +%s) - stopped)) s; backup kept: $archive"
  exit 0
fi

# Roll back: the old release and the backup taken before the switch.
log "UPGRADE FAILED ($failure): rolling back to $old"
"$HERE/service.sh" stop || true
switch_to "$old"
units_of "$old"
"$PREFIX/releases/$old/deploy/restore.sh" "$archive"
"$PREFIX/releases/$old/deploy/service.sh" start
if wait_ready "$HEALTH_TIMEOUT" >/dev/null; then
  log "rolled back to $old with the data of $archive; downtime $(($(date +%s) - stopped)) s; the failed release stays in $PREFIX/releases/$new for inspection"
else
  log "rolled back to $old but it is not ready either: see $LOG_DIR and /var/log/apache2/maxmontaj-error.log"
fi
exit 1
