// The view shown, as the URL hash: "" = explorer, "#gallery" = the gallery, "#map" = the parameter-space map,
// "#network" = the network view, "#experiment=<id>" = the explorer on a gallery experiment, "#session=<data>" = a
// session link (model/link.ts) still to be opened (the link handler loads it and replaces the hash by the view it
// names). Parsing/formatting are pure; the route source follows `hashchange` (back/forward, reload, typed URLs) and
// lets the app navigate (a history entry) or correct the hash in place.

export type Route =
  | { view: 'explorer' }
  | { view: 'gallery' }
  | { view: 'map' }
  | { view: 'network' }
  | { view: 'experiment'; id: string }
  | { view: 'link'; data: string };

/** The route of a location hash ("#gallery", "#experiment=tonic_bursting", "" …); anything unknown is the explorer. */
export function parseHash(hash: string): Route {
  const h = hash.replace(/^#/, '');
  if (h === 'gallery') return { view: 'gallery' };
  if (h === 'map') return { view: 'map' };
  if (h === 'network') return { view: 'network' };
  // The data of a session link, as it is (decoding and every check happen when it is opened).
  if (h.startsWith('session=')) return { view: 'link', data: h.slice('session='.length) };
  const m = /^experiment=(.+)$/.exec(h);
  if (m) {
    let id: string;
    try { id = decodeURIComponent(m[1]); } catch { id = m[1]; }
    return { view: 'experiment', id };
  }
  return { view: 'explorer' };
}

/** The hash of a route ("" for the plain explorer). */
export function formatHash(r: Route): string {
  if (r.view === 'gallery') return '#gallery';
  if (r.view === 'map') return '#map';
  if (r.view === 'network') return '#network';
  if (r.view === 'experiment') return `#experiment=${encodeURIComponent(r.id)}`;
  if (r.view === 'link') return `#session=${r.data}`;
  return '';
}

export function sameRoute(a: Route, b: Route): boolean {
  return formatHash(a) === formatHash(b);
}

export interface RouteSource {
  get(): Route;
  subscribe(listener: () => void): () => void;
  /** Goes to a route with a new history entry (the back button returns). */
  navigate(r: Route): void;
  /** Replaces the current history entry's route (no new entry, e.g. correcting an unknown experiment id). */
  replace(r: Route): void;
}

/** The route source of the browser window. */
export function createBrowserRoute(): RouteSource {
  let current = parseHash(window.location.hash);
  const listeners = new Set<() => void>();
  const update = () => {
    const next = parseHash(window.location.hash);
    if (sameRoute(next, current)) return;
    current = next;
    for (const l of listeners) l();
  };
  window.addEventListener('hashchange', update);
  window.addEventListener('popstate', update);
  const urlFor = (r: Route) => {
    const h = formatHash(r);
    return h || window.location.pathname + window.location.search;
  };
  return {
    get: () => current,
    subscribe: (l) => { listeners.add(l); return () => { listeners.delete(l); }; },
    navigate: (r) => {
      if (sameRoute(r, current)) return;
      window.history.pushState(null, '', urlFor(r));
      update();
    },
    replace: (r) => {
      window.history.replaceState(null, '', urlFor(r));
      update();
    },
  };
}

/** A route source held in memory (tests). */
export function createMemoryRoute(initial: Route = { view: 'explorer' }): RouteSource & { history: Route[] } {
  let current = initial;
  const history: Route[] = [initial];
  const listeners = new Set<() => void>();
  const emit = () => { for (const l of listeners) l(); };
  return {
    history,
    get: () => current,
    subscribe: (l) => { listeners.add(l); return () => { listeners.delete(l); }; },
    navigate: (r) => { if (sameRoute(r, current)) return; current = r; history.push(r); emit(); },
    replace: (r) => { current = r; history[history.length - 1] = r; emit(); },
  };
}
