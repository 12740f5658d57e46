import { z } from 'zod';
import { targetSchema } from './schema.ts';

/** JSON Schema (draft 2020-12) of target files as written, so editors complete and check them. */
export function targetJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(targetSchema, { io: 'input', target: 'draft-2020-12' });
}
