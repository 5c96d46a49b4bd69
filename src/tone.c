/* tone.c - the tone score: one number for the whole draft, with the reasons
 * behind it.
 *
 *   weight = max(sum of problem costs + intensity + questions,
 *                heavy words, word evidence)
 *   score  = clamp(BASE - weight + max(0, kindness - weight), 0, 100)
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
 * draft but cannot buy back a problem. docs/TONE.md has the whole account.
 *
 * Speed: the phrase lists are text for people to read and edit. They are
 * compiled into items over interned word ids, indexed by the word each
 * phrase starts with, so a draft is read in one pass and each word tries
 * only the few phrases that can start there. The build compiles them
 * (src/gen/tone_tables.c runs tab_build() and prints the table as C, which
 * this file includes with TONE_TABLES defined), so a run neither builds
 * the table nor touches the pages it would fill; without TONE_TABLES the
 * table is built on first use. */
#include "tone.h"

#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learned.h"
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

/* The laughing faces (the laughing words are below). */
static const char *const laugh_emoji[] = {"\xF0\x9F\x98\x82", "\xF0\x9F\xA4\xA3",
                                          "\xF0\x9F\x98\x85", "\xF0\x9F\x98\x86",
                                          "\xF0\x9F\x98\x84", NULL};

/* ---- small word lists ------------------------------------------------- */

/* Read only by the table's builder (see "the compiled phrase table"), like
 * the asks further down. */
#ifndef TONE_TABLES

/* Texting spellings read as the words they stand for. */
static const char *const canon[][2] = {
    {"u", "you"},       {"ya", "you"},      {"ur", "your"},     {"yr", "your"},
    {"r", "are"},       {"pls", "please"},  {"plz", "please"},  {"plss", "please"},
    {"cuz", "because"}, {"coz", "because"}, {"bc", "because"},  {"rly", "really"},
    {"thx", "thanks"},  {"luv", "love"},    {"wanna", "want"},  {"gonna", "going"},
    {"srsly", "seriously"},
};

static const char *const negators[] = {"not",   "never", "no",    "dont",   "wont",  "cant",
                                       "didnt", "isnt",  "wasnt", "arent",  "aint",  "doesnt",
                                       "stop",  "quit",  "refuse", "havent", "hardly", NULL};

/* Words that open a new clause: a negator before them is about another
 * verb ("she doesn't know what you did to me"). */
static const char *const clause_words[] = {"what", "that", "who", "which", "because", "but",
                                           "and", "if", "when", "how", "why", "so", NULL};

static const char *const intensifiers[] = {
    "so",         "really",  "very",   "extremely", "totally", "literally", "seriously",
    "absolutely", "fucking", "truly",  "insanely",  "super",   "completely", "desperately",
    "honestly",   "such",    "always", NULL};

/* Laughter in a sentence ("lol", "haha", a laughing face) marks the
 * exaggeration in it as a joke: "your fault I'm addicted to that show 😂". */
static const char *const laughs[] = {"lol", "lmao", "haha", "hahaha", "hehe", "rofl", NULL};

/* Short all-capital words that are names of things, not shouting. */
static const char *const acronyms[] = {
    "ok", "dmv", "id", "tv", "usa", "uk", "us", "pta", "gp", "er", "atm", "pm", "am", "pdf",
    "nhs", "irs", "hr", "ceo", "asap", "lol", "omg", "fyi", "btw", "tbh", "diy", "bbq", "dj",
    "mri", "icu", "ssn", "dm", "nyc", "la", "uni", "gcse", "sat", "act", "ged", "tax", NULL};

/* A draft that is nothing but a greeting: a greeting word, perhaps a filler
 * ("hey you", "so... hi"), and nothing to answer. Compared with doubled
 * letters squeezed ("heyy", "hii"). */
static const char *const greetings[] = {"hey",   "hi",    "hello",   "yo",      "sup",
                                        "hiya",  "heya",  "howdy",   "oi",      "wassup",
                                        "knock", "whatsup", "morning", "evening", "afternoon",
                                        NULL};
static const char *const fillers[] = {"you", "so", "there", "stranger", "um", "uh", "oh", "good",
                                      "again", "ok", "well", "knock", "its", "me", "been", "a",
                                      "while", "long", "time", "no", "see", "speak", "talk", NULL};

/* Heavy words: hurt, blame, contempt, despair, watching, written the way
 * people text them. None is a finding on its own, and many have an
 * innocent use; several in one draft are the weight a friend notices
 * when no rule has named the problem ("I haven't slept since you left,
 * hope the freedom was worth it"). Words with a common practical sense
 * ("sick", "late", "broke", "miss", "sorry") are left out. */
static const char *const heavy_words[] = {
    "hurt",        "hurts",       "hurting",     "cried",       "crying",      "tears",
    "sobbing",     "lonely",      "alone",       "abandoned",   "betrayed",    "betrayal",
    "lied",        "lies",        "liar",        "lying",       "cheated",     "cheating",
    "selfish",     "cruel",       "heartless",   "coward",      "pathetic",    "disgusting",
    "ignored",     "ignoring",    "ghosted",     "dumped",      "ruined",      "wrecked",
    "destroyed",   "wasted",      "regret",      "blame",       "blamed",      "fault",
    "owe",         "hate",        "hated",       "furious",     "bitter",      "miserable",
    "pointless",   "hopeless",    "worthless",   "desperate",   "begging",     "beg",
    "villain",     "victim",      "toxic",       "manipulative", "controlling", "narcissist",
    "gaslighting", "excuses",     "ultimatum",   "jealous",     "replaced",    "rebound",
    "heartbroken", "devastated",  "crushed",     "shattered",   "numb",        "unbearable",
    "suffering",   "agony",       "humiliated",  "disrespected", "useless",     "spineless",
    "immature",    "childish",    "ashamed",     "guilt",       "guilty",      "conscience",
    "karma",       "silence",     "stalking",    "spying",      "checked",     "watching",
    "unanswered",  "ignore",      "forgive",     "mistake",     "wreck",       "broken",
    "empty",       "nobody",      "worst",
    NULL};
#endif /* TONE_TABLES */

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

/* ---- good signs -------------------------------------------------------- */

/* How a plain request is put: "can you", "would it work", "want me to". */
#ifndef TONE_TABLES
static const char *const asks[] = {
    "can|could|would|will you", "can|could|shall|should i|we", "want|like me to",
    "do|did|would you still? want|need|have|mind|know|remember", "does|would|will _ work|suit",
    "is|would that|it ok|okay|alright|fine", "any chance", "what|which time|day|works", NULL};

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
_Static_assert(sizeof(kind_signals) / sizeof(kind_signals[0]) == 5, "NSIGNALS below");
#endif /* TONE_TABLES */
#define NSIGNALS 5 /* the groups of kind_signals */
/* ---- the compiled phrase table ---------------------------------------- */

