import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findBrowser } from 'phi-drill/playwright';

// The system's Chromium (PHI_DRILL_CHROMIUM or the first on PATH): nothing is downloaded.
const chromium = findBrowser(process.env);
if ('problem' in chromium) throw new Error(chromium.problem);

export default defineConfig({
  testDir: '.',
  timeout: 120_000,
  workers: 1,
  reporter: 'list',
  use: { launchOptions: { executablePath: chromium.path, args: CHROMIUM_ARGS } },
});
