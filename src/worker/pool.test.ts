// The worker pool with fake workers (replies on a later macrotask): jobs spread over the workers FIFO, a cancelled
// request's queued jobs never start and its running jobs' replies are discarded, a failed worker is replaced.

import { describe, expect, it } from 'vitest';
import { JobCancelled, WorkerPool, defaultPoolSize, type PoolWorker } from './pool';

interface Cmd { n: number; fail?: boolean }
interface Rep { n: number; worker: number }

function fakes(log: { worker: number; n: number }[]) {
  let made = 0;
  const workers: PoolWorker<Cmd, Rep>[] = [];
  const create = (): PoolWorker<Cmd, Rep> => {
    const id = made++;
    const w: PoolWorker<Cmd, Rep> = {
      onmessage: null,
      onerror: null,
      postMessage(cmd) {
        log.push({ worker: id, n: cmd.n });
        setTimeout(() => {
          if (cmd.fail) w.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
          else w.onmessage?.({ data: { n: cmd.n * 10, worker: id } } as MessageEvent<Rep>);
        }, 1);
      },
      terminate() {},
    };
    workers.push(w);
    return w;
  };
  return { create, made: () => made };
}

describe('WorkerPool', () => {
  it('runs jobs on every worker, in order, and resolves each with its reply', async () => {
    const log: { worker: number; n: number }[] = [];
    const f = fakes(log);
    const pool = new WorkerPool<Cmd, Rep>(f.create, 3);
    const replies = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => pool.submit(1, { n })));
    expect(replies.map((r) => r.n)).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(new Set(log.slice(0, 3).map((x) => x.worker)).size).toBe(3);
    expect(log.map((x) => x.n)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pool.stats.posted).toBe(7);
    expect(pool.pending).toBe(0);
  });

  it('cancel drops queued jobs (never posted) and discards running replies; a newer request goes on', async () => {
    const log: { worker: number; n: number }[] = [];
    const pool = new WorkerPool<Cmd, Rep>(fakes(log).create, 2);
    const old = [1, 2, 3, 4, 5].map((n) => pool.submit(7, { n }));
    const outcomes = old.map((p) => p.then(() => 'done', (e: unknown) => (e instanceof JobCancelled ? 'cancelled' : 'error')));
    pool.cancel(7);
    const fresh = pool.submit(8, { n: 9 });
    expect(await Promise.all(outcomes)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect((await fresh).n).toBe(90);
    // Only the two that were running when cancelled were ever posted; their replies were discarded.
    expect(log.map((x) => x.n)).toEqual([1, 2, 9]);
    expect(pool.stats.dropped).toBe(3);
    await new Promise((r) => setTimeout(r, 5));
    expect(pool.stats.discarded).toBe(2);
    await expect(pool.submit(7, { n: 1 })).rejects.toBeInstanceOf(JobCancelled);
  });

  it('a worker that fails is replaced; its job rejects with the error and the others continue', async () => {
    const log: { worker: number; n: number }[] = [];
    const f = fakes(log);
    const pool = new WorkerPool<Cmd, Rep>(f.create, 1);
    const bad = pool.submit(1, { n: 1, fail: true });
    const good = pool.submit(1, { n: 2 });
    await expect(bad).rejects.toThrow(/batch worker failed: boom/);
    expect((await good).n).toBe(20);
    expect(pool.stats.restarts).toBe(1);
    expect(f.made()).toBe(2);
  });

  it('dispose rejects what is left; the default size is the machine\u2019s cores', async () => {
    const pool = new WorkerPool<Cmd, Rep>(fakes([]).create, 1);
    const a = pool.submit(1, { n: 1 }), b = pool.submit(1, { n: 2 });
    pool.dispose();
    await expect(a).rejects.toBeInstanceOf(JobCancelled);
    await expect(b).rejects.toBeInstanceOf(JobCancelled);
    await expect(pool.submit(2, { n: 3 })).rejects.toThrow(/disposed/);
    const cores = typeof navigator !== "undefined" && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 1;
    expect(defaultPoolSize()).toBe(Math.max(1, Math.min(16, cores)));
  });
});
