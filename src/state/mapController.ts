// Between the map's store and the batch pool: while the map view is open, every change of the map's settings or of
// the explorer's session (its parameters, options, protocol) starts a new progressive map and so cancels the one in
// flight; tiles are painted as they arrive. Settings that cannot make a map leave the previous one with a message.
// Selecting a pixel asks a worker for its v(t) (the inset). Leaving the view cancels the work.

import { stableJson } from './experimentLink';
import type { RouteSource } from './route';
import type { AppStore } from './store';
import { mapSpecOf, settingsProblem, type MapStore } from './map';
import { pixelSession } from '../analysis/firingMap';
import { MapRunner, type BatchPoolLike } from '../worker/mapRunner';
import { JobCancelled } from '../worker/pool';
import type { MapJobResult } from '../analysis/firingMap';
import type { MapProgress } from '../worker/mapRunner';
import { tileBatcher } from './tileBatcher';

export interface MapControllerDeps {
  map: MapStore;
  app: AppStore;
  route: RouteSource;
  pool: BatchPoolLike;
  /** Columns of the inset's v(t). */
  insetColumns?: number;
}

const TRACE_REQUEST = -1;

export function startMapController({ map, app, route, pool, insetColumns = 320 }: MapControllerDeps): () => void {
  const runner = new MapRunner(pool);
  let runningKey: string | null = null;
  let traceRequest = TRACE_REQUEST;
  // Tiles reach the store (a render and a repaint each) together, at most every 100 ms once the first picture is
  // complete: painting each of a 256 × 256 map's 130 tiles took CPU time from the workers.
  type Tile = { request: number; r: MapJobResult; stride: number; p: MapProgress };
  const tiles = tileBatcher<Tile>((list) => {
    const actions = map.getState().actions;
    for (const t of list) actions.tile(t.request, t.r, t.stride, t.p);
  });

  const open = () => route.get().view === 'map';

  const update = () => {
    if (!open()) return;
    const ms = map.getState();
    const { session, selected } = app.getState();
    const problem = settingsProblem(ms.settings, session, selected);
    if (problem) { if (ms.invalid !== problem) ms.actions.setInvalid(problem); return; }
    if (ms.invalid) ms.actions.setInvalid(null);
    const spec = mapSpecOf(ms.settings, session, selected);
    const key = stableJson(spec);
    if (key === runningKey && ms.status !== 'error' && ms.status !== 'idle') return;
    runningKey = key;
    const actions = ms.actions;
    tiles.reset();
    let firstComplete = false; // the tile completing the first level still goes at once
    const request = runner.start(spec, {
      onTile: (r, stride, p) => {
        tiles.push({ request, r, stride, p }, firstComplete);
        firstComplete ||= p.completeStride !== Infinity;
      },
      onDone: (p) => { tiles.flush(); actions.finish(request, p); },
      onError: (message) => { tiles.flush(); actions.fail(request, message); },
    });
    actions.begin(request, spec);
  };

  const leave = () => {
    if (open()) return;
    runner.cancel();
    tiles.reset();
    pool.cancel(traceRequest);
    if (map.getState().status === 'running') map.setState({ status: 'idle' });
  };

  const traceOf = () => {
    const { selected, data } = map.getState();
    pool.cancel(traceRequest);
    if (!selected || !data) return;
    traceRequest--;
    const req = traceRequest;
    const session = pixelSession(data.spec, selected.ix, selected.iy);
    pool.submit(req, { type: 'trace', session, columns: insetColumns }).then((reply) => {
      if (req !== traceRequest) return;
      if (reply.type === 'trace') {
        const message = reply.status.kind === 'ok' ? null : 'message' in reply.status ? reply.status.message : reply.status.kind;
        map.getState().actions.setTrace({ t: reply.t, v: reply.v, length: reply.length, spikes: reply.spikes.length, message });
      } else {
        map.getState().actions.setTrace({ t: new Float32Array(0), v: new Float32Array(0), length: 0, spikes: 0, message: reply.type === 'error' ? reply.message : 'no trace' });
      }
    }, (e: unknown) => { if (!(e instanceof JobCancelled)) console.warn(e); });
  };

  const unsubs = [
    map.subscribe((s, prev) => {
      if (s.settings !== prev.settings) update();
      if (s.selected !== prev.selected) traceOf();
    }),
    app.subscribe((s, prev) => { if (s.session !== prev.session || s.selected !== prev.selected) update(); }),
    route.subscribe(() => { update(); leave(); }),
  ];
  update();
  return () => { runner.cancel(); tiles.reset(); for (const u of unsubs) u(); };
}
