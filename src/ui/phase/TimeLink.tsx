// The time plot's side of the hover link with the phase plane (an overlay in the plot card; the time plot's figure is
// never redrawn for it): the pointer's time over the time plot goes to the analysis store (the phase plane marks the
// state then), and a time hovered on the phase trajectory shows here as a vertical line.

import { useEffect, useRef, useState } from 'react';
import { useAnalysis, useAnalysisActions } from '../../state/analysis';
import { getGraphDiv } from '../shared/plotly';
import { MARGIN } from '../explorer/plotFigure';

/** The time axis of the drawn figure: its range and the plot area's pixel extent. */
function timeAxis(): { r0: number; r1: number; left: number; width: number; el: HTMLElement } | null {
  const gd = getGraphDiv() as (HTMLElement & { layout?: { xaxis?: { range?: unknown[] }; width?: number } }) | null;
  const range = gd?.layout?.xaxis?.range;
  if (!gd || !Array.isArray(range)) return null;
  const w = gd.getBoundingClientRect().width;
  return { r0: Number(range[0]), r1: Number(range[1]), left: MARGIN.l, width: w - MARGIN.l - MARGIN.r, el: gd };
}

export function TimeLink() {
  const ref = useRef<HTMLDivElement>(null);
  const open = useAnalysis((s) => s.phaseOpen);
  const hover = useAnalysis((s) => s.hover);
  const a = useAnalysisActions();
  const [x, setX] = useState<number | null>(null);

  useEffect(() => {
    const card = ref.current?.parentElement;
    if (!card || !open) return;
    const move = (e: PointerEvent) => {
      if (e.buttons) return;
      const ax = timeAxis();
      if (!ax) return;
      const r = ax.el.getBoundingClientRect();
      const px = e.clientX - r.left - ax.left;
      if (px < 0 || px > ax.width) { a.setHover(null); return; }
      a.setHover({ t: ax.r0 + (px / ax.width) * (ax.r1 - ax.r0), from: 'time' });
    };
    const leave = () => a.setHover(null);
    card.addEventListener('pointermove', move);
    card.addEventListener('pointerleave', leave);
    return () => { card.removeEventListener('pointermove', move); card.removeEventListener('pointerleave', leave); };
  }, [open, a]);

  useEffect(() => {
    if (!hover || hover.from !== 'phase') { setX(null); return; }
    const ax = timeAxis();
    if (!ax || !(ax.r1 > ax.r0)) { setX(null); return; }
    const f = (hover.t - ax.r0) / (ax.r1 - ax.r0);
    setX(f < 0 || f > 1 ? null : ax.left + f * ax.width);
  }, [hover]);

  return (
    <div ref={ref} className="time-link" aria-hidden="true">
      {x !== null && hover && (
        <div className="time-cursor" data-testid="time-cursor" data-t={hover.t.toFixed(3)} style={{ left: x }}>
          <span>t = {hover.t.toFixed(1)} ms</span>
        </div>
      )}
    </div>
  );
}
