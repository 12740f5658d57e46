import { expect, it } from 'vitest';
import { AckBook, quantile } from '../../src/soak/ack-book.ts';

it('pairs settled records with their event times in write order, skipping the failed ones', () => {
  const book = new AckBook();
  for (const time of [100, 200, 300, 400]) book.written(time);
  book.settled(1, 1, 450);
  book.settled(2, 0, 500);
  expect(book.lagsMs).toEqual([350, 200, 100]);
});

it('takes quantiles by nearest rank, and has none without samples', () => {
  const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
  expect(quantile(sorted, 0.5)).toBe(50);
  expect(quantile(sorted, 0.99)).toBe(99);
  expect(quantile([], 0.5)).toBeUndefined();
});
