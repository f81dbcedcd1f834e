// Sentence form: can a sentence stand in a roundup, and does it lean on the sentence before it?
/** Longer ones are usually run-on lists or split failures; they also eat the budget. */
export const MAX_SENTENCE_WORDS = 70;
/** Sentences shorter than this are fragments (captions, credits, "He declined."). */
export const MIN_SENTENCE_WORDS = 6;
/** Openers that point back to a sentence before (Newser style never opens with a dangling "He" or "But"). */
const DEPENDENT_OPENERS = new Set(
  `he she they it its his her their them him this these those that such but and however also so yet still
meanwhile moreover furthermore instead then thus hence nevertheless nonetheless besides otherwise likewise
similarly additionally there here both neither another others the-latter the-former later afterward
afterwards earlier`.split(/\s+/),
);
const DEPENDENT_PHRASES = [
  /^(in addition|as a result|on the other hand|at the same time|in turn|for his part|for her part|for their part|the latter|the former|even so|by contrast|in contrast|that is|in that case)\b/i,
];

const OPENER = /^["'“‘(]*([A-Za-z]+)/;
const TERMINAL = /[.!?]["'”’)]*$/;

export function isDependent(text: string): boolean {
  if (DEPENDENT_PHRASES.some((re) => re.test(text.replace(/^["'“‘(]+/, "")))) return true;
  const m = OPENER.exec(text);
  if (!m) return false;
  return DEPENDENT_OPENERS.has(m[1].toLowerCase());
}

export function isEligible(text: string, words: number): boolean {
  if (words < MIN_SENTENCE_WORDS || words > MAX_SENTENCE_WORDS) return false;
  if (!TERMINAL.test(text)) return false; // headlines, captions, list items
  if (/^[a-z]/.test(text)) return false; // a split in mid-sentence
  if (/https?:\/\/|www\.|@\w+\.\w/.test(text)) return false;
  if (text.endsWith("?")) return false; // questions rarely state a fact
  return true;
}
