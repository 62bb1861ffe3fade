// The analysis panels' state: stored preferences are checked field by field (bad ones fall back), the phase request
// exists only while the panel is open and sized, launches are capped, and the sweep controller asks the worker again
// only when something it computes from changes (dragging the swept parameter itself only moves the marker).

import { describe, expect, it } from 'vitest';
import { ANALYSIS_PREFS_KEY, DEFAULT_SWEEP, createAnalysisStore, phaseRequest, readPrefs } from './analysis';
import { MAX_LAUNCHES } from '../analysis/phaseFrame';
import { createAppStore } from './store';
import { MemoryStorage } from './memoryStorage';
import { startSweeps, sweepRequest, type SweepWorkerLike } from './sweep';
import type { SweepWorkerCommand } from '../worker/sweepProtocol';

function memory(init: Record<string, string> = {}) {
  const s = new MemoryStorage(new Map(Object.entries(init)));
  return Object.assign(s, { m: s.map });
}

describe('analysis store', () => {
  it('reads stored preferences, replacing anything out of range by its default', () => {
    const s = memory({ [ANALYSIS_PREFS_KEY]: JSON.stringify({ phaseOpen: true, launchMs: -5, sweep: { param: 'zz', steps: 1e9, window: 300, start: 'rest' } }) });
    const p = readPrefs(s);
    expect(p.phaseOpen).toBe(true);
    expect(p.bifOpen).toBe(false);
    expect(p.launchMs).toBe(1);
    expect(p.sweep.param).toBe('I');
    expect(p.sweep.steps).toBe(2000);
    expect(p.sweep.window).toBe(300);
    expect(p.sweep.start).toBe('rest');
    expect(readPrefs(memory({ [ANALYSIS_PREFS_KEY]: '{not json' })).sweep).toEqual(DEFAULT_SWEEP);
  });
  it('persists open flags and sweep settings', () => {
    const s = memory();
    const st = createAnalysisStore(s);
    st.getState().actions.setBifOpen(true);
    st.getState().actions.setSweep({ param: 'd', steps: 40 });
    expect(JSON.parse(s.m.get(ANALYSIS_PREFS_KEY)!)).toMatchObject({ bifOpen: true, sweep: { param: 'd', steps: 40 } });
    expect(createAnalysisStore(s).getState().sweep.param).toBe('d');
  });
  it('phase request only while open and sized; launches capped at MAX_LAUNCHES', () => {
    const st = createAnalysisStore(null);
    const a = st.getState().actions;
    expect(phaseRequest(st.getState(), 0)).toBeNull();
    a.setPhaseOpen(true);
    expect(phaseRequest(st.getState(), 0)).toBeNull();
    a.setPhasePixels({ w: 400.4, h: 300 });
    for (let i = 0; i < MAX_LAUNCHES + 3; i++) a.launch({ v: -60 + i, u: -12 });
    const r = phaseRequest(st.getState(), 2)!;
    expect(r).toMatchObject({ segment: 2, px: { w: 400, h: 300 }, box: null });
    expect(r.launches).toHaveLength(MAX_LAUNCHES);
    expect(r.launches[MAX_LAUNCHES - 1].v).toBe(-60 + MAX_LAUNCHES + 2);
    expect(st.getState().picked).toEqual({ v: -60 + MAX_LAUNCHES + 2, u: -12 });
  });
});

class FakeSweepWorker implements SweepWorkerLike {
  posted: SweepWorkerCommand[] = [];
  onmessage: SweepWorkerLike['onmessage'] = null;
  onerror: SweepWorkerLike['onerror'] = null;
  postMessage(m: SweepWorkerCommand) { this.posted.push(m); }
  terminate() {}
}

describe('sweep controller', () => {
  it('sends a sweep when the panel opens, again when a parameter changes, not when the swept one moves', () => {
    const app = createAppStore(null);
    const an = createAnalysisStore(null);
    const w = new FakeSweepWorker();
    const ctl = startSweeps(app, an, () => w);
    expect(w.posted).toHaveLength(0);
    an.getState().actions.setBifOpen(true);
    expect(w.posted.map((c) => c.type)).toEqual(['sweep']);
    const first = w.posted[0];
    if (first.type !== 'sweep') throw new Error();
    expect(first.spec.param).toBe('I');
    expect(first.spec.from).toBeLessThan(first.spec.to);
    // The swept parameter (I) moves inside the range: no new sweep.
    app.getState().actions.setParam('I', first.spec.from + 0.5);
    expect(w.posted).toHaveLength(1);
    // Another parameter moves: a new sweep with a newer id.
    app.getState().actions.setParam('a', 0.03);
    expect(w.posted).toHaveLength(2);
    expect(w.posted[1].id).toBeGreaterThan(w.posted[0].id);
    // Closing cancels the running one.
    an.getState().actions.setBifOpen(false);
    expect(w.posted[2]).toEqual({ type: 'cancel', id: w.posted[1].id });
    ctl.stop();
  });
  it('a bad setting gives a message naming the field instead of a sweep', () => {
    const app = createAppStore(null);
    const an = createAnalysisStore(null);
    an.getState().actions.setBifOpen(true);
    an.getState().actions.setSweep({ auto: false, from: 5, to: 5 });
    const r = sweepRequest(app.getState(), an.getState(), null);
    expect(r && 'error' in r && r.error).toMatch(/to: must differ from from/);
  });
  it('keeps the automatic range while the current value and the bifurcations stay inside it', () => {
    const app = createAppStore(null);
    const an = createAnalysisStore(null);
    an.getState().actions.setBifOpen(true);
    const r1 = sweepRequest(app.getState(), an.getState(), null);
    if (!r1 || 'error' in r1) throw new Error();
    const prev = { param: 'I', from: r1.spec.from, to: r1.spec.to };
    app.getState().actions.setParam('I', r1.spec.to - 0.1);
    const r2 = sweepRequest(app.getState(), an.getState(), prev);
    if (!r2 || 'error' in r2) throw new Error();
    expect([r2.spec.from, r2.spec.to]).toEqual([prev.from, prev.to]);
    app.getState().actions.setParam('I', r1.spec.to + 20);
    const r3 = sweepRequest(app.getState(), an.getState(), prev);
    if (!r3 || 'error' in r3) throw new Error();
    expect(r3.spec.to).toBeGreaterThan(r1.spec.to + 20);
  });
});
