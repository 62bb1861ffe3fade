// The matplotlib figure of the Brian2 and NEST scripts, drawn as the explorer draws its plot: v(t) on top (−80..50 mV,
// widened only when the data leave it), u(t) below, I(t) as a third panel when the explorer shows one; a translucent
// band per segment in the explorer's colours, a dotted line with its label at each segment start, spikes drawn up to
// v_th. Also the lines that show or save it (headless with MPLBACKEND=Agg) and print the spike times last.

import { currentPoints, type ScriptPlan } from './plan';
import { pyFloat, pyLiteral, pyStr } from './python';

/**
 * Row (0, 1, 2) of each boundary label so that labels of short segments do not overlap, as the explorer's plot does
 * (a label about 5.3 px per character of a plot about 880 px wide: matplotlib's 8 pt text on a 10 inch figure).
 */
export function labelRows(plan: ScriptPlan, plotPx = 880, charPx = 5.3): number[] {
  const ends: number[] = [];
  const T = plan.duration || 1;
  return plan.segments.map((s) => {
    const x = (s.start / T) * plotPx;
    let row = ends.findIndex((e) => e <= x);
    if (row < 0) row = ends.length < 3 ? ends.length : ends.indexOf(Math.min(...ends));
    ends[row] = x + s.label.length * charPx + 8;
    return row;
  });
}

/** Python constants describing the figure: bands, boundary lines with labels, I(t), the v_th of each segment. */
export function figureConstants(plan: ScriptPlan): string {
  const cur = currentPoints(plan);
  return [
    `LABEL_ROWS = [${labelRows(plan).join(', ')}]  # so that the labels of short segments do not overlap`,
    `VBANDS = [${plan.segments.map((s) => `(${pyFloat(s.start)}, ${pyFloat(s.until)}, ${pyStr(s.color)})`).join(', ')}]`,
    `VLINES = [${plan.segments.map((s) => `(${pyFloat(s.start)}, ${pyStr(s.label)})`).join(', ')}]`,
    `CURRENT = (${pyLiteral(cur.t)}, ${pyLiteral(cur.I)})  # I(t) of the protocol: times (ms), values (mV/ms)`,
    `SEGMENT_V_TH = [${plan.segments.map((s) => pyFloat(s.params.v_th)).join(', ')}]  # v_th per segment, for drawing spikes`,
    `SHOW_CURRENT = ${plan.showCurrent ? 'True' : 'False'}  # the explorer shows I(t) as a third panel for this protocol`,
  ].join('\n');
}

/** The plotting function (needs numpy as np, matplotlib.pyplot as plt, and the constants above). */
export const PLOT_FUNCTION = `def plot_session(t, v, u, spikes, title):
    """v(t), u(t) and I(t) with the explorer's bands, boundary lines and labels; spikes drawn up to v_th."""
    t = np.asarray(t, dtype=float)
    v = np.asarray(v, dtype=float)
    u = np.asarray(u, dtype=float)
    spikes = np.asarray(spikes, dtype=float)
    # A spike as the explorer draws it: a sample at (t_spike, v_th) just before the reset.
    starts = np.array([b[0] for b in VBANDS])
    seg = np.clip(np.searchsorted(starts, spikes, side="right") - 1, 0, len(starts) - 1)
    tt = np.concatenate([spikes, t])
    vv = np.concatenate([np.array(SEGMENT_V_TH)[seg] if len(spikes) else np.zeros(0), v])
    order = np.argsort(tt, kind="stable")
    tt, vv = tt[order], vv[order]
    rows = 3 if SHOW_CURRENT else 2
    ratios = [3.0, 1.3, 0.8][:rows]
    fig, axes = plt.subplots(rows, 1, sharex=True, figsize=(10, 6.5 if SHOW_CURRENT else 5.5),
                             gridspec_kw={"height_ratios": ratios}, constrained_layout=True)
    for ax in axes:
        for t0, t1, color in VBANDS:
            ax.axvspan(t0, t1, color=color, alpha=0.12, lw=0)
        for t0, _ in VLINES:
            ax.axvline(t0, color="#3b434d", lw=0.8, ls=":")
        ax.grid(True, color="#eceff3", lw=0.6)
        ax.set_axisbelow(True)
    lo = min(-80.0, np.floor(np.nanmin(vv)) - 2) if len(vv) else -80.0
    hi = max(50.0, np.ceil(np.nanmax(vv)) + 2) if len(vv) else 50.0
    axes[0].plot(tt, vv, color="#16324f", lw=0.8)
    axes[0].set_ylim(lo, hi)
    axes[0].set_ylabel("v (mV)")
    for k, (t0, label) in enumerate(VLINES):
        axes[0].annotate(label, xy=(t0, 1.0), xycoords=("data", "axes fraction"), xytext=(2, 2 + 11 * LABEL_ROWS[k]),
                         textcoords="offset points", fontsize=8, va="bottom", ha="left", annotation_clip=False)
    axes[1].plot(t, u, color="#a23b2a", lw=0.8)
    axes[1].set_ylabel("u (mV/ms)")
    if SHOW_CURRENT:
        axes[2].plot(CURRENT[0], CURRENT[1], color="#3d6b35", lw=0.9)
        axes[2].set_ylabel("I")
    axes[-1].set_xlabel("t (ms)")
    axes[-1].set_xlim(VBANDS[0][0], VBANDS[-1][1])
    fig.suptitle(title)
    return fig`;

/** Shows the figure, or saves it when matplotlib has no display (MPLBACKEND=Agg, or none available). */
export function showOrSave(figureFile: string, fig = 'fig'): string {
  return `NON_INTERACTIVE = ("agg", "cairo", "pdf", "pgf", "ps", "svg", "template")
if matplotlib.get_backend().lower() in NON_INTERACTIVE:
    ${fig}.savefig(${pyStr(figureFile)}, dpi=150)
    print("figure saved as " + ${pyStr(figureFile)})
else:
    plt.show()`;
}

/**
 * Prints the spikes of each segment, counted as the explorer counts them: a spike stamped at a step's end belongs
 * to the segment of that step (t0 < t <= t1); in the author's scheme a spike is stamped at the step's start
 * (t0 <= t < t1, the last segment also holding its end point).
 */
export function segmentCounts(stampAtStart: boolean): string {
  const cond = stampAtStart
    ? '(spike_times >= t0) & ((spike_times < t1) | ((k == len(VBANDS) - 1) & (spike_times <= t1)))'
    : '(spike_times > t0) & (spike_times <= t1)';
  return `for k, (t0, t1, _) in enumerate(VBANDS):
    n = int(np.sum(${cond}))
    print(f"segment {k + 1} [{t0:g}, {t1:g}] ms, {VLINES[k][1]}: {n} spikes")`;
}

/** The closing line: the spike times (ms, recorded time) as one line of JSON, last on stdout. */
export const PRINT_SPIKES = `print(json.dumps([round(float(x), 9) for x in spike_times]))`;
