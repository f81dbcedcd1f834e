/**
 * Wire-copy groups of a cluster: articles that are copies of one text (wire copy republished under
 * several names) count as one source of content in the summarizer.
 *
 * Two articles are copies when they share at least {@link WIRE_COPY_OVERLAP} of the smaller one's
 * distinct 5-word shingles (Broder 1997, "On the resemblance and containment of documents"); groups are
 * the connected components of that relation (union-find), so copies of copies join.
 *
 * 1. Each article's shingle hashes, sorted and made distinct.
 * 2. Articles with the same set of shingles are one group outright (their overlap is 1): a text
 *    republished verbatim 1,000 times costs one set, not a million pairs.
 * 3. A shingle only one set holds adds to no pair's count, only to its set's size. So sets holding the
 *    same shared shingles and of the same size count alike against every other set, and share exactly
 *    those shingles with each other: they form one class, judged once (the same text republished with a
 *    line of each site's own is one class however often it is republished).
 * 4. For each class in turn, the shared shingles it has in common with every earlier class are counted
 *    in a dense array (one slot per class, reset through the list of slots touched), then each pair is
 *    judged once. The work is the number of (shingle, earlier owner) pairs among classes: linear in the
 *    cluster's size for distinct articles, a few typed-array increments per pair for near-copies that
 *    differ in what they share.
 * Every shingle counts, however many articles share it (an earlier version ignored shingles shared by
 * more than 50 articles, so a text republished more than 50 times was never grouped).
 */
import { disjointSets } from "../util/disjoint-sets.ts";

/** Share of the smaller article's 5-word shingles two articles must share to count as wire copies. */
export const WIRE_COPY_OVERLAP = 0.5;
/** Words per shingle of the summarizer's wire-copy groups. */
export const SHINGLE = 5;
/** Sets per cluster the (shingle, set) keys can hold: 2^20. */
const MAX_SETS = 1_048_576;

/** Groups of `docTokens` (each article's token ids, in order): `groupOf[d]` numbers groups by first article. */
export function wireCopyGroups(docTokens: readonly number[][]): { groupOf: number[]; groupCount: number } {
  const n = docTokens.length;
  const { find, union } = disjointSets(n);
  // Steps 1 and 2: the distinct shingle sets (`sets`), the article each came from first (`firstOf`).
  const sets: Int32Array[] = [];
  const firstOf: number[] = [];
  const bySetHash = new Map<number, number[]>();
  for (let d = 0; d < n; d++) {
    const hashes = shingleSet(docTokens[d]);
    if (hashes.length === 0) continue; // no shingle: never a copy
    const key = setHash(hashes);
    const same = bySetHash.get(key);
    const match = same?.find((s) => equalSets(sets[s], hashes));
    if (match !== undefined) {
      union(firstOf[match], d);
      continue;
    }
    if (same) same.push(sets.length);
    else bySetHash.set(key, [sets.length]);
    sets.push(hashes);
    firstOf.push(d);
  }
  // Step 3: the shingles each set shares with another set; classes of (shared shingles, size).
  const owned = sortedRuns(sets);
  const sharedOf = owned.ownerLists((run) => run.length >= 2, sets.length);
  const classes: { size: number; shared: Int32Array; members: number[] }[] = [];
  const byClassHash = new Map<number, number[]>();
  for (let s = 0; s < sets.length; s++) {
    const size = sets[s].length;
    const key = Math.imul(setHash(sharedOf[s]), 31) ^ size;
    const same = byClassHash.get(key);
    const match = same?.find((c) => classes[c].size === size && equalSets(classes[c].shared, sharedOf[s]));
    if (match !== undefined) {
      classes[match].members.push(s);
      continue;
    }
    if (same) same.push(classes.length);
    else byClassHash.set(key, [classes.length]);
    classes.push({ size, shared: sharedOf[s], members: [s] });
  }
  /** Every article of a class in one group (once). */
  const joined = new Uint8Array(classes.length);
  const joinMembers = (c: number): void => {
    if (joined[c]) return;
    joined[c] = 1;
    for (const s of classes[c].members) union(firstOf[classes[c].members[0]], firstOf[s]);
  };
  for (let c = 0; c < classes.length; c++) {
    const { size, shared, members } = classes[c];
    if (members.length > 1 && shared.length / size >= WIRE_COPY_OVERLAP) joinMembers(c);
  }
  // Step 4: shared shingles of each class with every earlier class.
  const runs = sortedRuns(classes.map((c) => c.shared));
  const count = new Int32Array(classes.length);
  const touched: number[] = [];
  for (let c = 0; c < classes.length; c++) {
    runs.forEachEarlierOwner(c, (e) => {
      if (count[e]++ === 0) touched.push(e);
    });
    for (const e of touched) {
      const smaller = Math.min(classes[c].size, classes[e].size);
      if (count[e] / smaller >= WIRE_COPY_OVERLAP) {
        // Members of a class count alike: one pair of classes linked is every pair of their articles.
        joinMembers(c);
        joinMembers(e);
        union(firstOf[classes[c].members[0]], firstOf[classes[e].members[0]]);
      }
      count[e] = 0;
    }
    touched.length = 0;
  }
  const groupIds = new Map<number, number>();
  const groupOf = new Array<number>(n);
  for (let d = 0; d < n; d++) {
    const r = find(d);
    let g = groupIds.get(r);
    if (g === undefined) {
      g = groupIds.size;
      groupIds.set(r, g);
    }
    groupOf[d] = g;
  }
  return { groupOf, groupCount: groupIds.size };
}

