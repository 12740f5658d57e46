import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/browser/launch.ts';
import { watchNetwork } from '../../src/browser/quiet-network.ts';

let browser: Browser;
let server: Server;
let base: string;
/** Requests the server has finished answering, by path. */
const answered: string[] = [];
const hanging: ServerResponse[] = [];

// A page whose script asks for /late once it has loaded, and a page whose request never ends.
const PAGES: Record<string, string> = {
  '/late': '<p>late</p>',
  '/after-load': `<p>page</p><script>addEventListener('load', () => setTimeout(() => fetch('/late'), 20));</script>`,
  '/hangs': `<p>page</p><script>addEventListener('load', () => fetch('/never'));</script>`,
};

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/never') {
      hanging.push(res);
      return;
    }
    // /late takes a while to answer, as a slow backend would.
    setTimeout(
      () => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(PAGES[req.url ?? ''] ?? '');
        answered.push(req.url ?? '');
      },
      req.url === '/late' ? 60 : 0,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium(process.env);
});
afterAll(async () => {
  await browser?.close();
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('a drill page settles when its network has gone quiet', () => {
  it('waits for a request a script starts after load, and for its answer', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const network = watchNetwork(page);
      await page.goto(`${base}/after-load`);
      // Load alone is not enough: the script's request has not even started.
      expect(answered).not.toContain('/late');
      await network.quiet();
      expect(answered).toContain('/late');
    } finally {
      await context.close();
    }
  });

  it('gives up with the count of requests still in flight rather than wait forever', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const network = watchNetwork(page);
      await page.goto(`${base}/hangs`);
      await expect(network.quiet(100, 500)).rejects.toThrow(/1 request\(s\) in flight after 500 ms/);
    } finally {
      await context.close();
    }
  });
});
