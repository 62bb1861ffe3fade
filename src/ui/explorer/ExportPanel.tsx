// PNG export of the plot (bands, boundary lines and labels included) at a chosen size and scale, named after the
// session. Uses Plotly.downloadImage on a copy of the live figure with the selection highlight removed.

import { useState } from 'react';
import { fileBaseName } from '../../export/fileName';
import { EXPORT_LIMITS } from '../../state/persistence';
import { useActions, useApp } from '../../state/store';
import { NumberField } from '../shared/NumberField';
import { Plotly, getGraphDiv } from '../shared/plotly';
import { exportFigure } from './plotFigure';


export function ExportPanel() {
  const ex = useApp((s) => s.exportSettings);
  const name = useApp((s) => s.session.name);
  const actions = useActions();
  const [state, setState] = useState<{ busy: boolean; message: string | null }>({ busy: false, message: null });

  const onExport = () => {
    const gd = getGraphDiv();
    if (!gd) { setState({ busy: false, message: 'nothing to export yet: the plot is not drawn' }); return; }
    setState({ busy: true, message: null });
    Plotly.downloadImage(exportFigure(gd, name), { format: 'png', width: ex.width, height: ex.height, scale: ex.scale, filename: fileBaseName(name) })
      .then(() => setState({ busy: false, message: `saved ${fileBaseName(name)}.png (${Math.round(ex.width * ex.scale)}×${Math.round(ex.height * ex.scale)} px)` }))
      .catch((e: unknown) => setState({ busy: false, message: `export failed: ${e instanceof Error ? e.message : String(e)}` }));
  };

  return (
    <section className="panel export-panel" aria-label="PNG export">
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
      <div className="export-actions">
        <button type="button" className="primary" data-testid="export-png" onClick={onExport} disabled={state.busy}>
          {state.busy ? 'exporting…' : 'Download PNG'}
        </button>
        <span className="hint">{fileBaseName(name)}.png · {Math.round(ex.width * ex.scale)}×{Math.round(ex.height * ex.scale)} px</span>
      </div>
      {state.message && <div className="export-message" role="status">{state.message}</div>}
    </section>
  );
}
