/* tone.c - the tone score: one number for the whole draft, with the reasons
 * behind it.
 *
 *   score = clamp(BASE - sum of problem costs - intensity - questions
 *                 + kindness net of problems, 0, 100)
 *
 * Every part is a named component, and the components add up exactly to the
 * score (a "floor" or "ceiling" component absorbs the clamp).
 *
 * A problem cost is kept per category (the 18 fixed ids). Each category is
 * priced twice, and the larger of the two counts:
 *   - by the findings: a warning costs the category's price, an error 1.4
 *     times that, a note nothing (notes inform, they do not judge); the
 *     heaviest finding counts in full, the next half, the next a quarter;
 *   - by a small built-in word list (the "cue" list below): phrases that
 *     point at the same problem without being a rule of their own, so the
 *     score still sees heat, pleading, "us"-talk or accusations that no pack
 *     rule caught. Each cue is worth a share of its category's price; a
 *     negator just before it cancels it ("not angry" is not anger).
 * Taking the larger keeps a problem from being charged twice when a rule
 * and a cue see the same words, and keeps the score steady while the packs
 * change.
 *
 * Intensity follows rule-based sentiment tools such as VADER: ALL CAPS
 * words, runs of ! and ?, stretched words and runs of emoji raise it, and an
 * intensifier or capitals on a cue make the cue weigh more; laughter in the
 * sentence halves a cue of blame, pleading or pressure (a joke, not a
 * charge).
 *
 * Every cue lives inside one sentence and every cost is a count, never a
 * ratio, so a sentence added to a draft can only add cost, and a sentence
 * taken out can only remove it; shouted words are see-through where a cue
 * needs a sentence to itself. Kindness is the only gain, and it is paid net
 * of every cost (max(0, kindness - costs)): a warm line can lift a clean
 * draft but cannot buy back a problem. docs/TONE.md has the whole account. */
#include "tone.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define BASE 90
#define KIND_STEP 4 /* each kind of good sign */
#define KIND_MAX 10
#define INTENSITY_MAX 50 /* shouting can sink a draft, but one cause never fills the floor */

/* ---- categories ------------------------------------------------------ */

/* Label groups; 0 and 1 are the clean ones. */
enum { G_CALM, G_WARM, G_ANXIOUS, G_NEEDY, G_PRESSURING, G_BITTER, G_HOSTILE, G_CRISIS };
static const char *const labels[] = {"calm",       "warm",   "anxious", "needy",
                                     "pressuring", "bitter", "hostile", "crisis"};

/* What one warning of each category costs, and the label it pulls towards.
 * The prices follow the corpus guide's rating scale: threats and contempt
 * land a draft near the bottom, blame, pleading and surveillance in the
 * lower middle, an early "I miss you" or a bare "hey" just below calm. */
static const struct {
  const char *id;
  double price;
  int group;
} cats[] = {
    {"safety", 85, G_CRISIS},          {"hostility", 42, G_HOSTILE},
    {"desperation", 38, G_NEEDY},      {"begging", 32, G_NEEDY},
    {"guilt-trip", 32, G_BITTER},      {"stalking", 32, G_PRESSURING},
    {"blame", 30, G_BITTER},           {"jealousy", 30, G_PRESSURING},
    {"pressure", 28, G_PRESSURING},    {"wall-of-text", 28, G_ANXIOUS},
    {"over-apology", 26, G_NEEDY},     {"relationship-talk", 24, G_NEEDY},
    {"non-apology", 22, G_BITTER},     {"flirting", 20, G_NEEDY},
    {"intensity", 18, G_ANXIOUS},      {"vague-opener", 18, G_ANXIOUS},
    {"timing", 6, G_ANXIOUS},          {"spelling", 0, G_ANXIOUS},
};
#define NCAT (sizeof(cats) / sizeof(cats[0]))
enum {
  C_SAFETY, C_HOSTILITY, C_DESPERATION, C_BEGGING, C_GUILT, C_STALKING, C_BLAME, C_JEALOUSY,
  C_PRESSURE, C_WALL, C_OVERAPOLOGY, C_RELATIONSHIP, C_NONAPOLOGY, C_FLIRTING, C_INTENSITY,
  C_VAGUE, C_TIMING, C_SPELLING
};

static const double severity_factor[] = {0.0, 1.0, 1.4}; /* info, warning, error */

/* Word budgets per stage, as in the corpus guide. */
static const double length_budget[] = {80, 150, 300};

/* ---- tokens ---------------------------------------------------------- */

#define TOKW 24

struct tok {
  char w[TOKW]; /* lowercase, apostrophes dropped, stretched runs collapsed */
  size_t sent;  /* sentence for the cues: lines without end punctuation run on */
  size_t dsent; /* the draft's own sentence index */
  bool caps;    /* written in capitals (two letters or more) */
  bool stretched;
};

struct toks {
  struct tok *t;
  size_t n;
};

/* Texting spellings read as the words they stand for. */
static const char *const canon[][2] = {
    {"u", "you"},       {"ya", "you"},      {"ur", "your"},     {"yr", "your"},
    {"r", "are"},       {"pls", "please"},  {"plz", "please"},  {"plss", "please"},
    {"cuz", "because"}, {"coz", "because"}, {"bc", "because"},  {"rly", "really"},
    {"thx", "thanks"},  {"luv", "love"},    {"wanna", "want"},  {"gonna", "going"},
    {"srsly", "seriously"},
};

static void tok_word(const char *s, struct span w, struct tok *t) {
  size_t o = 0, upper = 0, lower = 0;
  t->stretched = false;
  for (size_t i = w.start; i < w.end;) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\'') {
      i++;
      continue;
    }
    size_t run = 1;
    while (i + run < w.end && s[i + run] == s[i])
      run++;
    upper += isupper(c) ? run : 0;
    lower += islower(c) ? run : 0;
    size_t keep = run;
    if (run >= 3 && isalpha(c)) {
      keep = 1; /* "pleeease" reads as "please", "heyyyy" as "hey" */
      t->stretched = true;
    }
    for (size_t k = 0; k < keep && o + 1 < TOKW; k++)
      t->w[o++] = (char)tolower(c);
    i += run;
  }
  t->w[o] = '\0';
  t->caps = upper >= 2 && lower == 0;
  for (size_t k = 0; k < sizeof(canon) / sizeof(canon[0]); k++)
    if (strcmp(t->w, canon[k][0]) == 0) {
      snprintf(t->w, TOKW, "%s", canon[k][1]);
      break;
    }
}

/* Does draft sentence I end with . ! ? or an ellipsis? Texts often break a
 * thought over lines with no punctuation ("been thinking / about us"); such
 * a line runs on into the next for the cues. */
static bool ends_sentence(const struct draft *d, size_t i) {
  size_t e = d->sent[i].end;
  while (e > d->sent[i].start && isspace((unsigned char)d->norm[e - 1]))
    e--;
  if (e == d->sent[i].start)
    return true;
  char c = d->norm[e - 1];
  return c == '.' || c == '!' || c == '?' ||
         (e >= 3 && memcmp(d->norm + e - 3, "\xE2\x80\xA6", 3) == 0);
}

static bool tokenize(const struct draft *d, struct toks *ts) {
  ts->t = malloc((d->nwords + 1) * sizeof(struct tok));
  ts->n = 0;
  if (!ts->t)
    return false;
  struct span w;
  size_t from = 0, si = 0, run = 0;
  while (ts->n < d->nwords + 1 && draft_next_word(d->norm, d->norm_len, from, &w)) {
    while (si < d->nsent && d->sent[si].end <= w.start)
      run += ends_sentence(d, si++);
    struct tok *t = &ts->t[ts->n++];
    tok_word(d->norm, w, t);
    t->sent = run;
    t->dsent = si;
    from = w.end;
  }
  return true;
}

/* ---- the phrase matcher ---------------------------------------------- */

/* A phrase is space-separated items matched against consecutive words of one
 * sentence: "a|b" alternatives, "x*" a prefix, "x?" an optional word, "!x"
 * a word that must not follow, "_" any one word, "~" up to three words, "$"
 * the end of the sentence. */
static bool item_eq(const char *item, size_t n, const char *w) {
  for (;;) {
    const char *bar = memchr(item, '|', n);
    size_t m = bar ? (size_t)(bar - item) : n;
    if (m > 0 && item[m - 1] == '*') {
      if (strncmp(w, item, m - 1) == 0)
        return true;
    } else if (strlen(w) == m && strncmp(w, item, m) == 0) {
      return true;
    }
    if (!bar)
      return false;
    n -= m + 1;
    item = bar + 1;
  }
}

static bool sentence_rest_empty(const struct toks *ts, size_t end, size_t sent);

