// Tests of the worker client's scheduling: one command in flight, the newest pending command wins, stale replies are
// ignored, a zoom merges into a pending run, a stuck run is abandoned by restarting the worker, crashes are reported.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SimClient, type ReplyInfo, type WorkerLike } from './client';
import type { WorkerCommand, WorkerReply } from './protocol';
import { defaultSession } from '../model/session';

class FakeWorker implements WorkerLike {
  posted: WorkerCommand[] = [];
  terminated = false;
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  postMessage(m: WorkerCommand) { this.posted.push(m); }
  terminate() { this.terminated = true; }
  /** Answers the command with this id (as the real worker would, possibly late). */
  answer(id: number) {
    const reply: WorkerReply = { type: 'error', id, message: `reply ${id}` };
    this.onmessage?.({ data: reply } as MessageEvent<WorkerReply>);
  }
  crash(message: string) {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
}

function setup(restartAfterMs?: number) {
  const workers: FakeWorker[] = [];
  const replies: Array<{ id: number; info: ReplyInfo; message: string }> = [];
  const client = new SimClient({
    createWorker: () => { const w = new FakeWorker(); workers.push(w); return w; },
    onReply: (r, info) => replies.push({ id: r.id, info, message: r.type === 'error' ? r.message : '' }),
    restartAfterMs,
  });
  return { client, workers, replies };
}

afterEach(() => { vi.useRealTimers(); });

describe('SimClient', () => {
  it('sends the first command at once and keeps only the newest of those arriving while busy', () => {
    const { client, workers, replies } = setup();
    const s = defaultSession();
    const id1 = client.run(s, 800);
    client.run(s, 800);
    client.run(s, 800);
    const id4 = client.run(s, 800);
    const w = workers[0];
    expect(w.posted.map((c) => c.id)).toEqual([id1]);
    w.answer(id1);
    expect(replies.map((r) => r.id)).toEqual([id1]);
    expect(replies[0].info.newerPending).toBe(true);
    expect(w.posted.map((c) => c.id)).toEqual([id1, id4]);
    w.answer(id4);
    expect(replies.map((r) => r.id)).toEqual([id1, id4]);
    expect(replies[1].info.newerPending).toBe(false);
    expect(client.stats.dropped).toBe(2);
    expect(client.busy).toBe(false);
  });

  it('ignores replies for commands that are not in flight', () => {
    const { client, workers, replies } = setup();
    const id1 = client.run(defaultSession(), 500);
    workers[0].answer(id1 + 7);
    expect(replies).toEqual([]);
    workers[0].answer(id1);
    workers[0].answer(id1); // duplicate
    expect(replies.map((r) => r.id)).toEqual([id1]);
    expect(client.stats.ignored).toBe(2);
  });

  it('merges a zoom into a pending run (the run takes the window) and lets a run replace a pending zoom', () => {
    const { client, workers } = setup();
    const s = defaultSession();
    const id1 = client.zoom(0, 100, 400);
    const idR = client.run(s, 400, null);
    client.zoom(10, 20, 600);
    workers[0].answer(id1);
    const sent = workers[0].posted[1];
    expect(sent.type).toBe('run');
    expect(sent.id).toBe(idR);
    const idZ = idR;
    if (sent.type === 'run') {
      expect(sent.window).toEqual([10, 20]);
      expect(sent.columns).toBe(600);
      expect(sent.session).toBe(s);
    }
    // a run replaces a pending zoom
    const z2 = client.zoom(1, 2, 100);
    const r3 = client.run(s, 100, [1, 2]);
    workers[0].answer(idZ);
    expect(workers[0].posted.map((c) => c.id)).toEqual([id1, idZ, r3]);
    expect(z2).toBeLessThan(r3);
  });

  it('abandons a run that takes too long when a newer run waits, and ignores the old worker afterwards', () => {
    vi.useFakeTimers();
    const { client, workers, replies } = setup(300);
    const s = defaultSession();
    const id1 = client.run(s, 100);
    vi.advanceTimersByTime(100);
    const id2 = client.run(s, 100);
    vi.advanceTimersByTime(150);
    expect(workers.length).toBe(1);
    vi.advanceTimersByTime(100);
    expect(workers.length).toBe(2);
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].posted.map((c) => c.id)).toEqual([id2]);
    workers[0].answer(id1); // late reply from the terminated worker
    expect(replies).toEqual([]);
    workers[1].answer(id2);
    expect(replies.map((r) => r.id)).toEqual([id2]);
    expect(client.stats.restarts).toBe(1);
  });

  it('does not restart for a pending zoom (the worker keeps the data it zooms into)', () => {
    vi.useFakeTimers();
    const { client, workers } = setup(300);
    client.run(defaultSession(), 100);
    client.zoom(0, 1, 100);
    vi.advanceTimersByTime(5000);
    expect(workers.length).toBe(1);
  });

  it('reports a crashed worker as an error reply and continues with a fresh worker', () => {
    const { client, workers, replies } = setup();
    const s = defaultSession();
    const id1 = client.run(s, 100);
    const id2 = client.run(s, 100);
    workers[0].crash('out of memory');
    expect(replies).toEqual([{ id: id1, info: { newerPending: true }, message: 'out of memory' }]);
    expect(workers.length).toBe(2);
    expect(workers[1].posted.map((c) => c.id)).toEqual([id2]);
  });
});
