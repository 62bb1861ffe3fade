// Entry point of the map command: `npm run map -- <session.json | --experiment id> --x a=0:0.2:64 --y b=0.1:0.3:64
// [--measure class|rate|count|cv|latency|adaptation|burst] [--out map.json]` (all options in mapRun.ts). Exit 0 / 2.

import { nodeIO } from './nodeIO';
import { runMap } from './mapRun';

process.exitCode = runMap(process.argv.slice(2), nodeIO);
