// The export panel: the plot as PNG (at a chosen size and scale) or SVG (vector, the same figure: bands, boundary lines,
// labels and size), the run's data as CSV (the trace t,v,u,I at full resolution for the whole run or the visible window,
// streamed from the worker with progress and Cancel; the spikes with their segment; the per-segment table), and the
// session as a runnable script for dynlib, Brian2 or NEST with what that simulator cannot express. Files are named
// after the session.

import { useRef, useState } from 'react';
import { fileBaseName } from '../../export/fileName';

/** File names from the session name (kept here for the views that import it from the export panel). */
export { fileBaseName };
import { SCRIPT_TARGETS, SCRIPT_TARGET_INFO, exportScript, type ScriptTarget } from '../../export/scripts';
import { collectCsv, type CsvProgress, type CsvTable } from '../../state/csvExport';
import { EXPORT_LIMITS } from '../../state/persistence';
import { getSimulation } from '../../state/simulation';
import { getAppStore, useActions, useApp } from '../../state/store';
import { downloadText } from '../shared/download';
import { NumberField } from '../shared/NumberField';
import { Plotly, getGraphDiv } from '../shared/plotly';
import { exportFigure } from './plotFigure';
import type { Session } from '../../model/session';
import { pngSizeProblem } from '../../export/imageSize';

type Message = { kind: 'ok' | 'error'; text: string } | null;

const CSV_LABELS: Record<CsvTable, string> = { trace: 'trace', spikes: 'spikes', segments: 'segments' };

