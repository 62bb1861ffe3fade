// Tests of the simulation controller with the real engine behind a fake (in-process, asynchronous) worker:
// the first run shows the reference scenario, edits re-run, renames do not, window changes re-decimate only,
// a refused run keeps the previous traces and reports why; the run summary follows the plot's draw of the traces.
import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';
import { startSimulation } from './simulation';
import { getPlotFrame, plotDrawFinished, plotDrawStarted, subscribePlotFrame, type PlotFrame } from './plotData';
import type { WorkerCommand } from '../worker/protocol';
import { inProcessWorker } from './testWorker';
import { simulate } from '../engine/simulate';
import { MemoryStorage } from './memoryStorage';


async function idle(store: ReturnType<typeof createAppStore>): Promise<void> {
  for (let i = 0; i < 500 && (store.getState().running || store.getState().revision === 0); i++) {
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('simulation controller', () => {
  it('simulates the reference on start, re-runs on edits that matter, zooms on window changes', async () => {
    const store = createAppStore(new MemoryStorage());
    const log: WorkerCommand[] = [];
    const ctl = startSimulation(store, inProcessWorker(log));
    await idle(store);
    const expected = simulate(store.getState().session, { record: false });
    const run = store.getState().run!;
    expect(run.status.kind).toBe('ok');
    expect(run.spikeCount).toBe(expected.spikes.length);
    expect(run.segments.map((s) => s.spikeCount)).toEqual(expected.segments.map((s) => s.spikeCount));
    const rev1 = store.getState().revision;
    expect(rev1).toBeGreaterThan(0);
    expect(getPlotFrame()?.runId).toBe(rev1);

    store.getState().actions.setName('renamed');
    await idle(store);
    expect(log.length).toBe(1);

    store.getState().actions.setParam('d', 4);
    await idle(store);
    expect(log.length).toBe(2);
    const rev2 = store.getState().revision;
    expect(rev2).toBeGreaterThan(rev1);
    expect(store.getState().run!.spikeCount).toBe(simulate(store.getState().session, { record: false }).spikes.length);

    store.getState().actions.setViewWindow([100, 200]);
    await new Promise((r) => setTimeout(r, 50));
    expect(log[2].type).toBe('zoom');
    expect(getPlotFrame()?.traces.window).toEqual([100, 200]);
    expect(store.getState().revision).toBe(rev2); // same simulation, re-decimated
    ctl.stop();
  });

  it('keeps the previous traces when a run is refused, and says why', async () => {
    const store = createAppStore(new MemoryStorage());
    const log: WorkerCommand[] = [];
    const ctl = startSimulation(store, inProcessWorker(log, 8 * 1024 * 1024));
    await idle(store);
    const rev = store.getState().revision;
    const before = store.getState().run!;
    expect(before.shows).toBe('this');
    expect(store.getState().actions.setIntegration({ dt: 0.001 }).ok).toBe(true); // 1.55 M samples > 8 MiB
    await new Promise((r) => setTimeout(r, 20));
    await idle(store);
    const st = store.getState();
    expect(st.run!.status.kind).toBe('refused');
    expect(st.revision).toBe(rev);
    expect(getPlotFrame()?.runId).toBe(rev);
    // Readouts and plot describe the same run: the previous one, and say so (not "0 spikes" of a run never made).
    expect(st.run!.shows).toBe('previous');
    expect(st.run!.spikeCount).toBe(before.spikeCount);
    expect(st.run!.segments).toEqual(before.segments);
    expect(st.run!.duration).toBe(before.duration);
    // The refusal carries what would make it fit, for advice in the UI's own terms.
    const status = st.run!.status;
    if (status.kind !== 'refused') throw new Error('refused expected');
    expect(status.fix!.dtAtLeast).toBeGreaterThan(0.001);
    expect(status.fix!.bytes).toBeGreaterThan(status.fix!.budgetBytes);
    ctl.stop();
  });

  it('updates the run summary only once the plot has drawn the traces (at once when no plot draws them)', async () => {
    const store = createAppStore(new MemoryStorage());
    const log: WorkerCommand[] = [];
    // A stand-in for the plot: takes up every published frame in the same task and finishes when told.
    const drawn: PlotFrame[] = [];
    const off = subscribePlotFrame(() => {
      const f = getPlotFrame();
      if (f) queueMicrotask(() => { plotDrawStarted(f); drawn.push(f); });
    });
    const ctl = startSimulation(store, inProcessWorker(log));
    for (let i = 0; i < 500 && drawn.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(drawn.length).toBe(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(store.getState().run).toBe(null); // traces published, readouts wait for the draw
    expect(store.getState().running).toBe(true);
    plotDrawFinished(drawn[0]);
    expect(store.getState().run?.status.kind).toBe('ok');
    expect(store.getState().revision).toBe(drawn[0].runId);
    expect(store.getState().running).toBe(false);

    // A zoom reply arriving while a run's draw is pending does not drop that run's summary.
    store.getState().actions.setParam('d', 4);
    for (let i = 0; i < 500 && drawn.length === 1; i++) await new Promise((r) => setTimeout(r, 5));
    store.getState().actions.setViewWindow([100, 200]);
    for (let i = 0; i < 500 && log.length < 3; i++) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    expect(log[2].type).toBe('zoom');
    const runFrame = drawn[1];
    expect(store.getState().revision).toBe(drawn[0].runId);
    plotDrawFinished(runFrame); // the zoom frame waited for this draw and is published now
    expect(store.getState().revision).toBe(runFrame.runId);
    expect(store.getState().run!.spikeCount).toBe(simulate(store.getState().session, { record: false }).spikes.length);
    off();
    plotDrawFinished(null);
    ctl.stop();
  });
});
