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
    const request = runner.start(spec, {
      onTile: (r, stride, p) => actions.tile(request, r, stride, p),
      onDone: (p) => actions.finish(request, p),
      onError: (message) => actions.fail(request, message),
    });
    actions.begin(request, spec);
  };

  const leave = () => {
    if (open()) return;
    runner.cancel();
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
  return () => { runner.cancel(); for (const u of unsubs) u(); };
}