export function ExportPanel() {
  const ex = useApp((s) => s.exportSettings);
  const name = useApp((s) => s.session.name);
  const window = useApp((s) => s.view.window);
  const hasRun = useApp((s) => s.run !== null && s.run.fullLength > 0);
  const actions = useActions();
  const [figure, setFigure] = useState<{ busy: 'png' | 'svg' | null; message: Message }>({ busy: null, message: null });
  const [scope, setScope] = useState<'run' | 'window'>('run');
  const [csv, setCsv] = useState<{ table: CsvTable; progress: CsvProgress | null } | null>(null);
  const [csvMessage, setCsvMessage] = useState<Message>(null);
  const cancel = useRef(false);
  const [target, setTarget] = useState<ScriptTarget>('brian2');
  const [scriptMessage, setScriptMessage] = useState<Message>(null);
  const base = fileBaseName(name);
  // A PNG larger than browsers encode is refused before the click (the fields are each in range, their product not).
  const sizeProblem = pngSizeProblem(ex.width, ex.height, ex.scale);

  const onFigure = (format: 'png' | 'svg') => {
    const gd = getGraphDiv();
    if (format === 'png' && sizeProblem) { setFigure({ busy: null, message: { kind: 'error', text: sizeProblem } }); return; }
    if (!gd) { setFigure({ busy: null, message: { kind: 'error', text: 'nothing to export yet: the plot is not drawn' } }); return; }
    setFigure({ busy: format, message: null });
    const opts = format === 'png'
      ? { format, width: ex.width, height: ex.height, scale: ex.scale, filename: base }
      : { format, width: ex.width, height: ex.height, filename: base };
    Plotly.downloadImage(exportFigure(gd, name), opts)
      .then(() => setFigure({
        busy: null,
        message: { kind: 'ok', text: format === 'png'
          ? `saved ${base}.png (${Math.round(ex.width * ex.scale)}×${Math.round(ex.height * ex.scale)} px)`
          : `saved ${base}.svg (${ex.width}×${ex.height}, vector)` },
      }))
      .catch((e: unknown) => setFigure({ busy: null, message: { kind: 'error', text: `export failed: ${e instanceof Error ? e.message : String(e)}` } }));
  };

  const windowed = scope === 'window' && window !== null;
  const onCsv = async (table: CsvTable) => {
    const s = getAppStore().getState();
    const sim = getSimulation();
    if (!s.run || !sim) { setCsvMessage({ kind: 'error', text: 'nothing to export yet: no run has finished' }); return; }
    const w = table === 'trace' && windowed ? window : null;
    cancel.current = false;
    setCsvMessage(null);
    setCsv({ table, progress: null });
    const out = await collectCsv(
      (f) => sim.client.csv(f), s.run.runId, table, w, s.run.segments,
      (progress) => setCsv({ table, progress }), () => cancel.current,
    );
    setCsv(null);
    if (!out.ok) { setCsvMessage({ kind: out.cancelled ? 'ok' : 'error', text: out.cancelled ? 'export cancelled' : `export failed: ${out.message}` }); return; }
    const suffix = table === 'trace' ? (w ? `_trace_${w[0].toFixed(1)}-${w[1].toFixed(1)}ms` : '_trace') : `_${table}`;
    downloadText(out.parts, `${base}${suffix}.csv`, 'text/csv');
    setCsvMessage({ kind: 'ok', text: `saved ${base}${suffix}.csv (${out.rows.toLocaleString('en-US')} rows)` });
  };

  const onScript = () => {
    const r = exportScript(target, { kind: 'neuron', session: getAppStore().getState().session });
    if (!r.ok) { setScriptMessage({ kind: 'error', text: r.message }); return; }
    downloadText(r.text, r.fileName, 'text/x-python');
    setScriptMessage({ kind: 'ok', text: `saved ${r.fileName}` });
  };
  // A text, so that the panel re-renders only when the note changes (not at every slider step).
  const note = useApp((s) => scriptNote(target, s.session));
  const scriptable = !note.startsWith(NO_SCRIPT);

  const pct = csv?.progress && csv.progress.total > 0 ? Math.round((100 * csv.progress.written) / csv.progress.total) : 0;
  return (
    <section className="panel export-panel" aria-label="export">
      <h2>Export</h2>
      <div className="export-grid">
        <label>width</label>
        <NumberField testId="export-width" errorTestId="error-export-width" label="width" value={ex.width} integer
          min={EXPORT_LIMITS.width.min} max={EXPORT_LIMITS.width.max} unit="px" onCommit={(width) => actions.setExportSettings({ width })} />
        <label>height</label>
        <NumberField testId="export-height" errorTestId="error-export-height" label="height" value={ex.height} integer
          min={EXPORT_LIMITS.height.min} max={EXPORT_LIMITS.height.max} unit="px" onCommit={(height) => actions.setExportSettings({ height })} />
        <label>scale</label>
        <NumberField testId="export-scale" errorTestId="error-export-scale" label="scale" value={ex.scale}
          min={EXPORT_LIMITS.scale.min} max={EXPORT_LIMITS.scale.max} unit="×" onCommit={(scale) => actions.setExportSettings({ scale })} />
      </div>
      {sizeProblem && <p className="field-error" role="alert" data-testid="error-export-size">{sizeProblem}</p>}
      <div className="export-actions">
        <button type="button" className="primary" data-testid="export-png" onClick={() => onFigure('png')} disabled={figure.busy !== null || sizeProblem !== null}
          title={sizeProblem ?? undefined}>
          {figure.busy === 'png' ? 'exporting…' : 'Download PNG'}
        </button>
        <button type="button" data-testid="export-svg" onClick={() => onFigure('svg')} disabled={figure.busy !== null}
          title="the same figure as a vector graphic (for papers): bands, lines, labels and size as the PNG">
          {figure.busy === 'svg' ? 'exporting…' : 'SVG'}
        </button>
        <span className="hint" data-testid="export-size-hint">{base}.png · {Math.round(ex.width * ex.scale)}×{Math.round(ex.height * ex.scale)} px{sizeProblem ? ' — too large for a PNG' : ''}</span>
      </div>
      {figure.message && <div className={`export-message ${figure.message.kind}`} role="status" data-testid="export-message">{figure.message.text}</div>}

      <h3 className="export-sub">Data (CSV)</h3>
      <div className="export-scope" role="radiogroup" aria-label="time range of the trace">
        <label><input type="radio" name="csv-scope" checked={!windowed} onChange={() => setScope('run')} data-testid="csv-scope-run" /> whole run</label>
        <label title={window ? '' : 'zoom into the plot to export a part of the run'}>
          <input type="radio" name="csv-scope" checked={windowed} disabled={!window} onChange={() => setScope('window')} data-testid="csv-scope-window" />
          {' '}visible window{window ? ` (${window[0].toFixed(1)}–${window[1].toFixed(1)} ms)` : ''}
        </label>
      </div>
      <div className="export-actions">
        {(['trace', 'spikes', 'segments'] as const).map((t) => (
          <button key={t} type="button" data-testid={`export-csv-${t}`} disabled={!hasRun || csv !== null} onClick={() => { void onCsv(t); }}
            title={t === 'trace' ? 't, v, u, I at full resolution (ms, mV, mV/ms, mV/ms), every recorded sample'
              : t === 'spikes' ? 'spike times (ms) with their segment' : 'the per-segment table: spikes, rate, latency, ISI, CV, parameters'}>
            {CSV_LABELS[t]}
          </button>
        ))}
      </div>
      {csv && (
        <div className="export-progress" data-testid="csv-progress">
          <progress max={100} value={pct} aria-label={`writing the ${csv.table} CSV`} />
          <span className="hint">{csv.progress ? `${csv.progress.written.toLocaleString('en-US')} of ${csv.progress.total.toLocaleString('en-US')} rows` : 'starting…'}</span>
          <button type="button" onClick={() => { cancel.current = true; }} data-testid="csv-cancel">Cancel</button>
        </div>
      )}
      {csvMessage && <div className={`export-message ${csvMessage.kind}`} role="status" data-testid="csv-message">{csvMessage.text}</div>}

      <h3 className="export-sub">Script for another simulator</h3>
      <div className="export-actions">
        <select value={target} onChange={(e) => { setTarget(e.target.value as ScriptTarget); setScriptMessage(null); }} data-testid="script-target" aria-label="simulator">
          {SCRIPT_TARGETS.map((t) => <option key={t} value={t}>{SCRIPT_TARGET_INFO[t].name}</option>)}
        </select>
        <button type="button" onClick={onScript} data-testid="export-script" disabled={!scriptable} title="a runnable Python script reproducing this session; its opening comment says what the simulator cannot express">
          Export as script
        </button>
      </div>
      <div className="hint script-notes" data-testid="script-notes">
        {note}
      </div>
      {scriptMessage && <div className={`export-message ${scriptMessage.kind}`} role="status" data-testid="script-message">{scriptMessage.text}</div>}
    </section>
  );
}

