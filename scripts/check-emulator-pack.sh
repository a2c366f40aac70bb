#!/usr/bin/env bash
# Proves the emulator package stands on its own: `npm pack` it, install the tarball into an
# empty folder (from the registry for its dependencies), start its `plaid-emulator` bin on a
# free port, and ask it for a link token as any Plaid client would. The temporary folder and
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
if tar -tzf "$work/$tarball" | grep -Ev '^package/(package\.json|README\.md|dist/.*\.(js|d\.ts))$'; then
  echo "the tarball holds files beyond package.json, README.md and dist's .js/.d.ts (above)"; exit 1
fi

mkdir "$work/app"
(cd "$work/app" && npm install --no-audit --no-fund --silent "$work/$tarball")
echo "installed into an empty folder: $(cd "$work/app" && npm ls --depth=0 | sed -n 2p)"

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
log="$work/emulator.log"
(cd "$work/app" && exec env PLAID_EMULATOR_PORT="$port" DATA_DIR="$work/data" ./node_modules/.bin/plaid-emulator) >"$log" 2>&1 &
emulator=$!

url="http://127.0.0.1:$port"
ready=""
for _ in $(seq 1 100); do
  if curl -fsS "$url/emulator/health" >/dev/null 2>&1; then ready=yes; break; fi
  if ! kill -0 "$emulator" 2>/dev/null; then break; fi
  sleep 0.1
done
[ -n "$ready" ] || { echo "the packed emulator did not start; its output:"; cat "$log"; exit 1; }
echo "the bin is up on $url"

# The emulator's documented default keys (DEFAULT_EMULATOR_CLIENT_ID / _SECRET), in the body as Plaid takes them.
answer=$(curl -sS "$url/link/token/create" -H 'content-type: application/json' --data '{
  "client_id": "emulator_client_id", "secret": "emulator_secret",
  "client_name": "pack check", "language": "en", "country_codes": ["US"],
  "user": { "client_user_id": "pack-check-user" }, "products": ["transactions"]
}')
link_token=$(node -e 'const a=JSON.parse(process.argv[1]); if (typeof a.link_token !== "string" || !a.link_token.startsWith("link-")) process.exit(1); console.log(a.link_token)' "$answer") \
  || { echo "no link_token in the answer to /link/token/create: $answer"; exit 1; }
echo "/link/token/create answered link_token $link_token"

kill -TERM "$emulator"
status=0
wait "$emulator" || status=$?
emulator=""
[ "$status" -eq 0 ] || { echo "the emulator stopped with status $status; its output:"; cat "$log"; exit 1; }
echo "emulator pack check: ok"