/* A phrase is space-separated items matched against consecutive words of one
 * sentence: "a|b" alternatives, "x*" a prefix, "x?" an optional word, "!x"
 * a word that must not follow, "_" any one word, "~" up to three words, "$"
 * the end of the sentence. The lists above are compiled once per process
 * into the table below: every word they name is interned (an id), every
 * phrase becomes a run of items, and phrases are indexed by the words they
 * can start with. Everything lives in static storage sized for the lists
 * with room to spare; an assert guards each bound, so outgrowing one fails
 * every test at once instead of scoring quietly wrong. */

#define TOKW 24           /* a token's bytes, with the NUL; longer words are cut */
#define VOCAB_MAX 4096    /* distinct words, id 0 being "none of them" */
#define VOCAB_SLOTS 8192  /* open-addressing hash of the words, at most half full */
#define WORDID_MAX 8192   /* word ids named by items, all items together */
#define PREFIX_MAX 64     /* "x*" alternatives */
#define ITEM_MAX 4096
#define PHRASE_MAX 1024
#define BUCKET_MAX 8192
#define PAIR_SLOTS 16384  /* (item, word) pairs of the long alternations, at most half full */
#define LONG_ALTS 4       /* alternations longer than this are looked up, not scanned */
#define SQUEEZED_MAX 64
#define PAIR_ENTRY_MAX 8192 /* (first word, second word, phrase) in the two-word index */
#define TWO_SLOTS 8192      /* its hash of word pairs, at most half full */
_Static_assert(ITEM_MAX <= 4096 && VOCAB_MAX <= 4096, "a pair key is 12 + 12 bits");

/* What a byte is, for the tokenizer and the punctuation count. */
enum {
  B_ALNUM = 1, B_SPACE = 2, B_MARK = 4 /* ! or ? */, B_HIGH = 8 /* not ASCII */,
  B_UPPER = 16, B_LOWER = 32
};

/* What a word is beyond its spelling: membership of the small lists. */
enum {
  W_NEGATOR = 1, W_CLAUSE = 2, W_INTENSIFIER = 4, W_LAUGH = 8, W_ACRONYM = 16,
  W_GREETING = 32, W_FILLER = 64, W_CANON = 128
};

/* A word as a token holds it: its bytes, then zeros up to TOKW, so two
 * words compare (and hash) as three 64-bit loads. */
struct key {
  unsigned char b[TOKW];
};

struct vword {
  struct key key;
  unsigned char len, flags;
  bool heavy; /* one of heavy_words */
  unsigned short canon; /* W_CANON: the id of the word it reads as */
};

struct prefix {
  const char *s; /* "x*" without the star; points into a static list */
  unsigned char len;
  unsigned short phrase; /* for the index: the phrase that can start here */
};

enum item_kind { IT_WORDS, IT_ANY, IT_OPT, IT_NOT, IT_GAP, IT_END };

struct item {
  unsigned char kind;
  bool looked_up;          /* its words are in the pair set, too many to scan */
  unsigned short ids, nids; /* whole words: tab.ids[ids .. ids + nids) */
  unsigned short pre, npre; /* prefixes: tab.prefix[pre .. pre + npre) */
};

/* One phrase under one pair of first words, in the two-word index. */
struct pair_entry {
  unsigned key; /* W1 << 12 | W2 */
  unsigned short phrase;
};

/* Which list a phrase came from, and its place there. */
enum { SET_CUE, SET_KIND, SET_ASK };

struct phrase {
  unsigned short item, nitem;
  unsigned char set;
  unsigned short index; /* the cue, the kindness group or the ask */
};

struct tone_tab {
  struct vword word[VOCAB_MAX];
  size_t nwords;
  unsigned short slot[VOCAB_SLOTS];
  unsigned short ids[WORDID_MAX];
  size_t nids;
  struct prefix prefix[PREFIX_MAX];
  size_t nprefix;
  unsigned pair[PAIR_SLOTS]; /* item << 12 | word id, plus one; 0 is empty */
  size_t npairs;
  struct item item[ITEM_MAX];
  size_t nitem;
  struct phrase phrase[PHRASE_MAX];
  size_t nphrase;
  size_t ask_first, nasks;
  /* phrases that can start at word id W: bucket[bucket_at[W] .. bucket_at[W + 1]) */
  unsigned short bucket_at[VOCAB_MAX + 1];
  unsigned short bucket[BUCKET_MAX];
  /* phrases that start with two lists of whole words, by the two words:
   * pair_at[slot of (W1, W2)] gives where their run in pairs[] starts */
  struct pair_entry pairs[PAIR_ENTRY_MAX];
  size_t npairs_indexed;
  unsigned two[TWO_SLOTS];      /* W1 << 12 | W2, plus one; 0 is empty */
  unsigned short two_at[TWO_SLOTS], two_n[TWO_SLOTS];
  /* phrases that can start at a word with one of these prefixes */
  struct prefix start_prefix[PREFIX_MAX];
  size_t nstart_prefix;
  bool prefix_byte[256]; /* the first bytes of those prefixes */
  /* phrases that can start anywhere ("_", "~" or "$" first) */
  unsigned short wild[PHRASE_MAX];
  size_t nwild;
  char squeezed[SQUEEZED_MAX][TOKW]; /* greetings and fillers, doubled letters squeezed */
  size_t nsqueezed;
  unsigned short id_no, id_why, id_sorry;
  unsigned char byte_class[256]; /* the last field: src/gen/tone_tables.c prints them all */
};

#ifdef TONE_TABLES
#include "tone_tables.h" /* static const struct tone_tab tab, from the build */
#else
static struct tone_tab tab;
static pthread_once_t tab_once = PTHREAD_ONCE_INIT;
#endif

static struct key key_of(const char *s, size_t n) {
  struct key k = {{0}};
  memcpy(k.b, s, n < TOKW ? n : TOKW - 1);
  return k;
}

static unsigned key_hash(const struct key *k) {
  unsigned long long a, b, c;
  memcpy(&a, k->b, 8);
  memcpy(&b, k->b + 8, 8);
  memcpy(&c, k->b + 16, 8);
  return (unsigned)((a * 0x9E3779B97F4A7C15ull ^ b * 0xC2B2AE3D27D4EB4Full ^
                     c * 0x165667B19E3779F9ull) >> 40);
}

static bool key_eq(const struct key *x, const struct key *y) {
  unsigned long long a[3], b[3];
  memcpy(a, x->b, sizeof(a));
  memcpy(b, y->b, sizeof(b));
  return a[0] == b[0] && a[1] == b[1] && a[2] == b[2];
}

/* The id of word K, or 0 when no list names it. */
static unsigned short vocab_find_key(const struct key *k) {
  for (unsigned h = key_hash(k);; h++) {
    unsigned short id = tab.slot[h & (VOCAB_SLOTS - 1)];
    if (id == 0 || key_eq(&tab.word[id].key, k))
      return id;
  }
}

static unsigned short vocab_find(const char *s, size_t n) {
  struct key k = key_of(s, n);
  return vocab_find_key(&k);
}

/* Copy W into OUT with every run of a letter cut to one ("heyy" is "hey"). */
static size_t squeeze(const char *w, char out[TOKW]) {
  size_t n = 0;
  for (size_t i = 0; w[i] && n + 1 < TOKW; i++)
    if (n == 0 || out[n - 1] != w[i])
      out[n++] = w[i];
  out[n] = '\0';
  return n;
}

