// Header of the explorer while its session comes from a gallery experiment: name, figure, what to look for, what
// changes under accurate integration, a switch between the author's scheme and the accurate one, revert to the
// published experiment, and a quick way back to the newest session set aside (all of them: SetAsideSessions.tsx).

import { useSyncExternalStore } from 'react';
import { getExperiment } from '../../model/experiments';
import { getExperimentLink, pristineExperimentOf, schemeOf } from '../../state/experimentLink';
import { useApp } from '../../state/store';
import { accurateBadge, isLost } from './experimentText';
import { formatValue } from '../shared/format';

export function ExperimentBanner() {
  const link = getExperimentLink();
  const experimentId = useApp((s) => s.experimentId);
  const integration = useApp((s) => s.session.integration);
  const edited = useApp((s) => s.experimentId !== null && pristineExperimentOf(s.session) !== s.experimentId);
  const saved = useSyncExternalStore(link.subscribeSaved, link.saved);
  const e = experimentId ? getExperiment(experimentId) : undefined;
  if (!e) return null;
  const scheme = schemeOf(integration, e);
  const note = e.accurateIntegrationNote;
  const previous = saved.length ? saved[saved.length - 1] : null;
  const authorDt = formatValue(e.session.integration.dt);

  return (
    <section className="experiment-banner" data-testid="experiment-banner" aria-label={`experiment: ${e.name}`}>
      <div className="eb-main">
        <div className="eb-title">
          <strong data-testid="experiment-name">{e.name}</strong>
          <span className="eb-fig">{e.figure}</span>
          {edited && <span className="eb-edited" title="the session differs from the published experiment">edited</span>}
        </div>
        <p className="eb-desc">{e.description}</p>
        {note && (
          <p className={`eb-note${isLost(note) ? ' lost' : ''}`} data-testid="experiment-note">
            <span className="eb-badge">⚠ {accurateBadge(note)}</span> {note}
          </p>
        )}
      </div>
      <div className="eb-side">
        <div className="scheme-toggle" role="group" aria-label="integration scheme">
          <button type="button" data-testid="scheme-author" aria-pressed={scheme === 'author'} onClick={() => link.setScheme('author')}
            title="forward Euler for v, then u with the new v, at the figure's dt; spike when v > v_th after the update (reproduces the published panel)">
            author’s scheme <span className="muted">Euler, dt {authorDt} ms</span>
          </button>
          <button type="button" data-testid="scheme-accurate" aria-pressed={scheme === 'accurate'} onClick={() => link.setScheme('accurate')}
            title="4th-order Runge–Kutta with threshold crossings located inside the step, dt 0.01 ms (the true solution of the equations)">
            accurate <span className="muted">rk4 + exact, dt 0.01 ms</span>
          </button>
        </div>
        {scheme === 'custom' && <span className="hint">integration settings of your own (see Integration)</span>}
        <div className="eb-actions">
          {edited && (
            <button type="button" data-testid="experiment-revert" onClick={() => link.revert()}
              title="load the experiment as published; your edited version is set aside and can be restored">
              Revert to published
            </button>
          )}
          <a href="#gallery" className="eb-link">gallery</a>
        </div>
        {previous && (
          <div className="eb-saved" data-testid="previous-session">
            Your previous session “{previous.session.name}” is saved.{' '}
            <button type="button" data-testid="restore-session" onClick={() => link.restore()}>Restore</button>
            {saved.length > 1 && <span className="muted"> ({saved.length - 1} older under “Set aside” in the top bar)</span>}
          </div>
        )}
      </div>
    </section>
  );
}
