#!/usr/bin/env bash
# Times the order list and the board on a million orders in a throwaway MariaDB and prints the figures.
# MAXMONTAJ_BENCH_ORDERS=100000 scripts/bench-orders.sh for a quicker run.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '[bench] %s\n' "$*"; }
source scripts/throwaway-mariadb.sh
trap stop_mariadb EXIT
start_mariadb
dotnet run --file scripts/bench/OrderListBenchmark.cs -c Release