/* Match PAT at token I; on success *END is one past the last token. */
static bool match_at(const struct toks *ts, size_t i, size_t sent, const char *pat, size_t *end) {
  while (*pat == ' ')
    pat++;
  if (!*pat) {
    *end = i;
    return true;
  }
  const char *sp = strchr(pat, ' ');
  size_t n = sp ? (size_t)(sp - pat) : strlen(pat);
  const char *rest = pat + n;
  if (n == 1 && *pat == '~') {
    for (size_t k = 0; k <= 3; k++)
      if (i + k <= ts->n && (k == 0 || ts->t[i + k - 1].sent == sent) &&
          match_at(ts, i + k, sent, rest, end))
        return true;
    return false;
  }
  if (n == 1 && *pat == '$') /* the end of the sentence (shouted words aside) */
    return sentence_rest_empty(ts, i, sent) && match_at(ts, i, sent, rest, end);
  bool here = i < ts->n && ts->t[i].sent == sent;
  if (*pat == '!') /* a word that must not come next; consumes nothing */
    return !(here && item_eq(pat + 1, n - 1, ts->t[i].w)) && match_at(ts, i, sent, rest, end);
  if (pat[n - 1] == '?') { /* an optional word */
    if (here && item_eq(pat, n - 1, ts->t[i].w) && match_at(ts, i + 1, sent, rest, end))
      return true;
    return match_at(ts, i, sent, rest, end);
  }
  if (!here || (!(n == 1 && *pat == '_') && !item_eq(pat, n, ts->t[i].w)))
    return false;
  return match_at(ts, i + 1, sent, rest, end);
}

static const char *const negators[] = {"not",   "never", "no",    "dont",   "wont",  "cant",
                                       "didnt", "isnt",  "wasnt", "arent",  "aint",  "doesnt",
                                       "stop",  "quit",  "refuse", "havent", "hardly", NULL};

static bool is_word(const char *w, const char *const *list) {
  for (size_t k = 0; list[k]; k++)
    if (strcmp(w, list[k]) == 0)
      return true;
  return false;
}

/* Words that open a new clause: a negator before them is about another
 * verb ("she doesn't know what you did to me"). */
static const char *const clause_words[] = {"what", "that", "who", "which", "because", "but",
                                           "and", "if", "when", "how", "why", "so", NULL};

/* A negator among the four words before token I (the packs' window), in
 * its sentence and clause. Two in a row cancel: "can't stop picturing us" still pictures us. */
static bool negated(const struct toks *ts, size_t i) {
  if (is_word(ts->t[i].w, clause_words))
    return false;
  for (size_t k = 1; k <= 4 && k <= i; k++) {
    const struct tok *t = &ts->t[i - k];
    if (t->sent != ts->t[i].sent || is_word(t->w, clause_words))
      break;
    if (k > 1 && strcmp(t->w, "no") == 0)
      continue; /* "no" negates only the word after it: "long time no speak, you liar" */
    if (is_word(t->w, negators)) {
      bool twice = k < i && ts->t[i - k - 1].sent == t->sent &&
                   is_word(ts->t[i - k - 1].w, negators);
      return !twice;
    }
  }
  return false;
}

static const char *const intensifiers[] = {
    "so",         "really",  "very",   "extremely", "totally", "literally", "seriously",
    "absolutely", "fucking", "truly",  "insanely",  "super",   "completely", "desperately",
    "honestly",   "such",    "always", NULL};

/* ---- cues ------------------------------------------------------------ */

/* Shares of a category's price. */
#define STRONG 1.0
#define MID 0.6
#define WEAK 0.3
#define HINT 0.15

/* CUE_NONEG: the cue is itself a negation, skip the negator check;
 * CUE_OPENING: only at the start of a sentence; CUE_ALONE: only as a whole
 * sentence ("whatever." but not "whatever works for you"). */
enum { CUE_NONEG = 1, CUE_OPENING = 2, CUE_ALONE = 4 };

struct cue {
  int cat;
  double share;
  unsigned flags;
  const char *phrase;
};

/* Written from the corpus guide's definitions, in general words; they
 * point at what a sentence does to the reader, not at one draft. */
/* Words that make a sentence an insult when aimed at the ex. */
#define INSULTS                                                                        \
  "idiot|moron|loser|pathetic|psycho|narcissist|selfish|liar|coward|disgusting|bitch|" \
  "asshole|bastard|cunt|prick|dickhead|twat|scum|manchild"
/* Verbs that turn "you always/never" into an accusation. */
#define BLAME_VERBS                                                                      \
  "do|did|make|made|say|said|ignore*|cancel*|blame*|turn*|put|leave|walk|shut|start*|" \
  "twist*|run|act|pick|choose|bring|brush|dismiss*|shout*|yell*|pull"
/* ... and what "you never" leaves undone. */
#define NEVER_VERBS                                                                    \
  "listen*|care*|help*|check*|call*|ask*|apologi*|try|tried|bother*|show*|support*|" \
  "once|made|make|put|stood|stand|fought|meant|got|understood|appreciate*|notice*"
/* Pet names. */
#define PET_NAMES \
  "babe|baby|beautiful|gorgeous|handsome|sexy|cutie|sweetheart|hottie|princess|sunshine|darling"

