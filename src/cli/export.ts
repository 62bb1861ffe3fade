// Entry point of the export command: `npm run export -- <session.json | --experiment id> --to dynlib|brian2|nest|svg|csv
// [--out FILE]` (see exportRun.ts for all options). Exit status 0 / 1 / 2.

import { runExport } from './exportRun';
import { nodeIO } from './nodeIO';

process.exitCode = runExport(process.argv.slice(2), nodeIO);