/* The pair set answers "does item I name word ID" in one probe: the slot
 * of tab.pair that holds the pair, or the empty one where it would go. */
static size_t pair_slot(size_t item, unsigned short id) {
  unsigned key = (unsigned)(item << 12 | id) + 1;
  for (unsigned h = (key * 2654435761u) >> 18;; h++) {
    size_t at = h & (PAIR_SLOTS - 1);
    if (tab.pair[at] == 0 || tab.pair[at] == key)
      return at;
  }
}

/* The slot of tab.two that holds word pair KEY, or the empty one where it
 * would go. */
static size_t two_slot(unsigned key) {
  for (unsigned h = ((key + 1) * 2654435761u) >> 19;; h++) {
    size_t at = h & (TWO_SLOTS - 1);
    if (tab.two[at] == 0 || tab.two[at] == key + 1)
      return at;
  }
}

/* Where the phrases that open with words W1 W2 are listed, or NULL. */
static const struct pair_entry *two_words(unsigned short w1, unsigned short w2, size_t *n) {
  size_t at = two_slot((unsigned)w1 << 12 | w2);
  if (tab.two[at] == 0)
    return NULL;
  *n = tab.two_n[at];
  return &tab.pairs[tab.two_at[at]];
}

#ifndef TONE_TABLES /* the builder: src/gen/tone_tables.c runs it at build time */

/* The id of the N bytes at S, interned if new. */
static unsigned short vocab_add(const char *s, size_t n) {
  assert(n < TOKW); /* a longer word could never equal a token, which is cut */
  struct key k = key_of(s, n);
  unsigned h = key_hash(&k);
  for (;; h++) {
    unsigned short id = tab.slot[h & (VOCAB_SLOTS - 1)];
    if (id == 0)
      break;
    if (key_eq(&tab.word[id].key, &k))
      return id;
  }
  assert(tab.nwords < VOCAB_MAX && 2 * tab.nwords < VOCAB_SLOTS);
  unsigned short id = (unsigned short)tab.nwords++;
  tab.word[id] = (struct vword){k, (unsigned char)n, 0, false, 0};
  tab.slot[h & (VOCAB_SLOTS - 1)] = id;
  return id;
}

static void mark_words(const char *const *list, unsigned char flag) {
  for (size_t k = 0; list[k]; k++)
    tab.word[vocab_add(list[k], strlen(list[k]))].flags |= flag;
}

static void mark_squeezed(const char *const *list, unsigned char flag) {
  for (size_t k = 0; list[k]; k++) {
    assert(tab.nsqueezed < SQUEEZED_MAX);
    char *s = tab.squeezed[tab.nsqueezed++];
    size_t n = squeeze(list[k], s);
    tab.word[vocab_add(s, n)].flags |= flag;
  }
}

/* The N bytes at S are "a|b|x*": whole words and prefixes. */
static void compile_alts(const char *s, size_t n, struct item *it) {
  it->ids = (unsigned short)tab.nids;
  it->pre = (unsigned short)tab.nprefix;
  for (;;) {
    const char *bar = memchr(s, '|', n);
    size_t m = bar ? (size_t)(bar - s) : n;
    if (m > 0 && s[m - 1] == '*') {
      assert(tab.nprefix < PREFIX_MAX && m - 1 < TOKW);
      tab.prefix[tab.nprefix++] = (struct prefix){s, (unsigned char)(m - 1), 0};
      it->npre++;
    } else {
      assert(tab.nids < WORDID_MAX);
      tab.ids[tab.nids++] = vocab_add(s, m);
      it->nids++;
    }
    if (!bar)
      break;
    n -= m + 1;
    s = bar + 1;
  }
  it->looked_up = it->nids > LONG_ALTS;
  for (size_t k = 0; it->looked_up && k < it->nids; k++) {
    size_t at = (size_t)(it - tab.item);
    unsigned *slot = &tab.pair[pair_slot(at, tab.ids[it->ids + k])];
    if (*slot == 0) {
      assert(2 * ++tab.npairs < PAIR_SLOTS);
      *slot = (unsigned)(at << 12 | tab.ids[it->ids + k]) + 1;
    }
  }
}

static void compile_phrase(const char *pat, unsigned char set, size_t index) {
  assert(tab.nphrase < PHRASE_MAX);
  struct phrase *ph = &tab.phrase[tab.nphrase++];
  *ph = (struct phrase){(unsigned short)tab.nitem, 0, set, (unsigned short)index};
  for (;;) {
    while (*pat == ' ')
      pat++;
    if (!*pat)
      return;
    size_t n = strcspn(pat, " ");
    assert(tab.nitem < ITEM_MAX);
    struct item *it = &tab.item[tab.nitem++];
    *it = (struct item){IT_WORDS, false, 0, 0, 0, 0};
    if (n == 1 && *pat == '~') {
      it->kind = IT_GAP;
    } else if (n == 1 && *pat == '$') {
      it->kind = IT_END;
    } else if (*pat == '!') {
      it->kind = IT_NOT;
      compile_alts(pat + 1, n - 1, it);
    } else if (pat[n - 1] == '?') {
      it->kind = IT_OPT;
      compile_alts(pat, n - 1, it);
    } else if (n == 1 && *pat == '_') {
      it->kind = IT_ANY;
    } else {
      compile_alts(pat, n, it);
    }
    ph->nitem++;
    pat += n;
  }
}

/* Does phrase P open with two lists of whole words? Then it goes into the
 * two-word index, and is tried only where both words are there. */
static bool two_word_start(const struct phrase *p) {
  if (p->nitem < 2)
    return false;
  const struct item *a = &tab.item[p->item], *b = a + 1;
  return a->kind == IT_WORDS && a->npre == 0 && b->kind == IT_WORDS && b->npre == 0;
}

static int by_key(const void *x, const void *y) {
  const struct pair_entry *a = x, *b = y;
  if (a->key != b->key)
    return a->key < b->key ? -1 : 1;
  return (a->phrase > b->phrase) - (a->phrase < b->phrase);
}

static void index_two_words(void) {
  for (size_t p = 0; p < tab.nphrase; p++) {
    const struct phrase *ph = &tab.phrase[p];
    if (ph->set == SET_ASK || !two_word_start(ph))
      continue;
    const struct item *a = &tab.item[ph->item], *b = a + 1;
    for (size_t i = 0; i < a->nids; i++)
      for (size_t j = 0; j < b->nids; j++) {
        assert(tab.npairs_indexed < PAIR_ENTRY_MAX);
        tab.pairs[tab.npairs_indexed++] = (struct pair_entry){
            (unsigned)tab.ids[a->ids + i] << 12 | tab.ids[b->ids + j], (unsigned short)p};
      }
  }
  qsort(tab.pairs, tab.npairs_indexed, sizeof(tab.pairs[0]), by_key);
  size_t out = 0, slots = 0;
  for (size_t k = 0; k < tab.npairs_indexed; k++) {
    if (out > 0 && by_key(&tab.pairs[out - 1], &tab.pairs[k]) == 0)
      continue; /* a word named twice in one list: the phrase is listed once */
    tab.pairs[out] = tab.pairs[k];
    size_t at = two_slot(tab.pairs[out].key);
    if (tab.two[at] == 0) {
      assert(2 * ++slots < TWO_SLOTS);
      tab.two[at] = tab.pairs[out].key + 1;
      tab.two_at[at] = (unsigned short)out;
    }
    tab.two_n[at]++;
    out++;
  }
  tab.npairs_indexed = out;
}