static const struct cue cues[] = {
    /* safety: threats to oneself or to others */
    {C_SAFETY, STRONG, 0, "kill|hurt|harm|end myself"},
    {C_SAFETY, STRONG, 0, "end|ended|ending|take|took|taking my own? life"},
    {C_SAFETY, STRONG, 0, "end it all"},
    {C_SAFETY, STRONG, 0, "wasnt|werent around|here anymore"},
    {C_SAFETY, STRONG, 0, "not be here|around anymore"},
    {C_SAFETY, STRONG, 0, "when im dead"},
    {C_SAFETY, STRONG, 0, "have|took|taking|swallowed the|all|those pills"},
    {C_SAFETY, STRONG, 0, "one reason not to"},
    {C_SAFETY, STRONG, 0, "im jumping"},
    {C_SAFETY, STRONG, 0, "make him|her|you regret"},
    {C_SAFETY, STRONG, 0, "youll regret"},
    {C_SAFETY, STRONG, 0, "youll be sorry"},
    {C_SAFETY, STRONG, 0, "watch your|his|her back"},
    {C_SAFETY, STRONG, 0, "stockpiling|saving|hoarding my|the pills|meds|tablets"},
    {C_SAFETY, STRONG, 0, "if i cant have you"},
    {C_SAFETY, STRONG, 0, "i know where you live|work|sleep|are !is|isnt|was|are|has"},
    {C_SAFETY, STRONG, 0, "you wont like what happens"},
    {C_SAFETY, STRONG, 0, "dont make me come"},
    {C_SAFETY, STRONG, 0, "what ill|i do to myself"},
    {C_SAFETY, STRONG, CUE_NONEG, "cant promise ill"},
    {C_SAFETY, STRONG, 0, "careful if i were you"},
    {C_SAFETY, STRONG, 0, "see what happens to"},
    {C_SAFETY, MID, 0, "and see what happens"},
    {C_SAFETY, STRONG, 0, "better hope i"},
    {C_SAFETY, STRONG, 0, "i know what time you"},
    {C_SAFETY, STRONG, 0, "dont know what ill|happens|might"},
    /* hostility: insults and swearing aimed at the ex, contempt, parting
     * shots. Rude words not aimed at anyone count only a little. */
    {C_HOSTILITY, STRONG, CUE_NONEG, "fuck you|off|yourself"},
    {C_HOSTILITY, STRONG, 0, "piece of shit|crap|work|trash"},
    {C_HOSTILITY, STRONG, CUE_NONEG, "you|youre ~ " INSULTS},
    {C_HOSTILITY, STRONG, CUE_NONEG, "such|what a|an ~ " INSULTS "|joke|clown|trash|failure"},
    {C_HOSTILITY, MID, 0, "loser $"},
    {C_HOSTILITY, STRONG, 0, "lose my number"},
    {C_HOSTILITY, MID, 0, "big of you $"},
    {C_HOSTILITY, WEAK, CUE_ALONE, "ok|okay fine"},
    {C_HOSTILITY, STRONG, 0, "screw you"},
    {C_HOSTILITY, STRONG, 0, "go to hell"},
    {C_HOSTILITY, STRONG, 0, "i hate you"},
    {C_HOSTILITY, MID, 0, "have a nice|good|great life"},
    {C_HOSTILITY, MID, 0, "enjoy being alone|single|miserable"},
    {C_HOSTILITY, STRONG, 0, "miserable|pathetic|sad|empty life"},
    {C_HOSTILITY, MID, 0, "real|very|so mature"},
    {C_HOSTILITY, MID, 0, "good riddance"},
    {C_HOSTILITY, MID, 0, "happy now"},
    {C_HOSTILITY, MID, 0, "your crap|shit|bullshit|drama|lies"},
    {C_HOSTILITY, MID, 0, "put up with you|your"},
    {C_HOSTILITY, MID, 0, "good luck finding"},
    {C_HOSTILITY, MID, 0, "good luck with that"},
    {C_HOSTILITY, MID, 0, "dont come crying"},
    {C_HOSTILITY, MID, CUE_NONEG, "i dont care anymore"},
    {C_HOSTILITY, MID, 0, "are you kidding|serious"},
    {C_HOSTILITY, MID, 0, "hope she|he enjoys"},
    {C_HOSTILITY, WEAK, CUE_ALONE, "whatever|k|fine"},
    {C_HOSTILITY, WEAK, CUE_ALONE, "lol ok"},
    {C_HOSTILITY, WEAK, 0, "very original|convenient|classy|mature"},
    {C_HOSTILITY, MID, 0, "real|very nice|mature|classy $"},
    {C_HOSTILITY, MID, 0, "genius|einstein|sherlock $"},
    {C_HOSTILITY, WEAK, 0, "oh great|wow|sure|please"},
    {C_HOSTILITY, WEAK, 0, "perfect like you"},
    {C_HOSTILITY, WEAK, 0, "sick of"},
    {C_HOSTILITY, WEAK, 0, "fed up"},
    {C_HOSTILITY, HINT, 0, "i guess"},
    {C_HOSTILITY, HINT, 0, INSULTS "|fuck*|shit|damn|crap|furious|pissed|stupid|crazy|genius"},
    {C_HOSTILITY, HINT, 0, "hate !to"},
    {C_HOSTILITY, MID, 0, "typical|classic $"},
    {C_HOSTILITY, MID, 0, "dont bother"},
    {C_HOSTILITY, MID, 0, "living your best life"},
    {C_HOSTILITY, MID, 0, "funny how you"},
    {C_HOSTILITY, MID, 0, "great job being"},
    {C_HOSTILITY, STRONG, 0, "go cry to"},
    {C_HOSTILITY, MID, 0, "fan club"},
    {C_HOSTILITY, STRONG, 0, "deserve each other"},
    {C_HOSTILITY, MID, 0, "have fun with your new"},
    {C_HOSTILITY, WEAK, 0, "angry with|at you"},
    {C_HOSTILITY, MID, 0, "weird|strange how you"},
    {C_HOSTILITY, WEAK, CUE_ALONE, "great|really|lovely|perfect"},
    {C_HOSTILITY, MID, 0, "worth it $"},
    {C_HOSTILITY, MID, 0, "as usual|always $"},
    {C_HOSTILITY, STRONG, 0, "thanks for nothing"},
    {C_HOSTILITY, MID, 0, "hope your new ~ worth|enjoy|happy"},
    {C_HOSTILITY, MID, 0, "what kind of parent|person|man|woman|father|mother|dad|mom|mum"},
    {C_HOSTILITY, MID, CUE_ALONE, "classy|typical|mature|charming"},
    {C_HOSTILITY, HINT, 0, "cant believe you"},
    {C_HOSTILITY, MID, 0, "real winner|catch|prize|keeper|gem"},
    {C_HOSTILITY, WEAK, CUE_ALONE, "good for you i? guess?"},
    {C_HOSTILITY, STRONG, 0, "hope you|he|she suffer*|rot|burn"},
    {C_HOSTILITY, MID, 0, "as badly as you"},
    {C_HOSTILITY, STRONG, 0, "nobody|noone will ever love|want"},
    {C_HOSTILITY, MID, 0, "remember that $"},
    {C_HOSTILITY, MID, CUE_OPENING, "fine go|do|then|whatever|have"},
    /* desperation: giving away all self-worth */
    {C_DESPERATION, MID, 0, "im|am nothing !without"},
    {C_DESPERATION, MID, 0, "without you im|i"},
    {C_DESPERATION, MID, 0, "just a ghost|shell"},
    {C_DESPERATION, STRONG, 0, "nothing|lost|empty|dying|nobody|worthless without you"},
    {C_DESPERATION, STRONG, 0, "cant live|function|breathe|cope !before|until|till|in|at|on|with"},
    {C_DESPERATION, STRONG, 0, "cant go on"},
    {C_DESPERATION, STRONG, 0, "cant keep going"},
    {C_DESPERATION, STRONG, 0, "you were|are my whole|entire world|life"},
    {C_DESPERATION, STRONG, 0, "youre my whole|entire world|life"},
    {C_DESPERATION, STRONG, 0, "you were|are|youre my everything"},
    {C_DESPERATION, STRONG, 0, "youre all i have|got"},
    {C_DESPERATION, STRONG, 0, "you are all i have|got"},
    {C_DESPERATION, STRONG, 0, "youre it"},
    {C_DESPERATION, STRONG, 0, "no meaning|point without|anymore"},
    {C_DESPERATION, STRONG, 0, "has|have no meaning"},
    {C_DESPERATION, STRONG, 0, "ill be whoever|whatever"},
    {C_DESPERATION, STRONG, 0, "im|ill|am just? falling|fall apart"},
    {C_DESPERATION, MID, 0, "falling apart"},
    {C_DESPERATION, STRONG, 0, "you were|are|youre the only thing|good|one|person|reason"},
    {C_DESPERATION, MID, 0,
     "the only thing|one|person that|who helps|helped|matters|makes|made|gets|got"},
    {C_DESPERATION, MID, 0, "the only good thing"},
    {C_DESPERATION, MID, 0, "without you $"},
    {C_DESPERATION, HINT, 0, "without you"},
    {C_DESPERATION, MID, 0, "only you"},
    {C_DESPERATION, MID, 0, "cant do this"},
    {C_DESPERATION, MID, 0, "cant take|handle it|this|anymore|another"},
    {C_DESPERATION, WEAK, 0, "cant eat|sleep|focus|think"},
    {C_DESPERATION, MID, 0, "im such? a wreck|mess"},
    {C_DESPERATION, MID, 0, "i am such? a wreck|mess"},
    {C_DESPERATION, MID, 0, "nobody|noone else gets|understands|loves"},
    {C_DESPERATION, MID, 0, "dont know who i am"},
    {C_DESPERATION, MID, 0, "wait forever"},
    {C_DESPERATION, MID, 0, "as long as it takes"},
    {C_DESPERATION, MID, 0, "however long it takes"},
    {C_DESPERATION, STRONG, 0, "ill|i will wait for you"},
    {C_DESPERATION, WEAK, CUE_NONEG, "im not going anywhere"},
    {C_DESPERATION, WEAK, 0, "for hours"},
    {C_DESPERATION, MID, 0, "need to hear your voice"},
    {C_DESPERATION, MID, CUE_NONEG, "not sleeping|eating"},
    {C_DESPERATION, MID, 0, "was|am i ever|not enough"},
    {C_DESPERATION, MID, 0, "wasnt i enough"},
    {C_DESPERATION, MID, 0, "anything at this point"},
    {C_DESPERATION, MID, 0, "dont have anything|anyone left|else"},
    {C_DESPERATION, WEAK, 0, "empty|hopeless|devastated|heartbroken|sobbing|crying|cried"},
    {C_DESPERATION, WEAK, 0, "so|all alone"},
    {C_DESPERATION, WEAK, 0, "awake all night"},
    {C_DESPERATION, WEAK, 0, "cant stop thinking|crying"},
    {C_DESPERATION, WEAK, 0, "without crying"},
    {C_DESPERATION, WEAK, 0, "every single day|night"},
    /* begging: pleading for a chance, a reply, a way back */
    {C_BEGGING, STRONG, 0, "im begging"},
    {C_BEGGING, STRONG, 0, "i am begging"},
    {C_BEGGING, STRONG, 0, "i beg"},
    {C_BEGGING, STRONG, 0, "begging you"},
    {C_BEGGING, STRONG, 0, "on my knees begging|pleading|praying|asking|for"},
    {C_BEGGING, STRONG, 0, "get|getting|go on my knees"},
    {C_BEGGING, STRONG, 0, "im|i am pleading"},
    {C_BEGGING, STRONG, 0, "pleading|begging with you"},
    {C_BEGGING, MID, 0, "let me come round|over|back"},
    {C_BEGGING, STRONG, 0, "please please"},
    {C_BEGGING, WEAK, 0, "one more|last chance|shot"},
    {C_BEGGING, WEAK, 0, "another chance|shot"},
    {C_BEGGING, STRONG, 0, "me|us one more|last|another chance|shot|go|try"},
    {C_BEGGING, STRONG, 0, "one more|last|another chance|shot|go|try at|for|with us|this|me"},
    {C_BEGGING, STRONG, 0, "give me a|one|another chance|shot"},
    {C_BEGGING, STRONG, 0, "take me back"},
    {C_BEGGING, STRONG, 0, "let me back"},
    {C_BEGGING, STRONG, 0, "ill do anything"},
    {C_BEGGING, STRONG, 0, "i will do anything"},
    {C_BEGGING, STRONG, 0, "dont give up on"},
    {C_BEGGING, STRONG, 0, "please dont leave|go|block|ignore|shut"},
    {C_BEGGING, STRONG, 0, "dont shut me out"},
    {C_BEGGING, MID, 0, "i promise i promise"},
    {C_BEGGING, MID, 0, "ill be better|different|so"},
    {C_BEGGING, MID, 0, "i can|will be better|different"},
    {C_BEGGING, MID, 0, "ill change"},
    {C_BEGGING, MID, 0, "i can|will change"},
    {C_BEGGING, MID, 0, "forgive me"},
    {C_BEGGING, MID, 0, "reconsider"},
    {C_BEGGING, MID, 0, "change your mind"},
    {C_BEGGING, MID, 0, "i need you"},
    {C_BEGGING, MID, 0, "please answer|reply|respond|talk"},
    {C_BEGGING, MID, 0, "just reply|answer|respond once"},
    {C_BEGGING, MID, 0, "find it in your heart"},
    {C_BEGGING, MID, 0, "still a chance"},
    {C_BEGGING, MID, 0, "just talk to me"},
    {C_BEGGING, MID, CUE_NONEG, "im not asking for much"},
    {C_BEGGING, WEAK, 0, "please just"},
    {C_BEGGING, WEAK, 0, "i swear"},
    {C_BEGGING, WEAK, 0, "thats all im asking"},
    /* guilt-trip: making the ex carry the sender's pain */
    {C_GUILT, STRONG, 0, "after everything|all i did|gave|sacrificed"},
    {C_GUILT, STRONG, 0, "after everything|all ive done|given"},
    {C_GUILT, STRONG, 0, "the least you can|could"},
    {C_GUILT, STRONG, 0, "hope youre happy now|$"},
    {C_GUILT, STRONG, 0, "are you happy now"},
    {C_GUILT, MID, 0, "do|did this|that to me|us|them|him|her"},
    {C_GUILT, MID, 0, "do|did this|that to the kids"},
    {C_GUILT, MID, 0, "what you threw|gave|walked away"},
    {C_GUILT, MID, 0, "why do|must i always"},
    {C_GUILT, MID, 0, "i always have to"},
    {C_GUILT, WEAK, 0, "the one who reaches|texts|calls|tries|makes"},
    {C_GUILT, STRONG, 0, "this is how you treat"},
    {C_GUILT, STRONG, 0, "what you did to"},
    {C_GUILT, STRONG, 0, "what you|youve put me through"},
    {C_GUILT, MID, 0, "do you have any idea"},
    {C_GUILT, MID, 0, "but not for|with me"},
    {C_GUILT, MID, 0, "you did that|this to me"},
    {C_GUILT, STRONG, 0, "if you really|actually|ever|truly loved|cared"},
    {C_GUILT, MID, 0, "if you ~ loved|cared|meant"},
    {C_GUILT, MID, 0, "was it|that|everything all? fake|a lie|lies"},
    {C_GUILT, WEAK, 0, "youre|you were out partying|drinking|clubbing"},
    {C_GUILT, STRONG, 0, "i gave you ~ my life"},
    {C_GUILT, MID, 0, "i gave up|sacrificed|skipped"},
    {C_GUILT, MID, 0, "wasnt worth"},
    {C_GUILT, MID, 0, "im used to"},
    {C_GUILT, MID, 0, "someone who loved|cared"},
    {C_GUILT, MID, 0, "how badly|much you hurt"},
    {C_GUILT, MID, 0, "you hurt me"},
    {C_GUILT, MID, 0, "covering|cover for you"},
    {C_GUILT, MID, 0, "keep protecting|covering"},
    {C_GUILT, MID, 0, "im the only one"},
    {C_GUILT, MID, 0, "you couldnt even"},
    {C_GUILT, MID, 0, "deserved|deserve better"},
    {C_GUILT, MID, 0, "do you even care"},
    {C_GUILT, MID, 0, "glad i did that"},
    {C_GUILT, MID, 0, "cried themselves|herself|himself"},
    {C_GUILT, MID, 0, "waits|waiting|sits by the door|window"},
    {C_GUILT, MID, 0, "asking why you|daddy|mommy|mummy|mum|mom|dad"},
    {C_GUILT, MID, 0, "dont worry about me"},
    {C_GUILT, MID, 0, "know where i stand"},
    {C_GUILT, MID, 0, "just saying $"},
    {C_GUILT, MID, 0, "hasnt|hasn|havent|wont eaten|slept|stopped since you"},
    {C_GUILT, WEAK, 0, "since you moved|left|walked"},
    {C_GUILT, MID, 0, "i gave and gave"},
    {C_GUILT, MID, 0, "picking up the pieces"},
    {C_GUILT, MID, 0, "while im here|stuck|left|sitting"},
    {C_GUILT, WEAK, CUE_ALONE, "its fine"},
    {C_GUILT, WEAK, 0, "disappointed in|that you"},
    {C_GUILT, WEAK, 0, "you just walked|left"},
    /* blame: the breakup put on the ex */
    {C_BLAME, STRONG, 0, "your fault"},
    {C_BLAME, STRONG, 0, "is|was|its all? on you"},
    {C_BLAME, STRONG, CUE_NONEG, "you always|never " BLAME_VERBS},
    {C_BLAME, STRONG, CUE_NONEG, "you never " NEVER_VERBS},
    {C_BLAME, WEAK, CUE_NONEG, "you always|never"},
    {C_BLAME, STRONG, 0, "you|youve ruined|wrecked|destroyed|broke|killed|ended|ruin"},
    {C_BLAME, STRONG, 0, "youre the one who|that"},
    {C_BLAME, MID, 0, "you are|were the one who|that"},
    {C_BLAME, STRONG, 0, "because of you"},
    {C_BLAME, STRONG, 0, "you made me do|feel|this"},
    {C_BLAME, STRONG, 0, "i wasnt the problem"},
    {C_BLAME, STRONG, 0, "im not the problem"},
    {C_BLAME, STRONG, 0, "is|was what killed|ruined|ended|wrecked"},
    {C_BLAME, MID, 0, "if you hadnt"},
    {C_BLAME, MID, 0, "if you had|d|youd just|only|listened|been|told|cared|stayed|tried|bothered"},
    {C_BLAME, WEAK, 0, "you should have"},
    {C_BLAME, WEAK, 0, "you shouldve"},
    {C_BLAME, MID, 0, "and you know it"},
    {C_BLAME, MID, 0, "dont pretend"},
    {C_BLAME, MID, 0, "you pushed|drove me"},
    {C_BLAME, MID, 0, "you shut down|me"},
    {C_BLAME, MID, 0, "you didnt even"},
    {C_BLAME, MID, 0, "you stopped trying|caring|listening|making|putting|showing"},
    {C_BLAME, MID, 0, "you gave up"},
    {C_BLAME, WEAK, 0, "holding it|everything|us together"},
    {C_BLAME, MID, 0, "you cheated|lied|abandoned"},
    {C_BLAME, MID, 0, "youre overreacting"},
    {C_BLAME, MID, 0, "you keep saying|doing|cancelling|bringing"},
    {C_BLAME, MID, 0, "why do you always"},
    {C_BLAME, MID, CUE_NONEG, "not once"},
    {C_BLAME, MID, 0, "every single time"},
    {C_BLAME, STRONG, 0, "wrecked|ruined|destroyed|killed|broke us"},
    {C_BLAME, MID, 0, "got us here"},
    {C_BLAME, MID, 0, "it wasnt me"},
    {C_BLAME, MID, 0, "dropped the ball"},
    {C_BLAME, MID, 0, "your lying|cheating|drinking|temper|jealousy|selfishness|meddling|refusal"},
    {C_BLAME, WEAK, 0, "and you took"},
    {C_BLAME, WEAK, 0, "you turned it"},
    {C_BLAME, WEAK, 0, "you made everything"},
    {C_BLAME, WEAK, CUE_ALONE, "i tried"},
    /* jealousy: digging into the ex's love life */
    {C_JEALOUSY, STRONG, 0, "are you seeing|dating someone|anyone|him|her|them"},
    {C_JEALOUSY, STRONG, 0, "are you dating|sleeping"},
    {C_JEALOUSY, STRONG, 0, "sleep|slept|sleeping with"},
    {C_JEALOUSY, STRONG, 0, "hooking up with"},
    {C_JEALOUSY, STRONG, 0, "who|whos is? he|she"},
    {C_JEALOUSY, STRONG, 0, "who|whos is? the|that guy|girl|man|woman"},
    {C_JEALOUSY, STRONG, 0, "who were|was you with|texting"},
    {C_JEALOUSY, STRONG, 0, "who you were|are with|texting|seeing"},
    {C_JEALOUSY, STRONG, 0, "a thing now"},
    {C_JEALOUSY, STRONG, 0, "replace|replaced me"},
    {C_JEALOUSY, MID, 0, "seeing|dating someone !about|for|else"},
    {C_JEALOUSY, MID, 0, "new boyfriend|girlfriend|bf|gf"},
    {C_JEALOUSY, MID, CUE_ALONE, "is it _"},
    {C_JEALOUSY, MID, CUE_ALONE, "so is it _"},
    {C_JEALOUSY, MID, 0, "went on a date"},
    {C_JEALOUSY, MID, 0, "been talking to someone"},
    {C_JEALOUSY, MID, 0, "actually appreciates|gets|wants me"},
    {C_JEALOUSY, MID, 0, "thought you should know"},
    {C_JEALOUSY, MID, 0, "moved on fast|quick|quickly|already"},
    {C_JEALOUSY, MID, 0, "with him|her again"},
    {C_JEALOUSY, MID, 0, "is she|he the one"},
    {C_JEALOUSY, MID, 0, "are you two"},
    {C_JEALOUSY, MID, 0, "your new thing|friend|bf|gf"},
    {C_JEALOUSY, MID, 0, "a date thing"},
    {C_JEALOUSY, MID, 0, "is that|it a date"},
    {C_JEALOUSY, MID, CUE_NONEG, "not that i care"},
    {C_JEALOUSY, MID, 0, "met someone"},
    {C_JEALOUSY, MID, 0, "actually makes time"},
    {C_JEALOUSY, STRONG, 0, "everyone youve been|slept with"},
    {C_JEALOUSY, MID, 0, "downloading|download|downloaded the|those? apps"},
    {C_JEALOUSY, MID, 0, "back on the apps"},
    {C_JEALOUSY, MID, 0, "your new man|woman|guy|girl|partner"},
    {C_JEALOUSY, STRONG, 0, "is she|he prettier|better|hotter|younger"},
    {C_JEALOUSY, STRONG, 0, "youre|you seeing|dating anyone|someone|him|her"},
    {C_JEALOUSY, MID, 0, "on the apps"},
    {C_JEALOUSY, MID, 0, "tinder|hinge|bumble|grindr"},
    {C_JEALOUSY, MID, 0, "that was quick|fast $"},
    {C_JEALOUSY, MID, CUE_ALONE, "so? who|whos is? _"},
    {C_JEALOUSY, MID, 0, "you two|both looked|seemed|seem|look"},
    {C_JEALOUSY, WEAK, 0, "cosy|cozy|cuddled|cuddling"},
    /* stalking: letting on that the ex is being watched */
    {C_STALKING, STRONG, 0, "drove|drive|driving|walked|walking by|past your"},
    {C_STALKING, STRONG, 0, "drove|walked by|past the ~ you work|live|were"},
    {C_STALKING, STRONG, 0, "your location"},
    {C_STALKING, STRONG, 0, "you were online"},
    {C_STALKING, STRONG, 0, "online at"},
    {C_STALKING, STRONG, 0, "last seen|active"},
    {C_STALKING, STRONG, 0, "dating profile"},
    {C_STALKING, STRONG, 0, "told me everything"},
    {C_STALKING, STRONG, 0, "i know you were at|in|with"},
    {C_STALKING, STRONG, 0, "been checking|watching"},
    {C_STALKING, STRONG, 0, "keep checking|watching"},
    {C_STALKING, STRONG, 0, "your lights"},
    {C_STALKING, STRONG, 0, "outside your work|house|place|flat|apartment|door|office|building"},
    {C_STALKING, STRONG, 0, "saw|seen your story|stories|post|posts|pics|photos|profile|playlist"},
    {C_STALKING, MID, 0, "instagram|insta|facebook|spotify|linkedin|snapchat|tiktok|strava|venmo"},
    {C_STALKING, MID, 0, "your story|stories|pics|profile|playlist|feed|page"},
    {C_STALKING, MID, 0, "matched with"},
    {C_STALKING, MID, 0, "unfollow*|unfriend*|blocked|muted"},
    {C_STALKING, MID, 0, "noticed you|your|youve|youre"},
    {C_STALKING, MID, 0, "i see you were|are"},
    {C_STALKING, MID, 0, "saw you through|with|at"},
    {C_STALKING, MID, 0, "read at|seen at"},
    {C_STALKING, MID, 0, "group chat"},
    {C_STALKING, MID, 0, "keep me posted on|about how? you|youre"},
    {C_STALKING, STRONG, 0, "to see if you still"},
    {C_STALKING, WEAK, 0, "you looked well|good|tired|happy|thin"},
    {C_STALKING, MID, 0, "said|says youve been"},
    {C_STALKING, MID, 0,
     "your sister|brother|mum|mom|dad|friend|friends|cousin wont|wouldnt|didnt tell"},
    {C_STALKING, MID, 0, "you|that you liked|commented|posted|shared|followed|changed your"},
    {C_STALKING, MID, 0, "you changed your number|status|picture|photo|name"},
    /* pressure: demanding a reply, a meeting or a decision */
    {C_PRESSURE, STRONG, 0, "answer|respond|reply to? me"},
    {C_PRESSURE, STRONG, 0, "text me back"},
    {C_PRESSURE, STRONG, 0, "answer the|your phone"},
    {C_PRESSURE, STRONG, 0, "pick up the|your phone"},
    {C_PRESSURE, STRONG, 0, "why are|arent|wont|dont you ~ ignoring|answering|replying|talk"},
    {C_PRESSURE, STRONG, 0, "ignoring me"},
    {C_PRESSURE, STRONG, 0, "did|didnt you get|see|read my"},
    {C_PRESSURE, MID, 0, "you got my"},
    {C_PRESSURE, STRONG, 0, "i need|want an answer"},
    {C_PRESSURE, STRONG, 0, "or im done|gone|leaving|walking|moving|out"},
    {C_PRESSURE, STRONG, 0, "or else"},
    {C_PRESSURE, STRONG, 0, "not taking no"},
    {C_PRESSURE, STRONG, 0, "you owe me"},
    {C_PRESSURE, STRONG, 0, "ive texted|called|messaged you"},
    {C_PRESSURE, STRONG, 0, "texted|called|messaged ~ times"},
    {C_PRESSURE, STRONG, 0, "i deserve to|an"},
    {C_PRESSURE, STRONG, 0, "giving you until"},
    {C_PRESSURE, STRONG, CUE_ALONE, "you there"},
    {C_PRESSURE, STRONG, 0, "are you still? there"},
    {C_PRESSURE, WEAK, CUE_OPENING, "why"},
    {C_PRESSURE, STRONG, 0, "give me your phone"},
    {C_PRESSURE, STRONG, 0, "still waiting"},
    {C_PRESSURE, STRONG, 0, "waiting on|for your|a|that|an reply|answer|response"},
    {C_PRESSURE, STRONG, 0, "non|not negotiable"},
    {C_PRESSURE, STRONG, 0, "dont expect me to be|wait|stay"},
    {C_PRESSURE, MID, 0, "if you want this|us to work"},
    {C_PRESSURE, MID, 0, "you need to cut|stop|block|delete|choose|decide"},
    {C_PRESSURE, MID, CUE_ALONE, "now"},
    {C_PRESSURE, MID, 0, "call|text me now|tonight|asap"},
    {C_PRESSURE, MID, 0, "tell me now|tonight"},
    {C_PRESSURE, MID, 0, "tell me the truth"},
    {C_PRESSURE, MID, 0, "just tell me"},
    {C_PRESSURE, MID, 0, "yes or no"},
    {C_PRESSURE, MID, 0, "i mean it"},
    {C_PRESSURE, MID, CUE_OPENING, "explain yourself|that|this|why|what"},
    {C_PRESSURE, MID, CUE_OPENING, "decide|choose by|now|already|tonight|between|which|who"},
    {C_PRESSURE, MID, 0, "if you dont show|come|reply|answer|respond|call|text"},
    {C_PRESSURE, MID, 0, "make up your mind"},
    {C_PRESSURE, MID, 0, "last|final chance"},
    {C_PRESSURE, MID, 0, "either you"},
    {C_PRESSURE, MID, 0, "dont lie"},
    {C_PRESSURE, MID, 0, "i need to know"},
    {C_PRESSURE, MID, 0, "being ignored"},
    {C_PRESSURE, MID, 0, "why did|would you ~ unfollow*|block*|ignore*|delete*"},
    {C_PRESSURE, MID, 0, "asap"},
    {C_PRESSURE, MID, 0, "cant keep waiting"},
    {C_PRESSURE, MID, 0, "you have to stop"},
    {C_PRESSURE, MID, 0, "after that im"},
    {C_PRESSURE, WEAK, 0, "by tonight|tomorrow"},
    {C_PRESSURE, WEAK, 0, "we need to meet|talk"},
    {C_PRESSURE, WEAK, 0, "whats going on with you"},
    {C_PRESSURE, WEAK, 0, "be honest with me|for"},
    {C_PRESSURE, STRONG, 0, "clock|clocks is? ticking"},
    {C_PRESSURE, STRONG, 0, "youve got till|until"},
    {C_PRESSURE, MID, 0, "so? say something"},
    {C_PRESSURE, MID, 0, "nothing back"},
    {C_PRESSURE, WEAK, 0, "texts|messages|calls now"},
    {C_PRESSURE, MID, 0, "commit|decide|answer by"},
    {C_PRESSURE, MID, CUE_ALONE, "pick up"},
    {C_PRESSURE, MID, 0, "calling again"},
    {C_PRESSURE, MID, 0, "youve read|seen it|my"},
    {C_PRESSURE, WEAK, 0, "i just want|need to know"},
    /* over-apology and non-apology */
    {C_OVERAPOLOGY, MID, 0, "sorry for everything"},
    {C_OVERAPOLOGY, MID, 0,
     "sorry for being me|such|so|a|an|annoying|needy|clingy|difficult|useless|alive"},
    {C_OVERAPOLOGY, MID, 0, "im the worst"},
    {C_OVERAPOLOGY, MID, 0, "sorry sorry"},
    {C_NONAPOLOGY, STRONG, 0, "sorry you feel|felt|took"},
    {C_NONAPOLOGY, STRONG, 0, "sorry you were|got hurt|upset|offended|bothered"},
    {C_NONAPOLOGY, STRONG, 0, "sorry that you feel|felt|were|took"},
    {C_NONAPOLOGY, STRONG, 0, "sorry if i hurt|upset|offended"},
    {C_NONAPOLOGY, STRONG, 0, "sorry if you were|felt|feel|got|took"},
    {C_NONAPOLOGY, STRONG, 0, "sorry if anything|that|my"},
    {C_NONAPOLOGY, STRONG, 0, "mistakes were made"},
    {C_NONAPOLOGY, STRONG, 0, "fine im sorry"},
    {C_NONAPOLOGY, MID, 0, "im sorry ok"},
    {C_NONAPOLOGY, MID, 0, "apologize|apologise if"},
    {C_NONAPOLOGY, MID, 0, "already said im sorry"},
    {C_NONAPOLOGY, MID, 0, "on both sides"},
    {C_NONAPOLOGY, MID, 0, "can we drop it|this"},
    {C_NONAPOLOGY, STRONG, 0, "i regret that you"},
    {C_NONAPOLOGY, STRONG, 0, "my bad if"},
    {C_NONAPOLOGY, MID, 0, "i stand by"},
    {C_NONAPOLOGY, MID, 0, "say sorry if"},
    {C_NONAPOLOGY, MID, 0, "feelings got hurt"},
    {C_NONAPOLOGY, WEAK, 0, "wasnt my intention"},
    {C_NONAPOLOGY, MID, 0, "took it way|too|so personally"},
    {C_NONAPOLOGY, WEAK, 0, "sorry but you"},
    /* relationship-talk: "us" before it is time (silent at relationship-talk) */
    {C_RELATIONSHIP, STRONG, 0, "i|still miss you"},
    {C_RELATIONSHIP, STRONG, 0, "miss you so|more|every"},
    {C_RELATIONSHIP, STRONG, 0, "i|still love you"},
    {C_RELATIONSHIP, STRONG, 0, "want you back"},
    {C_RELATIONSHIP, STRONG, 0, "get|got|getting back together"},
    {C_RELATIONSHIP, STRONG, 0, "try again"},
    {C_RELATIONSHIP, STRONG, 0, "another go|try|shot"},
    {C_RELATIONSHIP, STRONG, 0, "us|it|this one more|last go|try|shot|chance"},
    {C_RELATIONSHIP, MID, 0, "we can fix this|us|it|things"},
    {C_RELATIONSHIP, STRONG, 0, "think|thinking|talk|talking about us"},
    {C_RELATIONSHIP, STRONG, 0, "love of my life"},
    {C_RELATIONSHIP, STRONG, 0, "meant to be"},
    {C_RELATIONSHIP, STRONG, 0, "soulmate*"},
    {C_RELATIONSHIP, STRONG, 0, "what we had"},
    {C_RELATIONSHIP, STRONG, 0, "be us again"},
    {C_RELATIONSHIP, STRONG, 0, "picturing|imagining|dreaming us"},
    {C_RELATIONSHIP, STRONG, 0, "us together again"},
    {C_RELATIONSHIP, MID, 0, "do you feel it|this|the same too?"},
    {C_RELATIONSHIP, STRONG, 0, "why did we end|break"},
    {C_RELATIONSHIP, MID, 0, "miss you|us"},
    {C_RELATIONSHIP, MID, 0, "make it work"},
    {C_RELATIONSHIP, MID, 0, "everything reminds me of you"},
    {C_RELATIONSHIP, MID, 0, "make this|us work"},
    {C_RELATIONSHIP, WEAK, 0, "one more time"},
    {C_RELATIONSHIP, MID, 0, "just friends"},
    {C_RELATIONSHIP, MID, 0, "we never happened"},
    {C_RELATIONSHIP, MID, 0, "do you ever think about|of us|me|what|how|when|it|that|the|our"},
    {C_RELATIONSHIP, MID, 0, "why are we pretending"},
    {C_RELATIONSHIP, MID, 0, "just friendship"},
    {C_RELATIONSHIP, WEAK, 0, "where|what we used to"},
    {C_RELATIONSHIP, WEAK, 0, "so much fun together"},
    {C_RELATIONSHIP, WEAK, 0, "every time we"},
    {C_RELATIONSHIP, STRONG, 0, "end up together"},
    {C_RELATIONSHIP, STRONG, 0, "be a thing again"},
    {C_RELATIONSHIP, STRONG, 0, "still have|got feelings"},
    {C_RELATIONSHIP, MID, 0, "feelings for you"},
    {C_RELATIONSHIP, STRONG, 0, "you as mine"},
    {C_RELATIONSHIP, WEAK, 0, "is|are about you"},
    {C_RELATIONSHIP, MID, 0, "we were so good|happy|great|perfect"},
    {C_RELATIONSHIP, MID, 0, "work|give up on us"},
    {C_RELATIONSHIP, MID, 0, "chance|future for us"},
    {C_RELATIONSHIP, MID, 0, "we looked so"},
    {C_RELATIONSHIP, WEAK, 0, "us again"},
    /* flirting: pet names, late-night invitations, hints (silent at relationship-talk) */
    {C_FLIRTING, STRONG, CUE_ALONE, "you|are up"},
    {C_FLIRTING, STRONG, CUE_ALONE, "are you up"},
    {C_FLIRTING, STRONG, 0, "miss your lips|body|kiss|kisses|touch"},
    {C_FLIRTING, STRONG, CUE_OPENING, PET_NAMES},
    {C_FLIRTING, STRONG, CUE_OPENING, "hey|hi|morning|night " PET_NAMES},
    {C_FLIRTING, STRONG, 0, "good morning|night " PET_NAMES},
    {C_FLIRTING, MID, 0, "you looked so? hot|sexy"},
    {C_FLIRTING, MID, 0, "thinking about|of that night"},
    {C_FLIRTING, MID, 0, "wyd"},
    {C_FLIRTING, MID, 0, "dreamt|dreamed|dreaming about|of you"},
    {C_FLIRTING, MID, 0, "kissing|kiss|touching|holding you"},
    {C_FLIRTING, MID, 0, "u|you free tonight"},
    {C_FLIRTING, MID, 0, "my favourite|favorite person"},
    {C_FLIRTING, WEAK, 0, "been thinking about you"},
};
#define NCUES (sizeof(cues) / sizeof(cues[0]))

