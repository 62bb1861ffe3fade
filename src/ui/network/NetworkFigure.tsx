// The network figure: the raster image (drawn incrementally as spikes stream in, re-drawn for a zoomed window; on a
// canvas laid over Plotly's raster axes, so a repaint costs no image encoding), the population rate, the probed
// cell's v(t) and the spectrum, one Plotly figure sized to its container (the PNG export puts the raster inside it). A click on a
// raster row probes that cell; drag zooms the time axes together (and the cells), double-click shows everything.
// The container's data-* attributes report what is painted (for tests): spikes drawn, time shown, probe, revision.

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { getNetwork, useNetwork, useNetworkActions } from '../../state/network';
import { Plot } from '../shared/plotly';
import { buildFigure, figureHeight, probeSeries, rasterBox, zoomRange, type FigureInput } from './figure';
import { createRaster, drawSpikes, sameWindow, type RasterImage, type RasterWindow } from './raster';

const STYLE = { width: '100%', height: '100%' };

let canvas: HTMLCanvasElement | null = null;
/** PNG data URL of a raster image. */
export function rasterUrl(img: RasterImage): string {
  if (!canvas) canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return '';
  ctx.putImageData(new ImageData(img.pixels as Uint8ClampedArray<ArrayBuffer>, img.width, img.height), 0, 0);
  return canvas.toDataURL('image/png');
}

/** The last figure drawn (the PNG export rebuilds it at the export's resolution). */
let lastFigure: { input: FigureInput; window: RasterWindow } | null = null;

/** The figure as shown, with the raster drawn afresh for a size of width × height CSS px at `scale`. */
export function figureForExport(width: number, height: number, scale: number): { data: object[]; layout: object } | null {
  if (!lastFigure) return null;
  const { data } = getNetwork();
  const run = getNetwork().store.getState().run;
  if (!run) return null;
  const box = rasterBox(width, height);
  const img = createRaster(box.width * scale, box.height * scale, lastFigure.window);
  drawSpikes(img, data.t, data.cell, data.count, run.ne);
  const fig = buildFigure({ ...lastFigure.input, width, height, raster: { source: rasterUrl(img) } });
  return { data: fig.data, layout: fig.layout };
}

