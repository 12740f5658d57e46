import type { InjectorDefinition } from './define.ts';
import { oauthOverscope } from './oauth-overscope.ts';
import { portalSessionReuse } from './portal-session-reuse.ts';
import { syncFailure } from './sync-failure.ts';

/** The built-in leak patterns. Adding one: a file and a line here. */
export const BUILT_IN_INJECTORS: readonly InjectorDefinition[] = [
  syncFailure,
  oauthOverscope,
  portalSessionReuse,
];
