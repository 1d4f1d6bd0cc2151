#!/usr/bin/env bash
# The place finder and its disambiguation against tests/data/places_gold.tsv
# (266 hand-checked mentions of Reuters articles and of the GUM and PUD news
# documents, provenance and id convention in the file): the articles are
# rebuilt from ../shared, parsed with the shipped model and run through
# `evcode places`; each gold mention is matched with the mention evcode finds
# at its offset (the dateline for dateline rows). A mention not found counts
# as wrong. Requires the right country for >= 95% of the mentions and the
# exact place (GeoNames id, division code or country) for >= 85%, and prints
# every miss.
#
# Needs the default model (tests/need_model.sh) and the gazetteer sources in
# ../shared/data.
set -u
. tests/need_model.sh
export LC_ALL=C # byte offsets and lengths
G=tests/data/places_gold.tsv
T=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT; [ -n "${KEEP:-}" ] && echo "kept $T"
UD=$SHARED/data/ud

# the Reuters articles of the gold, as they are in the corpus
awk -F'\t' '!/^#/ && $1 == "reuters" { print $2 }' "$G" | sort -u >"$T/ids"
awk 'NR == FNR { want["\"id\": \"" $0 "\","] = 1; next }
     match($0, /"id": "[^"]*",/) && (substr($0, RSTART, RLENGTH) in want)' \
    "$T/ids" "$SHARED/corpus/reuters21578.jsonl" >"$T/articles.jsonl"
# the UD documents of the gold: their "# text" lines joined by newlines
awk -F'\t' '!/^#/ && $1 != "reuters" { print $2 }' "$G" | sort -u >"$T/docs"
awk 'function flush() {
         if (doc != "" && (doc in want) && !(doc in done))
             printf "{\"id\": \"%s\", \"text\": \"%s\"}\n", doc, text
         if (doc != "") done[doc] = 1
         doc = ""; text = ""
     }
     NR == FNR { want[$0] = 1; next }
     /^# newdoc id = / { flush(); doc = substr($0, 15); n = 0; next }
     /^# text = / {
         t = substr($0, 10)
         gsub(/\\/, "\\\\", t); gsub(/"/, "\\\"", t); gsub(/\t/, "\\t", t)
         text = (n++ ? text "\\n" : "") t
     }
     END { flush() }' "$T/docs" \
    "$UD/UD_English-GUM/en_gum-ud-dev.lite.conllu" \
    "$UD/UD_English-GUM/en_gum-ud-test.lite.conllu" \
    "$UD/UD_English-GUM/en_gum-ud-train.noreddit.lite.conllu" \
    "$UD/UD_English-PUD/en_pud-ud-test.conllu" >>"$T/articles.jsonl"
want=$(( $(wc -l <"$T/ids") + $(wc -l <"$T/docs") ))
have=$(wc -l <"$T/articles.jsonl")
if [ "$have" -ne "$want" ]; then
    echo "found $have of the $want gold articles in $SHARED"; exit 1
fi

"$EVCODE" places "$T/articles.jsonl" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -ne 0 ]; then
    echo "evcode places: exit $rc"; cat "$T/err"; exit 1
fi

# out: id sentence offset how text ref name feature country ...
awk -F'\t' -v OFS='\t' '
    NR == FNR {
        n[$1]++; k = $1 SUBSEP n[$1]
        off[k] = $3 + 0; len[k] = length($5); how[k] = $4
        ref[k] = $6; cc[k] = $9; txt[k] = $5 " -> " $7 " (" $6 ", " $9 ")"
        next
    }
    /^#/ { next }
    {
        total++
        got = ""
        for (i = 1; i <= n[$2]; i++) {
            k = $2 SUBSEP i
            if ($3 == "dateline") {
                if (how[k] == "dateline") { got = k; break }
            } else if (off[k] >= 0 && off[k] < $4 + length($5) &&
                       $4 < off[k] + len[k]) { got = k; break }
        }
        if (got == "") {
            nf++
            print "not found: " $1 " " $2 " " $3 " \"" $5 "\" (gold " $6 ", " $7 ")"
            next
        }
        cok = cc[got] == $7; eok = ref[got] == $6
        country += cok; exact += eok
        if (!eok)
            print (cok ? "wrong place: " : "wrong country: ") $1 " " $2 " " $3 \
                  " \"" $5 "\" (gold " $6 ", " $7 "): " txt[got]
    }
    END {
        pc = total ? 100 * country / total : 0
        pe = total ? 100 * exact / total : 0
        printf "places gold: %d mentions, country right %d (%.1f%%), exact place %d (%.1f%%), not found %d\n", total, country, pc, exact, pe, nf
        if (total < 160) { print "fewer than 160 gold mentions"; exit 1 }
        if (pc < 95) { print "country right below 95%"; exit 1 }
        if (pe < 85) { print "exact place below 85%"; exit 1 }
    }' "$T/out" "$G"
