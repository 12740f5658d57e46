import { z } from 'zod';
import type { ScenarioRefs } from './refs.ts';
import { buildScenarioSchema } from './schema.ts';

/**
 * JSON Schema (draft 2020-12) of scenario files as written, for editors: the input side of the
 * schema, so durations are strings and defaulted fields are optional.
 */
export function scenarioJsonSchema(refs: ScenarioRefs): Record<string, unknown> {
  return z.toJSONSchema(buildScenarioSchema(refs), { io: 'input', target: 'draft-2020-12' });
}
