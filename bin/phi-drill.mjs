#!/usr/bin/env node
// The CLI runs from its ahead-of-time build when that is fresh, else from the TypeScript sources.
import { enableCompileCache } from 'node:module';
import { loadEntry } from './load-entry.mjs';

// V8 keeps the compiled bundle on disk, so every later start skips parsing a few megabytes of
// JavaScript. Node's own cache folder (under the temp directory, or NODE_COMPILE_CACHE); Node runs
// without it where it cannot be written, and NODE_DISABLE_COMPILE_CACHE=1 turns it off.
enableCompileCache();

// `phi-drill … | head` closes the pipe early: the rest of the output has nowhere to go, which is
// not a failure of the command, so its exit code still tells what the drill found.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

const { main } = await loadEntry('main');
process.exitCode = await main(process.argv.slice(2));
