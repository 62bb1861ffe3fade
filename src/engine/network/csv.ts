// The spikes of a run as CSV text "t_ms,neuron,type" (neurons numbered from 0, excitatory first; whole-ms times of
// the paper's scheme print as integers, exact rk4 times with every digit of the double), in chunks of about 1 MB.

import type { NetworkSpec } from '../../model/network';

export const SPIKES_CSV_HEADER = 't_ms,neuron,type';

export function* spikesCsv(spec: NetworkSpec, t: ArrayLike<number>, cell: ArrayLike<number>, count: number): Generator<string> {
  const ne = spec.populations.excitatory.count;
  let buf = SPIKES_CSV_HEADER + '\n';
  for (let k = 0; k < count; k++) {
    buf += `${t[k]},${cell[k]},${cell[k] < ne ? 'excitatory' : 'inhibitory'}\n`;
    if (buf.length > 1 << 20) { yield buf; buf = ''; }
  }
  yield buf;
}