/**
 * Every (hash, owner) pair of `lists` (each ascending, distinct), sorted by hash then owner: the owners
 * of one hash are a run. Layout: `ownerAt[p]` and `runStart[p]` (first position of p's run) for every
 * position p; the positions of owner o are `slots[at[o] .. at[o + 1])`, in ascending hash order.
 */
function sortedRuns(lists: readonly Int32Array[]) {
  const m = lists.length;
  if (m > MAX_SETS) throw new RangeError(`wireCopyGroups: at most ${MAX_SETS} distinct articles, got ${m}`);
  let total = 0;
  for (const l of lists) total += l.length;
  const keys = new Float64Array(total);
  let k = 0;
  for (let o = 0; o < m; o++) for (const h of lists[o]) keys[k++] = (h + 2_147_483_648) * MAX_SETS + o;
  keys.sort();
  const ownerAt = new Int32Array(total);
  const runStart = new Int32Array(total);
  const at = new Int32Array(m + 1);
  for (let p = 0, start = 0; p < total; p++) {
    const owner = keys[p] % MAX_SETS;
    if (p > 0 && Math.floor(keys[p] / MAX_SETS) !== Math.floor(keys[p - 1] / MAX_SETS)) start = p;
    ownerAt[p] = owner;
    runStart[p] = start;
    at[owner + 1]++;
  }
  for (let o = 0; o < m; o++) at[o + 1] += at[o];
  const slots = new Int32Array(total);
  const fill = at.slice(0, m);
  for (let p = 0; p < total; p++) slots[fill[ownerAt[p]]++] = p;
  const hashAt = (p: number): number => Math.floor(keys[p] / MAX_SETS) - 2_147_483_648;
  const runEnd = (p: number): number => {
    let q = p + 1;
    while (q < total && runStart[q] === runStart[p]) q++;
    return q;
  };
  return {
    /** Calls `f(e)` for each earlier owner e of each of o's hashes (e once per hash they share). */
    forEachEarlierOwner(o: number, f: (e: number) => void): void {
      for (let i = at[o]; i < at[o + 1]; i++) {
        const p = slots[i];
        for (let q = runStart[p]; q < p; q++) f(ownerAt[q]);
      }
    },
    /** Each owner's hashes whose run passes `keep` (given the run's owners), ascending. */
    ownerLists(keep: (run: Int32Array) => boolean, owners: number): Int32Array[] {
      const kept: number[][] = Array.from({ length: owners }, () => []);
      for (let p = 0; p < total; ) {
        const end = runEnd(p);
        const run = ownerAt.subarray(p, end);
        if (keep(run)) for (let q = p; q < end; q++) kept[ownerAt[q]].push(hashAt(q));
        p = end;
      }
      return kept.map((l) => Int32Array.from(l));
    },
  };
}

/** Distinct shingle hashes of an article's tokens, ascending. */
export function shingleSet(tokens: readonly number[]): Int32Array {
  const hashes = new Int32Array(Math.max(0, tokens.length - SHINGLE + 1));
  for (let i = 0; i < hashes.length; i++) hashes[i] = shingleHash(tokens, i);
  hashes.sort();
  let unique = 0;
  for (let i = 0; i < hashes.length; i++)
    if (i === 0 || hashes[i] !== hashes[i - 1]) hashes[unique++] = hashes[i];
  return hashes.slice(0, unique);
}

/** A 32-bit hash of the shingle of tokens starting at i. */
function shingleHash(tokens: readonly number[], i: number): number {
  let h = 0x2545f491;
  for (let k = i; k < i + SHINGLE; k++) {
    h = Math.imul(h ^ tokens[k], 0x01000193);
    h ^= h >>> 15;
  }
  return Math.imul(h, 0x5bd1e995) ^ (h >>> 13);
}

/** A hash of a whole shingle set (its length and values), to find equal sets. */
function setHash(hashes: Int32Array): number {
  let h = Math.imul(0x811c9dc5 ^ hashes.length, 0x01000193);
  for (const x of hashes) h = Math.imul(h ^ x, 0x01000193);
  return h;
}

function equalSets(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
