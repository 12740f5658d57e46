import { join } from 'node:path';
import { writeFileDurably } from '../evidence/durable-write.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import type { RunReport } from './model.ts';

export interface WrittenReports {
  json: string;
  markdown: string;
  junit: string;
}

/** Writes report.json, report.md and junit.xml into the run folder, each fsync'd. */
export function writeReports(folder: string, report: RunReport): WrittenReports {
  const paths: WrittenReports = {
    json: join(folder, 'report.json'),
    markdown: join(folder, 'report.md'),
    junit: join(folder, 'junit.xml'),
  };
  writeFileDurably(paths.json, renderJson(report));
  writeFileDurably(paths.markdown, renderMarkdown(report));
  writeFileDurably(paths.junit, renderJunit([report]));
  return paths;
}
