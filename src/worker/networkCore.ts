// The network worker's logic without the worker (tests drive it directly): builds the run of a `start` command,
// advances it in slices of about SLICE_MS of compute, posts each slice's new spikes and the probed cell's new v
// samples, and yields between slices (scheduled callback) so that pause, resume, stop and a newer start get in.

import { totalCells } from '../model/network';
import { createNetwork, type NetworkSim } from '../engine/network/sim';
import type { FinalStatus, NetworkCommand, NetworkReply } from './networkProtocol';

/** Compute per slice before the worker yields and posts, ms. */
export const SLICE_MS = 30;

export interface RunnerEnv {
  post(reply: NetworkReply, transfer?: Transferable[]): void;
  /** Runs fn soon, after pending messages (setTimeout 0 / a MessageChannel in the worker). */
  schedule(fn: () => void): void;
  now(): number;
}

export class NetworkRunner {
  private sim: NetworkSim | null = null;
  private id = 0;
  private paused = false;
  private sentSpikes = 0;
  private computeMs = 0;
  private probe: number | null = null;
  private sentSamples = 0;
  private loopScheduled = false;

  constructor(private readonly env: RunnerEnv, private readonly sliceMs = SLICE_MS) {}

  handle(cmd: NetworkCommand): void {
    if (cmd.type === 'start') { this.start(cmd.id, cmd); return; }
    if (cmd.id !== this.id || !this.sim) return;
    const sim = this.sim;
    switch (cmd.type) {
      case 'pause':
        if (!sim.finished && !this.paused) { this.paused = true; this.env.post({ type: 'paused', id: this.id, time: sim.time }); }
        break;
      case 'resume':
        if (!sim.finished && this.paused) { this.paused = false; this.env.post({ type: 'resumed', id: this.id }); this.scheduleLoop(); }
        break;
      case 'stop':
        if (!sim.finished) { sim.stop(); this.flush(); this.finish(); }
        break;
      case 'probe':
        this.probe = cmd.cell !== null && cmd.cell >= 0 && cmd.cell < sim.n ? cmd.cell : null;
        this.sentSamples = 0;
        this.sendTrace();
        break;
    }
  }

  private start(id: number, cmd: Extract<NetworkCommand, { type: 'start' }>): void {
    this.sim = null; // the previous run is dropped (its buffers go with it)
    this.id = id;
    this.paused = false;
    this.sentSpikes = 0;
    this.sentSamples = 0;
    this.computeMs = 0;
    const n = totalCells(cmd.spec);
    this.probe = cmd.probe !== null && cmd.probe >= 0 && cmd.probe < n ? cmd.probe : null;
    const t0 = this.env.now();
    let created;
    try {
      created = createNetwork(cmd.spec);
    } catch (e) {
      this.env.post({ type: 'error', id, message: `the network could not be built: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    if (!created.ok) { this.env.post({ type: 'refused', id, message: created.message }); return; }
    const sim = created.sim;
    this.sim = sim;
    this.env.post({
      type: 'started', id, n: sim.n, ne: sim.ne, totalSteps: sim.totalSteps, h: sim.h, recordEvery: sim.recordEvery,
      sampleT0: sim.sampleTime(0), buildMs: this.env.now() - t0, memoryBytes: sim.heldBytes(), engine: sim.engine,
    });
    this.scheduleLoop();
  }

  private scheduleLoop(): void {
    if (this.loopScheduled) return;
    this.loopScheduled = true;
    const id = this.id;
    this.env.schedule(() => { this.loopScheduled = false; if (id === this.id) this.slice(); });
  }

  private slice(): void {
    const sim = this.sim;
    if (!sim || this.paused || sim.finished) return;
    const t0 = this.env.now();
    const group = Math.max(1, sim.m); // 1 ms of simulated time between clock checks
    try {
      do sim.advance(group); while (!sim.finished && this.env.now() - t0 < this.sliceMs);
    } catch (e) {
      this.env.post({ type: 'error', id: this.id, message: `the run failed at t = ${sim.time} ms: ${e instanceof Error ? e.message : String(e)}` });
      this.sim = null;
      return;
    }
    this.computeMs += this.env.now() - t0;
    this.flush();
    if (sim.finished) this.finish();
    else this.scheduleLoop();
  }

  /** Posts the spikes and probe samples not sent yet. */
  private flush(): void {
    const sim = this.sim;
    if (!sim) return;
    const k0 = this.sentSpikes, k1 = sim.spikes.count;
    const t = sim.spikes.t.slice(k0, k1), cell = sim.spikes.cell.slice(k0, k1);
    this.sentSpikes = k1;
    this.env.post({ type: 'chunk', id: this.id, t, cell, time: sim.time, computeMs: this.computeMs }, [t.buffer, cell.buffer]);
    this.sendTrace();
  }

  private sendTrace(): void {
    const sim = this.sim;
    if (!sim || this.probe === null || !sim.vRec) return;
    const from = this.sentSamples, to = sim.samples;
    if (to <= from && from > 0) return;
    const v = new Float32Array(Math.max(0, to - from));
    for (let k = from; k < to; k++) v[k - from] = sim.vRec[k * sim.n + this.probe];
    this.sentSamples = to;
    this.env.post({ type: 'trace', id: this.id, cell: this.probe, from, v }, [v.buffer]);
  }

  private finish(): void {
    const sim = this.sim;
    if (!sim) return;
    const st = sim.status;
    const status: FinalStatus = st.kind === 'running' ? 'stopped' : st.kind;
    this.env.post({
      type: 'finished', id: this.id, status, message: 'message' in st ? st.message : null, time: sim.time, computeMs: this.computeMs,
    });
  }
}