export function NetworkFigure({ playhead = null }: { playhead?: number | null }) {
  // The figure follows the revision (bumped at most every repaint interval), not every chunk's progress patch.
  const revision = useNetwork((s) => s.revision);
  const runKey = useNetwork((s) => (s.run ? `${s.run.id}:${s.run.n}:${s.run.spec.duration}` : ''));
  const run = useMemo(() => getNetwork().store.getState().run, [revision, runKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const probe = useNetwork((s) => s.spec.probe);
  const actions = useNetworkActions();
  const boxRef = useRef<HTMLDivElement>(null);
  const hoverRef = useRef<HTMLSpanElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [zoom, setZoom] = useState<{ runId: number; t: [number, number] | null; c: [number, number] | null }>({ runId: 0, t: null, c: null });
  const rasterRef = useRef<{ runId: number; img: RasterImage } | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const paintStart = useRef(0);
  const dpr = typeof window !== 'undefined' ? Math.min(2, Math.max(1, Math.round(window.devicePixelRatio || 1))) : 1;
  const down = useRef<{ x: number; y: number } | null>(null);

  useLayoutEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const measure = () => {
      const r = el.getBoundingClientRect();
      const width = Math.max(300, Math.floor(r.width));
      const height = figureHeight(width, window.innerHeight - r.top - 24);
      setSize((s) => (s && s.width === width && s.height === height ? s : { width, height }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    window.addEventListener('resize', measure);
    return () => { ro.disconnect(); window.removeEventListener('resize', measure); };
  }, []);

  const n = run?.n ?? 0, ne = run?.ne ?? 0, duration = run?.spec.duration ?? 1000;
  const runId = run?.id ?? 0;
  const tRange: [number, number] = zoom.runId === runId && zoom.t ? zoom.t : [0, duration];
  const cRange: [number, number] = zoom.runId === runId && zoom.c ? zoom.c : [0, Math.max(1, n)];

  const figure = useMemo(() => {
    if (!size || !run) return null;
    paintStart.current = performance.now();
    const ns = getNetwork();
    const data = ns.data;
    // Raster: keep drawing into the same image while run, size and window stay; else start a new one.
    const box = rasterBox(size.width, size.height);
    const win: RasterWindow = { t0: tRange[0], t1: tRange[1], c0: cRange[0], c1: cRange[1] };
    let r = rasterRef.current;
    if (!r || r.runId !== run.id || r.img.width !== box.width * dpr || r.img.height !== box.height * dpr || !sameWindow(r.img.window, win) || r.img.drawn > data.count) {
      r = { runId: run.id, img: createRaster(box.width * dpr, box.height * dpr, win) };
      rasterRef.current = r;
    }
    drawSpikes(r.img, data.t, data.cell, data.count, run.ne);
    const summary = ns.summary();
    let probeFig: FigureInput['probe'] = null;
    if (data.traceCell !== null && data.traceCell < run.n && data.traceCell === probe) {
      const spikes: number[] = [];
      for (let k = 0; k < data.count; k++) if (data.cell[k] === data.traceCell) spikes.push(data.t[k]);
      const s = probeSeries(run.sampleT0, run.recordEvery * run.h, data.traceV, data.traceCount, spikes);
      probeFig = { cell: data.traceCell, excitatory: data.traceCell < run.ne, x: s.x, y: s.y };
    }
    const input: FigureInput = {
      width: size.width, height: size.height, n: run.n, ne: run.ne, duration: run.spec.duration, tRange, cRange,
      raster: null, summary, probe: probeFig, time: run.time,
    };
    lastFigure = { input, window: win };
    return { ...buildFigure(input), spikes: r.img.visible, time: run.time, probe: probeFig?.cell ?? null, img: r.img, box };
    // revision stands for the streamed data (outside React's state)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [size, run, revision, probe, tRange[0], tRange[1], cRange[0], cRange[1], dpr]);

  // The raster's pixels onto the overlay canvas (same frame as the figure's update).
  useLayoutEffect(() => {
    const c = canvasRef.current;
    if (!c || !figure) return;
    const img = figure.img;
    if (c.width !== img.width || c.height !== img.height) { c.width = img.width; c.height = img.height; }
    c.getContext('2d')?.putImageData(new ImageData(img.pixels as Uint8ClampedArray<ArrayBuffer>, img.width, img.height), 0, 0);
  }, [figure]);

  const afterDraw = useCallback(() => {
    const el = boxRef.current;
    if (!el || !figure) return;
    actions.reportPaint(performance.now() - paintStart.current);
    requestAnimationFrame(() => {
      el.setAttribute('data-spikes', String(figure.spikes));
      el.setAttribute('data-time', String(figure.time));
      el.setAttribute('data-probe', figure.probe === null ? '' : String(figure.probe));
      el.setAttribute('data-revision', String(revision));
      el.setAttribute('data-run', String(runId));
    });
  }, [figure, revision, runId, actions]);

  useEffect(() => () => { lastFigure = null; }, []);

  const onRelayout = useCallback((e: Record<string, unknown>) => {
    const num = (k: string) => (e[k] === undefined ? undefined : Number(e[k]));
    if (e['xaxis.autorange'] === true || e['xaxis2.autorange'] === true || e['xaxis3.autorange'] === true) { setZoom({ runId, t: null, c: null }); return; }
    let t: [number, number] | null = null, c: [number, number] | null = null;
    for (const ax of ['xaxis', 'xaxis2', 'xaxis3']) t = zoomRange(num(`${ax}.range[0]`), num(`${ax}.range[1]`), 0, duration) ?? t;
    c = zoomRange(num('yaxis.range[0]'), num('yaxis.range[1]'), 0, n);
    if (t || c) setZoom((z) => ({ runId, t: t ?? (z.runId === runId ? z.t : null), c: c ?? (z.runId === runId ? z.c : null) }));
  }, [runId, duration, n]);

  const onDoubleClick = useCallback(() => setZoom({ runId, t: null, c: null }), [runId]);

  /** The cell and time under a pointer position, when it is inside the raster. */
  const cellAt = (clientX: number, clientY: number): { cell: number; t: number } | null => {
    const el = boxRef.current;
    if (!el || !size || !run || n === 0) return null;
    const r = el.getBoundingClientRect();
    const box = rasterBox(size.width, size.height);
    const px = clientX - r.left - box.left, py = clientY - r.top - box.top;
    if (px < 0 || px > box.width || py < 0 || py > box.height) return null;
    const cell = Math.floor(cRange[1] - (py / box.height) * (cRange[1] - cRange[0]));
    const t = tRange[0] + (px / box.width) * (tRange[1] - tRange[0]);
    return cell >= 0 && cell < n ? { cell, t } : null;
  };

  const onPointerDown = (e: React.PointerEvent) => { down.current = { x: e.clientX, y: e.clientY }; };
  const onClickCapture = (e: React.MouseEvent) => {
    const d = down.current;
    down.current = null;
    if (!d || Math.hypot(e.clientX - d.x, e.clientY - d.y) > 4 || e.detail > 1) return;
    const hit = cellAt(e.clientX, e.clientY);
    if (hit) actions.pick(hit.cell);
  };
  const onPointerMove = (e: React.PointerEvent) => {
    const span = hoverRef.current;
    if (!span) return;
    const hit = cellAt(e.clientX, e.clientY);
    span.textContent = hit ? `cell ${hit.cell} (${hit.cell < ne ? 'excitatory' : 'inhibitory'}) · t = ${hit.t.toFixed(1)} ms` : '';
  };

  return (
    <div className="net-figure-wrap">
      <span className="net-hover hint" ref={hoverRef} data-testid="net-hover" aria-live="off" />
      <div
        className="net-figure"
        data-testid="net-figure"
        ref={boxRef}
        style={size ? { height: size.height } : undefined}
        onPointerDown={onPointerDown}
        onClickCapture={onClickCapture}
        onPointerMove={onPointerMove}
        onPointerLeave={() => { if (hoverRef.current) hoverRef.current.textContent = ''; }}
      >
        {size && playhead !== null && playhead >= tRange[0] && playhead <= tRange[1] && (() => {
          const box = rasterBox(size.width, size.height);
          const x = box.left + ((playhead - tRange[0]) / (tRange[1] - tRange[0])) * box.width;
          return <div className="net-playhead" data-testid="net-playhead" style={{ left: x, top: box.top, height: box.height }} />;
        })()}
        {size && figure && (
          <canvas ref={canvasRef} className="net-raster" data-testid="net-raster" aria-label="spike raster"
            style={{ left: figure.box.left, top: figure.box.top, width: figure.box.width, height: figure.box.height }} />
        )}
        {size && figure ? (
          <Plot
            data={figure.data}
            layout={figure.layout}
            style={STYLE}
            onInitialized={afterDraw}
            onUpdate={afterDraw}
            onRelayout={onRelayout}
            onDoubleClick={onDoubleClick}
            onError={(err) => console.error('Plotly', err)}
          />
        ) : (
          <div className="net-empty muted">{run ? 'drawing…' : 'Press Run to simulate the network.'}</div>
        )}
      </div>
    </div>
  );
}
