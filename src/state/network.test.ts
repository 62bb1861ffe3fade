// Tests of the network view's state with the worker's logic run in-process (NetworkRunner behind a fake Worker):
// the streamed spikes equal a direct engine run of the same seed (whatever the pauses), pause/resume/stop, the
// probe's v(t), edits validated and re-run, files opened with clear messages, the network kept in storage.

import { describe, expect, it } from 'vitest';
import { paperNetwork, type NetworkSpec } from '../model/network';
import { networkJson } from '../model/networkSchema';
import { runNetwork } from '../engine/network/sim';
import { NetworkRunner } from '../worker/networkCore';
import type { NetworkCommand, NetworkReply } from '../worker/networkProtocol';
import type { NetworkWorkerLike } from '../worker/networkClient';
import { MemoryStorage } from './memoryStorage';
import { NETWORK_KEY, NETWORK_REJECTED_KEY, createNetworkStore, type NetworkState, type NetworkStore } from './network';

const tick = () => new Promise<void>((r) => setImmediate(r));

function inProcessWorker(sliceMs: number): NetworkWorkerLike {
  let dead = false;
  const w: NetworkWorkerLike = {
    onmessage: null, onerror: null,
    terminate: () => { dead = true; },
    postMessage: (cmd: NetworkCommand) => { const c = structuredClone(cmd); setImmediate(() => { if (!dead) runner.handle(c); }); },
  };
  const runner = new NetworkRunner({
    post: (r: NetworkReply) => { setImmediate(() => { if (!dead) w.onmessage?.({ data: r } as MessageEvent<NetworkReply>); }); },
    schedule: (fn) => setImmediate(fn),
    now: () => performance.now(),
  }, sliceMs);
  return w;
}

function memoryStorage(init: Record<string, string> = {}) {
  return new MemoryStorage(new Map(Object.entries(init)));
}

function makeStore(storage = memoryStorage(), sliceMs = 2): NetworkStore {
  return createNetworkStore({
    createWorker: () => inProcessWorker(sliceMs), storage, frame: (fn) => setImmediate(fn), now: () => performance.now(),
    autoRunDelayMs: 0, repaintMs: 0,
  });
}

async function until(ns: NetworkStore, pred: (s: NetworkState) => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200_000; i++) {
    if (pred(ns.store.getState())) return;
    await tick();
  }
  throw new Error(`timed out waiting for ${what}; state: ${JSON.stringify(ns.store.getState().run?.phase)}`);
}

function directSpikes(spec: NetworkSpec) {
  const r = runNetwork(spec);
  if (!r.ok) throw new Error(r.message);
  return { t: Array.from(r.sim.spikes.t.subarray(0, r.sim.spikes.count)), cell: Array.from(r.sim.spikes.cell.subarray(0, r.sim.spikes.count)), sim: r.sim };
}

const streamed = (ns: NetworkStore) => ({ t: Array.from(ns.data.t.subarray(0, ns.data.count)), cell: Array.from(ns.data.cell.subarray(0, ns.data.count)) });

