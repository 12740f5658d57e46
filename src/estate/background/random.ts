/** Small seeded PRNG (mulberry32): background traffic must be the same on every run with a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Exponential gap for a Poisson process with `perHour` events an hour, in ms. */
export function poissonGap(random: () => number, perHour: number): number {
  return Math.max(1000, Math.round((-Math.log(1 - random()) / perHour) * 3_600_000));
}
