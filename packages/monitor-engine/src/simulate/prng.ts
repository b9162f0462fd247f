/**
 * A small, fast, seeded pseudo-random generator (sfc32) for deterministic simulations: the same
 * seed always produces the same traffic. Not for anything security related.
 */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareGaussian: number | undefined;

  /** `stream` derives independent generators from one seed (sampling, times, ids, drift, ...). */
  constructor(seed: number, stream = 0) {
    // splitmix32 spreads a small seed over the 128-bit state.
    let s = (Math.trunc(seed) ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box-Muller, caching the second value). */
  gaussian(): number {
    if (this.spareGaussian !== undefined) {
      const value = this.spareGaussian;
      this.spareGaussian = undefined;
      return value;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareGaussian = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** A random (version 4) UUID drawn from this generator, so ids are reproducible too. */
  uuid(): string {
    const w0 = this.nextUint32();
    const w1 = (this.nextUint32() & 0xffff0fff) | 0x00004000; // version 4
    const w2 = ((this.nextUint32() & 0x3fffffff) | 0x80000000) >>> 0; // RFC 4122 variant
    const w3 = this.nextUint32();
    // Byte-wise table lookups: this runs once per simulated record, millions of times.
    const hi = (x: number) => HEX[x >>> 24] + HEX[(x >>> 16) & 0xff];
    const lo = (x: number) => HEX[(x >>> 8) & 0xff] + HEX[x & 0xff];
    return `${hi(w0)}${lo(w0)}-${hi(w1)}-${lo(w1)}-${hi(w2)}-${lo(w2)}${hi(w3)}${lo(w3)}`;
  }
}
