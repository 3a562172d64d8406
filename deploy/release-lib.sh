# Sourced by install.sh and upgrade.sh: puts an unpacked release beside the others as $PREFIX/releases/VERSION.
# Layout: the app's files, deploy/ (these scripts), VERSION, and appsettings.Production.json -> $ETC_DIR's file.
place_release() {
  local from=$1 version=$2 target="$PREFIX/releases/$2" tmp
  if [ -x "$target/Maxmontaj.Web" ] && [ -r "$target/VERSION" ]; then
    log "release $version is already in $target"
  else
    tmp="$PREFIX/releases/.incoming-$version"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    cp -a "$from/app/." "$tmp/"
    cp -a "$from/deploy" "$tmp/deploy"
    cp "$from/VERSION" "$tmp/VERSION"
    rm -rf "$target"
    mv "$tmp" "$target"
    log "unpacked release $version into $target"
  fi
  ln -sfn "$SETTINGS" "$target/appsettings.Production.json"
  chown -R root:root "$target"
  chmod -R u+rwX,go+rX,go-w "$target"
}
