// Entry point of the headless runner: `npm run simulate -- <session.json> [--trace out.csv]` (see args.ts for all
// options). Wires runCli to the process (nodeIO.ts: files via node:fs, stdout/stderr), exit status 0 / 1 / 2.

import { runCli } from './run';
import { nodeIO } from './nodeIO';

process.exitCode = runCli(process.argv.slice(2), nodeIO);
