// Entry point of the headless network runner: `npm run network -- [network.json] [--seed N] [--duration MS]
// [--spikes out.csv]` (see networkCli.ts). Wires runNetworkCli to the process: node:fs, stdout/stderr, exit 0 / 1 / 2.

import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { runNetworkCli } from './networkCli';

const code = runNetworkCli(process.argv.slice(2), {
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, chunks) => {
    const fd = openSync(path, 'w');
    try { for (const c of chunks) writeSync(fd, c); } finally { closeSync(fd); }
  },
  stdout: (text) => { process.stdout.write(text); },
  stderr: (text) => { process.stderr.write(text); },
});
process.exitCode = code;
