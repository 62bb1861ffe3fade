// Entry point of the headless runner: `npm run simulate -- <session.json> [--trace out.csv]` (see args.ts for all
// options). Wires runCli to the process: files via node:fs, stdout/stderr, exit status 0 / 1 / 2.

import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { runCli } from './run';

const code = runCli(process.argv.slice(2), {
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, chunks) => {
    const fd = openSync(path, 'w');
    try { for (const c of chunks) writeSync(fd, c); } finally { closeSync(fd); }
  },
  stdout: (text) => { process.stdout.write(text); },
  stderr: (text) => { process.stderr.write(text); },
});
process.exitCode = code;
