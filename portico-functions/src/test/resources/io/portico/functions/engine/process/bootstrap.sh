#!/bin/bash
# A provided.al2023 test function: a bash bootstrap speaking the Lambda Runtime API with curl, as in
# Lambda's custom runtime tutorial. MODE picks its behaviour:
#   echo        return the event
#   error       post a function error (errorType MyError) for every event
#   init-error  post /init/error during init, then exit 1
#   exit-early  exit 7 during init, before asking for an event
#   exit-mid    print a line, then exit 3 in the middle of the invocation
#   env         return the environment (env, sorted)
#   headers     return the headers of /next as received
#   logs        print one line to stdout and one to stderr, then return the event
#   sleep       sleep SLEEP seconds, then return the event
#   hang-init   never ask for an event
#   big         return a response of 7,000,000 bytes (over Lambda's limit)
# Every mode prints two init lines (stdout, stderr) and "handling <request id>" per invocation.
set -euo pipefail
API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
MODE="${MODE:-echo}"
echo "init stdout $MODE"
echo "init stderr $MODE" >&2

case "$MODE" in
  init-error)
    curl -sS -o /dev/null -X POST "$API/init/error" -H "Lambda-Runtime-Function-Error-Type: Runtime.InitFailed" \
      --data-binary '{"errorMessage":"cannot start","errorType":"InitFailed","stackTrace":[]}'
    exit 1 ;;
  exit-early) exit 7 ;;
  hang-init) sleep 600 ;;
esac

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
while true; do
  curl -sS -D "$WORK/headers" -o "$WORK/event" "$API/invocation/next"
  ID="$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$WORK/headers" | cut -d' ' -f2 | tr -d '\r')"
  echo "handling $ID"
  RESPONSE="$WORK/event"
  case "$MODE" in
    error)
      curl -sS -o /dev/null -X POST "$API/invocation/$ID/error" -H "Lambda-Runtime-Function-Error-Type: Unhandled" \
        --data-binary '{"errorMessage":"failed on purpose","errorType":"MyError","stackTrace":["at line 1"]}'
      continue ;;
    exit-mid) echo "exiting in the middle of $ID"; exit 3 ;;
    env) env | sort > "$WORK/env"; RESPONSE="$WORK/env" ;;
    headers) RESPONSE="$WORK/headers" ;;
    logs) echo "stdout line of $ID"; echo "stderr line of $ID" >&2 ;;
    sleep) sleep "${SLEEP:-5}" ;;
    big) head -c 7000000 /dev/zero | tr '\0' 'a' > "$WORK/big"; RESPONSE="$WORK/big" ;;
  esac
  curl -sS -o /dev/null -X POST "$API/invocation/$ID/response" --data-binary "@$RESPONSE"
done