/* The index: where can phrase P start? At a word its first item names; an
 * optional first word adds the words of the item after it, and a "must not
 * follow" consumes nothing, so the item after it counts. A phrase that opens
 * with "_", "~" or "$" can start anywhere. Each phrase is listed once per
 * word, so it is tried at most once per position. */
static void index_phrase(size_t p, int pass, unsigned short *count, unsigned short *fill,
                         size_t *seen) {
  const struct phrase *ph = &tab.phrase[p];
  size_t j = 0;
  while (j < ph->nitem && (tab.item[ph->item + j].kind == IT_OPT ||
                           tab.item[ph->item + j].kind == IT_NOT))
    j++;
  if (j == ph->nitem || tab.item[ph->item + j].kind != IT_WORDS) {
    if (pass == 1)
      tab.wild[tab.nwild++] = (unsigned short)p;
    return;
  }
  for (size_t k = 0; k <= j; k++) {
    const struct item *it = &tab.item[ph->item + k];
    if (it->kind == IT_NOT)
      continue;
    for (size_t a = 0; a < it->nids; a++) {
      unsigned short id = tab.ids[it->ids + a];
      if (seen[id] == p + 1)
        continue;
      seen[id] = p + 1;
      if (pass == 0)
        count[id]++;
      else
        tab.bucket[fill[id]++] = (unsigned short)p;
    }
    for (size_t a = 0; pass == 1 && a < it->npre; a++) {
      assert(tab.nstart_prefix < PREFIX_MAX);
      struct prefix pre = tab.prefix[it->pre + a];
      pre.phrase = (unsigned short)p;
      tab.start_prefix[tab.nstart_prefix++] = pre;
      tab.prefix_byte[pre.len ? (unsigned char)pre.s[0] : 0] = true;
      if (pre.len == 0) /* a bare "*": any word */
        memset(tab.prefix_byte, 1, sizeof(tab.prefix_byte));
    }
  }
}

static void index_phrases(void) {
  static unsigned short count[VOCAB_MAX], fill[VOCAB_MAX];
  static size_t seen[VOCAB_MAX];
  for (int pass = 0; pass < 2; pass++) {
    memset(seen, 0, sizeof(seen));
    for (size_t p = 0; p < tab.nphrase; p++)
      if (tab.phrase[p].set != SET_ASK && !two_word_start(&tab.phrase[p]))
        index_phrase(p, pass, count, fill, seen); /* asks are tried only in the one question */
    if (pass == 0) { /* the counts become where each bucket starts */
      size_t total = 0;
      for (size_t id = 0; id < VOCAB_MAX; id++) {
        tab.bucket_at[id] = fill[id] = (unsigned short)total;
        total += count[id];
        assert(total <= BUCKET_MAX);
      }
      tab.bucket_at[VOCAB_MAX] = (unsigned short)total;
    }
  }
}

static void classify_bytes(void) {
  for (int c = 0; c < 256; c++) {
    bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    bool space = c == ' ' || (c >= '\t' && c <= '\r'); /* isspace() of the C locale */
    tab.byte_class[c] = (unsigned char)((alnum ? B_ALNUM : 0) | (space ? B_SPACE : 0) |
                                        (c == '!' || c == '?' ? B_MARK : 0) |
                                        (c >= 0x80 ? B_HIGH : 0) |
                                        (c >= 'A' && c <= 'Z' ? B_UPPER : 0) |
                                        (c >= 'a' && c <= 'z' ? B_LOWER : 0));
  }
}

static void tab_build(void) {
  classify_bytes();
  tab.nwords = 1; /* id 0: no word of the lists */
  mark_words(negators, W_NEGATOR);
  mark_words(clause_words, W_CLAUSE);
  mark_words(intensifiers, W_INTENSIFIER);
  mark_words(laughs, W_LAUGH);
  mark_words(acronyms, W_ACRONYM);
  mark_squeezed(greetings, W_GREETING);
  mark_squeezed(fillers, W_FILLER);
  for (size_t k = 0; heavy_words[k]; k++)
    tab.word[vocab_add(heavy_words[k], strlen(heavy_words[k]))].heavy = true;
  for (size_t k = 0; k < sizeof(canon) / sizeof(canon[0]); k++) {
    unsigned short from = vocab_add(canon[k][0], strlen(canon[k][0]));
    tab.word[from].flags |= W_CANON;
    tab.word[from].canon = vocab_add(canon[k][1], strlen(canon[k][1]));
  }
  tab.id_no = vocab_add("no", 2);
  tab.id_why = vocab_add("why", 3);
  tab.id_sorry = vocab_add("sorry", 5);
  for (size_t c = 0; c < NCUES; c++)
    compile_phrase(cues[c].phrase, SET_CUE, c);
  for (size_t g = 0; g < NSIGNALS; g++)
    for (size_t k = 0; kind_signals[g][k]; k++)
      compile_phrase(kind_signals[g][k], SET_KIND, g);
  tab.ask_first = tab.nphrase;
  for (size_t k = 0; asks[k]; k++)
    compile_phrase(asks[k], SET_ASK, k);
  tab.nasks = tab.nphrase - tab.ask_first;
  index_phrases();
  index_two_words();
}

#endif /* TONE_TABLES */

#ifndef TONE_GENERATOR /* the rest reads drafts; the generator only builds */

/* ---- tokens ---------------------------------------------------------- */

struct tok {
  char w[TOKW]; /* lowercase, apostrophes dropped, stretched runs collapsed */
  unsigned sent;  /* sentence for the cues: lines without end punctuation run on */
  unsigned dsent; /* the draft's own sentence index */
  unsigned short id; /* the word in the table, 0 when no list names it */
  unsigned char len, flags;
  bool caps; /* written in capitals (two letters or more) */
  bool stretched;
  bool opens;       /* only shouted words stand before it in its sentence */
  bool shouted_end; /* it and every word after it in its sentence are shouted */
};

/* Words side by side: one run-on sentence while the draft is read, or
 * the whole of a short draft. */
struct toks {
  struct tok *t;
  size_t n, cap;
};

/* The rest of a token once its bytes are in T->w[0..LEN): the word it is
 * in the table, read through texting spellings. */
static void tok_finish(struct tok *t, size_t len) {
  struct key k = {{0}}; /* the word, zero-padded, is its table key */
  memcpy(k.b, t->w, len);
  t->w[len] = '\0';
  t->id = vocab_find_key(&k);
  if (tab.word[t->id].flags & W_CANON) { /* a texting spelling: read the word */
    t->id = tab.word[t->id].canon;
    len = tab.word[t->id].len;
    memcpy(t->w, tab.word[t->id].key.b, TOKW);
  }
  t->len = (unsigned char)len;
  t->flags = tab.word[t->id].flags;
}

