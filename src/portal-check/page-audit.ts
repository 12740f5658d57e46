import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** axe-core's tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeFinding {
  rule: string;
  help: string;
  /** WCAG success criteria the rule tests, from its tags (`wcag412` → `4.1.2`). */
  criteria: string[];
  targets: string[];
}

/** Whether any frame of the page comes from another origin than the page itself. */
function hasCrossOriginFrame(page: Page): boolean {
  const { origin } = new URL(page.url());
  return page.frames().some((frame) => {
    const url = frame.url();
    return /^https?:/.test(url) && new URL(url).origin !== origin;
  });
}

/**
 * axe's WCAG findings for the page and its frames. axe's default run scans each frame on its own
 * and merges the parts in a fresh blank page with axe loaded again, the only way to reach into a
 * frame from another origin; a page without one gets the same findings from one run in the page
 * itself (the single-run "legacy" mode), in under half the time (about 0.22 s against 0.5 s a
 * portal page), and portal-check scans every page it visits.
 */
export async function axeScan(page: Page): Promise<AxeFinding[]> {
  const builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  if (!hasCrossOriginFrame(page)) builder.setLegacyMode(true);
  const results = await builder.analyze();
  return results.violations.map((violation) => ({
    rule: violation.id,
    help: violation.help,
    criteria: violation.tags.flatMap((tag) => {
      const sc = /^wcag(\d)(\d)(\d+)$/.exec(tag);
      return sc ? [`${sc[1]}.${sc[2]}.${sc[3]}`] : [];
    }),
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
}

const SENSITIVE_NAME = /ssn|social|member|mrn|medical.?record|insurance|policy|birth|dob/i;
const SAFE_AUTOCOMPLETE = new Set(['off', 'one-time-code', 'new-password']);

/** Inputs for identifiers (member id, MRN, SSN, birth date) the browser may remember for the next user. */
export async function rememberedSensitiveFields(page: Page): Promise<string[]> {
  const fields = await page.locator('input:not([type=hidden]):not([type=password])').evaluateAll((inputs) =>
    inputs.map((input) => {
      const element = input as HTMLInputElement;
      const label = element.labels?.[0]?.textContent ?? '';
      return {
        name: element.name || element.id,
        text: `${element.name} ${element.id} ${element.placeholder} ${label}`,
        autocomplete: (element.getAttribute('autocomplete') ?? '').trim().toLowerCase(),
      };
    }),
  );
  return fields
    .filter((field) => SENSITIVE_NAME.test(field.text) && !SAFE_AUTOCOMPLETE.has(field.autocomplete))
    .map((field) => field.name);
}

/**
 * Presses Tab through the page and names every form control (and anything in a form with a click
 * handler) that focus never reached: a mouse-only control has no keyboard path (WCAG 2.1.1).
 */
export async function keyboardUnreachable(page: Page): Promise<string[]> {
  const count = await page.evaluate(() => {
    const controls = document.querySelectorAll(
      'form input:not([type=hidden]), form select, form textarea, form button, form [onclick]',
    );
    for (const [at, element] of controls.entries()) element.setAttribute('data-phi-drill-tab', String(at));
    return controls.length;
  });
  if (count === 0) return [];
  // Focus is recorded in the page as it moves, so each Tab costs one round trip.
  await page.evaluate(() => {
    const reached: string[] = [];
    (window as unknown as { phiDrillReached: string[] }).phiDrillReached = reached;
    document.addEventListener('focusin', (event) => {
      const at = (event.target as Element | null)?.getAttribute?.('data-phi-drill-tab');
      if (at) reached.push(at);
    });
  });
  await page.locator('body').focus();
  const presses =
    count + (await page.locator('a[href], button, input, select, textarea, [tabindex]').count()) + 5;
  for (let press = 0; press < presses; press++) await page.keyboard.press('Tab');
  const reached = await page.evaluate(
    () => (window as unknown as { phiDrillReached: string[] }).phiDrillReached,
  );
  return page.evaluate((seen) => {
    const missed: string[] = [];
    for (const element of document.querySelectorAll('[data-phi-drill-tab]')) {
      if (!seen.includes(element.getAttribute('data-phi-drill-tab')!)) {
        const named =
          element.getAttribute('name') ?? element.textContent?.trim().slice(0, 30) ?? element.tagName;
        missed.push(`${element.tagName.toLowerCase()} "${named}"`);
      }
      element.removeAttribute('data-phi-drill-tab');
    }
    return missed;
  }, reached);
}
