// A gallery thumbnail drawn as inline SVG from path data the gallery worker computed (thumbnail.ts): v(t) on a fixed
// mV scale above, the stimulus I(t) as a thin trace beneath (as in the published figure panels), a time scale bar.
// No computation here; lines keep a constant pixel width however the card stretches the viewBox.

import { memo } from 'react';
import type { Thumbnail } from '../../worker/thumbnail';
import { TRACE_COLORS } from '../shared/palette';

export const ThumbnailPlot = memo(function ThumbnailPlot({ thumb, label }: { thumb: Thumbnail; label: string }) {
  const { width, height, vPath, iPath, iZeroY, scaleBar } = thumb;
  return (
    <div className="thumb">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`${label}: membrane potential v(t) over ${thumb.duration} ms, with the input current I(t) beneath`}
      >
        {iZeroY !== null && (
          <line x1={0} x2={width} y1={iZeroY} y2={iZeroY} className="thumb-zero" vectorEffect="non-scaling-stroke" />
        )}
        <path d={vPath} fill="none" stroke={TRACE_COLORS.v} strokeWidth={1.1} strokeLinejoin="round" vectorEffect="non-scaling-stroke" className="thumb-v" />
        <path d={iPath} fill="none" stroke={TRACE_COLORS.I} strokeWidth={1.2} strokeLinejoin="round" vectorEffect="non-scaling-stroke" className="thumb-i" />
      </svg>
      <div className="thumb-scale" title={`the whole trace is ${thumb.duration} ms`}>
        <span className="thumb-bar" style={{ width: `${(100 * scaleBar.width) / width}%` }} />
        <span>{scaleBar.ms} ms</span>
      </div>
    </div>
  );
});
