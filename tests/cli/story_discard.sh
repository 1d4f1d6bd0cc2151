# A story discard (+TYPHOON in the validate discards) in a story's second
# sentence drops the events of the whole story (S1-1 would code ARN>GON),
# as PETRARCH does; the next story (S2) is still coded.
set -eu
out=$("$EVCODE" code --format tsv --dicts "$SHARED/data/dictionaries/validate" tests/data/story_discard.xml)
echo "$out"
[ "$(echo "$out" | wc -l)" -eq 1 ]
echo "$out" | awk -F'\t' '$2=="ARN" && $3=="GON" && $8=="S2-1" {ok=1} END {exit !ok}'
