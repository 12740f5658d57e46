import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Browser as PlaywrightBrowser } from 'playwright-core';
import { launchChromium } from './launch.ts';
import { watchNetwork } from './quiet-network.ts';

/** One file of browser evidence, ready to be kept beside the ledger. */
export interface BrowserArtifact {
  name: string;
  bytes: Uint8Array;
  label: string;
  mediaType: string;
}

export interface DrillBrowserOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** Where the device sits, as the portal's logs will show it (sent as X-Forwarded-For). */
  sourceIp: string;
  userAgent: string;
  /** Requests the page tried to send to a third-party host, with their Referer (they never leave). */
  onThirdParty?(url: string, referer: string | undefined): Promise<void>;
  /**
   * Answers the page's third-party requests instead (the estate plays the vendor), so a vendor's
   * script really runs and its own requests follow, each with the Referer the browser chose.
   */
  serveThirdParty?(url: string, headers: Readonly<Record<string, string>>): Promise<Response>;
}

export interface ScreenshotOptions {
  /** Draws the page address across the top, as the browser's address bar would show it. */
  addressBar?: boolean;
}

/**
 * One shared device's browser profile (a kiosk): a real Chromium page that can reach only loopback,
 * recording a HAR of everything it loads and taking numbered screenshots as steps happen.
 */
export interface DrillBrowser {
  readonly page: Page;
  readonly context: BrowserContext;
  screenshot(slug: string, label: string, options?: ScreenshotOptions): Promise<void>;
  /** Keeps what the page's origin holds in localStorage, as JSON evidence. */
  storage(slug: string, label: string): Promise<Record<string, string>>;
  /** Waits for the page to load, its network to go quiet (quiet-network.ts) and its third-party attempts to be handled. */
  settle(): Promise<void>;
  /** Closes the browser; returns the screenshots taken and the HAR, in order. */
  close(): Promise<BrowserArtifact[]>;
}

function isThirdParty(address: string): boolean {
  const url = new URL(address);
  return url.protocol !== 'data:' && !['127.0.0.1', 'localhost'].includes(url.hostname);
}

/**
 * Headless screenshots have no browser chrome; this strip stands in for the address bar. Runs in the
 * page (serialised by Playwright), so it names its element literally.
 */
function showAddressBar(): void {
  const bar = document.createElement('div');
  bar.id = 'phi-drill-address-bar';
  bar.textContent = `Address bar: ${location.href}`;
  bar.setAttribute(
    'style',
    'font:13px monospace;padding:6px 10px;background:#e8eaed;border-bottom:1px solid #999;word-break:break-all',
  );
  document.body.prepend(bar);
}

function hideAddressBar(): void {
  document.getElementById('phi-drill-address-bar')?.remove();
}

export async function openDrillBrowser(options: DrillBrowserOptions): Promise<DrillBrowser> {
  const folder = await mkdtemp(join(tmpdir(), 'phi-drill-browser-'));
  const harPath = join(folder, 'portal.har');
  let browser: PlaywrightBrowser | undefined;
  try {
    browser = await launchChromium(options.env);
    const context = await browser.newContext({
      userAgent: options.userAgent,
      extraHTTPHeaders: { 'x-forwarded-for': options.sourceIp },
      viewport: { width: 1024, height: 700 },
      recordHar: { path: harPath, content: 'embed' },
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const network = watchNetwork(page);
    const pending: Promise<void>[] = [];
    page.on('request', (request) => {
      if (!isThirdParty(request.url())) return;
      if (options.onThirdParty) pending.push(options.onThirdParty(request.url(), request.headers().referer));
    });
    const vendor = options.serveThirdParty;
    if (vendor) {
      await context.route(
        (url) => isThirdParty(url.href),
        async (route) => {
          const answer = await vendor(route.request().url(), route.request().headers());
          await route.fulfill({
            status: answer.status,
            headers: Object.fromEntries(answer.headers),
            body: Buffer.from(await answer.arrayBuffer()),
          });
        },
      );
    }
    const artifacts: BrowserArtifact[] = [];
    const open = browser;
    return {
      page,
      context,
      async screenshot(slug, label, shot = {}) {
        if (shot.addressBar) await page.evaluate(showAddressBar);
        const bytes = await page.screenshot({ fullPage: true, animations: 'disabled' });
        if (shot.addressBar) await page.evaluate(hideAddressBar);
        const name = `${String(artifacts.length + 1).padStart(2, '0')}-${slug}.png`;
        artifacts.push({ name, bytes, label, mediaType: 'image/png' });
      },
      async storage(slug, label) {
        const held: Record<string, string> = await page.evaluate(() => ({ ...localStorage }));
        const name = `${String(artifacts.length + 1).padStart(2, '0')}-${slug}.json`;
        const bytes = Buffer.from(`${JSON.stringify(held, null, 2)}\n`);
        artifacts.push({ name, bytes, label, mediaType: 'application/json' });
        return held;
      },
      async settle() {
        await page.waitForLoadState('load');
        await network.quiet();
        await Promise.all(pending.splice(0));
      },
      async close() {
        try {
          await context.close();
          const har = await readFile(harPath);
          return [
            ...artifacts,
            {
              name: 'portal.har',
              bytes: har,
              label: 'HAR of the portal traffic',
              mediaType: 'application/json',
            },
          ];
        } finally {
          await open.close();
          await rm(folder, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await browser?.close();
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}