/* Emoji that carry a category on their own. */
static const struct {
  const char *utf8;
  int cat;
  double share;
} emoji_cues[] = {
    {"\xF0\x9F\x99\x84", C_HOSTILITY, MID}, /* face with rolling eyes */
    {"\xF0\x9F\x98\xA1", C_HOSTILITY, WEAK}, /* pouting face */
    {"\xF0\x9F\x96\x95", C_HOSTILITY, STRONG}, /* middle finger */
    {"\xF0\x9F\x98\x8F", C_FLIRTING, STRONG}, /* smirking face */
    {"\xF0\x9F\x98\x98", C_FLIRTING, STRONG}, /* face blowing a kiss */
    {"\xF0\x9F\x98\x89", C_FLIRTING, MID}, /* winking face */
    {"\xF0\x9F\x94\xA5", C_FLIRTING, MID}, /* fire */
    {"\xF0\x9F\x91\x80", C_FLIRTING, WEAK}, /* eyes */
    {"\xF0\x9F\x92\x8B", C_FLIRTING, STRONG}, /* kiss mark */
    {"\xF0\x9F\x98\x88", C_FLIRTING, MID}, /* smiling face with horns */
};

/* The cost of the cues (or findings) of each category. The strongest
 * counts in full, the next half, the next a quarter: repeating one point
 * does not pile up without end. Adding an item never lowers the sum: the
 * new item is at least as large as every item it pushes down a place. */
