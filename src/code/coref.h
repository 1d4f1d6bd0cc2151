/* coref.h: the coder's memory of one article's actors (internal to
 * libevcode): a ring of recent actor mentions, the anaphor classes and the
 * rules that pair an anaphor (a pronoun, "the group", "the government") with
 * its antecedent. coder.c finds the phrases on the tree; coref.c decides. */
#ifndef EVC_COREF_H
#define EVC_COREF_H

#include "evcode.h"

#include <stdbool.h>

#define EVC_COREF_RING 32  /* mentions remembered across sentences */
#define EVC_COREF_CODE 40  /* bytes of a remembered code (longer: cut) */
#define EVC_COREF_TEXT 96  /* bytes of a remembered text (longer: cut) */

enum {
    EVC_MENTION_PERSON = 1,  /* a named individual */
    EVC_MENTION_PLURAL = 2,  /* a plural noun, or one of a coordination */
    EVC_MENTION_SUBJECT = 4  /* the subject of a clause (more salient) */
};

/* One actor phrase, its strings copied so that it outlives its sentence.
 * A code beginning "---" (an agent without a country, "the minister"; or
 * "---" alone, a personal name the dictionaries lack) is a blocker: an
 * anaphor whose nearest compatible mention it is stays unresolved, rather
 * than reaching past its true antecedent to a wrong one. */
typedef struct evc_mention {
    char code[EVC_COREF_CODE];
    char text[EVC_COREF_TEXT];
    int sentence; /* index of its sentence in the article */
    int head;     /* token of its phrase head in that sentence */
    int group;    /* token of its coordination's head: members share it */
    unsigned flags;
} evc_mention;

struct evc_coref {
    evc_mention ring[EVC_COREF_RING];
    int n;        /* mentions held (<= EVC_COREF_RING) */
    int next;     /* slot the next mention overwrites */
    int sentence; /* sentences coded so far: the next one's index */
};

typedef enum evc_anaphor_kind {
    EVC_ANAPH_NONE = 0,
    EVC_ANAPH_PERSON, /* he, she, him, her; "the spokesperson" */
    EVC_ANAPH_THING,  /* it: a country, an organisation, a group */
    EVC_ANAPH_PLURAL, /* they, them */
    EVC_ANAPH_GOV,    /* "the government", "the minister", "the ministry" */
    EVC_ANAPH_ARMED,  /* "the group", "the militants", "the rebels" */
    EVC_ANAPH_AGENT,  /* another agent ("the police"): the same agent */
    EVC_ANAPH_FORMER, /* "the former": the first of two coordinated actors */
    EVC_ANAPH_LATTER  /* "the latter": the last of them */
} evc_anaphor_kind;

/* What coder.c knows of an anaphor in the sentence being coded. */
typedef struct evc_anaphor {
    evc_anaphor_kind kind;
    const char *agent;   /* EVC_ANAPH_AGENT: its agent code, e.g. "COP" */
    bool person;         /* a description naming one person ("the
                            minister"): the antecedent must be a person */
    int head;            /* its token */
    const int *exclude;  /* heads it may not take (its own phrase, its
                            clause's subject when it is an object) */
    int nexclude;
    int group;           /* its coordination's head: members are excluded */
    int max_back;        /* earlier sentences to look at (0: this one) */
} evc_anaphor;

/* The pronoun class of a word form (case-insensitive), or EVC_ANAPH_NONE
 * for any other word (first and second person, relatives, reflexives). */
evc_anaphor_kind evc_coref_pronoun(const char *form);

/* The class of a definite description without an actor of its own, from
 * its first agent code (e.g. "GOV", NULL if none) and its head's lemma;
 * EVC_ANAPH_NONE when it is not one the coder resolves. */
evc_anaphor_kind evc_coref_description(const char *agent, const char *lemma);

/* "the former" / "the latter" (and "the later", a frequent misspelling of
 * "the latter" where it stands as a noun phrase): the word's class, or
 * EVC_ANAPH_NONE. */
evc_anaphor_kind evc_coref_ordinal(const char *form);

/* Does a singular noun of this lemma name one person ("minister")? */
bool evc_coref_person_noun(const char *lemma);

/* Is `words` (the phrase's forms, upper-case, separated by one space) the
 * capital, or seat of government, of the country coded `code` (a bare
 * three-letter code)? */
bool evc_coref_is_capital(const char *words, const char *code);

/* Is a bare three-letter code a country's (not a region's or a non-state
 * sector's such as IGO, NGO, MNC)? */
bool evc_coref_is_country(const char *code);

/* Fills m (strings copied and cut to fit, on a UTF-8 boundary). */
void evc_mention_set(evc_mention *m, const char *code, const char *text,
                     int sentence, int head, int group, unsigned flags);

/* Remembers m, forgetting the oldest mention when the ring is full. */
void evc_coref_note(evc_coref *c, const evc_mention *m);

/* Finds the antecedent of `a`: first among cur[0..ncur) (the sentence being
 * coded, in word order; only mentions before the anaphor), then among the
 * remembered mentions, newest sentence first. Within a sentence subjects
 * come first: nearest first in the anaphor's own sentence, left to right in
 * earlier ones (as Hobbs's search does). Writes up to `max` antecedents to
 * out (pointers into cur or c, valid until either changes) with the code
 * each stands for in codes[i] (the antecedent's code, or a country's code
 * with GOV for EVC_ANAPH_GOV); several only for "they" resolving to a
 * coordination. "The former" and "the latter" take the first or last
 * member of the nearest coordination of two or more actors before them
 * (this sentence, else the one before). Returns how many (0: none
 * compatible). */
int evc_coref_resolve(const evc_coref *c, const evc_mention *cur, int ncur,
                      const evc_anaphor *a, const evc_mention **out,
                      char (*codes)[EVC_COREF_CODE], int max);

#endif
