#!/usr/bin/env node
// The CLI runs from its ahead-of-time build when that is fresh, else from the TypeScript sources.
import { loadEntry } from './load-entry.mjs';

// `phi-drill … | head` closes the pipe early: the rest of the output has nowhere to go, which is
// not a failure of the command, so its exit code still tells what the drill found.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

const { main } = await loadEntry('main');
process.exitCode = await main(process.argv.slice(2));
