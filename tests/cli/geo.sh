#!/usr/bin/env bash
# Places (issue 6) through the CLI: the Pakistan editorial's attacks on
# Chinese engineers placed in Khyber Pakhtunkhwa; each location method
# (clause, dateline, actor) in JSON Lines; the Phoenix and GDELT location
# columns; --no-geo; the gazetteer index: built, checked, a corrupt or
# truncated one refused by `gazetteer check` and rebuilt by `code`, an
# unwritable cache path, a bad aliases line and missing sources.
#
# Needs the default model (tests/need_model.sh) and ../shared/data.
set -u
. tests/need_model.sh
. tests/scratch.sh
phoenix="$SHARED/data/dictionaries/phoenix"

# ---- the example: sentence 14, PAKINS -> CHN* 19x "by attacking Chinese
# engineers in Khyber Pakhtunkhwa": Phoenix columns 6 source, 10 target,
# 14 code, 21-23 location name, state, country; 24 the sentence id
"$EVCODE" code --format phoenix --dicts "$phoenix" \
    "$SHARED/examples/pakistan-ttp-talks.jsonl" >"$T/phx" 2>"$T/err" ||
    err "pakistan: exit $?: $(cat "$T/err")"
awk -F'\t' '$24 ~ /-14$/ && $6 == "PAKINS" && $10 ~ /^CHN/ && $14 ~ /^1[89]/' \
    "$T/phx" >"$T/attack"
[ -s "$T/attack" ] || err "pakistan: no PAKINS -> CHN 19x event in sentence 14"
got=$(awk -F'\t' '{ print $21 "|" $22 "|" $23 }' "$T/attack" | sort -u)
[ "$got" = "Khyber Pakhtunkhwa|Khyber Pakhtunkhwa|PAK" ] ||
    err "pakistan: the attack is placed at '$got', expected Khyber Pakhtunkhwa (admin1), PAK"
# the same event in JSON Lines: ISO 3166-2 code, GeoNames code, method
"$EVCODE" code --dicts "$phoenix" "$SHARED/examples/pakistan-ttp-talks.jsonl" \
    >"$T/pak.jsonl" 2>"$T/err" || err "pakistan jsonl: exit $?"
grep '"sentence":14,' "$T/pak.jsonl" | grep '"source":{"code":"PAKINS"' |
    grep -q '"location":{"name":"Khyber Pakhtunkhwa","geonameid":null,"feature_code":"ADM1","lat":34.05447,"lon":72.03293,"admin1":"Khyber Pakhtunkhwa","admin1_code":"PK-KP","admin1_geonames":"PK.03","country":"PAK","method":"clause","text":"Khyber Pakhtunkhwa"}' ||
    err "pakistan jsonl: location of the attack: $(grep '"sentence":14,' "$T/pak.jsonl" | grep -o '"location":{[^}]*}' | head -3)"
# every event has a location member, none without
[ "$(grep -c '"location":' "$T/pak.jsonl")" -eq "$(wc -l <"$T/pak.jsonl")" ] ||
    err "pakistan jsonl: events without a location member"

# ---- the methods, with the built-in dictionaries: a dateline given apart
# (Reuters' field), none (the target's country), a place in the clause
cat >"$T/d.jsonl" <<'EOF'
{"id": "d1", "date": "2024-07-12", "dateline": "PESHAWAR, July 12", "text": "Pakistan accused India of supporting militants."}
{"id": "d2", "date": "2024-07-12", "text": "Pakistan accused India of supporting militants."}
{"id": "d3", "date": "2024-07-12", "text": "Pakistan accused India of supporting militants in Kashmir."}
EOF
"$EVCODE" code "$T/d.jsonl" >"$T/d.out" 2>"$T/err" || err "methods: exit $?: $(cat "$T/err")"
loc() { grep "\"article_id\":\"$1\"" "$T/d.out" | grep -o '"location":{[^}]*}' | head -1; }
case "$(loc d1)" in
*'"name":"Peshawar","geonameid":1168197,"feature_code":"PPLA"'*'"admin1_code":"PK-KP"'*'"country":"PAK","method":"dateline","text":"PESHAWAR"'*) ;;
*) err "d1: expected Peshawar by the dateline: $(loc d1)" ;;
esac
case "$(loc d2)" in
*'"name":"India","geonameid":null,"feature_code":"PCLI"'*'"admin1":null'*'"country":"IND","method":"actor","text":"IND"'*) ;;
*) err "d2: expected India by the target: $(loc d2)" ;;
esac
case "$(loc d3)" in
*'"feature_code":"ADM1"'*'"method":"clause","text":"Kashmir"'*) ;;
*) err "d3: expected Kashmir (a division) in the clause: $(loc d3)" ;;
esac
# a dateline at the start of the text
printf '%s\n' '{"id": "m1", "text": "MINGORA, Pakistan (Reuters) - Police said schools in the Swat valley reopened."}' >"$T/m.jsonl"
"$EVCODE" places "$T/m.jsonl" >"$T/m.out" 2>"$T/err" || err "places: exit $?: $(cat "$T/err")"
grep -q "^m1	-1	-1	dateline	MINGORA	1170395	Mingora	PPL	PAK	Khyber Pakhtunkhwa	PK-KP	" "$T/m.out" ||
    err "places: no MINGORA dateline: $(cat "$T/m.out")"
grep -q "	typed	Swat valley	PK.03.1164211	Swat	ADM2	PAK	" "$T/m.out" ||
    err "places: no Swat valley: $(cat "$T/m.out")"

