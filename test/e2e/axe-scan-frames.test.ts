import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/browser/launch.ts';
import { axeScan, WCAG_TAGS } from '../../src/portal-check/page-audit.ts';

let browser: Browser;
let server: Server;
let port: number;

// 127.0.0.1 and localhost are different origins, so /cross embeds a frame from another origin.
const FRAME = '<!doctype html><html lang="en"><title>frame</title><img src="/pixel.png"></html>';
const page = (frameUrl: string) =>
  `<!doctype html><html lang="en"><title>page</title><main><h1>Page</h1><img src="/pixel.png"><iframe title="inner" src="${frameUrl}"></iframe></main></html>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const body =
      req.url === '/frame'
        ? FRAME
        : req.url === '/same'
          ? page('/frame')
          : req.url === '/cross'
            ? page(`http://localhost:${port}/frame`)
            : '';
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  browser = await launchChromium(process.env);
});
afterAll(async () => {
  await browser?.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function opened(path: string): Promise<Page> {
  const tab = await (await browser.newContext()).newPage();
  await tab.goto(`http://127.0.0.1:${port}${path}`, { waitUntil: 'load' });
  return tab;
}

describe('portal-check scans each page with axe, frames included', () => {
  it('finds the same as axe’s default run on a page whose frames share its origin', async () => {
    const tab = await opened('/same');
    try {
      const ours = await axeScan(tab);
      const reference = await new AxeBuilder({ page: tab }).withTags(WCAG_TAGS).analyze();
      expect(ours.map((finding) => [finding.rule, finding.targets])).toEqual(
        reference.violations.map((violation) => [
          violation.id,
          violation.nodes.map((node) => node.target.join(' ')),
        ]),
      );
      // The frame's image and the page's own are both there.
      expect(ours.find((finding) => finding.rule === 'image-alt')?.targets).toHaveLength(2);
    } finally {
      await tab.context().close();
    }
  });

  it('still reaches into a frame from another origin, which a single run in the page cannot', async () => {
    const tab = await opened('/cross');
    try {
      const ours = await axeScan(tab);
      const inFrame = ours.find((finding) => finding.rule === 'image-alt')?.targets ?? [];
      expect(inFrame).toHaveLength(2);
      // The single in-page run sees only the page's own image: the reason the default run is kept here.
      const single = await new AxeBuilder({ page: tab }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
      expect(single.violations.find((violation) => violation.id === 'image-alt')?.nodes).toHaveLength(1);
    } finally {
      await tab.context().close();
    }
  });
});
