// Tests of undo/redo in the store: order of steps, redo cleared by a new edit, the bound on the history, a drag or
// typing coalesced into one step (time from an injected clock, never the wall clock), selection not recorded,
// reset / loadSession / import undoable, invalid edits not recorded, and an undo re-simulates from the changed segment.
import { describe, expect, it } from 'vitest';
import { createAppStore, canRedoSel, canUndoSel, type AppStore, type StoreOptions } from './store';
import { referenceSession } from './persistence';
import { segmentViews } from './derived';
import { startSimulation } from './simulation';
import { pushPast, EMPTY_HISTORY, type HistoryEntry } from './history';
import type { WorkerCommand } from '../worker/protocol';
import { inProcessWorker } from './testWorker';
import { simulate } from '../engine/simulate';
import { MemoryStorage } from './memoryStorage';


/** A store with a hand-driven clock: `clock.t` is "now" in ms. */
function makeStore(opts: Omit<StoreOptions, 'now'> = {}): { st: AppStore; clock: { t: number } } {
  const clock = { t: 1000 };
  const st = createAppStore(new MemoryStorage(), { ...opts, now: () => clock.t });
  return { st, clock };
}

const aOf = (st: AppStore, i: number) => segmentViews(st.getState().session)[i].params.a;

describe('undo / redo', () => {
  it('undoes edits in reverse order and redoes them forward, restoring the very session objects', () => {
    const { st } = makeStore();
    const { actions } = st.getState();
    expect(canUndoSel(st.getState())).toBe(false);
    expect(canRedoSel(st.getState())).toBe(false);
    expect(actions.undo()).toBe(false);
    const s0 = st.getState().session;
    actions.setParam('a', 0.03);
    const s1 = st.getState().session;
    actions.setParamAt(2, 'I', 12);
    const s2 = st.getState().session;
    actions.setUntil(4, 2000);
    const s3 = st.getState().session;
    expect(new Set([s0, s1, s2, s3]).size).toBe(4);
    expect(st.getState().history.past.length).toBe(3);

    expect(actions.undo()).toBe(true);
    expect(st.getState().session).toBe(s2);
    expect(canRedoSel(st.getState())).toBe(true);
    actions.undo();
    expect(st.getState().session).toBe(s1);
    actions.undo();
    expect(st.getState().session).toBe(s0);
    expect(canUndoSel(st.getState())).toBe(false);
    expect(actions.undo()).toBe(false);
    expect(st.getState().session).toBe(s0);

    expect(actions.redo()).toBe(true);
    expect(st.getState().session).toBe(s1);
    actions.redo();
    expect(st.getState().session).toBe(s2);
    actions.redo();
    expect(st.getState().session).toBe(s3);
    expect(actions.redo()).toBe(false);
    expect(st.getState().session.protocol[4].until).toBe(2000);
  });

  it('a new edit after an undo clears redo', () => {
    const { st } = makeStore();
    const { actions } = st.getState();
    actions.setParam('a', 0.03);
    actions.setParam('b', 0.25);
    actions.undo();
    expect(canRedoSel(st.getState())).toBe(true);
    actions.setParam('d', 6);
    expect(canRedoSel(st.getState())).toBe(false);
    expect(actions.redo()).toBe(false);
    const views = segmentViews(st.getState().session);
    expect([views[0].params.a, views[0].params.b, views[0].params.d]).toEqual([0.03, 0.2, 6]);
    actions.undo();
    actions.undo();
    expect(st.getState().session).toEqual(referenceSession());
  });

  it('keeps at most the configured number of steps, dropping the oldest', () => {
    const { st } = makeStore({ historyLimit: 200 });
    const { actions } = st.getState();
    for (let k = 1; k <= 250; k++) {
      actions.sealHistory(); // distinct steps even though the key repeats
      expect(actions.setParam('I', k / 10).ok).toBe(true);
    }
    expect(st.getState().history.past.length).toBe(200);
    let n = 0;
    while (actions.undo()) n++;
    expect(n).toBe(200);
    // The oldest reachable state is the one after edit 50.
    expect(segmentViews(st.getState().session)[0].params.I).toBe(5);
    expect(st.getState().history.future.length).toBe(200);
    while (actions.redo()) n--;
    expect(n).toBe(0);
    expect(segmentViews(st.getState().session)[0].params.I).toBe(25);
  });

  it('coalesces a slider drag (same key, events close in time) into one step', () => {
    const { st, clock } = makeStore({ coalesceMs: 1000 });
    const { actions } = st.getState();
    actions.select(1);
    const before = st.getState().session;
    for (let k = 1; k <= 40; k++) {
      clock.t += 16; // one event per frame
      actions.setParam('a', 0.02 + k * 0.001);
    }
    expect(aOf(st, 1)).toBeCloseTo(0.06, 12);
    expect(st.getState().history.past.length).toBe(1);
    actions.undo();
    expect(st.getState().session).toBe(before);
    actions.redo();
    expect(aOf(st, 1)).toBeCloseTo(0.06, 12);
  });

  it('a held pointer (a drag) is one step however slowly it moves; the release ends it', () => {
    const { st, clock } = makeStore({ coalesceMs: 1000 });
    const { actions } = st.getState();
    const steps = () => st.getState().history.past.length;
    actions.holdHistory(); // pointer down on the slider
    actions.setParam('a', 0.03);
    clock.t += 5000; // a pause far longer than the window while the pointer stays down
    actions.setParam('a', 0.04);
    clock.t += 5000;
    actions.setParam('a', 0.05);
    expect(steps()).toBe(1);
    actions.setParam('b', 0.25); // another key is another step, held or not
    expect(steps()).toBe(2);
    actions.sealHistory(); // pointer released
    clock.t += 5000;
    actions.setParam('b', 0.26);
    expect(steps()).toBe(3);
    clock.t += 5000; // not held any more: the window applies again
    actions.setParam('b', 0.27);
    expect(steps()).toBe(4);
    actions.undo();
    actions.undo();
    actions.undo();
    expect(aOf(st, 0)).toBeCloseTo(0.05, 12);
    actions.undo();
    expect(aOf(st, 0)).toBeCloseTo(0.02, 12);
  });

  it('starts a new step after a pause, a sealed group, another key or another segment', () => {
    const { st, clock } = makeStore({ coalesceMs: 1000 });
    const { actions } = st.getState();
    const steps = () => st.getState().history.past.length;
    actions.setParam('a', 0.03);
    clock.t += 1000; // exactly the window: still the same step
    actions.setParam('a', 0.04);
    expect(steps()).toBe(1);
    clock.t += 1001; // a pause longer than the window
    actions.setParam('a', 0.05);
    expect(steps()).toBe(2);
    clock.t += 10;
    actions.sealHistory(); // the pointer was released / the field was left
    actions.setParam('a', 0.06);
    expect(steps()).toBe(3);
    clock.t += 10;
    actions.setParam('b', 0.25); // another parameter
    expect(steps()).toBe(4);
    clock.t += 10;
    actions.setParamAt(1, 'b', 0.26); // another segment
    expect(steps()).toBe(5);
    clock.t += 10;
    actions.applyPreset('bursting'); // no key: never coalesced
    clock.t += 10;
    actions.applyPreset('chattering');
    expect(steps()).toBe(7);
    const a = [0.06, 0.05, 0.04, 0.02];
    actions.undo(); actions.undo(); actions.undo(); actions.undo();
    for (const want of a) {
      expect(aOf(st, 0)).toBe(want);
      actions.undo();
    }
    expect(st.getState().session).toEqual(referenceSession());
  });

  it('typing into a numeric field is one step, including invalid keystrokes in between', () => {
    const { st, clock } = makeStore();
    const { actions } = st.getState();
    // "7", "7.", "7.5" as a live field commits them (the invalid "7." never reaches the store as a number edit).
    clock.t += 120;
    actions.setParamAt(2, 'I', 7);
    clock.t += 150;
    expect(actions.setParamAt(2, 'I', -1e9).ok).toBe(false);
    clock.t += 150;
    actions.setParamAt(2, 'I', 7.5);
    expect(st.getState().history.past.length).toBe(1);
    actions.undo();
    expect(st.getState().session.protocol[2].assign).toEqual({ I: 10 });
  });

  it('a drag that returns to its starting value leaves nothing to undo', () => {
    const { st, clock } = makeStore();
    const { actions } = st.getState();
    actions.setParam('d', 6);
    const s1 = st.getState().session;
    actions.sealHistory();
    expect(st.getState().session.protocol[0].assign).toEqual({ I: 0, d: 6 });
    for (const v of [1, 2, 1]) { clock.t += 16; actions.setParam('I', v); }
    clock.t += 16;
    actions.setParam('I', 0); // back where the drag started
    expect(st.getState().session).toEqual(s1);
    expect(st.getState().history.past.length).toBe(1);
    for (const v of [0.5, 1]) { clock.t += 16; actions.setParam('I', v); } // and out again: a new step
    expect(st.getState().history.past.length).toBe(2);
    actions.undo();
    expect(st.getState().session).toEqual(s1);
    actions.undo();
    expect(st.getState().session).toEqual(referenceSession());
  });

  it('selection, view, export settings and notices are not recorded; undo restores the selection of the time', () => {
    const { st } = makeStore();
    const { actions } = st.getState();
    actions.select(2);
    actions.setViewWindow([100, 200]);
    actions.setExportSettings({ width: 640 });
    actions.setNotice({ kind: 'info', text: 'hello' });
    actions.setShowCoefficients(true);
    expect(canUndoSel(st.getState())).toBe(false);

    actions.setParam('a', 0.05); // in segment 2
    actions.select(0);
    actions.undo();
    expect(st.getState().selected).toBe(2);
    expect(aOf(st, 2)).toBe(0.02);
    expect(st.getState().view.window).toEqual([100, 200]); // same duration: the zoom stays
    actions.redo();
    expect(st.getState().selected).toBe(0);
    expect(aOf(st, 2)).toBe(0.05);
  });

  it('keeps the selected segment in range across removing and adding segments', () => {
    const { st } = makeStore();
    const { actions } = st.getState();
    actions.select(4);
    actions.removeSegment(4);
    expect(st.getState().selected).toBe(3);
    actions.undo();
    expect(st.getState().session.protocol.length).toBe(5);
    expect(st.getState().selected).toBe(4);
    actions.redo();
    expect(st.getState().session.protocol.length).toBe(4);
    expect(st.getState().selected).toBe(3);
    actions.addSegment();
    expect(st.getState().selected).toBe(4);
    actions.undo();
    expect(st.getState().selected).toBe(3);
    expect(st.getState().selected).toBeLessThan(st.getState().session.protocol.length);
  });

  it('reset is undoable', () => {
    const { st } = makeStore();
    const { actions } = st.getState();
    actions.setName('my work');
    actions.setParamAt(3, 'I', 20);
    const mine = st.getState().session;
    actions.select(3);
    actions.reset();
    expect(st.getState().session).toEqual(referenceSession());
    expect(st.getState().selected).toBe(0);
    expect(actions.undo()).toBe(true);
    expect(st.getState().session).toBe(mine);
    expect(st.getState().selected).toBe(3);
    actions.redo();
    expect(st.getState().session).toEqual(referenceSession());
    // A reset of the unedited reference is not a step.
    const n = st.getState().history.past.length;
    actions.reset();
    expect(st.getState().history.past.length).toBe(n);
  });

  it('undoes a loadSession (session and its experiment) and an import; the zoom is dropped when the duration changes', () => {
    const { st } = makeStore();
    const { actions } = st.getState();
    actions.setParam('c', -55);
    const mine = st.getState().session;
    actions.setViewWindow([0, 300]);
    const other = { ...referenceSession(), name: 'exp', protocol: [{ until: 400, assign: { I: 4 } }] };
    expect(actions.loadSession(other, 'tonic_spiking').ok).toBe(true);
    expect(st.getState().experimentId).toBe('tonic_spiking');
    expect(st.getState().view.window).toBe(null);
    actions.setViewWindow([0, 100]);
    actions.undo();
    expect(st.getState().session).toBe(mine);
    expect(st.getState().experimentId).toBe(null);
    expect(st.getState().view.window).toBe(null); // 400 ms → 1500 ms: the window of the other run does not apply
    actions.redo();
    expect(st.getState().session.name).toBe('exp');
    expect(st.getState().experimentId).toBe('tonic_spiking');

    const json = JSON.stringify({ ...referenceSession(), name: 'imported' });
    expect(actions.importSession(json).ok).toBe(true);
    expect(actions.importSession('{"protocol": 3}').ok).toBe(false); // refused: not a step
    actions.undo();
    expect(st.getState().session.name).toBe('exp');
    expect(st.getState().experimentId).toBe('tonic_spiking');
  });

  it('invalid edits and edits that change nothing are not steps', () => {
    const { st } = makeStore();
    const { actions } = st.getState();
    expect(actions.setIntegration({ dt: 0 }).ok).toBe(false);
    expect(actions.setParamAt(1, 'I', 5).ok).toBe(true); // the value it already has
    expect(actions.setName(st.getState().session.name).ok).toBe(true);
    expect(actions.loadSession(st.getState().session).ok).toBe(true);
    expect(canUndoSel(st.getState())).toBe(false);
  });
});

