#!/usr/bin/env bash
# Adds a migration with the same name to both providers' sets, generated from the one model.
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh NAME}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite MariaDb; do
  dotnet ef migrations add "$name" --project Maxmontaj.Data --startup-project Maxmontaj.Data \
    --context "${provider}MaxmontajDbContext" --output-dir "Migrations/$provider"
done
