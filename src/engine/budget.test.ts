// Tests of the run's memory budget (issue 9, items 2 and 9): every growing buffer — trace samples and spike times —
// is charged to it, a run that outgrows it stops with status 'refused' (stoppedAt, a message naming the cause) and
// hands out nothing, and the unrecorded transient does not count. The session fires about a hundred times
// per step; before, it grew the buffers without limit (5 GB in the browser, RangeError on the command line).

import { describe, expect, it } from 'vitest';
import { parseSession } from '../model/schema';
import { simulate, countRecordedSteps, countSteps, transientSteps } from './simulate';
import { BYTES_PER_SAMPLE, MemoryBudget, Recorder, initialCapacity } from './recorder';
import { makeSession } from './testing';

/** The session of the issue, exactly as a user would write it (every value within the schema's limits). */
function runawaySession() {
  const r = parseSession({ params: { c: -20.5, v_th: -20, d: 0 }, integration: { dt: 1 }, protocol: [{ until: 1000000 }] });
  if (!r.ok) throw new Error('the issue session must be valid');
  return r.session;
}

const MiB = 1024 * 1024;

describe('memory budget: every buffer counts', () => {
  it('the issue session stops with a clear status once its spike buffers would pass the budget (recorded)', () => {
    const s = runawaySession();
    // 32 MiB: the 10⁶-step trace (12.7 MB) fits at the start; the spikes (a sample and a time each) outgrow the rest.
    const r = simulate(s, { memoryBudgetBytes: 32 * MiB });
    expect(r.status.kind).toBe('refused');
    if (r.status.kind !== 'refused') return;
    expect(r.status.stoppedAt).toBeGreaterThan(0);
    expect(r.status.stoppedAt).toBeLessThan(1e6);
    expect(r.status.message).toMatch(/^Stopped at t = [\d.]+ ms: by then the run had more than [\d,]+ spikes \(about [\d,]+ per ms\) and [\d,]+ samples/);
    expect(r.status.message).toMatch(/memory budget of 32\.0 MiB; nothing of it is shown/);
    expect(r.status.message).toMatch(/reset c = -20\.5 mV lies only 0\.5 mV below v_th = -20 mV/);
    expect(r.trace).toBeNull();
    expect(r.spikes).toHaveLength(0);
    expect(r.segments).toEqual([]);
  });

  it('with record: false the spike times alone are bounded by the budget', () => {
    const r = simulate(runawaySession(), { record: false, memoryBudgetBytes: 8 * MiB });
    expect(r.status.kind).toBe('refused');
    if (r.status.kind !== 'refused') return;
    expect(r.status.message).toMatch(/more than [\d,]+ spikes \(about [\d,]+ per ms\), and keeping more/);
    // 8 MiB hold at most 1,048,576 spike times; the run stops within one poll interval after that.
    const maxSpikes = (8 * MiB) / 8;
    expect(Number(r.status.message.match(/more than ([\d,]+) spikes/)![1].replace(/,/g, ''))).toBeLessThanOrEqual(maxSpikes);
  });

  it('a recorder never holds more than its budget: growth is capped, then refused, samples dropped', () => {
    const budget = new MemoryBudget(1000 * BYTES_PER_SAMPLE);
    const rec = new Recorder(100, undefined, budget);
    for (let k = 0; k < 5000; k++) rec.push(k, k, k);
    expect(budget.exceeded).toBe(true);
    expect(budget.used).toBeLessThanOrEqual(budget.limit);
    expect(rec.t.length).toBe(1000);
    expect(rec.length).toBe(1000);
    expect(Array.from(rec.t.subarray(995, 1000))).toEqual([995, 996, 997, 998, 999]);
    expect(rec.reserve(1)).toBe(false);
  });

  it('an ordinary run is unaffected: same result with and without a tight-but-sufficient budget', () => {
    const s = makeSession({ params: { I: 10 }, integration: { dt: 0.05 }, protocol: [{ until: 500 }] });
    const free = simulate(s);
    const need = initialCapacity(countRecordedSteps(s)) * BYTES_PER_SAMPLE + 256 * 8;
    const tight = simulate(s, { memoryBudgetBytes: need });
    expect(tight.status).toEqual({ kind: 'ok' });
    expect(Array.from(tight.spikes)).toEqual(Array.from(free.spikes));
    expect(tight.trace!.length).toBe(free.trace!.length);
  });
});

describe('memory budget: the unrecorded transient does not count (issue 9, item 9)', () => {
  it('a long transient before a short protocol is not refused for samples it never records', () => {
    const s = makeSession({ params: { I: 10 }, integration: { dt: 0.1 }, transient: 100_000, protocol: [{ until: 100 }] });
    expect(transientSteps(s)).toBe(1_000_000);
    expect(countRecordedSteps(s)).toBe(countSteps(s) - 1_000_000);
    const r = simulate(s, { memoryBudgetBytes: MiB });
    expect(r.status).toEqual({ kind: 'ok' });
    expect(r.trace!.length).toBeGreaterThan(1000);
  });

  it('a refusal counts the recorded protocol only and says the transient is not recorded', () => {
    const s = makeSession({ integration: { dt: 0.01 }, transient: 1000, protocol: [{ until: 100_000 }] });
    const r = simulate(s, { memoryBudgetBytes: MiB });
    expect(r.status.kind).toBe('refused');
    if (r.status.kind !== 'refused') return;
    expect(r.status.stoppedAt).toBeUndefined();
    expect(r.status.message).toMatch(/about 10,000,000 samples \(100,000 ms at dt = 0\.01 ms; the 1000 ms transient is not recorded\)/);
  });
});
