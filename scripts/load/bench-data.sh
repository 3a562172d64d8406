#!/usr/bin/env bash
# Issue 12, "data at scale": starts a throwaway MariaDB, creates the schema with the app's `migrate`, loads the generated
# data set (scripts/load/datagen: 1,000,000 skewed orders by default) and times every list filter, search, sort and page,
# the board and the dashboards through EF and as raw SQL (scripts/bench/DataAtScaleBenchmark.cs). Prints a Markdown table.
#   scripts/load/bench-data.sh                 # a million orders (about 5-10 minutes of loading on 2 cores)
#   MAXMONTAJ_DATAGEN_ORDERS=50000 scripts/load/bench-data.sh   # the quick size
# MAXMONTAJ_MARIADB_PORT (default 35306) picks the port; MAXMONTAJ_BENCH_ONLY=search runs the matching cases only.
set -euo pipefail
cd "$(dirname "$0")/../.."
say() { printf '[bench-data] %s\n' "$*"; }
orders=${MAXMONTAJ_DATAGEN_ORDERS:-1000000}
source scripts/throwaway-mariadb.sh
trap stop_mariadb EXIT
MAXMONTAJ_MARIADB_PORT=${MAXMONTAJ_MARIADB_PORT:-35306} start_mariadb
db="${MAXMONTAJ_TEST_MARIADB}Database=mx_scale;"
dotnet build Maxmontaj.Web -c Release -v q -nologo
Database__Provider=MariaDb ConnectionStrings__Maxmontaj="$db" dotnet run --project Maxmontaj.Web -c Release --no-build --no-launch-profile -- migrate
dotnet build scripts/load/datagen -c Release -v q -nologo
dotnet scripts/load/datagen/bin/Release/net10.0/DataGen.dll "$db" "$orders"
MAXMONTAJ_BENCH_DB="$db" dotnet run --file scripts/bench/DataAtScaleBenchmark.cs -c Release
