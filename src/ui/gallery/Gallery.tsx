// The gallery of classic experiments: the 20 features of Izhikevich (2004) Fig. 1 and the 7 cell classes of
// Izhikevich (2003) Fig. 2 as cards (name, figure reference, a v(t)/I(t) thumbnail computed in the gallery worker,
// a badge where accurate integration changes the behaviour). A card is a link to "#experiment=<id>".

import { memo, useEffect, useSyncExternalStore } from 'react';
import type { Experiment } from '../../model/experiment';
import { EXPERIMENTS } from '../../model/experiments';
import { getThumbnails } from '../../state/gallery';
import { formatHash } from '../../state/route';
import { useApp } from '../../state/store';
import { accurateBadge, isLost, shortFigure } from './experimentText';
import { ThumbnailPlot } from './Thumbnail';
import type { Thumbnail } from '../../worker/thumbnail';

const GROUPS: { key: string; title: string; hint: string; items: Experiment[] }[] = [
  {
    key: '2004',
    title: 'Izhikevich 2004, Fig. 1 — twenty neuro-computational features',
    hint: '“Which model to use for cortical spiking neurons?” One equation, four parameters (a, b, c, d).',
    items: EXPERIMENTS.filter((e) => e.figure.includes('2004')),
  },
  {
    key: '2003',
    title: 'Izhikevich 2003, Fig. 2 — cortical and thalamic cell classes',
    hint: '“Simple model of spiking neurons”: RS, IB, CH, FS, TC, RZ, LTS.',
    items: EXPERIMENTS.filter((e) => e.figure.includes('2003')),
  },
  {
    key: '2007',
    title: 'Izhikevich 2007, ch. 8 — the book\u2019s cells in the 2007 form',
    hint: 'C·v′ = k(v − vr)(v − vt) − u + I, currents in pA; the cells\u2019 special rules included (ModelDB 39948).',
    items: EXPERIMENTS.filter((e) => e.figure.includes('2007')),
  },
];

const Card = memo(function Card({ e, thumb, error }: { e: Experiment; thumb: Thumbnail | undefined; error: string | undefined }) {
  const note = e.accurateIntegrationNote;
  return (
    // The full note is said once: in the card's description (its title, also the tooltip), after the experiment's own;
    // the badge on the card is its short form.
    <a className="gallery-card" data-testid={`gallery-item-${e.id}`} href={formatHash({ view: 'experiment', id: e.id })}
      title={note ? `${e.description}\n\nUnder accurate integration: ${note}` : e.description}>
      <div className="card-head">
        <span className="card-name">{e.name}</span>
        <span className="card-fig">{shortFigure(e.figure)}</span>
      </div>
      {thumb ? (
        <ThumbnailPlot thumb={thumb} label={e.name} />
      ) : (
        <div className={`thumb thumb-pending${error ? ' failed' : ''}`}>{error ? `could not compute: ${error}` : 'computing…'}</div>
      )}
      {note && (
        <div className={`card-note${isLost(note) ? ' lost' : ''}`} data-testid={`gallery-note-${e.id}`}>
          <span aria-hidden="true">⚠</span> {accurateBadge(note)}
        </div>
      )}
    </a>
  );
});

export function Gallery() {
  const source = getThumbnails();
  const st = useSyncExternalStore(source.subscribe, source.get);
  const sessionName = useApp((s) => s.session.name);
  useEffect(() => { source.request(); }, [source]);

  const count = st.thumbs.size;
  const progress = st.failure
    ? `${count} / ${st.total} — ${st.failure}`
    : st.done
      ? `${count} / ${st.total} thumbnails, computed in the background in ${Math.round(st.elapsedMs ?? 0)} ms (simulation and drawing ${Math.round(st.workerMs ?? 0)} ms)`
      : `${count} / ${st.total}`;

  return (
    <div className="gallery" data-testid="gallery">
      <div className="gallery-intro">
        <p>
          Classic experiments of the Izhikevich model, each a complete session: parameters, initial state, the input protocol
          and the author’s integration scheme (forward Euler for v, then u with the new v, at the figure’s dt). Thumbnails show
          v(t) with the injected current I(t) beneath. Open one to run it in the explorer, change it, and compare it with the
          accurate solution (rk4 + exact spikes).
        </p>
        <p className="hint">
          Opening an experiment replaces the explorer’s current session “{sessionName}”. Unless it is an unedited gallery
          experiment, it is set aside first (in this browser) and can be restored from the experiment’s header.
        </p>
        <span className={`gallery-progress${st.done ? ' done' : ''}`} data-testid="gallery-progress" data-done={st.done ? 'true' : 'false'} role="status">
          {!st.done && <span className="spinner" aria-hidden="true" />}
          {progress}
        </span>
        {st.failure && <button type="button" onClick={() => source.request()}>Retry</button>}
      </div>
      {GROUPS.map((g) => (
        <section key={g.key} className="gallery-group" aria-labelledby={`gallery-${g.key}`}>
          <h2 id={`gallery-${g.key}`}>{g.title} <span className="hint">{g.hint}</span></h2>
          <div className="gallery-grid">
            {g.items.map((e) => <Card key={e.id} e={e} thumb={st.thumbs.get(e.id)} error={st.errors.get(e.id)} />)}
          </div>
        </section>
      ))}
    </div>
  );
}