struct hits {
  double v[NCAT][8];
  size_t n[NCAT];
};

static void hit(struct hits *h, int cat, double points) {
  size_t *n = &h->n[cat];
  if (*n < 8) {
    h->v[cat][(*n)++] = points;
    return;
  }
  size_t low = 0; /* full: keep the eight largest */
  for (size_t k = 1; k < 8; k++)
    if (h->v[cat][k] < h->v[cat][low])
      low = k;
  if (points > h->v[cat][low])
    h->v[cat][low] = points;
}

static int by_desc(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x < y) - (x > y);
}

static double hits_cost(struct hits *h, int cat) {
  qsort(h->v[cat], h->n[cat], sizeof(double), by_desc);
  double s = 0;
  for (size_t k = 0; k < h->n[cat]; k++)
    s += ldexp(h->v[cat][k], -(int)k);
  return s;
}

/* Shouted words are see-through for the "opens a sentence" and "is the
 * whole sentence" tests, so adding "SERIOUSLY" beside "whatever." cannot
 * hide it: capitals may cost, never save. */
static bool sentence_start(const struct toks *ts, size_t i) {
  while (i > 0 && ts->t[i - 1].sent == ts->t[i].sent && ts->t[i - 1].caps)
    i--;
  return i == 0 || ts->t[i - 1].sent != ts->t[i].sent;
}