describe('network view state', () => {
  it('streams the same spikes as a direct run of the same seed, and the probed cell’s v(t)', async () => {
    const ns = makeStore();
    ns.store.getState().actions.edit((s) => { s.duration = 400; s.seed = 8; s.probe = 3; });
    await until(ns, (s) => s.run?.phase === 'done', 'the run to finish');
    const d = directSpikes({ ...paperNetwork(), duration: 400, seed: 8, probe: 3 });
    expect(streamed(ns)).toEqual({ t: d.t, cell: d.cell });
    expect(ns.data.traceCell).toBe(3);
    expect(Array.from(ns.data.traceV.subarray(0, ns.data.traceCount))).toEqual(Array.from(d.sim.trace(3).v));
    const sum = ns.summary();
    expect(sum?.types.excitatory.spikes).toBe(d.cell.filter((c) => c < 800).length);
    // Another cell: its whole trace arrives at once.
    ns.store.getState().actions.pick(950);
    await until(ns, () => ns.data.traceCell === 950, 'the new probe');
    expect(Array.from(ns.data.traceV.subarray(0, ns.data.traceCount))).toEqual(Array.from(d.sim.trace(950).v));
  });

  it('pauses, resumes and stops between chunks; a paused-then-resumed run is identical to an uninterrupted one', async () => {
    const ns = makeStore();
    const a = ns.store.getState().actions;
    a.setAutoRun(false);
    a.edit((s) => { s.duration = 1500; s.seed = 21; });
    a.run();
    await until(ns, (s) => (s.run?.time ?? 0) > 0, 'the first chunk');
    a.pause();
    await until(ns, (s) => s.run?.phase === 'paused', 'the pause');
    const at = ns.store.getState().run!.time;
    for (let i = 0; i < 50; i++) await tick();
    expect(ns.store.getState().run!.time).toBe(at);
    expect(at).toBeLessThan(1500);
    a.resume();
    await until(ns, (s) => s.run?.phase === 'done', 'the end');
    expect(streamed(ns)).toEqual((({ t, cell }) => ({ t, cell }))(directSpikes({ ...paperNetwork(), duration: 1500, seed: 21 })));

    a.run();
    await until(ns, (s) => (s.run?.time ?? 0) > 0 && s.run?.phase === 'running', 'a second run');
    a.stop();
    await until(ns, (s) => s.run?.phase === 'stopped', 'the stop');
    const stoppedAt = ns.store.getState().run!.time;
    expect(stoppedAt).toBeLessThan(1500);
    const full = directSpikes({ ...paperNetwork(), duration: 1500, seed: 21 });
    const k = full.t.filter((t) => t <= stoppedAt).length;
    expect(streamed(ns)).toEqual({ t: full.t.slice(0, k), cell: full.cell.slice(0, k) });
  });

  it('validates edits (the message names the allowed range), re-runs valid ones and refuses oversized networks', async () => {
    const ns = makeStore();
    const a = ns.store.getState().actions;
    const bad = a.edit((s) => { s.populations.inhibitory.count = -3; });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/allowed \[0, 100000\] cells/);
    expect(ns.store.getState().spec.populations.inhibitory.count).toBe(200);
    a.edit((s) => { s.duration = 200; s.populations.inhibitory.count = 50; });
    await until(ns, (s) => s.run?.phase === 'done', 'the re-run');
    expect(ns.store.getState().run!.spec.populations.inhibitory.count).toBe(50);
    expect(ns.summary()!.types.inhibitory.count).toBe(50);
    a.edit((s) => { s.populations.excitatory.count = 9000; });
    await until(ns, (s) => s.run?.phase === 'refused', 'the refusal');
    expect(ns.store.getState().run!.message).toMatch(/choose sparse connectivity/);
  });

  it('opens network files (bad ones leave the network as it was, with the reason) and keeps the network in storage', async () => {
    const storage = memoryStorage();
    const ns = makeStore(storage);
    const a = ns.store.getState().actions;
    expect(a.open('{nope', 'x.json').ok).toBe(false);
    expect(ns.store.getState().notice?.text).toMatch(/x.json is not valid JSON/);
    expect(a.open('{"seed": "two"}', 'y.json').ok).toBe(false);
    expect(ns.store.getState().notice?.text).toMatch(/y.json is not a valid network file:\nseed: must be a finite number/);
    expect(ns.store.getState().spec).toEqual(paperNetwork());
    const mine = { ...paperNetwork(), seed: 99, duration: 100, name: 'mine' };
    expect(a.open(networkJson(mine), 'mine.json').ok).toBe(true);
    await until(ns, (s) => s.run?.phase === 'done', 'the opened network to run');
    expect(ns.store.getState().run!.spec).toEqual(mine);
    expect(JSON.parse(storage.map.get(NETWORK_KEY)!)).toEqual(mine);
    // A reload restores it; unusable stored data is kept aside with a message.
    expect(makeStore(storage).store.getState().spec).toEqual(mine);
    const broken = memoryStorage({ [NETWORK_KEY]: '{"duration": -5}' });
    const ns2 = makeStore(broken);
    expect(ns2.store.getState().spec).toEqual(paperNetwork());
    expect(ns2.store.getState().notice?.text).toMatch(/duration/);
    expect(broken.map.get(NETWORK_REJECTED_KEY)).toBe('{"duration": -5}');
  });
});
