// Tests of the plot frame holder: frames are published at once while the plot is idle; while it draws, arriving
// frames wait and only the newest is published when the draw finishes; a draw that never finishes stops holding back;
// afterPlotDrawn callbacks follow the draw of their frame.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DRAW_WATCHDOG_MS, afterPlotDrawn, getPlotFrame, plotDrawFinished, plotDrawStarted, setPlotFrame, subscribePlotFrame, type PlotFrame } from './plotData';
import { defaultSession } from '../model/session';

function frame(id: number): PlotFrame {
  const xy = { x: new Float32Array(0), y: new Float32Array(0), length: 0, yMin: NaN, yMax: NaN };
  return {
    requestId: id, runId: id, session: defaultSession(), traces: { window: [0, 1], columns: 1, v: xy, u: xy, I: xy, fullLength: 0 },
    spikes: new Float64Array(0), status: { kind: 'ok' },
  };
}

afterEach(() => { plotDrawFinished(null); setPlotFrame(null); vi.useRealTimers(); });

describe('plot frames', () => {
  it('publishes at once when the plot is idle and notifies subscribers', () => {
    const seen: Array<number | undefined> = [];
    const off = subscribePlotFrame(() => seen.push(getPlotFrame()?.requestId));
    setPlotFrame(frame(1));
    setPlotFrame(frame(2));
    off();
    expect(seen).toEqual([1, 2]);
    expect(getPlotFrame()?.requestId).toBe(2);
  });

  it('holds frames back while the plot draws and then publishes only the newest', () => {
    const f1 = frame(1);
    setPlotFrame(f1);
    plotDrawStarted(f1);
    const seen: Array<number | undefined> = [];
    const off = subscribePlotFrame(() => seen.push(getPlotFrame()?.requestId));
    setPlotFrame(frame(2));
    setPlotFrame(frame(3));
    expect(getPlotFrame()).toBe(f1);
    expect(seen).toEqual([]);
    plotDrawFinished(frame(9)); // not the frame being drawn: ignored
    expect(getPlotFrame()).toBe(f1);
    plotDrawFinished(f1);
    expect(seen).toEqual([3]);
    expect(getPlotFrame()?.requestId).toBe(3);
    off();
  });

  it('does not hold back frames behind a draw that never finishes', () => {
    vi.useFakeTimers();
    const f1 = frame(1);
    setPlotFrame(f1);
    plotDrawStarted(f1);
    setPlotFrame(frame(2));
    expect(getPlotFrame()).toBe(f1);
    vi.advanceTimersByTime(DRAW_WATCHDOG_MS + 1);
    setPlotFrame(frame(3));
    expect(getPlotFrame()?.requestId).toBe(3);
  });
});

describe('afterPlotDrawn', () => {
  it('runs at the end of the task when the plot does not draw the frame', async () => {
    const f1 = frame(1);
    setPlotFrame(f1);
    const log: string[] = [];
    afterPlotDrawn(f1, () => log.push('done'));
    expect(log).toEqual([]);
    await Promise.resolve();
    expect(log).toEqual(['done']);
  });

  it('waits for the draw of the frame when the plot takes it up in the same task', async () => {
    const f1 = frame(1);
    setPlotFrame(f1);
    queueMicrotask(() => plotDrawStarted(f1)); // as the plot's render does, queued before the check
    const log: string[] = [];
    afterPlotDrawn(f1, () => log.push('done'));
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual([]);
    plotDrawFinished(f1);
    expect(log).toEqual(['done']);
  });

  it('runs after the watchdog delay when the draw never finishes, and only once', async () => {
    vi.useFakeTimers();
    const f1 = frame(1);
    setPlotFrame(f1);
    queueMicrotask(() => plotDrawStarted(f1));
    let n = 0;
    afterPlotDrawn(f1, () => { n++; });
    await Promise.resolve();
    await Promise.resolve();
    expect(n).toBe(0);
    vi.advanceTimersByTime(DRAW_WATCHDOG_MS + 1);
    expect(n).toBe(1);
    plotDrawFinished(f1);
    expect(n).toBe(1);
  });
});
