/** Default summary length in words: Newser roundups run about 100–300 words; 250 is the Multi-News protocol. */
export const DEFAULT_SUMMARY_WORDS = 250;
