import type { ControlDefinition } from './controls/define.ts';
import { BUILT_IN_CONTROLS } from './controls/index.ts';
import type { InjectorDefinition } from './inject/define.ts';
import { BUILT_IN_INJECTORS } from './inject/index.ts';
import { TRAILS, type TrailDefinition } from './run/trails.ts';
import type { ScenarioRefs } from './scenario/refs.ts';

export interface Registry {
  injectors: ReadonlyMap<string, InjectorDefinition>;
  controls: ReadonlyMap<string, ControlDefinition>;
  trails: ReadonlyMap<string, TrailDefinition>;
  refs: ScenarioRefs;
}

function byId<T extends { id: string }>(kind: string, items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(item.id)) throw new Error(`duplicate ${kind} id "${item.id}"`);
    map.set(item.id, item);
  }
  return map;
}

/**
 * Builds the registry from explicit arrays (tests build their own), rejecting duplicate ids and
 * trails whose switch is not a registered control.
 */
export function createRegistry(
  parts: {
    injectors?: readonly InjectorDefinition[];
    controls?: readonly ControlDefinition[];
    trails?: readonly TrailDefinition[];
  } = {},
): Registry {
  const injectors = byId('injector', parts.injectors ?? BUILT_IN_INJECTORS);
  const controls = byId('control', parts.controls ?? BUILT_IN_CONTROLS);
  const trails = byId('trail', parts.trails ?? TRAILS);
  for (const trail of trails.values()) {
    if (!controls.has(trail.control))
      throw new Error(`trail "${trail.id}" names unknown control "${trail.control}"`);
  }
  const refs: ScenarioRefs = {
    injectors: [...injectors.values()].map(({ id, summary, params, conditions, encryptionParam }) => ({
      id,
      summary,
      params,
      conditions,
      ...(encryptionParam ? { encryptionParam } : {}),
    })),
    controls: [...controls.values()].map(({ id, summary, rules }) => ({ id, summary, rules })),
    trails: [...trails.values()].map(({ id, summary, fields }) => ({ id, summary, fields })),
  };
  return { injectors, controls, trails, refs };
}

/** The built-in registry's scenario references (for the JSON Schema and `validate`). */
export const scenarioRefs: ScenarioRefs = createRegistry().refs;
