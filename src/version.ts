import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** phi-drill's version, from package.json, recorded in every ledger. */
export const TOOL_VERSION: string = (require('../package.json') as { version: string }).version;