const NO_SCRIPT = 'No script for this session: ';

/** Notes already worked out, per session (sessions are immutable; the store replaces them on every edit). */
const noteCache = new WeakMap<Session, Map<ScriptTarget, string>>();

/**
 * The note under the script button: what the target simulator cannot express for this session, or why no script can
 * be written for it at all (the planner refuses e.g. the special rules of the 2007 book's cells by throwing): never an
 * exception into the render. Computed once per session and target: the store runs this selector at every change of
 * its state (a slider step changes it three times), and the script's plan walks every segment.
 */
function scriptNote(target: ScriptTarget, session: Session): string {
  let m = noteCache.get(session);
  if (!m) { m = new Map(); noteCache.set(session, m); }
  let note = m.get(target);
  if (note === undefined) { note = computeScriptNote(target, session); m.set(target, note); }
  return note;
}

function computeScriptNote(target: ScriptTarget, session: Session): string {
  const name = SCRIPT_TARGET_INFO[target].name;
  let limitations: string[];
  try {
    limitations = SCRIPT_TARGET_INFO[target].limitations(session);
  } catch (e) {
    return NO_SCRIPT + (e instanceof Error ? e.message : String(e));
  }
  return limitations.length
    ? `Not expressible in ${name} (the script says what this changes): ${limitations.map((l) => l.replace(/^- /, '').split(':')[0]).join('; ')}.`
    : `${name} expresses every setting of this session.`;
}
