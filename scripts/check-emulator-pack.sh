#!/usr/bin/env bash
# Proves the emulator package stands on its own: `npm pack` it (with its MIT LICENSE), install
# the tarball into an empty folder (from the registry for its dependencies), check `--help`,
# start its `plaid-emulator` bin on a free port, and ask it for a link token, an institution
# search and a page of /transactions/get as any Plaid client would. The temporary folder and
# the emulator are gone afterwards, whether the check passed or not.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
emulator=""
cleanup() {
  if [ -n "$emulator" ]; then
    kill -TERM "$emulator" 2>/dev/null || true
    wait "$emulator" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# prepack builds the package first.
tarball=$(npm pack -w packages/plaid-emulator --pack-destination "$work" --silent | tail -n 1)
echo "packed $tarball: $(tar -tzf "$work/$tarball" | wc -l) files"
if tar -tzf "$work/$tarball" | grep -Ev '^package/(package\.json|README\.md|LICENSE|dist/.*\.(js|d\.ts))$'; then
  echo "the tarball holds files beyond package.json, README.md, LICENSE and dist's .js/.d.ts (above)"; exit 1
fi
tar -xzOf "$work/$tarball" package/LICENSE | grep -q '^MIT License$' || { echo "the tarball has no MIT LICENSE"; exit 1; }
echo "the tarball has the MIT LICENSE"

mkdir "$work/app"
(cd "$work/app" && npm install --no-audit --no-fund --silent "$work/$tarball")
echo "installed into an empty folder: $(cd "$work/app" && npm ls --depth=0 | sed -n 2p)"

help=$(cd "$work/app" && ./node_modules/.bin/plaid-emulator --help)
for expected in PLAID_EMULATOR_PORT PLAID_EMULATOR_INITIAL_PULL_DELAY_MS /emulator/items /emulator/clock/advance; do
  grep -q -- "$expected" <<<"$help" || { echo "plaid-emulator --help does not mention $expected:"; echo "$help"; exit 1; }
done
echo "plaid-emulator --help lists the variables and the control API"

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
log="$work/emulator.log"
started=$(date +%s%N)
(cd "$work/app" && exec env PLAID_EMULATOR_PORT="$port" DATA_DIR="$work/data" ./node_modules/.bin/plaid-emulator) >"$log" 2>&1 &
emulator=$!

url="http://127.0.0.1:$port"
ready=""
for _ in $(seq 1 200); do
  if curl -fsS "$url/emulator/health" >/dev/null 2>&1; then ready=yes; break; fi
  if ! kill -0 "$emulator" 2>/dev/null; then break; fi
  sleep 0.05
done
[ -n "$ready" ] || { echo "the packed emulator did not start; its output:"; cat "$log"; exit 1; }
echo "the bin is up on $url after $(( ($(date +%s%N) - started) / 1000000 )) ms"

# POSTs a JSON body with the emulator's documented default keys (DEFAULT_EMULATOR_CLIENT_ID / _SECRET) in Plaid's headers.
plaid() {
  curl -sS "$url$1" -H 'content-type: application/json' -H 'PLAID-CLIENT-ID: emulator_client_id' -H 'PLAID-SECRET: emulator_secret' --data "$2"
}
# Prints the value of a JS expression over the answer `a`; fails when it is falsy.
field() {
  node -e 'const a=JSON.parse(process.argv[1]); const v=eval(process.argv[2]); if (!v) process.exit(1); console.log(v)' "$1" "$2"
}

# The emulator's documented default keys (DEFAULT_EMULATOR_CLIENT_ID / _SECRET), in the body as Plaid takes them.
answer=$(curl -sS "$url/link/token/create" -H 'content-type: application/json' --data '{
  "client_id": "emulator_client_id", "secret": "emulator_secret",
  "client_name": "pack check", "language": "en", "country_codes": ["US"],
  "user": { "client_user_id": "pack-check-user" }, "products": ["transactions"]
}')
link_token=$(node -e 'const a=JSON.parse(process.argv[1]); if (typeof a.link_token !== "string" || !a.link_token.startsWith("link-")) process.exit(1); console.log(a.link_token)' "$answer") \
  || { echo "no link_token in the answer to /link/token/create: $answer"; exit 1; }
echo "/link/token/create answered link_token $link_token"

answer=$(plaid /institutions/search '{ "query": "platypus", "country_codes": ["US"], "products": ["transactions"] }')
names=$(field "$answer" 'a.institutions.length > 0 && a.institutions.map((i) => i.name).join(", ")') \
  || { echo "no institutions in the answer to /institutions/search: $answer"; exit 1; }
echo "/institutions/search answered $names"

answer=$(plaid /sandbox/public_token/create '{ "institution_id": "ins_109508", "initial_products": ["transactions"] }')
public_token=$(field "$answer" 'a.public_token') || { echo "no public_token: $answer"; exit 1; }
answer=$(plaid /item/public_token/exchange "{ \"public_token\": \"$public_token\" }")
access_token=$(field "$answer" 'a.access_token') || { echo "no access_token: $answer"; exit 1; }
start_date=$(node -e 'console.log(new Date(Date.now() - 30 * 86400000).toISOString().slice(0, 10))')
end_date=$(node -e 'console.log(new Date().toISOString().slice(0, 10))')
answer=$(plaid /transactions/get "{ \"access_token\": \"$access_token\", \"start_date\": \"$start_date\", \"end_date\": \"$end_date\", \"options\": { \"count\": 10 } }")
got=$(field "$answer" 'a.transactions.length === 10 && a.total_transactions > 10 && `${a.transactions.length} of ${a.total_transactions} transactions`') \
  || { echo "no page of transactions in the answer to /transactions/get: $answer"; exit 1; }
echo "/transactions/get answered $got from $start_date to $end_date"

kill -TERM "$emulator"
status=0
wait "$emulator" || status=$?
emulator=""
[ "$status" -eq 0 ] || { echo "the emulator stopped with status $status; its output:"; cat "$log"; exit 1; }
echo "emulator pack check: ok"
