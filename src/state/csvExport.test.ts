// Tests of the CSV downloads streamed from the simulation worker (in-process SimCore behind the real client): the
// trace comes in chunks with progress and equals the CSV written in one piece; a window; the spikes; cancelling;
// an edit of the session during the export ends it with a message; chunks wait behind runs and are never dropped.
import { describe, expect, it } from 'vitest';
import { simulate } from '../engine/simulate';
import { traceCsv, spikesCsv } from '../export/csv';
import { parseSession } from '../model/schema';
import type { Session } from '../model/session';
import reference from '../model/sessions/reference.json';
import { SimClient } from '../worker/client';
import type { RunReply, SimReply, WorkerCommand } from '../worker/protocol';
import { CSV_CHUNK_ROWS, collectCsv, type CsvProgress } from './csvExport';
import { inProcessWorker } from './testWorker';

const parsed = (x: unknown): Session => {
  const r = parseSession(x);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.session;
};

function setup() {
  const log: WorkerCommand[] = [];
  const replies: SimReply[] = [];
  const client = new SimClient({ createWorker: inProcessWorker(log), onReply: (r) => replies.push(r) });
  const runReply = async (id: number): Promise<RunReply> => {
    while (!replies.some((r) => r.id === id)) await new Promise((r) => setTimeout(r, 5));
    const r = replies.find((x) => x.id === id)!;
    if (r.type !== 'run') throw new Error(`not a run reply: ${r.type}`);
    return r;
  };
  return { client, log, runReply };
}

describe('CSV export through the worker', () => {
  it('streams the trace in chunks with progress; the text equals the CSV written in one piece', async () => {
    const { client, runReply } = setup();
    const s = parsed(reference);
    const run = await runReply(client.run(s, 800));
    const progress: CsvProgress[] = [];
    const out = await collectCsv((f) => client.csv(f), run.runId, 'trace', null, run.segments, (p) => progress.push(p), () => false);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const full = simulate(s);
    expect(out.parts.join('')).toBe([...traceCsv(full.trace!, s, full)].join(''));
    expect(out.rows).toBe(full.trace!.length);
    expect(progress.length).toBe(Math.ceil(full.trace!.length / CSV_CHUNK_ROWS));
    expect(progress[progress.length - 1]).toEqual({ written: full.trace!.length, total: full.trace!.length });
    expect(progress.every((p, i) => i === 0 || p.written > progress[i - 1].written)).toBe(true);

    const win = await collectCsv((f) => client.csv(f), run.runId, 'trace', [600, 650], run.segments, () => {}, () => false);
    expect(win.ok && win.parts.join('')).toBe([...traceCsv(full.trace!, s, full, [600, 650])].join(''));
    const spikes = await collectCsv((f) => client.csv(f), run.runId, 'spikes', null, run.segments, () => {}, () => false);
    expect(spikes.ok && spikes.parts.join('')).toBe(spikesCsv(full.spikes, full.segments));
    const seg = await collectCsv((f) => client.csv(f), run.runId, 'segments', null, run.segments, () => {}, () => false);
    expect(seg.ok && seg.rows).toBe(5);
    client.dispose();
  }, 60_000);

  it('cancels between chunks; an edit during the export ends it with a message; chunks are never dropped', async () => {
    const { client, log, runReply } = setup();
    const s = parsed(reference);
    const run = await runReply(client.run(s, 800));
    let chunks = 0;
    const cancelled = await collectCsv((f) => client.csv(f), run.runId, 'trace', null, run.segments, () => { chunks++; }, () => chunks >= 2);
    expect(cancelled).toEqual({ ok: false, cancelled: true, message: 'export cancelled' });
    expect(chunks).toBe(2);

    // A run is sent while the export goes on: the chunk after it finds another run kept, and says so.
    let sentRun = false;
    const edited = { ...s, protocol: s.protocol.map((g, i) => (i === 1 ? { ...g, assign: { I: 6 } } : g)) };
    const out = await collectCsv((f) => {
      const p = client.csv(f);
      if (!sentRun) { sentRun = true; client.run(edited, 800); }
      return p;
    }, run.runId, 'trace', null, run.segments, () => {}, () => false);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.message).toMatch(/the run changed while it was being exported/);
    // The chunk asked for before the run was answered first (queued, not dropped), then the run, then the refused chunk.
    const types = log.slice(-3).map((c) => c.type);
    expect(types).toEqual(['csv', 'run', 'csv']);
    client.dispose();
  }, 60_000);

  it('a chunk asked for after the worker was stopped is refused', async () => {
    const { client } = setup();
    client.dispose();
    await expect(client.csv({ runId: 1, table: 'spikes', window: null, from: -1, rows: 10 })).rejects.toThrow(/stopped/);
  });
});
