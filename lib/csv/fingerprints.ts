// A compact map from ids to a small number (here: the line an id was first seen on), for finding duplicate
// ids in a file of millions of rows without keeping the ids themselves: each key is stored as a 64-bit
// fingerprint (two independent 32-bit hashes). Two different ids share a fingerprint with probability
// about n² / 2⁶⁵ — for a million ids, 3 in 100 million files.

const EMPTY = 0;

function hashA(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function hashB(text: string): number {
  let h = 0x9747b28c ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class FingerprintMap {
  private a: Uint32Array;
  private b: Uint32Array;
  private values: Uint32Array;
  private count = 0;

  constructor(capacity = 1024) {
    const size = 1 << Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.a = new Uint32Array(size);
    this.b = new Uint32Array(size);
    this.values = new Uint32Array(size);
  }

  get size(): number {
    return this.count;
  }

  private slot(a: number, b: number): number {
    const mask = this.values.length - 1;
    let i = a & mask;
    while (this.values[i] !== EMPTY && (this.a[i] !== a || this.b[i] !== b)) i = (i + 1) & mask;
    return i;
  }

  /** The value stored for a key, or undefined. */
  get(key: string): number | undefined {
    const i = this.slot(hashA(key), hashB(key));
    return this.values[i] === EMPTY ? undefined : this.values[i] - 1;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Store a value (0 … 2³² − 2) for a key. */
  set(key: string, value: number): void {
    if ((this.count + 1) * 2 > this.values.length) this.grow();
    const a = hashA(key);
    const b = hashB(key);
    const i = this.slot(a, b);
    if (this.values[i] === EMPTY) this.count++;
    this.a[i] = a;
    this.b[i] = b;
    this.values[i] = value + 1;
  }

  private grow(): void {
    const { a, b, values } = this;
    this.a = new Uint32Array(values.length * 2);
    this.b = new Uint32Array(values.length * 2);
    this.values = new Uint32Array(values.length * 2);
    for (let i = 0; i < values.length; i++) {
      if (values[i] === EMPTY) continue;
      const j = this.slot(a[i], b[i]);
      this.a[j] = a[i];
      this.b[j] = b[i];
      this.values[j] = values[i];
    }
  }
}
