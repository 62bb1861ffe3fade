// The phase-plane analysis of one parameter set in one call (what the worker sends with each run and the CLI prints):
// view box, nullclines, equilibria with their types, closed-form bifurcations, the saddle's manifolds (separatrix)
// and the vector field. All closed forms except the manifolds (RK4 in arc length, see manifolds.ts). v mV, u mV/ms.

import type { Params } from '../model/params';
import { equilibria, type EquilibriumSet } from './equilibria';
import { localBifurcations, type BifurcationSet } from './bifurcations';
import { saddleManifolds, type SaddleManifolds } from './manifolds';
import { autoBox, keepBox, nullclines, validBox, vectorField, type Box, type Nullclines, type Pixels, type VectorField } from './phase';

export interface PhasePlaneOptions {
  /** A box fixed by the user (zoom); null/absent = automatic. */
  box?: Box | null;
  /** The automatic box shown before: kept while it still fits (so the view holds still while sliders move). */
  previousBox?: Box | null;
  /** Plot area in pixels (default 600 × 400). */
  px?: Pixels;
  /** Extent of the trajectory to be shown (the automatic box includes it). */
  trajectory?: Box | null;
  /** More points the automatic box must include (current state, launched starts). */
  points?: { v: number; u: number }[];
}

export interface PhasePlane {
  params: Params;
  box: Box;
  /** The box was chosen automatically (not fixed by the caller). */
  autoBox: boolean;
  px: Pixels;
  nullclines: Nullclines;
  equilibria: EquilibriumSet;
  bifurcations: BifurcationSet;
  manifolds: SaddleManifolds[];
  field: VectorField;
}

export function phasePlane(params: Params, o: PhasePlaneOptions = {}): PhasePlane {
  const px = o.px && o.px.w > 10 && o.px.h > 10 ? o.px : { w: 600, h: 400 };
  const eq = equilibria(params);
  let box: Box;
  const fixed = validBox(o.box);
  if (fixed) box = o.box as Box;
  else {
    const wanted = autoBox({ params, points: [...eq.equilibria, ...(o.points ?? [])], trajectory: o.trajectory ?? null });
    box = keepBox(o.previousBox, wanted);
  }
  return {
    params,
    box,
    autoBox: !fixed,
    px,
    nullclines: nullclines(params, box),
    equilibria: eq,
    bifurcations: localBifurcations(params),
    manifolds: saddleManifolds(params, eq.equilibria, box, px),
    field: vectorField(params, box, px),
  };
}
