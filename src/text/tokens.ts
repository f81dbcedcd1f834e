import { porterStem } from "./porter.ts";
import { STOPWORDS } from "./stopwords.ts";

/** Word tokens as ROUGE sees them: lower-cased runs of letters and digits. */
const WORD = /[\p{L}\p{N}]+/gu;

export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Whitespace-separated words: how budgets and the ROUGE `-l` cut count length. */
export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/**
 * Maps words to small integer ids, stemming them once. One vocabulary per summarization call,
 * so nothing is shared between calls.
 */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  readonly stems: string[] = [];
  readonly stop: boolean[] = [];

  /** Stemmed token ids of a text, stopwords included (flagged in `stop`). */
  tokenIds(text: string): number[] {
    const out: number[] = [];
    for (const w of words(text)) out.push(this.id(w));
    return out;
  }

  private id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      const stem = ascii(word) ? porterStem(word) : word;
      const existing = this.ids.get(`\u0000${stem}`);
      if (existing !== undefined) id = existing;
      else {
        id = this.stems.length;
        this.stems.push(stem);
        this.stop.push(STOPWORDS.has(word));
        this.ids.set(`\u0000${stem}`, id);
      }
      this.ids.set(word, id);
    }
    return id;
  }
}

function ascii(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 127) return false;
  return true;
}
