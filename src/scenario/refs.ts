import type { z } from 'zod';

/**
 * What a scenario file may refer to, taken from the registries so the schema never drifts from
 * the code: injector ids (with their params schemas and the containment conditions they offer),
 * control ids (with the rules they can raise), and the audit trails `log` expectations can check.
 */
export interface ScenarioRefs {
  injectors: ReadonlyArray<{
    id: string;
    summary: string;
    params: z.ZodObject;
    conditions: readonly string[];
    encryptionParam?: string;
  }>;
  controls: ReadonlyArray<{ id: string; summary: string; rules: readonly string[] }>;
  trails: ReadonlyArray<{ id: string; summary: string; fields: readonly string[] }>;
}
