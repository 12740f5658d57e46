import packageJson from '../package.json' with { type: 'json' };

/** phi-drill's version, from package.json, recorded in every ledger. */
export const TOOL_VERSION: string = packageJson.version;
