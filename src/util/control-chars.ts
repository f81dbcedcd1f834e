/**
 * Control characters at the edges: what may be stored, and what may be printed.
 *
 * - The store (PostgreSQL and PGlite) rejects U+0000 in text, and no C0 control but tab, newline and
 *   carriage return carries meaning in news text: `stripControlChars` removes them before a write.
 * - A terminal obeys escape sequences (ESC [ 2 J clears it, OSC 8 forges links) and a log reader trusts
 *   one line per entry: `escapeControlChars` makes every control character visible ("\x1b", "\n"), so
 *   input text can neither move the cursor nor forge a line.
 * Both are one linear pass (a single character class, no quantifier nesting).
 */

/** C0 controls other than tab, LF and CR, and DEL: never meaningful in stored text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is matched.
const STORE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Every C0 and C1 control, DEL, and the Unicode line/paragraph separators and bidi overrides. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is matched.
const PRINT_UNSAFE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
const PRINT_UNSAFE_BUT_NEWLINE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is matched.
  /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** True if the text holds a character the store cannot (or should not) keep. */
export function hasControlChars(text: string): boolean {
  STORE_FORBIDDEN.lastIndex = 0;
  const found = STORE_FORBIDDEN.test(text);
  STORE_FORBIDDEN.lastIndex = 0;
  return found;
}

/** The text without C0 controls (tab, LF and CR kept) and DEL: safe to store. */
export function stripControlChars(text: string): string {
  return hasControlChars(text) ? text.replace(STORE_FORBIDDEN, "") : text;
}

/** One escape: "\n", "\t", "\r", or "\xHH" / "\uHHHH" by code point. */
function visible(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * Text safe for a terminal or a log line: every control character written as a visible escape.
 * With `keepNewlines`, "\n" stays (multi-line output such as a roundup); everything else is escaped.
 */
export function escapeControlChars(text: string, options: { keepNewlines?: boolean } = {}): string {
  return text.replace(options.keepNewlines ? PRINT_UNSAFE_BUT_NEWLINE : PRINT_UNSAFE, visible);
}
