#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader, so the package ships one source of truth.
import { register } from 'tsx/esm/api';

// `phi-drill … | head` closes the pipe early: the rest of the output has nowhere to go, which is
// not a failure of the command, so its exit code still tells what the drill found.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
