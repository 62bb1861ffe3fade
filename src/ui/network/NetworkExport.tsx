// Export of the network view: the figure as PNG (the raster drawn afresh at the export's resolution), the spikes of
// the run on display as CSV (t_ms, neuron, type), and the network itself as a file (recipe + seed, no matrix) that
// Open reads back into exactly the same run; the network's name names the files.

import { useRef, useState } from 'react';
import { spikesCsv } from '../../engine/network/csv';
import { NETWORK_LIMITS } from '../../model/network';
import { networkJson } from '../../model/networkSchema';
import { getNetwork, useNetwork, useNetworkActions } from '../../state/network';
import { downloadText } from '../shared/download';
import { Plotly } from '../shared/plotly';
import { fileBaseName } from '../explorer/ExportPanel';
import { figureForExport } from './NetworkFigure';

export function NetworkExport() {
  const spec = useNetwork((s) => s.spec);
  const run = useNetwork((s) => s.run);
  const actions = useNetworkActions();
  const fileRef = useRef<HTMLInputElement>(null);
  const [scale, setScale] = useState(2);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [nameDraft, setNameDraft] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const base = fileBaseName(spec.name || 'network');
  const hasSpikes = !!run && run.time > 0;

  const onPng = async () => {
    const el = document.querySelector('[data-testid="net-figure"]');
    const r = el?.getBoundingClientRect();
    const width = Math.max(640, Math.round(r?.width ?? 1200)), height = Math.max(480, Math.round(r?.height ?? 700));
    const fig = figureForExport(width, height, scale);
    if (!fig) { setMsg({ ok: false, text: 'nothing to export yet: run the network first' }); return; }
    try {
      await Plotly.downloadImage({ data: fig.data, layout: fig.layout }, { format: 'png', width, height, scale, filename: `${base}-figure` });
      setMsg({ ok: true, text: `saved ${base}-figure.png (${width * scale}×${height * scale} px)` });
    } catch (e) {
      setMsg({ ok: false, text: `PNG export failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  };

  const onCsv = () => {
    const r = getNetwork().store.getState().run;
    const d = getNetwork().data;
    if (!r) return;
    downloadText([...spikesCsv(r.spec, d.t, d.cell, d.count)], `${fileBaseName(r.spec.name || 'network')}-spikes.csv`, 'text/csv');
    setMsg({ ok: true, text: `saved ${d.count} spikes (${r.time} ms simulated)` });
  };

  const onSave = () => {
    downloadText(networkJson(spec), `${base}.json`, 'application/json');
    setMsg({ ok: true, text: `saved ${base}.json (recipe and seed; opening it gives the same run)` });
  };

  const onOpen = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    const r = actions.open(text, file.name);
    setMsg(r.ok ? { ok: true, text: `opened ${file.name}` } : { ok: false, text: r.message });
    if (fileRef.current) fileRef.current.value = '';
  };

  return (
    <section className="panel net-export" aria-label="export">
      <h2>Export</h2>
      <label className="net-name">name
        <input type="text" value={nameDraft ?? spec.name} maxLength={NETWORK_LIMITS.name.maxLength} data-testid="net-name"
          aria-invalid={nameError ? true : undefined}
          onChange={(e) => {
            const r = actions.rename(e.target.value);
            setNameDraft(r.ok ? null : e.target.value);
            setNameError(r.ok ? null : `name ${r.message}`);
          }} />
      </label>
      {nameError && <p className="field-error" role="alert">{nameError}</p>}
      <div className="net-export-row">
        <button type="button" data-testid="net-export-png" onClick={() => void onPng()} disabled={!hasSpikes}>PNG figure</button>
        <select value={scale} onChange={(e) => setScale(Number(e.target.value))} aria-label="PNG scale">
          <option value={1}>1×</option><option value={2}>2×</option><option value={3}>3×</option>
        </select>
        <button type="button" data-testid="net-export-csv" onClick={onCsv} disabled={!hasSpikes}>Spikes CSV</button>
      </div>
      <div className="net-export-row">
        <button type="button" data-testid="net-save" onClick={onSave} title="the recipe and seed as JSON (no matrix): reopens the same network">Save network</button>
        <button type="button" data-testid="net-open" onClick={() => fileRef.current?.click()}>Open network…</button>
        <input ref={fileRef} type="file" accept=".json,application/json" hidden data-testid="net-open-file" onChange={(e) => void onOpen(e.target.files?.[0])} />
      </div>
      {msg && <p className={msg.ok ? 'hint' : 'field-error'} data-testid="net-export-msg" role={msg.ok ? undefined : 'alert'} style={{ whiteSpace: 'pre-wrap' }}>{msg.text}</p>}
    </section>
  );
}
