#!/usr/bin/env bash
# The Pakistan-TTP editorial (../shared/examples/pakistan-ttp-talks.jsonl,
# 2024-07-12) coded from raw text with the default model and the Phoenix
# dictionaries plus the overlay: the events a careful analyst codes must be
# there and the known wrong ones must not (issue 4). Events are compared as a
# set on sentence index, source, target and CAMEO code (a regular expression:
# the exact code where it is certain, else the root), never on token texts,
# so that a retrained model's somewhat different parses still pass.
#
# Needs the default model DATA/evcode.model (DATA is $EVCODE_DATA, else this
# repository's data/); without it the test prints SKIP and passes.
set -u
. tests/need_model.sh
. tests/scratch.sh

"$EVCODE" code --format tsv --dicts "$SHARED/data/dictionaries/phoenix" \
    "$SHARED/examples/pakistan-ttp-talks.jsonl" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] || err "exit $rc: $(cat "$T/err")"
# "SENTENCE SOURCE TARGET CODE" per event
awk -F'\t' '{ print $9, $2, $3, $4 }' "$T/out" >"$T/events"

# has SENT SRC TGT CODE: an event of sentence SENT whose source, target and
# code match the (anchored, extended) regular expressions
has() {
    awk -v s="$1" -v a="^($2)\$" -v b="^($3)\$" -v c="^($4)\$" \
        '$1 == s && $2 ~ a && $3 ~ b && $4 ~ c { f = 1 } END { exit !f }' "$T/events"
}
need() { has "$@" || err "missing: sentence $1 $2>$3 $4"; }
never() { ! has "$@" || err "wrong event present: sentence $1 $2>$3 $4"; }

# --- required: what an analyst codes and evcode finds
# S0 "Pakistan has made it clear that it will not engage in any negotiations
# with the militants": a refusal to negotiate, 125 (046 negated, evcode's
# negation rule); "the militants" has no antecedent in the first sentence
need 0 'PAK|PAKGOV' '---UAF|PAKINS' '125'
# S1 "... talks between Pakistani officials and Afghan representatives in
# Doha, wherein the later [latter] insisted on brokering a deal between the
# Pakistani government and the outlawed Tehrik-i-Taliban Pakistan": the
# Afghan offer to mediate (045), "the later" resolved to the Afghan side
need 1 'AFG[A-Z]*' 'PAKGOV|PAKINS' '04[0-9]*'
never 1 'QAT.*|PAK.*' '.*' '04[0-9]*'
# S2 "Foreign Office spokesperson Mumtaz Zahra Baloch told media ... that her
# government had "no plans" to enter into talks with the banned terror
# group": the government (her = Baloch, PAKGOV) refuses talks with the TTP
need 2 'PAKGOV' 'PAKINS' '12[0-9]*'
# S5 "Giving the reason for declining the Afghan government's offer, the
# spokesperson said ...": Pakistan rejects Kabul's offer (REFUSE, 12x)
need 5 'PAKGOV' 'AFGGOV' '12[0-9]*'
# S5 "... the spokesperson said that the TTP had been frequently attacking
# and killing both Pakistanis and foreigners inside the country": the TTP's
# attacks on Pakistanis (the overlay's plural demonyms: PAKISTANIS is PAK)
need 5 'PAKINS' 'PAK[A-Z]*' '1[89][0-9]*'
# S9 "Blaming the Afghan government for providing safe havens to militants,
# Mumtaz Zahra Baloch urged ...": criticism of Kabul, 112
need 9 'PAKGOV' 'AFGGOV' '112'
# S9 "... to do more against militants using the Afghan soil to launch
# attacks on civilians and security forces inside Pakistan": the militants
# attack (a reduced relative, even when parsed as the main verb's adverbial
# clause), not Pakistan's spokesperson
need 9 '---UAF|PAKINS' 'PAK[A-Z]*' '19[0-9]*'
never 9 'PAK.*' 'PAK.*' '1[89][0-9]*'
# S10 "She reiterated that Pakistan expected the Taliban government to act
# against terrorist groups": Pakistan's appeal to the Taliban government
# (evcode codes PREDICT's 030 today; an analyst might write 02x or 10x)
need 10 'PAK|PAKGOV' 'AFGGOV' '0[23][0-9]*|10[0-9]*'
# S14 "The minister said the militant group wanted sabotage Pakistan-China
# relations by attacking Chinese engineers": the TTP attacks Chinese
# civilians (the militant group = the TTP, by coreference)
need 14 'PAKINS' 'CHN[A-Z]*' '1[89][0-9]*'
# S19 "Chinese officials had also requested Pakistan to allow private
# security contractors from China to protect its projects": a request, 02x
need 19 'CHN|CHNGOV' 'PAK|PAKGOV' '02[0-9]*'
# S22 "it has expelled more than 600,000 Afghan nationals": expulsion, 174
need 22 'PAK|PAKGOV' 'AFG[A-Z]*' '174'

# --- known wrong events, fixed: they must stay away
# S2: the spokesperson is Baloch (PAKGOV), not an actorless ---GOVMED
never 2 '---.*' '.*' '.*'
# S5: "Giving the reason" is no grant of aid (060) to the Afghan government
never 5 '.*' 'AFG.*' '06[0-9]*'
# S13 "neither the TTP was operating from Afghan soil nor the interim
# government was supporting the group": negated, so no support (050) at all
never 13 '.*' 'PAKINS' '05[0-9]*'
# S15 "Pakistan has taken this hardline stance after repeated 'warnings' by
# Beijing following attacks on Chinese officials": no seizure (171) of
# Chinese or of workers by Pakistan
never 15 'PAK.*' '.*' '17[0-9]*'
# S11 "... and urged the neighbors to uphold their sovereignty and take
# action against militants": the neighbours act, so no seizure (171) of
# militants by Pakistan
never 11 'PAK.*' '.*' '17[0-9]*'

if [ $fail -ne 0 ]; then
    echo "events coded:"
    sed 's/^/  /' "$T/events"
fi
exit $fail
