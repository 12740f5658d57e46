const UNIT_MS = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
} as const;

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/;

/** Parses `90s`, `15m`, `2h`, `60d`, `1h30m` into milliseconds; returns undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const parts = text.trim().match(/\d+(?:\.\d+)?(?:ms|s|m|h|d|w)/g);
  if (!parts || parts.join('') !== text.trim()) return undefined;
  let total = 0;
  for (const part of parts) {
    const match = DURATION.exec(part);
    if (!match) return undefined;
    total += Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  }
  return total;
}

/** Renders milliseconds compactly for scorecards: `0s`, `4m12s`, `2h`, `60d`. */
export function formatDuration(ms: number): string {
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const units: Array<[string, number]> = [
    ['d', UNIT_MS.d],
    ['h', UNIT_MS.h],
    ['m', UNIT_MS.m],
    ['s', UNIT_MS.s],
  ];
  let rest = Math.round(ms / 1000) * 1000;
  let out = '';
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out || '0s';
}
