// Entry point of the analysis command: `npm run analyze -- <session.json | --experiment id> [--segment N]
// [--sweep PARAM --from X --to Y --steps N]` (see analyzeRun.ts for all options). Exit status 0 / 1 / 2.

import { runAnalyze } from './analyzeRun';
import { nodeIO } from './nodeIO';

process.exitCode = runAnalyze(process.argv.slice(2), nodeIO);
