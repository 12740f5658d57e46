import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncFile } from '../evidence/durable-write.ts';
import type { InjectArtifact } from '../inject/define.ts';

const SAFE_NAME = /^[a-z0-9][a-z0-9._-]*$/;

/** Writes an inject's evidence file under `evidence/<inject>/`, on disk before the ledger pins it. */
export function keepArtifact(
  folder: string,
  injectId: string,
  artifact: InjectArtifact,
): { file: string; sha256: string } {
  if (!SAFE_NAME.test(artifact.name))
    throw new Error(`artifact name ${artifact.name} is not a plain file name`);
  const relative = join('evidence', injectId, artifact.name);
  mkdirSync(join(folder, 'evidence', injectId), { recursive: true });
  writeFileSync(join(folder, relative), artifact.bytes, { flag: 'wx' });
  fsyncFile(join(folder, relative));
  return { file: relative, sha256: createHash('sha256').update(artifact.bytes).digest('hex') };
}
