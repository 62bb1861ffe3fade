// The commands' I/O on the real process: files through node:fs (written in chunks), stdout and stderr. Shared by the
// entry points (simulate.ts, analyze.ts), which only wire a command's logic to it and set the exit status.

import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { CliIO } from './run';

export const nodeIO: CliIO = {
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, chunks) => {
    const fd = openSync(path, 'w');
    try { for (const c of chunks) writeSync(fd, c); } finally { closeSync(fd); }
  },
  stdout: (text) => { process.stdout.write(text); },
  stderr: (text) => { process.stderr.write(text); },
};