/* The token of word W: lowercase, apostrophes dropped, a letter repeated
 * three times or more kept once, cut to TOKW - 1 bytes. */
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
    bool up = c >= 'A' && c <= 'Z', low = c >= 'a' && c <= 'z';
    upper += up ? run : 0;
    lower += low ? run : 0;
    size_t keep = run;
    if (run >= 3 && (up || low)) {
      keep = 1; /* "pleeease" reads as "please", "heyyyy" as "hey" */
      t->stretched = true;
    }
    for (size_t k = 0; k < keep && o + 1 < TOKW; k++)
      t->w[o++] = (char)(up ? c + ('a' - 'A') : c);
    i += run;
  }
  t->caps = upper >= 2 && lower == 0;
  tok_finish(t, o);
}

/* tok_word() and draft_next_word() in one pass, for a word of plain ASCII
 * starting at I (a letter or digit): the common case, read byte by byte
 * once. False, having changed nothing the caller keeps, when the word holds
 * anything else; the caller then takes the general road. The library never
 * sets a locale, so the byte classes are exactly what isalnum() and friends
 * answer. */
static bool ascii_token(const char *s, size_t n, size_t i, struct tok *t, size_t *end) {
  size_t o = 0, upper = 0, lower = 0, run = 0, kept = 0;
  unsigned char prev = 0;
  t->stretched = false;
  for (; i < n; i++) {
    unsigned char c = (unsigned char)s[i], cls = tab.byte_class[c];
    if (cls & B_HIGH)
      return false;
    if (!(cls & B_ALNUM)) {
      if (c != '\'' || i + 1 >= n || !(tab.byte_class[(unsigned char)s[i + 1]] & (B_ALNUM | B_HIGH)))
        break;
      if ((unsigned char)s[i + 1] >= 0x80)
        return false;
      prev = 0; /* an inner apostrophe is dropped, and ends a run */
      continue;
    }
    upper += (cls & B_UPPER) != 0;
    lower += (cls & B_LOWER) != 0;
    if (c == prev) {
      run++;
    } else {
      prev = c;
      run = 1;
      kept = 0;
    }
    if (run >= 3 && (cls & (B_UPPER | B_LOWER))) { /* stretched: keep one */
      t->stretched = true;
      o -= kept > 1 ? kept - 1 : 0;
      kept = kept > 1 ? 1 : kept;
      continue;
    }
    if (o + 1 < TOKW) {
      t->w[o++] = (char)((cls & B_UPPER) ? c + ('a' - 'A') : c);
      kept++;
    }
  }
  *end = i;
  t->caps = upper >= 2 && lower == 0;
  tok_finish(t, o);
  return true;
}

/* Does draft sentence I end with . ! ? or an ellipsis? Texts often break a
 * thought over lines with no punctuation ("been thinking / about us"); such
 * a line runs on into the next for the cues. */
static bool ends_sentence(const struct draft *d, size_t i) {
  size_t e = d->sent[i].end;
  while (e > d->sent[i].start && (tab.byte_class[(unsigned char)d->norm[e - 1]] & B_SPACE))
    e--;
  if (e == d->sent[i].start)
    return true;
  char c = d->norm[e - 1];
  return c == '.' || c == '!' || c == '?' ||
         (e >= 3 && memcmp(d->norm + e - 3, "\xE2\x80\xA6", 3) == 0);
}

/* The draft's words, one at a time, in order. */
struct tokenizer {
  const struct draft *d;
  size_t from;  /* where the next word is looked for */
  size_t si;    /* the draft sentence being read */
  size_t run;   /* run-on sentences ended so far */
  size_t count; /* words read */
};

static bool next_token(struct tokenizer *z, struct tok *t) {
  const struct draft *d = z->d;
  const char *s = d->norm;
  size_t n = d->norm_len, i = z->from;
  if (z->count >= d->nwords + 1)
    return false;
  while (i < n && !(tab.byte_class[(unsigned char)s[i]] & (B_ALNUM | B_HIGH)))
    i++; /* plain ASCII that is no part of a word */
  if (i >= n)
    return false;
  struct span w = {i, i};
  bool plain = (unsigned char)s[i] < 0x80 && ascii_token(s, n, i, t, &w.end);
  if (!plain) { /* anything else: the draft's own definition of a word */
    if (!draft_next_word(s, n, i, &w))
      return false;
    tok_word(s, w, t);
  }
  while (z->si < d->nsent && d->sent[z->si].end <= w.start)
    z->run += ends_sentence(d, z->si++);
  t->sent = (unsigned)z->run;
  t->dsent = (unsigned)z->si;
  z->from = w.end;
  z->count++;
  return true;
}

/* Room for one more token at TS->t[TS->n]. */
static bool toks_reserve(struct toks *ts) {
  if (ts->n < ts->cap)
    return true;
  size_t cap = ts->cap ? 2 * ts->cap : 64;
  struct tok *grown = realloc(ts->t, cap * sizeof(*grown));
  if (!grown)
    return false;
  ts->t = grown;
  ts->cap = cap;
  return true;
}

/* Shouted words are see-through for the "opens a sentence" and "is the
 * whole sentence" tests, so adding "SERIOUSLY" beside "whatever." cannot
 * hide it: capitals may cost, never save. Both are worked out here for
 * every word at once, so a long shouted run costs nothing extra later. */
static void mark_shouting(struct toks *ts) {
  for (size_t i = 0; i < ts->n; i++) {
    struct tok *t = &ts->t[i];
    t->opens = i == 0 || ts->t[i - 1].sent != t->sent || (ts->t[i - 1].caps && ts->t[i - 1].opens);
  }
  for (size_t i = ts->n; i-- > 0;) {
    struct tok *t = &ts->t[i];
    t->shouted_end = t->caps && (i + 1 >= ts->n || ts->t[i + 1].sent != t->sent ||
                                 ts->t[i + 1].shouted_end);
  }
}

/* Every word of the draft at once, for the short drafts that need the
 * whole of it (the single ask). False on OOM. */
static bool tokenize_all(const struct draft *d, struct toks *ts) {
  struct tokenizer z = {.d = d};
  for (;;) {
    if (!toks_reserve(ts))
      return false;
    if (!next_token(&z, &ts->t[ts->n]))
      break;
    ts->n++;
  }
  mark_shouting(ts);
  return true;
}

/* Nothing but shouted words from token END to the end of sentence SENT. */
static bool sentence_rest_empty(const struct toks *ts, size_t end, size_t sent) {
  return end >= ts->n || ts->t[end].sent != sent || ts->t[end].shouted_end;
}

/* ---- the phrase matcher ---------------------------------------------- */

static bool prefix_of(const struct prefix *p, const struct tok *t) {
  return t->len >= p->len && memcmp(t->w, p->s, p->len) == 0;
}