static bool sentence_rest_empty(const struct toks *ts, size_t end, size_t sent) {
  while (end < ts->n && ts->t[end].sent == sent && ts->t[end].caps)
    end++;
  return end >= ts->n || ts->t[end].sent != sent;
}

/* Laughter in a sentence ("lol", "haha", a laughing face) marks the
 * exaggeration in it as a joke: "your fault I'm addicted to that show 😂". */
static const char *const laughs[] = {"lol", "lmao", "haha", "hahaha", "hehe", "rofl", NULL};
static const char *const laugh_emoji[] = {"\xF0\x9F\x98\x82", "\xF0\x9F\xA4\xA3",
                                          "\xF0\x9F\x98\x85", "\xF0\x9F\x98\x86",
                                          "\xF0\x9F\x98\x84", NULL};

static bool sentence_laughs(const struct toks *ts, const struct draft *d, size_t at) {
  size_t sent = ts->t[at].dsent, first = at, last = at;
  /* tokens are in text order, so a sentence's tokens sit side by side */
  while (first > 0 && ts->t[first - 1].dsent == sent)
    first--;
  while (last + 1 < ts->n && ts->t[last + 1].dsent == sent)
    last++;
  for (size_t i = first; i <= last; i++)
    if (is_word(ts->t[i].w, laughs))
      return true;
  if (sent >= d->nsent)
    return false;
  /* the laughing face may stand just past the sentence's last word */
  size_t from = d->sent[sent].start;
  size_t to = sent + 1 < d->nsent ? d->sent[sent + 1].start : d->norm_len;
  for (size_t j = from; j + 4 <= to; j++)
    for (size_t k = 0; laugh_emoji[k]; k++)
      if (memcmp(d->norm + j, laugh_emoji[k], 4) == 0)
        return true;
  return false;
}

