/**
 * A map from pairs of small non-negative integers to non-negative integers (open addressing, linear
 * probing). Concept and (concept, group) lookups are the hottest maps of the pipeline; pairs as one
 * JavaScript number would be heap numbers, slow as Map keys.
 */
export class PairIndex {
  private first = new Int32Array(1024).fill(-1);
  private second = new Int32Array(1024);
  private value = new Int32Array(1024);
  private size = 0;
  private mask = 1023;

  /** The value stored for (a, b), or -1. */
  get(a: number, b: number): number {
    let i = slot(a, b) & this.mask;
    for (;;) {
      const f = this.first[i];
      if (f < 0) return -1;
      if (f === a && this.second[i] === b) return this.value[i];
      i = (i + 1) & this.mask;
    }
  }

  /** Stores a value for (a, b), which must not be stored yet. */
  set(a: number, b: number, value: number): void {
    if (2 * (this.size + 1) > this.first.length) this.grow();
    let i = slot(a, b) & this.mask;
    while (this.first[i] >= 0) i = (i + 1) & this.mask;
    this.first[i] = a;
    this.second[i] = b;
    this.value[i] = value;
    this.size++;
  }

  private grow(): void {
    const { first, second, value } = this;
    const capacity = first.length * 2;
    this.first = new Int32Array(capacity).fill(-1);
    this.second = new Int32Array(capacity);
    this.value = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.size = 0;
    for (let i = 0; i < first.length; i++) if (first[i] >= 0) this.set(first[i], second[i], value[i]);
  }
}

function slot(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
  h ^= h >>> 15;
  return h;
}
