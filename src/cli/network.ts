// Entry point of the headless network runner: `npm run network -- [network.json] [--seed N] [--duration MS]
// [--spikes out.csv]` (see networkCli.ts). Wires runNetworkCli to the process (nodeIO), exit status 0 / 1 / 2.

import { runNetworkCli } from './networkCli';
import { nodeIO } from './nodeIO';

process.exitCode = runNetworkCli(process.argv.slice(2), nodeIO);