/* Categories a joke takes the edge off; contempt and threats stay as they are. */
static bool softened_by_laughter(int cat) {
  return cat == C_BLAME || cat == C_BEGGING || cat == C_DESPERATION || cat == C_PRESSURE ||
         cat == C_GUILT;
}

/* The bytes the first word of PAT can start with: a cheap test that spares
 * match_at() most tokens. All of them when the first item is not a plain
 * list of words ("~", "$", "!", "_", an optional word, an empty choice). */
static void first_bytes(const char *pat, bool set[256]) {
  while (*pat == ' ')
    pat++;
  size_t n = strcspn(pat, " ");
  bool plain = n > 0 && !strchr("~$!_", pat[0]) && pat[n - 1] != '?' && pat[n - 1] != '|';
  for (int c = 0; c < 256; c++)
    set[c] = !plain;
  for (size_t k = 0; plain && k < n; k++) {
    bool starts = k == 0 || pat[k - 1] == '|';
    if (!starts)
      continue;
    if (pat[k] == '|' || pat[k] == '*') { /* an empty choice or a bare wildcard */
      for (int c = 0; c < 256; c++)
        set[c] = true;
      return;
    }
    set[(unsigned char)pat[k]] = true;
  }
}

static void find_cues(const struct toks *ts, const struct draft *d, exl_stage stage,
                      struct hits *h) {
  for (size_t c = 0; c < NCUES; c++) {
    const struct cue *q = &cues[c];
    if (stage == EXL_STAGE_RELATIONSHIP && (q->cat == C_RELATIONSHIP || q->cat == C_FLIRTING))
      continue; /* both are fine once the two are openly talking about it */
    bool first[256];
    first_bytes(q->phrase, first);
    for (size_t i = 0; i < ts->n; i++) {
      size_t end;
      if (!first[(unsigned char)ts->t[i].w[0]])
        continue;
      if ((q->flags & (CUE_OPENING | CUE_ALONE)) && !sentence_start(ts, i))
        continue;
      if (!match_at(ts, i, ts->t[i].sent, q->phrase, &end))
        continue;
      if (!(q->flags & CUE_NONEG) && negated(ts, i))
        continue;
      if ((q->flags & CUE_ALONE) && !sentence_rest_empty(ts, end, ts->t[i].sent))
        continue;
      double p = cats[q->cat].price * q->share;
      /* VADER-style emphasis: an intensifier before, or capitals on, the cue */
      bool loud = i > 0 && ts->t[i - 1].sent == ts->t[i].sent &&
                  is_word(ts->t[i - 1].w, intensifiers);
      for (size_t k = i; k < end; k++)
        loud |= ts->t[k].caps;
      if (softened_by_laughter(q->cat) && sentence_laughs(ts, d, i))
        p *= 0.5;
      hit(h, q->cat, loud ? p * 1.25 : p);
    }
  }
  /* apologies piling up: the third sorry costs a quarter of the price,
   * every further one another quarter, up to the full price */
  size_t sorries = 0;
  for (size_t i = 0; i < ts->n; i++)
    sorries += strcmp(ts->t[i].w, "sorry") == 0 || strncmp(ts->t[i].w, "apologi", 7) == 0;
  if (sorries >= 3)
    hit(h, C_OVERAPOLOGY, cats[C_OVERAPOLOGY].price * fmin(1.0, 0.25 * (double)(sorries - 2)));
  for (size_t e = 0; e < sizeof(emoji_cues) / sizeof(emoji_cues[0]); e++) {
    if (stage == EXL_STAGE_RELATIONSHIP && emoji_cues[e].cat == C_FLIRTING)
      continue;
    for (const char *p = d->norm; (p = strstr(p, emoji_cues[e].utf8)) != NULL; p += 4)
      hit(h, emoji_cues[e].cat, cats[emoji_cues[e].cat].price * emoji_cues[e].share);
  }
}

/* A draft that is nothing but a greeting: a greeting word, perhaps a filler
 * ("hey you", "so... hi"), and nothing to answer. */
static const char *const greetings[] = {"hey",   "hi",    "hello",   "yo",      "sup",
                                        "hiya",  "heya",  "howdy",   "oi",      "wassup",
                                        "knock", "whatsup", "morning", "evening", "afternoon",
                                        NULL};
static const char *const fillers[] = {"you", "so", "there", "stranger", "um", "uh", "oh", "good",
                                      "again", "ok", "well", "knock", "its", "me", "been", "a",
                                      "while", "long", "time", "no", "see", "speak", "talk", NULL};

/* W equals one of LIST once doubled letters are squeezed ("heyy", "hii"). */
static bool squeezed_in(const char *w, const char *const *list) {
  char a[TOKW], b[TOKW];
  size_t n = 0;
  for (size_t i = 0; w[i] && n + 1 < TOKW; i++)
    if (n == 0 || a[n - 1] != w[i])
      a[n++] = w[i];
  a[n] = '\0';
  for (size_t k = 0; list[k]; k++) {
    size_t m = 0;
    for (size_t i = 0; list[k][i] && m + 1 < TOKW; i++)
      if (m == 0 || b[m - 1] != list[k][i])
        b[m++] = list[k][i];
    b[m] = '\0';
    if (strcmp(a, b) == 0)
      return true;
  }
  return false;
}

static bool bare_greeting(const struct toks *ts) {
  size_t greet = 0, plain = 0;
  for (size_t i = 0; i < ts->n; i++) {
    bool g = squeezed_in(ts->t[i].w, greetings);
    if (!g && !squeezed_in(ts->t[i].w, fillers) && !ts->t[i].caps)
      return false; /* real content; shouted words are not content */
    greet += g;
    plain += !ts->t[i].caps;
  }
  return greet > 0 && plain <= 5;
}

/* ---- intensity ------------------------------------------------------- */

/* Short all-capital words that are names of things, not shouting. */
static const char *const acronyms[] = {
    "ok", "dmv", "id", "tv", "usa", "uk", "us", "pta", "gp", "er", "atm", "pm", "am", "pdf",
    "nhs", "irs", "hr", "ceo", "asap", "lol", "omg", "fyi", "btw", "tbh", "diy", "bbq", "dj",
    "mri", "icu", "ssn", "dm", "nyc", "la", "uni", "gcse", "sat", "act", "ged", "tax", NULL};

static bool is_emoji(unsigned cp) {
  return (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF);
}

static double punctuation_heat(const struct draft *d) {
  double h = 0;
  size_t bangs = 0, run = 0, emoji_run = 0, emoji = 0;
  for (size_t i = 0; i < d->norm_len;) {
    char c = d->norm[i];
    if (c == '!' || c == '?') {
      bangs += c == '!';
      run++;
      if (run >= 2)
        h += 2.5; /* "!!" and "??" count, and every further mark */
      i++;
      continue;
    }
    run = 0;
    size_t len = utf8_seq_len((const unsigned char *)d->norm + i, d->norm_len - i);
    if (len == 0)
      len = 1;
    unsigned cp = (unsigned char)c;
    if (len > 1)
      cp = utf8_decode((const unsigned char *)d->norm + i, NULL);
    if (is_emoji(cp)) {
      emoji++;
      if (++emoji_run >= 3)
        h += 3; /* a flood: the third in a row and on */
    } else if (cp != 0xFE0F && cp != 0x200D && !isspace((unsigned char)c)) {
      emoji_run = 0;
    }
    i += len;
  }
  if (bangs > 2)
    h += 1.5 * (double)(bangs - 2);
  if (emoji > 3)
    h += (double)(emoji - 3);
  return h;
}

static double word_heat(const struct toks *ts) {
  double h = 0;
  size_t caps = 0;
  for (size_t i = 0; i < ts->n; i++) {
    const struct tok *t = &ts->t[i];
    if (t->caps && strlen(t->w) >= 2 && !is_word(t->w, acronyms)) {
      /* one capitalised word is emphasis; a shouted phrase is more */
      bool run = i > 0 && ts->t[i - 1].caps && ts->t[i - 1].sent == t->sent;
      h += caps++ == 0 ? 4 : run ? 3 : 4;
    }
    if (t->stretched && strlen(t->w) >= 2)
      h += 5;
  }
  return h;
}

