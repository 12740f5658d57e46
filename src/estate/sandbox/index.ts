import type { EstateContext } from '../context.ts';
import type { Crm } from '../crm/index.ts';
import { sandboxHandlers } from './handlers.ts';
import { SandboxState } from './state.ts';

export { SANDBOX_SUSPEND_PATH } from './handlers.ts';
export {
  SANDBOX_CONSOLE_IP,
  type Sandbox,
  type SandboxLicense,
  SandboxState,
  type SandboxUser,
} from './state.ts';

/** The sandboxes every estate has: a partial-copy `dev` refreshed nightly and a full-copy `uat`. */
export const SANDBOXES = [
  { name: 'dev', license: 'PARTIAL' },
  { name: 'uat', license: 'FULL' },
] as const;

export function createSandboxes(ctx: EstateContext, crm: Crm) {
  const state = new SandboxState(ctx, (limit) =>
    crm.state.records.list('Account', false, limit).map((record) => ({ ...record })),
  );
  for (const { name, license } of SANDBOXES) state.create(name, license);
  return { state, handlers: sandboxHandlers(state, crm.state) };
}
