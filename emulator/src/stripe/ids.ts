// Stripe-looking ids (`pi_…`, `evt_…`, `cs_test_…`), deterministic so that runs are reproducible:
// a small seeded PRNG whose state is saved with the rest of the fake.

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export class IdGenerator {
  constructor(private state = 0x5eed1234) {}

  private next(): number {
    // mulberry32
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chars(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(this.next() * ALPHABET.length)];
    return out;
  }

  /** `prefix_` + 24 letters and digits, like most Stripe ids. */
  id(prefix: string, length = 24): string {
    return `${prefix}_${this.chars(length)}`;
  }

  save(): number {
    return this.state;
  }

  load(state: number): void {
    this.state = state;
  }
}
