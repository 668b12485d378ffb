/**
 * Loan ids numbered 0, 1, 2 … in the order they were first added, found again
 * by a hash table over typed arrays. A ledger of 100,000 accounts is indexed by
 * loan id several times a run (the duplicate check, each history month); a
 * `Map` with that many string keys cost about half a microsecond an operation
 * there, most of it the garbage collector's work on the map's storage. This
 * table keeps only numbers in its slots, so there is nothing for it to trace,
 * and each slot holds the id's hash beside its number, so a probe reads one
 * place in memory and compares strings only when the hashes agree.
 */
import { fnv1a } from "./hash";

export class IdIndex {
  private readonly ids: string[] = [];
  /** Open addressing, two numbers a slot: the hash, and the id's number + 1 (0: empty). */
  private slots: Int32Array;
  private mask: number;

  constructor(expected = 8) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  /** How many ids. */
  get size(): number {
    return this.ids.length;
  }

  /** The id numbered i. */
  id(i: number): string {
    return this.ids[i];
  }

  /** The ids in number order. */
  all(): readonly string[] {
    return this.ids;
  }

  /** The id's number, or -1 when it was never added. */
  get(id: string): number {
    return this.slots[2 * this.probe(id, loanIdHash(id)) + 1] - 1;
  }

  /**
   * `get(id)`, trying number `guess` first: reading a sheet in the order the ids
   * were numbered (a ledger kept in loan-id order, a month written in that order),
   * the next row's id is nearly always the next number's, and comparing it with
   * that one id spares the probe into the table (a read from far off in memory).
   */
  getNear(id: string, guess: number): number {
    if (guess >= 0 && guess < this.ids.length && this.ids[guess] === id) return guess;
    return this.get(id);
  }

  /** The id's number, the next number when it is new. */
  add(id: string): number {
    const h = loanIdHash(id);
    const s = this.probe(id, h);
    const v = this.slots[2 * s + 1];
    if (v !== 0) return v - 1;
    const n = this.ids.length;
    this.ids.push(id);
    this.slots[2 * s] = h;
    this.slots[2 * s + 1] = n + 1;
    if ((n + 1) * 2 > this.mask + 1) this.grow();
    return n;
  }

  /** The slot holding the id (hash h), or the empty slot where it would go. */
  private probe(id: string, h: number): number {
    const slots = this.slots;
    let s = h & this.mask;
    for (;;) {
      const v = slots[2 * s + 1];
      if (v === 0 || (slots[2 * s] === h && this.ids[v - 1] === id)) return s;
      s = (s + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length / 2 - 1;
    for (let o = 0; o < old.length; o += 2) {
      if (old[o + 1] === 0) continue;
      let s = old[o] & mask;
      while (slots[2 * s + 1] !== 0) s = (s + 1) & mask;
      slots[2 * s] = old[o];
      slots[2 * s + 1] = old[o + 1];
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** FNV-1a over the UTF-16 code units, mixed so that nearby ids spread over the table (a signed 32-bit number). */
function loanIdHash(text: string): number {
  let h = fnv1a(text);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}
