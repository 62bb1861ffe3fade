// The map picture: the pixels as an image on a <canvas> (nearest-neighbour scaling, no WebGL), axes with ticks and
// units, the 2003 cell classes as labelled markers at their published parameters (each marker knows the class of
// the pixel under it), the explorer's parameters as a cross-hair, the hovered and the selected pixel outlined.
// Pointer: hover reports a pixel, click selects it (inset), double-click opens it in the explorer.

import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { MAP_LEGEND, MAP_MEASURES, axisValues } from '../../analysis/firingMap';
import { effectiveParams } from '../../model/session';
import { PARAM_SPECS } from '../../model/params';
import { getMapStore, useMap, type MapData } from '../../state/map';
import { useApp } from '../../state/store';
import { mapImage, measureRange } from './colors';
import { classMarkers, markerPixel } from './markers';

const MARGIN = { left: 56, right: 12, top: 12, bottom: 44 };

function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [w, setW] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setW(el.clientWidth));
    ro.observe(el);
    setW(el.clientWidth);
    return () => ro.disconnect();
  }, [ref]);
  return w;
}

/** Nice tick values over [lo, hi]. */
function ticks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const step0 = span / count, mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= step0) ?? step0;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * span; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

export function MapCanvas({ onOpen }: { onOpen: (ix: number, iy: number) => void }) {
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const width = useWidth(wrap);
  const data = useMap((s) => s.data);
  const revision = useMap((s) => s.revision);
  const colorBy = useMap((s) => s.settings.colorBy);
  const hover = useMap((s) => s.hover);
  const selected = useMap((s) => s.selected);
  const session = useApp((s) => s.session);
  const selectedSeg = useApp((s) => s.selected);

  const P = Math.max(120, Math.min(640, width - MARGIN.left - MARGIN.right));
  const H = P + MARGIN.top + MARGIN.bottom;
  const m = colorBy === 'class' ? -1 : MAP_MEASURES.findIndex((x) => x.key === colorBy);

  // Paint on each new tile (revision), at most once per frame.
  useEffect(() => {
    if (!data || !canvas.current) return;
    const id = requestAnimationFrame(() => {
      const c = canvas.current;
      if (!c) return;
      if (c.width !== data.nx || c.height !== data.ny) { c.width = data.nx; c.height = data.ny; }
      const ctx = c.getContext('2d');
      if (!ctx) return;
      const range = m >= 0 ? measureRange(data, m) : null;
      ctx.putImageData(new ImageData(mapImage(data, m, range) as Uint8ClampedArray<ArrayBuffer>, data.nx, data.ny), 0, 0);
    });
    return () => cancelAnimationFrame(id);
  }, [data, revision, m]);

  const spec = data?.spec;
  const pos = useMemo(() => {
    if (!spec) return null;
    const at = (ax: typeof spec.x, v: number) => ((((v - ax.min) / (ax.max - ax.min || 1)) * (ax.n - 1) + 0.5) / ax.n) * P;
    return { x: (v: number) => MARGIN.left + at(spec.x, v), y: (v: number) => MARGIN.top + P - at(spec.y, v) };
  }, [spec, P]);

  const pixelAt = (e: React.PointerEvent | React.MouseEvent): { ix: number; iy: number } | null => {
    if (!data) return null;
    const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const fx = (e.clientX - r.left) / r.width, fy = (e.clientY - r.top) / r.height;
    if (fx < 0 || fx >= 1 || fy < 0 || fy >= 1) return null;
    return { ix: Math.floor(fx * data.nx), iy: data.ny - 1 - Math.floor(fy * data.ny) };
  };

  const actions = getMapStore().getState().actions;
  const cross = spec ? effectiveParams(session)[Math.min(selectedSeg, session.protocol.length - 1)] : null;
  const markers = spec ? classMarkers(spec) : [];
  const box = (p: { ix: number; iy: number } | null, cls: string, testId: string) => {
    if (!p || !data) return null;
    const s = P / data.nx, t = P / data.ny;
    return <rect className={cls} data-testid={testId} x={MARGIN.left + p.ix * s} y={MARGIN.top + (data.ny - 1 - p.iy) * t} width={Math.max(s, 2)} height={Math.max(t, 2)} />;
  };

  return (
    <div className="map-plot" ref={wrap} style={{ height: H }}>
      {data && (
        <canvas
          ref={canvas}
          data-testid="map-canvas"
          data-nx={data.nx}
          data-ny={data.ny}
          className="map-canvas"
          style={{ left: MARGIN.left, top: MARGIN.top, width: P, height: P }}
          onPointerMove={(e) => actions.hover(pixelAt(e))}
          onPointerLeave={() => actions.hover(null)}
          onClick={(e) => actions.select(pixelAt(e))}
          onDoubleClick={(e) => { const p = pixelAt(e); if (p) onOpen(p.ix, p.iy); }}
          aria-label="firing-pattern map: hover for values, click to select a pixel, double-click to open it in the explorer"
        />
      )}
      {spec && pos && (
        <svg className="map-overlay" width={P + MARGIN.left + MARGIN.right} height={H} aria-hidden="true">
          <rect x={MARGIN.left} y={MARGIN.top} width={P} height={P} className="map-frame" />
          {ticks(spec.x.min, spec.x.max).map((v) => (
            <g key={`x${v}`}>
              <line x1={pos.x(v)} x2={pos.x(v)} y1={MARGIN.top + P} y2={MARGIN.top + P + 5} className="map-tick" />
              <text x={pos.x(v)} y={MARGIN.top + P + 17} textAnchor="middle" className="map-ticklabel">{v}</text>
            </g>
          ))}
          {ticks(spec.y.min, spec.y.max).map((v) => (
            <g key={`y${v}`}>
              <line x1={MARGIN.left - 5} x2={MARGIN.left} y1={pos.y(v)} y2={pos.y(v)} className="map-tick" />
              <text x={MARGIN.left - 8} y={pos.y(v) + 4} textAnchor="end" className="map-ticklabel">{v}</text>
            </g>
          ))}
          <text x={MARGIN.left + P / 2} y={H - 6} textAnchor="middle" className="map-axislabel">{axisLabel(spec.x.param)}</text>
          <text transform={`translate(14 ${MARGIN.top + P / 2}) rotate(-90)`} textAnchor="middle" className="map-axislabel">{axisLabel(spec.y.param)}</text>
          {cross && inRange(spec.x, cross[spec.x.param]) && inRange(spec.y, cross[spec.y.param]) && (
            <g className="map-crosshair" data-testid="map-crosshair">
              <line x1={pos.x(cross[spec.x.param])} x2={pos.x(cross[spec.x.param])} y1={MARGIN.top} y2={MARGIN.top + P} />
              <line x1={MARGIN.left} x2={MARGIN.left + P} y1={pos.y(cross[spec.y.param])} y2={pos.y(cross[spec.y.param])} />
            </g>
          )}
          {box(hover, 'map-hoverbox', 'map-hoverbox')}
          {box(selected, 'map-selectbox', 'map-selectbox')}
          {markers.map((mk) => {
            const px = markerPixel(spec, mk);
            const cls = data && px ? markerClass(data, px) : null;
            return (
              <g key={mk.names.join('-')} className="map-marker" data-testid="map-marker" data-marker={mk.names.join(',')} data-class={cls ?? ''}>
                <circle cx={pos.x(mk.x)} cy={pos.y(mk.y)} r={5} />
                <text x={pos.x(mk.x) + 8} y={pos.y(mk.y) - 6}>{mk.names.join(' ')}</text>
              </g>
            );
          })}
        </svg>
      )}
    </div>
  );
}

function markerClass(d: MapData, p: { ix: number; iy: number }): string | null {
  const q = p.iy * d.nx + p.ix;
  return d.stride[q] === 255 ? null : MAP_LEGEND[d.cls[q]];
}

function inRange(ax: { min: number; max: number }, v: number): boolean {
  return v >= Math.min(ax.min, ax.max) && v <= Math.max(ax.min, ax.max);
}

export function axisLabel(k: keyof typeof PARAM_SPECS): string {
  const u = PARAM_SPECS[k].unit;
  return u === '1' ? k : `${k} (${u})`;
}

export { axisValues };
