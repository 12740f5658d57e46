import { expect, it } from 'vitest';
import { crmFixture, START } from './crm-fixture.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Rows stamped now, with the request ids given, as the REST API's event monitoring appends them. */
function append(f: ReturnType<typeof crmFixture>, ...requestIds: string[]): void {
  for (const requestId of requestIds) f.state.log.append('RestApi', f.clock.now(), requestId, {});
}

/** The request ids in each RestApi file of `interval`, once every file of the first two days is published. */
async function filesOf(f: ReturnType<typeof crmFixture>, interval: 'Hourly' | 'Daily'): Promise<string[][]> {
  await f.clock.sleepUntil(START + 3 * DAY);
  return f.state.log
    .files()
    .filter((file) => file.EventType === 'RestApi' && file.Interval === interval)
    .map((file) => [...f.state.log.csv(String(file.Id))!.matchAll(/"(r\d+)"/g)].map((match) => match[1]!));
}

it('keeps the newest rows in the log and in every file, and drops a file left empty', async () => {
  const f = crmFixture(1);
  append(f, 'r1', 'r2', 'r3', 'r4', 'r5');
  await f.clock.sleepUntil(START + HOUR);
  append(f, 'r6');
  f.state.log.retainNewest(3);
  expect(f.state.eventLog.map((row) => row.requestId)).toEqual(['r4', 'r5', 'r6']);
  append(f, 'r7', 'r8', 'r9');
  f.state.log.retainNewest(3);
  expect(f.state.eventLog.map((row) => row.requestId)).toEqual(['r7', 'r8', 'r9']);
  // The first hour's file lost every row, so it is gone; the second keeps only its newest rows.
  expect(await filesOf(f, 'Hourly')).toEqual([['r7', 'r8', 'r9']]);
  expect(await filesOf(f, 'Daily')).toEqual([['r7', 'r8', 'r9']]);
});

it('keeps every row until the log holds twice what it keeps', async () => {
  const f = crmFixture(1);
  append(f, 'r1', 'r2', 'r3', 'r4', 'r5');
  f.state.log.retainNewest(3);
  expect(f.state.eventLog).toHaveLength(5);
  append(f, 'r6');
  expect(await filesOf(f, 'Hourly')).toEqual([['r1', 'r2', 'r3', 'r4', 'r5', 'r6']]);
});