/* ---- questions and kindness ------------------------------------------- */

static size_t question_sentences(const struct draft *d) {
  size_t q = 0;
  for (size_t i = 0; i < d->nsent; i++)
    q += memchr(d->norm + d->sent[i].start, '?', d->sent[i].end - d->sent[i].start) != NULL;
  return q;
}

/* How a plain request is put: "can you", "would it work", "want me to". */
static const char *const asks[] = {
    "can|could|would|will you", "can|could|shall|should i|we", "want|like me to",
    "do|did|would you still? want|need|have|mind|know|remember", "does|would|will _ work|suit",
    "is|would that|it ok|okay|alright|fine", "any chance", "what|which time|day|works", NULL};

/* A clear single ask: a short note with exactly one question, put as a
 * request ("could you send the form?"), not as a demand or a why. */
static bool single_ask(const struct toks *ts, const struct draft *d) {
  if (question_sentences(d) != 1 || ts->n > 60)
    return false;
  size_t qs = 0;
  while (qs < d->nsent &&
         !memchr(d->norm + d->sent[qs].start, '?', d->sent[qs].end - d->sent[qs].start))
    qs++;
  bool ask = false;
  for (size_t i = 0; i < ts->n; i++) {
    size_t end;
    if (ts->t[i].dsent != qs)
      continue;
    if (strcmp(ts->t[i].w, "why") == 0)
      return false; /* "why would you..." is not a request */
    for (size_t k = 0; asks[k] && !ask; k++)
      ask = match_at(ts, i, qs, asks[k], &end);
  }
  return ask;
}

/* Each group is one kind of good sign; a draft earns each kind once. */
static const char *const *const kind_signals[] = {
    /* well-wishes */
    (const char *const[]){"hope you|youre|your|work|works|the|things|everything|it|its|all|yours",
                          "good luck", "take care", "congrats|congratulations", "well done",
                          "happy birthday|graduation|holidays|new|diwali|eid|easter|thanksgiving",
                          "happy hanukkah|christmas|anniversary|retirement|mothers|fathers",
                          "merry", "proud of you", "all the best", "best wishes",
                          "sending love|hugs", "sorry to hear", "thinking of you and",
                          "im|so|really glad", "nice one", "lovely|brilliant|wonderful news",
                          "say hi to", "have a great|good|lovely|nice day|weekend|trip|time", NULL},
    /* no pressure */
    (const char *const[]){"no pressure", "take your time", "no rush",
                          "no need to reply|respond|answer",
                          "dont need a reply|an answer", "whenever you|works|suits",
                          "whatever works|suits", "if you want|like|prefer|ever want", "only if",
                          "totally|completely|also fine", "if not", "no worries",
                          "if thats easier", "open to", "up to you", "i understand if",
                          "if that still works", "when you get a chance|sec|moment",
                          "no need to", "dont need to reply|answer|respond|meet", NULL},
    /* a light shared memory */
    (const char *const[]){"reminded me of", "made me think of", "looked|looks just|exactly like",
                          "thought of you", "made me smile|laugh", "you were right about",
                          "you kept recommending", "thought youd like to know", NULL},
    /* a practical note: the everyday business two people still share */
    (const char *const[]){
        "pickup|pick-up|dropoff|handover|appointment|dentist|doctor|vet|school|daycare|nursery",
        "bill|bills|rent|deposit|lease|landlord|insurance|tax|taxes|invoice|receipt|refund",
        "form|forms|paperwork|documents|passport|keys|key|package|parcel|mail|letter|letters",
        "schedule|calendar|homework|practice|recital|permission|uniform|inhaler|meds|medicine",
        "monday|tuesday|wednesday|thursday|friday|saturday|sunday", NULL},
    /* owning one's part, gratitude */
    (const char *const[]){"i can see how my", "my part", "that|thats|its|was on me", "i was wrong",
                          "my fault", "i take responsibility", "i own that|it|my|up",
                          "working on it|myself|my|that|this", "im learning",
                          "wasnt fair", "wasnt okay|ok|right|kind|fair of me",
                          "i was rude|unfair|unkind|harsh", "out of line", "i shouldnt have",
                          "you didnt deserve",
                          "ill try to", "seeing someone about", "no excuses", "make excuses",
                          "thank you|thanks", "youre right", NULL},
};
#define NSIGNALS (sizeof(kind_signals) / sizeof(kind_signals[0]))

static int kindness(const struct toks *ts, const struct draft *d) {
  int kinds = 0;
  for (size_t g = 0; g < NSIGNALS; g++) {
    bool found = false;
    for (size_t i = 0; i < ts->n && !found; i++)
      for (size_t k = 0; kind_signals[g][k] && !found; k++) {
        size_t end;
        found = match_at(ts, i, ts->t[i].sent, kind_signals[g][k], &end);
      }
    kinds += found;
  }
  kinds += single_ask(ts, d);
  return kinds * KIND_STEP > KIND_MAX ? KIND_MAX : kinds * KIND_STEP;
}

/* ---- assembly -------------------------------------------------------- */

static void add(exl_result *res, const char *name, int delta) {
  if (delta == 0 || res->tone.ncomponents >= TONE_MAX_COMPONENTS)
    return;
  res->comps[res->tone.ncomponents++] = (exl_tone_component){name, delta};
}

static int category_index(const char *cat) {
  for (size_t i = 0; i < NCAT; i++)
    if (strcmp(cats[i].id, cat) == 0)
      return (int)i;
  return -1;
}

/* What the findings cost, per category: the heaviest in full, the next
 * half, and so on (the same sum as the cues, so one more finding can only
 * add, wherever it stands in the draft). */
static void finding_costs(const exl_result *res, struct hits *fh, double *cost, bool *safety) {
  for (size_t i = 0; i < res->nf; i++) {
    const exl_finding *f = &res->f[i];
    int c = category_index(f->category);
    if (c < 0)
      continue;
    hit(fh, c, cats[c].price * severity_factor[f->severity]);
    *safety |= c == C_SAFETY;
  }
  for (size_t c = 0; c < NCAT; c++)
    cost[c] = hits_cost(fh, (int)c);
}

void tone_compute(exl_result *res) {
  double cost[NCAT] = {0}, cue[NCAT] = {0};
  bool safety = false, warned = false;
  for (size_t i = 0; i < res->nf; i++)
    warned |= res->f[i].severity >= EXL_WARNING;
  struct hits fh = {0};
  finding_costs(res, &fh, cost, &safety);

  double questions = 0;
  int kind = 0;
  struct toks ts = {0};
  struct hits h = {0};
  if (tokenize(&res->d, &ts)) {
    find_cues(&ts, &res->d, res->stage, &h);
    for (size_t c = 0; c < NCAT; c++)
      cue[c] = hits_cost(&h, (int)c);
    if (bare_greeting(&ts))
      cue[C_VAGUE] = cats[C_VAGUE].price;
    cue[C_INTENSITY] = fmin(INTENSITY_MAX, punctuation_heat(&res->d) + word_heat(&ts));
    double over = (double)res->d.nwords - length_budget[res->stage];
    cue[C_WALL] = over > 0 ? fmin(cats[C_WALL].price, 8 + over / 5) : 0;
    size_t q = question_sentences(&res->d);
    questions = q > 2 ? fmin(12, 3.0 * (double)(q - 2)) : 0;
    kind = kindness(&ts, &res->d);
  }
  free(ts.t);

  res->tone.ncomponents = 0;
  res->comps[res->tone.ncomponents++] = (exl_tone_component){"base", BASE};
  double group_cost[8] = {0}, total = 0;
  for (size_t c = 0; c < NCAT; c++) {
    double v = fmax(cost[c], cue[c]);
    int d = (int)lround(v);
    add(res, cats[c].id, -d);
    group_cost[cats[c].group] += d;
    total += d;
  }
  int qd = (int)lround(questions);
  add(res, "questions", -qd);
  group_cost[G_ANXIOUS] += qd;
  total += qd;
  int net_kind = kind - (int)total > 0 ? kind - (int)total : 0;
  add(res, "kindness", net_kind);

  int sum = 0;
  for (size_t i = 0; i < res->tone.ncomponents; i++)
    sum += res->comps[i].delta;
  if (sum < 0)
    add(res, "floor", -sum);
  else if (sum > 100)
    add(res, "ceiling", 100 - sum);
  res->tone.score = sum < 0 ? 0 : sum > 100 ? 100 : sum;

  /* The label names the heaviest problem; a draft with no warning and only
   * small costs is calm, or warm when it carries a kind sign. */
  int group = net_kind > 0 ? G_WARM : G_CALM;
  if (warned || total >= 10) {
    group = G_ANXIOUS;
    for (int g = G_ANXIOUS + 1; g < G_CRISIS; g++)
      if (group_cost[g] > group_cost[group])
        group = g;
  }
  if (safety || cue[C_SAFETY] > 0)
    group = G_CRISIS;
  res->tone.label = labels[group];
  res->tone.components = res->comps;
}