static bool item_names(const struct item *it, const struct tok *t) {
  if (it->looked_up) {
    if (tab.pair[pair_slot((size_t)(it - tab.item), t->id)] != 0)
      return true;
  } else {
    for (size_t k = 0; k < it->nids; k++)
      if (tab.ids[it->ids + k] == t->id)
        return true;
  }
  for (size_t k = 0; k < it->npre; k++)
    if (prefix_of(&tab.prefix[it->pre + k], t))
      return true;
  return false;
}

/* Match items IT..STOP from token I within sentence SENT; on success *END is
 * one past the last token. The first way that works wins (depth first). */
static bool match_items(const struct toks *ts, size_t i, size_t sent, const struct item *it,
                        const struct item *stop, size_t *end) {
  if (it == stop) {
    *end = i;
    return true;
  }
  const struct item *rest = it + 1;
  if (it->kind == IT_GAP) {
    for (size_t k = 0; k <= 3; k++)
      if (i + k <= ts->n && (k == 0 || ts->t[i + k - 1].sent == sent) &&
          match_items(ts, i + k, sent, rest, stop, end))
        return true;
    return false;
  }
  if (it->kind == IT_END) /* the end of the sentence (shouted words aside) */
    return sentence_rest_empty(ts, i, sent) && match_items(ts, i, sent, rest, stop, end);
  bool here = i < ts->n && ts->t[i].sent == sent;
  switch (it->kind) {
  case IT_NOT: /* a word that must not come next; consumes nothing */
    return !(here && item_names(it, &ts->t[i])) && match_items(ts, i, sent, rest, stop, end);
  case IT_OPT:
    if (here && item_names(it, &ts->t[i]) && match_items(ts, i + 1, sent, rest, stop, end))
      return true;
    return match_items(ts, i, sent, rest, stop, end);
  case IT_ANY:
    return here && match_items(ts, i + 1, sent, rest, stop, end);
  default:
    return here && item_names(it, &ts->t[i]) && match_items(ts, i + 1, sent, rest, stop, end);
  }
}

/* Phrase P at token I. KNOWN_FIRST: the index found it under this very
 * word, and its first item is a plain list of words, so that item holds. */
static bool phrase_at(const struct toks *ts, size_t i, size_t sent, const struct phrase *p,
                      bool known_first, size_t *end) {
  const struct item *it = &tab.item[p->item], *stop = it + p->nitem;
  if (known_first && p->nitem > 0 && it->kind == IT_WORDS)
    return match_items(ts, i + 1, sent, it + 1, stop, end);
  return match_items(ts, i, sent, it, stop, end);
}

/* A negator among the four words before token I (the packs' window), in
 * its sentence and clause. Two in a row cancel: "can't stop picturing us" still pictures us. */
static bool negated(const struct toks *ts, size_t i) {
  if (ts->t[i].flags & W_CLAUSE)
    return false;
  for (size_t k = 1; k <= 4 && k <= i; k++) {
    const struct tok *t = &ts->t[i - k];
    if (t->sent != ts->t[i].sent || (t->flags & W_CLAUSE))
      break;
    if (k > 1 && t->id == tab.id_no)
      continue; /* "no" negates only the word after it: "long time no speak, you liar" */
    if (t->flags & W_NEGATOR) {
      bool twice = k < i && ts->t[i - k - 1].sent == t->sent &&
                   (ts->t[i - k - 1].flags & W_NEGATOR);
      return !twice;
    }
  }
  return false;
}

/* ---- hits ------------------------------------------------------------- */

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

/* ---- reading the draft ------------------------------------------------ */

#define HEAVY_KINDS 8 /* heavy words counted, each once */
#define HEAVY_STEP 4  /* what each costs when nothing else explains the weight */

/* What one pass over the words finds. The draft is read one run-on
 * sentence at a time (every cue lives inside one), so the words in hand
 * stay few however long the draft is. */
struct reading {
  const struct toks *ts; /* the sentence in hand */
  exl_stage stage;
  bool *laughs; /* per draft sentence (one past the last too) */
  struct hits h;
  bool kind[NSIGNALS]; /* each kind of good sign seen */
  size_t sorries;
  double word_heat;
  size_t shouted;            /* shouted words so far */
  size_t greetings, plain;   /* for a bare greeting: greeting words, unshouted words */
  unsigned short heavy[HEAVY_KINDS]; /* the distinct heavy words said, not negated */
  size_t nheavy;
  bool content;              /* a word that is neither greeting nor filler nor shouted */
};

/* Categories a joke takes the edge off; contempt and threats stay as they are. */
static bool softened_by_laughter(int cat) {
  return cat == C_BLAME || cat == C_BEGGING || cat == C_DESPERATION || cat == C_PRESSURE ||
         cat == C_GUILT;
}

/* Which draft sentences laugh through a laughing face between their start
 * and the next sentence's (it may stand just past the last word); laughing
 * words are marked as they are read. LAUGH has D->nsent + 1 entries. */
static void find_laughing_faces(const struct draft *d, bool *laugh) {
  size_t s = 0;
  for (const char *p = d->norm; d->nsent > 0; p++) {
    p = memchr(p, 0xF0, d->norm_len - (size_t)(p - d->norm));
    if (!p)
      break;
    size_t j = (size_t)(p - d->norm);
    bool face = false;
    for (size_t k = 0; laugh_emoji[k] && !face; k++)
      face = j + 4 <= d->norm_len && memcmp(p, laugh_emoji[k], 4) == 0;
    if (!face)
      continue;
    while (s + 1 < d->nsent && d->sent[s + 1].start <= j)
      s++;
    size_t to = s + 1 < d->nsent ? d->sent[s + 1].start : d->norm_len;
    if (d->sent[s].start <= j && j + 4 <= to)
      laugh[s] = true;
  }
}

static void try_cue(struct reading *r, const struct phrase *ph, size_t i, bool known_first) {
  const struct toks *ts = r->ts;
  const struct cue *q = &cues[ph->index];
  size_t end;
  if (r->stage == EXL_STAGE_RELATIONSHIP && (q->cat == C_RELATIONSHIP || q->cat == C_FLIRTING))
    return; /* both are fine once the two are openly talking about it */
  if ((q->flags & (CUE_OPENING | CUE_ALONE)) && !ts->t[i].opens)
    return;
  if (!phrase_at(ts, i, ts->t[i].sent, ph, known_first, &end))
    return;
  if (!(q->flags & CUE_NONEG) && negated(ts, i))
    return;
  if ((q->flags & CUE_ALONE) && !sentence_rest_empty(ts, end, ts->t[i].sent))
    return;
  double p = cats[q->cat].price * q->share;
  /* VADER-style emphasis: an intensifier before, or capitals on, the cue */
  bool loud = i > 0 && ts->t[i - 1].sent == ts->t[i].sent && (ts->t[i - 1].flags & W_INTENSIFIER);
  for (size_t k = i; k < end; k++)
    loud |= ts->t[k].caps;
  if (softened_by_laughter(q->cat) && r->laughs[ts->t[i].dsent])
    p *= 0.5;
  hit(&r->h, q->cat, loud ? p * 1.25 : p);
}

