import type { Randomizer } from '@faker-js/faker';

/**
 * sfc32 behind faker's Randomizer interface. faker's default Mersenne Twister spends ~30 µs filling
 * 624 words of state on every seed, and the population re-seeds once per patient; sfc32 seeds in a
 * handful of operations. The first two seed words go into the state unchanged, so distinct
 * (seed, index) pairs can never start from the same state.
 */
export function createSfc32Randomizer(): Randomizer {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 1;
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  return {
    next: () => next32() / 4_294_967_296,
    seed(seed) {
      const words = Array.isArray(seed) ? seed : [seed];
      a = (words[0] ?? 0) >>> 0;
      b = (words[1] ?? 0) >>> 0;
      c = 0x9e37_79b9 ^ words.length;
      for (const word of words.slice(2)) c = Math.imul(c ^ (word >>> 0), 0x85eb_ca6b) ^ (c >>> 13);
      c ^= Math.floor((words[0] ?? 0) / 4_294_967_296);
      d = 1;
      for (let i = 0; i < 15; i++) next32();
    },
  };
}
