/* fuzz_prefilter.c - the prefilter must never skip a pattern that could
 * match. Input: PATTERN NUL SUBJECT. When PCRE2 (compiled as the packs
 * are: UTF, UCP, caseless) finds a match in SUBJECT, pf_may_match() must
 * say so; otherwise abort(). */
#include "fuzz.h"
#include "pack.h"
#include "prefilter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const uint8_t *nul = memchr(data, 0, size);
  if (!nul || nul == data)
    return 0;
  const char *pat = (const char *)data, *subj = (const char *)nul + 1;
  size_t n = size - (size_t)(nul - data) - 1;
  int code;
  PCRE2_SIZE off;
  for (int cs = 0; cs < 2; cs++) {
    uint32_t opts = PCRE2_UTF | PCRE2_UCP | (cs ? 0 : PCRE2_CASELESS);
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, opts, &code, &off, NULL);
    if (!re)
      return 0;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(mc, 100000);
    pcre2_set_depth_limit(mc, 5000);
    int rc = pcre2_match(re, (PCRE2_SPTR)subj, n, 0, 0, md, mc);
    struct pf_req req;
    pf_analyse(pat, &req);
    struct pf_text t;
    pf_text_init(&t, subj, n);
    bool may = pf_may_match(&t, &req);
    if (rc > 0 && !may) {
      fprintf(stderr, "prefilter skipped a pattern that matches\n");
      abort();
    }
    pf_text_free(&t);
    pf_req_free(&req);
    pcre2_match_context_free(mc);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
  }
  return 0;
}
