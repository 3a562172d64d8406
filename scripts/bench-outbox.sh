#!/usr/bin/env bash
# Outbox throughput against a bare HttpClient keep-alive loop to the same local fake Bot API, in one run.
# Usage: scripts/bench-outbox.sh [sqlite|mariadb] [messages=5000] [recipients=200]
# MariaDB: export MAXMONTAJ_TEST_MARIADB="Server=127.0.0.1;Port=...;User ID=...;Password=..." (a schema is made and dropped).
# On the shared machine, run it under the dotnet lock: flock /tmp/mm-dotnet.lock scripts/bench-outbox.sh sqlite
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project scripts/bench-outbox/BenchOutbox.csproj -- "${1:-sqlite}" "${2:-5000}" "${3:-200}"