static void try_phrase(struct reading *r, unsigned short p, size_t i, bool known_first) {
  const struct phrase *ph = &tab.phrase[p];
  size_t end;
  if (ph->set == SET_CUE)
    try_cue(r, ph, i, known_first);
  else if (ph->set == SET_KIND && !r->kind[ph->index])
    r->kind[ph->index] = phrase_at(r->ts, i, r->ts->t[i].sent, ph, known_first, &end);
}

/* Phrases that start with a prefix ("fuck*", "soulmate*") and can start at
 * token I, each once: not already tried from the word's own bucket, nor
 * through another of its prefixes. */
static void try_prefixed(struct reading *r, size_t i) {
  const struct tok *t = &r->ts->t[i];
  unsigned short done[PREFIX_MAX];
  size_t ndone = 0;
  for (size_t k = 0; k < tab.nstart_prefix; k++) {
    const struct prefix *pre = &tab.start_prefix[k];
    if (!prefix_of(pre, t))
      continue;
    bool seen = false;
    for (size_t b = tab.bucket_at[t->id]; t->id && b < tab.bucket_at[t->id + 1]; b++)
      seen |= tab.bucket[b] == pre->phrase;
    for (size_t j = 0; j < ndone; j++)
      seen |= done[j] == pre->phrase;
    if (seen)
      continue;
    done[ndone++] = pre->phrase;
    try_phrase(r, pre->phrase, i, false);
  }
}

/* Every cue and good sign, in one pass: each word tries the phrases that
 * can start with it, and the few that can start anywhere. */
static void read_words(struct reading *r) {
  const struct toks *ts = r->ts;
  for (size_t i = 0; i < ts->n; i++) {
    unsigned short id = ts->t[i].id;
    for (size_t b = tab.bucket_at[id]; id && b < tab.bucket_at[id + 1]; b++)
      try_phrase(r, tab.bucket[b], i, true);
    size_t npair = 0;
    const struct pair_entry *pe = NULL;
    if (id && i + 1 < ts->n && ts->t[i + 1].id && ts->t[i + 1].sent == ts->t[i].sent)
      pe = two_words(id, ts->t[i + 1].id, &npair);
    for (size_t k = 0; k < npair; k++)
      try_phrase(r, pe[k].phrase, i, true);
    if (tab.prefix_byte[(unsigned char)ts->t[i].w[0]])
      try_prefixed(r, i);
    for (size_t b = 0; b < tab.nwild; b++)
      try_phrase(r, tab.wild[b], i, false);
  }
}

/* The counts that run over the whole draft, word by word. */
static void count_words(struct reading *r) {
  const struct toks *ts = r->ts;
  for (size_t i = 0; i < ts->n; i++) {
    const struct tok *t = &ts->t[i];
    /* apologies piling up (priced once the draft is read) */
    r->sorries += t->id == tab.id_sorry || (t->w[0] == 'a' && strncmp(t->w, "apologi", 7) == 0);
    /* heat: one capitalised word is emphasis; a shouted phrase is more */
    if (t->caps && t->len >= 2 && !(t->flags & W_ACRONYM))
      r->word_heat += r->shouted++ == 0 ? 4 : i > 0 && ts->t[i - 1].caps ? 3 : 4;
    if (t->stretched && t->len >= 2)
      r->word_heat += 5;
    if (tab.word[t->id].heavy && r->nheavy < HEAVY_KINDS && !negated(ts, i) &&
        !r->laughs[t->dsent]) {
      bool seen = false;
      for (size_t k = 0; k < r->nheavy; k++)
        seen |= r->heavy[k] == t->id;
      if (!seen)
        r->heavy[r->nheavy++] = t->id;
    }
    /* a bare greeting: greeting words, perhaps a filler, and nothing else
     * (shouted words are not content); compared with doubled letters squeezed */
    if (!r->content) {
      char s[TOKW];
      unsigned char f = tab.word[vocab_find(s, squeeze(t->w, s))].flags;
      r->content = !(f & (W_GREETING | W_FILLER)) && !t->caps;
      r->greetings += (f & W_GREETING) != 0;
      r->plain += !t->caps;
    }
  }
}

/* Read one run-on sentence. */
static void read_sentence(struct reading *r, struct toks *ts) {
  mark_shouting(ts);
  for (size_t i = 0; i < ts->n; i++)
    if (ts->t[i].flags & W_LAUGH)
      r->laughs[ts->t[i].dsent] = true; /* before any cue of the sentence is priced */
  r->ts = ts;
  read_words(r);
  count_words(r);
}

/* Read the whole draft, a sentence at a time. False on OOM. */
static bool read_draft(struct reading *r, const struct draft *d) {
  struct tokenizer z = {.d = d};
  struct toks ts = {0};
  bool ok;
  while ((ok = toks_reserve(&ts)) && next_token(&z, &ts.t[ts.n])) {
    if (ts.n > 0 && ts.t[0].sent != ts.t[ts.n].sent) { /* a new sentence begins */
      struct tok first = ts.t[ts.n];
      read_sentence(r, &ts);
      ts.t[0] = first;
      ts.n = 0;
    }
    ts.n++;
  }
  if (ok && ts.n > 0)
    read_sentence(r, &ts);
  free(ts.t);
  r->ts = NULL;
  return ok;
}

/* What the cues cost, per category, once the draft is read. */
static void cue_costs(struct reading *r, const struct draft *d, double *cue) {
  /* apologies piling up: the third sorry costs a quarter of the price,
   * every further one another quarter, up to the full price */
  if (r->sorries >= 3)
    hit(&r->h, C_OVERAPOLOGY,
        cats[C_OVERAPOLOGY].price * fmin(1.0, 0.25 * (double)(r->sorries - 2)));
  /* emoji that carry a category on their own; they all start with F0 */
  for (const char *p = d->norm; (p = memchr(p, 0xF0, d->norm_len - (size_t)(p - d->norm)));
       p++) {
    if ((size_t)(p - d->norm) + 4 > d->norm_len)
      break;
    for (size_t e = 0; e < sizeof(emoji_cues) / sizeof(emoji_cues[0]); e++) {
      if (r->stage == EXL_STAGE_RELATIONSHIP && emoji_cues[e].cat == C_FLIRTING)
        continue;
      if (memcmp(p, emoji_cues[e].utf8, 4) == 0)
        hit(&r->h, emoji_cues[e].cat, cats[emoji_cues[e].cat].price * emoji_cues[e].share);
    }
  }
  for (size_t c = 0; c < NCAT; c++)
    cue[c] = hits_cost(&r->h, (int)c);
  if (!r->content && r->greetings > 0 && r->plain <= 5)
    cue[C_VAGUE] = cats[C_VAGUE].price; /* nothing but a greeting */
}
/* ---- intensity ------------------------------------------------------- */

static bool is_emoji(unsigned cp) {
  return (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF);
}