# ---- --no-geo: no location member, empty Phoenix and GDELT columns
"$EVCODE" code --no-geo "$T/d.jsonl" >"$T/nogeo" 2>"$T/err" || err "--no-geo: exit $?"
grep -q '"location"' "$T/nogeo" && err "--no-geo: a location member is written"
[ "$(wc -l <"$T/nogeo")" -eq "$(wc -l <"$T/d.out")" ] || err "--no-geo: other events"
"$EVCODE" code --no-geo --format phoenix "$T/d.jsonl" | cut -f19-23 | tr -d '\t\n' >"$T/phx0"
[ -s "$T/phx0" ] && err "--no-geo: Phoenix location columns: $(cat "$T/phx0")"
"$EVCODE" code --format gdelt "$T/d.jsonl" >"$T/gd" 2>"$T/err" || err "gdelt: exit $?"
got=$(head -1 "$T/gd" | cut -f52-59)
[ "$got" = "4	Peshawar, Khyber Pakhtunkhwa, Pakistan	PK	PK03		34.00800	71.57849	1168197" ] ||
    err "gdelt: ActionGeo columns of d1: '$got'"
awk -F'\t' 'NF != 61 { bad = 1 } END { exit bad }' "$T/gd" || err "gdelt: not 61 columns"

# ---- the index: build, check, corrupt, truncate, rebuild
idx="$T/cache/gazetteer.idx"
"$EVCODE" gazetteer build --gazetteer-cache "$idx" >"$T/out" 2>"$T/err" ||
    err "build: exit $?: $(cat "$T/err")"
"$EVCODE" gazetteer check "$idx" >"$T/out" 2>&1 || err "check: exit $?: $(cat "$T/out")"
grep -q "a sound gazetteer index: [0-9]* places" "$T/out" || err "check: $(cat "$T/out")"
size=$(wc -c <"$idx")
cp "$idx" "$T/good.idx"
printf '\377' | dd of="$idx" bs=1 seek=$((size / 2)) conv=notrunc status=none
cmp -s "$idx" "$T/good.idx" || printf '\000' | dd of="$idx" bs=1 seek=$((size / 2)) conv=notrunc status=none
cmp -s "$idx" "$T/good.idx" && err "corrupt: the byte did not change"
"$EVCODE" gazetteer check "$idx" >"$T/out" 2>&1
rc=$?
[ $rc -eq 2 ] || err "check corrupt: exit $rc"
grep -q "gazetteer.idx: not a usable gazetteer index: checksum mismatch (corrupt)" "$T/out" ||
    err "check corrupt: message: $(cat "$T/out")"
# code rebuilds it, says so, and codes as before
"$EVCODE" code --gazetteer-cache "$idx" "$T/d.jsonl" >"$T/re.out" 2>"$T/err" ||
    err "rebuild: exit $?: $(cat "$T/err")"
grep -q "gazetteer: the cache was unusable: .*checksum mismatch (corrupt); rebuilt" "$T/err" ||
    err "rebuild: message: $(cat "$T/err")"
cmp -s "$T/re.out" "$T/d.out" || err "rebuild: other events"
"$EVCODE" gazetteer check "$idx" >/dev/null 2>&1 || err "rebuild: the index is not sound again"
cmp -s "$idx" "$T/good.idx" || err "rebuild: not the index built before"
# a second run maps it, silently
"$EVCODE" code --gazetteer-cache "$idx" "$T/d.jsonl" >/dev/null 2>"$T/err"
[ -s "$T/err" ] && err "cached run: stderr: $(cat "$T/err")"
head -c 1000 "$T/good.idx" >"$T/short.idx"
"$EVCODE" gazetteer check "$T/short.idx" >"$T/out" 2>&1
[ $? -eq 2 ] && grep -q "truncated" "$T/out" || err "truncated: $(cat "$T/out")"
printf 'not an index at all, but long enough to hold a header of the index file format.................................................................................................................................................................\n' >"$T/junk.idx"
"$EVCODE" gazetteer check "$T/junk.idx" >"$T/out" 2>&1
[ $? -eq 2 ] && grep -q "no evcode gazetteer magic" "$T/out" || err "junk: $(cat "$T/out")"
"$EVCODE" gazetteer check "$T/none.idx" >"$T/out" 2>&1
[ $? -eq 2 ] && grep -q "none.idx: No such file" "$T/out" || err "missing: $(cat "$T/out")"

# a cache that cannot be written: coded all the same, with a note
: >"$T/file"
"$EVCODE" code --gazetteer-cache "$T/file/gazetteer.idx" "$T/d.jsonl" >"$T/nw.out" 2>"$T/err" ||
    err "unwritable cache: exit $?"
grep -q "cannot write the gazetteer cache" "$T/err" || err "unwritable cache: message: $(cat "$T/err")"
cmp -s "$T/nw.out" "$T/d.out" || err "unwritable cache: other events"

# a bad aliases line: file, line, column, what was wrong; nothing coded
printf '# ok\nKP = admin1 PK.03\nFoo = admin1 XX.99\n' >"$T/bad_aliases.txt"
"$EVCODE" code --aliases "$T/bad_aliases.txt" --gazetteer-cache "$T/a.idx" "$T/d.jsonl" \
    >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] || err "bad aliases: exit $rc"
grep -q "bad_aliases.txt:3:14: no admin1 division \"XX.99\" in the gazetteer" "$T/err" ||
    err "bad aliases: message: $(cat "$T/err")"
[ -s "$T/out" ] && err "bad aliases: events written"
# sources that are not there
"$EVCODE" code --geonames "$T/nowhere" --gazetteer-cache "$T/b.idx" "$T/d.jsonl" >"$T/out" 2>"$T/err"
[ $? -eq 2 ] && grep -q "nowhere/.*No such file" "$T/err" || err "no sources: $(cat "$T/err")"
exit $fail