describe('history stacks', () => {
  it('pushPast drops the oldest beyond the limit and clears the future', () => {
    const s = referenceSession();
    const e = (k: number): HistoryEntry => ({ session: s, experimentId: null, selected: k });
    let h = { past: [], future: [e(99)] } as typeof EMPTY_HISTORY;
    for (let k = 0; k < 5; k++) h = pushPast(h, e(k), 3);
    expect(h.past.map((x) => x.selected)).toEqual([2, 3, 4]);
    expect(h.future).toEqual([]);
    expect(h.past.every((x) => x.session === s)).toBe(true); // references, not copies
  });
});

async function settled(store: AppStore, runs: number): Promise<void> {
  for (let i = 0; i < 1000 && (store.getState().running || store.getState().run?.runId !== runs); i++) {
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('undo and the simulation', () => {
  it('an undo re-simulates, resuming from the segment the undone edit changed, with the engine\'s full-run result', async () => {
    const { st } = makeStore();
    const log: WorkerCommand[] = [];
    const ctl = startSimulation(st, inProcessWorker(log));
    await settled(st, 1);
    const first = st.getState().run!;
    st.getState().actions.setParamAt(3, 'I', 4);
    await settled(st, 2);
    expect(st.getState().run!.spikeCount).not.toBe(first.spikeCount);
    st.getState().actions.undo();
    await settled(st, 3);
    const run = st.getState().run!;
    const full = simulate(referenceSession(), { record: false });
    expect(run.spikeCount).toBe(full.spikes.length);
    expect(run.segments.map((g) => g.spikeCount)).toEqual(full.segments.map((g) => g.spikeCount));
    expect(run.timing.resumedFrom).toBe(3);
    ctl.stop();
  });
});