static double punctuation_heat(const struct draft *d) {
  double h = 0;
  size_t bangs = 0, run = 0, emoji_run = 0, emoji = 0;
  const unsigned char *s = (const unsigned char *)d->norm;
  for (size_t i = 0; i < d->norm_len;) {
    unsigned char c = s[i], cls = tab.byte_class[c];
    if (cls & B_MARK) {
      bangs += c == '!';
      run++;
      if (run >= 2)
        h += 2.5; /* "!!" and "??" count, and every further mark */
      i++;
      continue;
    }
    run = 0;
    if (!(cls & B_HIGH)) { /* plain ASCII: no emoji; anything but a space ends a run of them */
      if (emoji_run == 0) { /* nothing to end: skip to the next mark or non-ASCII byte */
        while (i < d->norm_len && !(tab.byte_class[s[i]] & (B_MARK | B_HIGH)))
          i++;
        continue;
      }
      if (!(cls & B_SPACE))
        emoji_run = 0;
      i++;
      continue;
    }
    size_t len = utf8_seq_len(s + i, d->norm_len - i);
    if (len == 0)
      len = 1;
    unsigned cp = len > 1 ? utf8_decode(s + i, NULL) : c;
    if (is_emoji(cp)) {
      emoji++;
      if (++emoji_run >= 3)
        h += 3; /* a flood: the third in a row and on */
    } else if (cp != 0xFE0F && cp != 0x200D) {
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

/* ---- questions and kindness ------------------------------------------- */

static size_t question_sentences(const struct draft *d) {
  size_t q = 0;
  for (size_t i = 0; i < d->nsent; i++)
    q += memchr(d->norm + d->sent[i].start, '?', d->sent[i].end - d->sent[i].start) != NULL;
  return q;
}

/* Is the one question of the draft put as a request? TS holds every word. */
static bool ask_in(const struct toks *ts, const struct draft *d) {
  size_t qs = 0;
  while (qs < d->nsent &&
         !memchr(d->norm + d->sent[qs].start, '?', d->sent[qs].end - d->sent[qs].start))
    qs++;
  bool ask = false;
  for (size_t i = 0; i < ts->n; i++) {
    size_t end;
    if (ts->t[i].dsent != qs)
      continue;
    if (ts->t[i].id == tab.id_why)
      return false; /* "why would you..." is not a request */
    for (size_t k = 0; k < tab.nasks && !ask; k++)
      ask = phrase_at(ts, i, qs, &tab.phrase[tab.ask_first + k], false, &end);
  }
  return ask;
}

/* A clear single ask: a short note with exactly one question, put as a
 * request ("could you send the form?"), not as a demand or a why. */
static bool single_ask(const struct draft *d) {
  if (question_sentences(d) != 1 || d->nwords > 60)
    return false;
  struct toks all = {0};
  bool ask = tokenize_all(d, &all) && ask_in(&all, d);
  free(all.t);
  return ask;
}

static int kindness(const struct reading *r, const struct draft *d) {
  int kinds = 0;
  for (size_t g = 0; g < NSIGNALS; g++)
    kinds += r->kind[g];
  kinds += single_ask(d);
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

/* ---- word evidence ------------------------------------------------------ */

/* What the learned model (learned.h) makes of a draft the rules say nothing
 * about: the probability that a level-headed friend would flag it. Below
 * EVIDENCE_FROM it costs nothing; above, EVIDENCE_SLOPE points per unit of
 * probability, up to EVIDENCE_MAX. The cap is below the cheapest content
 * warning (intensity and vague-opener, 18), and a draft with such a warning
 * gets no evidence at all: so adding a flagged sentence can't raise the
 * score, and deleting one can't lower it. The model reads no shouting or
 * punctuation, which intensity prices, so "!!!" or a CAPS word can't move
 * it either. Measured on drafts the model and the packs had never seen
 * (corpus/dev/extra10-*, trained without them): ROC AUC 0.881 -> 0.958. */
#define EVIDENCE_FROM 0.3
#define EVIDENCE_SLOPE 40.0
#define EVIDENCE_MAX 18

/* Does RES hold a warning or error about the content (not the clock, not
 * spelling)? */
static bool content_warned(const exl_result *res) {
  for (size_t i = 0; i < res->nf; i++) {
    int c = category_index(res->f[i].category);
    if (c >= 0 && res->f[i].severity >= EXL_WARNING && cats[c].price >= EVIDENCE_MAX)
      return true;
  }
  return false;
}

/* The word-evidence cost of RES, and in *GROUP the label it points to. */
static int word_evidence(exl_result *res, int *group) {
  const struct learned_verdict *v = content_warned(res) ? NULL : result_verdict(res);
  if (!v)
    return 0;
  double over = (v->p_flag - EVIDENCE_FROM) / (1 - EVIDENCE_FROM);
  if (over <= 0)
    return 0;
  int c = v->category ? category_index(v->category) : -1;
  *group = c >= 0 ? cats[c].group : G_ANXIOUS;
  return (int)lround(fmin(EVIDENCE_MAX, EVIDENCE_SLOPE * over));
}

void tone_compute(exl_result *res) {
#ifndef TONE_TABLES
  pthread_once(&tab_once, tab_build);
#endif
  double cost[NCAT] = {0}, cue[NCAT] = {0};
  bool safety = false, warned = false;
  for (size_t i = 0; i < res->nf; i++)
    warned |= res->f[i].severity >= EXL_WARNING;
  struct hits fh = {0};
  finding_costs(res, &fh, cost, &safety);

  double questions = 0;
  int kind = 0, heavy = 0;
  bool *laugh = calloc(res->d.nsent + 1, sizeof(bool));
  struct reading r = {.stage = res->stage, .laughs = laugh};
  if (laugh)
    find_laughing_faces(&res->d, laugh);
  if (laugh && read_draft(&r, &res->d)) {
    cue_costs(&r, &res->d, cue);
    cue[C_INTENSITY] = fmin(INTENSITY_MAX, punctuation_heat(&res->d) + r.word_heat);
    double over = (double)res->d.nwords - length_budget[res->stage];
    cue[C_WALL] = over > 0 ? fmin(cats[C_WALL].price, 8 + over / 5) : 0;
    size_t q = question_sentences(&res->d);
    questions = q > 2 ? fmin(12, 3.0 * (double)(q - 2)) : 0;
    kind = kindness(&r, &res->d);
    heavy = HEAVY_STEP * (int)r.nheavy;
  }
  free(laugh);

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
  /* Heavy words count only for the weight nothing above explains, so
   * the score is BASE - max(total, heavy) (plus kindness): one more
   * finding can't raise it, and one more heavy word can't either. */
  int net_heavy = heavy - (int)total > 0 ? heavy - (int)total : 0;
  add(res, "heavy words", -net_heavy);
  int weight = (int)total + net_heavy;
  /* Word evidence likewise: only what nothing above explains. */
  int evidence_group = G_CALM;
  int evidence = word_evidence(res, &evidence_group);
  int net_evidence = evidence - weight > 0 ? evidence - weight : 0;
  add(res, "word evidence", -net_evidence);
  weight += net_evidence;
  int net_kind = kind - weight > 0 ? kind - weight : 0;
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
  } else if (net_evidence >= 10) {
    group = evidence_group; /* what the model thinks the draft is about */
  }
  if (safety || cue[C_SAFETY] > 0)
    group = G_CRISIS;
  res->tone.label = labels[group];
  res->tone.components = res->comps;
}

#endif /* TONE_GENERATOR */
