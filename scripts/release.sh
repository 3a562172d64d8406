#!/usr/bin/env bash
# Builds one self-contained release tarball of Maxmontaj.Web for linux-x64: the server needs no .NET.
#   scripts/release.sh [VERSION]        (default: <date>-<commit>; or MAXMONTAJ_VERSION)
# Output: artifacts/maxmontaj-VERSION-linux-x64.tar.gz, containing maxmontaj-VERSION/ with
#   app/       the published application (run app/Maxmontaj.Web)
#   deploy/    install.sh, upgrade.sh, backup.sh, restore.sh, uninstall.sh, service.sh, the systemd units,
#              the Apache site template and README.md
#   VERSION    the version string
# Needs the .NET SDK on the build machine only. Release configuration, no ReadyToRun, no trimming.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:-${MAXMONTAJ_VERSION:-}}
if [ -z "$version" ]; then
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo nogit)
  version="$(date -u +%Y.%m.%d.%H%M)-$commit"
fi
case "$version" in *[!A-Za-z0-9._+-]*|"") echo "release.sh: bad version '$version'" >&2; exit 2;; esac

out=${MAXMONTAJ_ARTIFACTS:-artifacts}
name="maxmontaj-$version"
stage="$out/stage/$name"
rm -rf "$stage"
mkdir -p "$stage/deploy"

start=$(date +%s)
dotnet publish Maxmontaj.Web/Maxmontaj.Web.csproj -c Release -r linux-x64 --self-contained true \
  -p:PublishReadyToRun=false -p:PublishTrimmed=false -p:DebugType=none -p:GenerateDocumentationFile=false \
  -p:InformationalVersion="$version" -o "$stage/app" -v q -nologo
# The server's settings live in /etc/maxmontaj (install.sh links them in); never ship a developer's.
rm -f "$stage/app/appsettings.Development.json"

cp -r deploy/. "$stage/deploy/"
chmod 0755 "$stage"/deploy/*.sh
echo "$version" >"$stage/VERSION"
tarball="$out/$name-linux-x64.tar.gz"
tar -C "$out/stage" --owner=0 --group=0 -czf "$tarball" "$name"
rm -rf "$out/stage"
echo "release.sh: $tarball ($(du -h "$tarball" | cut -f1), $(($(date +%s) - start)) s)"
