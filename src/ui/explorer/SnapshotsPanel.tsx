// Snapshots of the latest run ("initial", then one per segment start): time, step, state and parameters — what
// dynlib's list_snapshots(), param_vector(source="snapshot") and param_dict(source="snapshot") print — with a
// button copying them all as JSON.

import { useState } from 'react';
import { modelOf, type ModelDef } from '../../model/models';
import type { Snapshot } from '../../engine/types';
import { useApp } from '../../state/store';
import { formatFixed, formatValue } from '../shared/format';

/** The JSON the copy button puts on the clipboard (parameters in the order of the session's model). */
export function snapshotsJson(snapshots: readonly Snapshot[], model: ModelDef = modelOf({})): string {
  const keys = model.keys;
  return JSON.stringify({
    parameter_order: keys,
    snapshots: snapshots.map((s) => ({
      name: s.name,
      t: s.t,
      step: s.step,
      state: s.state,
      param_vector: keys.map((k) => s.params[k]),
      param_dict: s.params,
    })),
  }, null, 2);
}

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Clipboard API unavailable (permissions, insecure context): fall back to a selection copy.
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    if (!ok) throw new Error('the browser refused to copy');
  }
}

export function SnapshotsPanel() {
  const snapshots = useApp((s) => s.run?.snapshots);
  const [picked, setPicked] = useState(0);
  const [copyState, setCopyState] = useState<string>('');
  const list = snapshots ?? [];
  const cur = list[Math.min(picked, list.length - 1)];
  // The model of the run the snapshots come from (its parameters' keys), which may lag the session's by one run.
  const model = modelOf({ model: list[0] && 'vpeak' in list[0].params ? 'izh2007' : undefined });
  const shown = model.keys.filter((k) => model.specs[k].primary);

  const onCopy = () => {
    copyText(snapshotsJson(list, model)).then(
      () => setCopyState('copied'),
      (e: unknown) => setCopyState(`copy failed: ${e instanceof Error ? e.message : String(e)}`),
    );
    setTimeout(() => setCopyState(''), 2500);
  };

  return (
    <section className="panel snapshots-panel" data-testid="snapshots" aria-label="snapshots">
      <div className="panel-head">
        <h2>Snapshots</h2>
        <span className="hint">state and parameters at the start of each segment, as dynlib's list_snapshots / param_vector / param_dict</span>
        <button type="button" data-testid="snapshots-copy" onClick={onCopy} disabled={!list.length}>copy as JSON</button>
        {copyState && <span className="copy-state" role="status">{copyState}</span>}
      </div>
      <table className="snap-table">
        <thead>
          <tr>
            <th>name</th><th className="num">t <span className="u">ms</span></th><th className="num">step</th>
            <th className="num">v <span className="u">mV</span></th><th className="num">u <span className="u">{model.units.u}</span></th>
            {shown.map((k) => <th key={k} className="num">{k}</th>)}
          </tr>
        </thead>
        <tbody>
          {list.map((s, i) => (
            <tr key={i} data-testid={`snapshot-row-${i}`} className={cur === s ? 'selected' : undefined} onClick={() => setPicked(i)}>
              <td className="snap-name">{s.name}</td>
              <td className="num">{formatFixed(s.t, 2)}</td>
              <td className="num">{s.step}</td>
              <td className="num">{formatFixed(s.state.v, 3)}</td>
              <td className="num">{formatFixed(s.state.u, 3)}</td>
              {shown.map((k) => <td key={k} className="num">{formatValue(s.params[k])}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      {cur && (
        <div className="snap-detail">
          <div>
            <span className="code-cap">param_vector(source="snapshot") — {cur.name}</span>
            <code>[{model.keys.map((k) => formatValue(cur.params[k])).join(', ')}]</code>
          </div>
          <div>
            <span className="code-cap">param_dict(source="snapshot")</span>
            <code>{'{'}{model.keys.map((k) => `'${k}': ${formatValue(cur.params[k])}`).join(', ')}{'}'}</code>
          </div>
        </div>
      )}
    </section>
  );
}
