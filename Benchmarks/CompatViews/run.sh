#!/bin/sh
# Seed 002's analytics queries (seed002-queries.sql, one per line, as its team wrote
# them) on the `whatsapp` compatibility view, against a hand-written `ai_conversations`
# table holding the same rows (MariaDB or MySQL), medians of 5 runs; what the view's
# triggers cost a writer; then seed 004's dashboard questions (seed004-queries.sql) on
# the `chatbot` views against its three tables holding the same rows. Run through
# `make bench-compat`.
set -e
B=.build/release/ailedger
U="${1:?usage: compat-views.sh mysql://user:password@host:port/database}"
CALLS=${AILEDGER_BENCH_CALLS:-200000}
field() { echo "$U" | sed -E "s#mysql://([^:]+):([^@]+)@([^:/]+):([0-9]+)/(.*)#\\$1#"; }
M() { MYSQL_PWD="$(field 2)" mariadb -N -B -h "$(field 3)" -P "$(field 4)" -u "$(field 1)" "$(field 5)" -e "$1"; }
ms() { s=$(date +%s%N); "$@" > /dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

$B migrate up --url "$U" > /dev/null
echo "recording $CALLS calls with the demo workload..."
$B demo --url "$U" --calls "$CALLS" > /dev/null
# The seed's devices, personas and contacts, spread over the replies.
M "UPDATE ailedger_interactions SET device_id = CONCAT('dev-', CONV(SUBSTRING(id, 35, 2), 16, 10) % 5),
     persona_id = CONCAT('p-', CONV(SUBSTRING(id, 33, 2), 16, 10) % 4), contact_id = CONCAT('c-', CONV(SUBSTRING(id, 30, 3), 16, 10) % 500)"
M "CREATE TABLE whatsapp_connections (id VARCHAR(36) PRIMARY KEY, device_name VARCHAR(100), phone_number VARCHAR(30));
   CREATE TABLE personas (id VARCHAR(36) PRIMARY KEY, name VARCHAR(100));
   CREATE TABLE contacts (id VARCHAR(36) PRIMARY KEY, name VARCHAR(100), phone_number VARCHAR(30));
   INSERT INTO whatsapp_connections SELECT CONCAT('dev-', seq), CONCAT('Device ', seq), CONCAT('+1555', seq) FROM seq_0_to_4;
   INSERT INTO personas SELECT CONCAT('p-', seq), CONCAT('Persona ', seq) FROM seq_0_to_3;
   INSERT INTO contacts SELECT CONCAT('c-', seq), CONCAT('Contact ', seq), CONCAT('+4420', seq) FROM seq_0_to_499;"
s=$(date +%s%N); $B migrate up --url "$U" --compat whatsapp > /dev/null; e=$(date +%s%N)
echo "compat set applied (its totals filled from the stored calls) in $(( (e - s) / 1000000 )) ms"
M "CREATE TABLE seed_ai_conversations AS SELECT * FROM ai_conversations;
   CREATE INDEX seed_created ON seed_ai_conversations (created_at); CREATE INDEX seed_device ON seed_ai_conversations (device_id);"
echo "$(M 'SELECT COUNT(*) FROM ailedger_interactions') replies, $(M 'SELECT COUNT(*) FROM ailedger_calls') calls"

# Each query of FILE on the views and, renamed by the sed expression, on the tables.
compare() {
  printf '%-40s %10s %10s %7s\n' "$1 query" "view ms" "table ms" "ratio"
  n=0
  while IFS= read -r query; do
    n=$((n + 1))
    seedq=$(echo "$query" | sed "$3")
    [ "$(M "$query" | md5sum)" = "$(M "$seedq" | md5sum)" ] || echo "query $n: the view and the table answer differently"
    view="" table=""
    for i in 1 2 3 4 5; do view="$view $(ms M "$query")"; table="$table $(ms M "$seedq")"; done
    v=$(echo "$view" | median); t=$(echo "$table" | median)
    printf '%-40s %10s %10s %7s\n' "query $n: $(echo "$query" | cut -c1-28)" "$v" "$t" "$(awk "BEGIN {printf \"%.1fx\", $v / ($t > 0 ? $t : 1)}")"
  done < "$(dirname "$0")/$2"
}
compare "seed 002" seed002-queries.sql 's/ai_conversations/seed_ai_conversations/g'


echo "writer cost of the triggers: $(( CALLS / 10 )) more calls through ailedger demo, alternating, medians of 3"
with="" without=""
for i in 1 2 3; do
  with="$with $(ms $B demo --url "$U" --calls $(( CALLS / 10 )) --seed $((100 + i)))"
  # Without the totals and their triggers (the set's first migration, the view, stays).
  $B migrate down --url "$U" --compat whatsapp --steps 2 > /dev/null
  without="$without $(ms $B demo --url "$U" --calls $(( CALLS / 10 )) --seed $((200 + i)))"
  $B migrate up --url "$U" --compat whatsapp > /dev/null
done
echo "  with triggers $(echo "$with" | median) ms, without $(echo "$without" | median) ms"

# Seed 004's dashboard questions on the `chatbot` views and on its three tables as it
# wrote them (same rows, its indexes).
s=$(date +%s%N); $B migrate up --url "$U" --compat chatbot > /dev/null; e=$(date +%s%N)
echo "compat set chatbot applied in $(( (e - s) / 1000000 )) ms"
M "CREATE TABLE seed_chatbot_conversation_messages AS SELECT * FROM chatbot_conversation_messages;
   CREATE INDEX i_conversation ON seed_chatbot_conversation_messages (conversation_id);
   CREATE INDEX i_timestamp ON seed_chatbot_conversation_messages (timestamp);
   CREATE INDEX i_intent ON seed_chatbot_conversation_messages (intent);
   CREATE INDEX i_success ON seed_chatbot_conversation_messages (success);
   CREATE TABLE seed_chatbot_llm_calls AS SELECT * FROM chatbot_llm_calls;
   CREATE INDEX i_conversation ON seed_chatbot_llm_calls (conversation_id);
   CREATE INDEX i_model ON seed_chatbot_llm_calls (model);
   CREATE INDEX i_function ON seed_chatbot_llm_calls (function_name);
   CREATE INDEX i_timestamp ON seed_chatbot_llm_calls (timestamp);
   CREATE INDEX i_success ON seed_chatbot_llm_calls (success);
   CREATE TABLE seed_chatbot_conversation_summary AS SELECT * FROM chatbot_conversation_summary;
   CREATE INDEX i_conversation ON seed_chatbot_conversation_summary (conversation_id);
   CREATE INDEX i_last ON seed_chatbot_conversation_summary (last_message_at);
   CREATE INDEX i_success_rate ON seed_chatbot_conversation_summary (success_rate);"
echo "$(M 'SELECT COUNT(*) FROM ailedger_conversations') conversations"
compare "seed 004" seed004-queries.sql 's/chatbot_/seed_chatbot_/g'
