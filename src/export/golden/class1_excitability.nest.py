#!/usr/bin/env python3
# "class1_excitability": a session of Izhikevich Explorer, exported as a NEST 3 (PyNEST) script.
#
# Model: dv/dt = k2*v^2 + k1*v + k0 - u + I, du/dt = a*(b*(v - vref) - ucoef*u); when v reaches
# v_th: v = c, u = u + d. t in ms, v in mV, u and I in mV/ms (the model's own units; the script
# keeps them as plain numbers).
# In the explorer: euler_sequential at dt = 0.25 ms, spikes as in the author's scheme, float64,
# transient 0 ms, 2 segments to 300 ms.
#
# What this script cannot express, and what that changes:
# - changed equation coefficients (k2, k1, k0, vref, ucoef differ from 0.04, 5, 140, 0, 1): NEST's
#   izhikevich model has them fixed, so this script runs the standard equation and its results
#   differ from the explorer's. A NESTML model (see the NESTML Izhikevich tutorial) with the
#   coefficients as parameters can express them.
# - the author's scheme (euler_sequential: v, then u with the new v, one full step each, a spike
#   when v > v_th stamped at the step's start): the nearest NEST has is consistent_integration =
#   False, the published numerics (v in two half steps, then u with the new v, a spike when v >=
#   V_th stamped at the step's end). Spike times and counts can differ from the explorer's.
#
# Integration: NEST's izhikevich model at resolution 0.25 ms with consistent_integration = False
# (the published numerics); after each step v >= V_th resets v to c and adds d to u, the spike
# stamped at the step's end, as in the explorer.
# The protocol's steps are I_e and parameter changes between Simulate calls: they act at once. (A
# current generator's output reaches the neuron only after the connection delay and one more step,
# which would shift every step of the protocol.) Ramps are a step_current_generator with one value
# per step, each sent one step early over a connection with the shortest delay (one step), so it
# acts in its own step.
# NEST's current unit is pA and the izhikevich model adds it to dv/dt as it is: the values here are
# the explorer's I in mV/ms, unchanged.
#
# Run it with: python3 <this file>. Without a display, or with MPLBACKEND=Agg, it saves the figure
# as "class1_excitability_nest.png" in the current folder instead of showing it.
# The last line printed is the spike times in ms as one line of JSON (recorded time: 0 is the end of
# the transient), so a run can be compared with the explorer's automatically.

import json
import sys

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import nest

DT = 0.25  # ms, NEST's resolution
TRANSIENT_STEPS = 0  # unrecorded, at the first segment's parameters
NAME = "class1_excitability"

LABEL_ROWS = [0, 0]  # so that the labels of short segments do not overlap
VBANDS = [(0.0, 30.0, "#4C78A8"), (30.0, 300.0, "#F58518")]
VLINES = [(0.0, "I=0"), (30.0, "ramp")]
CURRENT = ([0.0, 30.0, 30.0, 300.0], [0.0, 0.0, 0.0, 20.25])  # I(t) of the protocol: times (ms), values (mV/ms)
SEGMENT_V_TH = [30.0, 30.0]  # v_th per segment, for drawing spikes
SHOW_CURRENT = True  # the explorer shows I(t) as a third panel for this protocol

print("warning: the session changes the equation coefficients (k2, k1, k0, vref, ucoef), which NEST's izhikevich model has fixed; this run uses the standard equation", file=sys.stderr)

nest.ResetKernel()
nest.set_verbosity("M_WARNING")
nest.SetKernelStatus({"resolution": DT, "print_time": False})

neuron = nest.Create("izhikevich", params={
    "consistent_integration": False,
    "V_m": -60.0, "U_m": 6.0,
    "a": 0.02, "b": -0.1, "c": -55.0, "d": 6.0, "I_e": 0.0, "V_th": 30.0,
})
multimeter = nest.Create("multimeter", params={"record_from": ["V_m", "U_m"], "interval": DT})
spike_recorder = nest.Create("spike_recorder")
nest.Connect(multimeter, neuron)
nest.Connect(neuron, spike_recorder)

# The ramps: (first step, steps, slope per ms, ms from the ramp's origin to its first step). Each step m gets
# slope * (time since the origin at its start); the value is sent at step m - 1 over a connection of one step's
# delay, and NEST delivers it for step m.
RAMPS = [(121, 1080, 0.075, 0.25)]
staircase = {}
for first, n, slope, offset in RAMPS:
    staircase[first + n] = 0.0  # the ramp ends with its segment
for first, n, slope, offset in RAMPS:
    for k in range(n):
        staircase[first + k] = slope * (k * DT + offset)
steps = sorted(m for m in staircase if m >= 2)  # a generator reaches the neuron from its third step on
ramp = nest.Create("step_current_generator", params={
    "amplitude_times": [round((m - 1) * DT, 9) for m in steps],
    "amplitude_values": [staircase[m] for m in steps],
})
nest.Connect(ramp, neuron, syn_spec={"delay": DT})

# segment 1: 0-30 ms (121 steps), "I=0"
nest.Simulate(30.25)
# segment 2: 30-300 ms (1080 steps), "ramp"; I ramps by 0.075 per ms
nest.Simulate(270.0)

# Recorded time: steps since the end of the transient, times DT.
events = spike_recorder.get("events")
steps = np.round(np.asarray(events["times"], dtype=float) / DT).astype(np.int64) - TRANSIENT_STEPS
spike_times = steps[steps > 0] * DT
trace = multimeter.get("events")
t_steps = np.round(np.asarray(trace["times"], dtype=float) / DT).astype(np.int64) - TRANSIENT_STEPS
kept = t_steps >= 0
t = t_steps[kept] * DT
v = np.asarray(trace["V_m"], dtype=float)[kept]
u = np.asarray(trace["U_m"], dtype=float)[kept]

for k, (t0, t1, _) in enumerate(VBANDS):
    n = int(np.sum((spike_times > t0) & (spike_times <= t1)))
    print(f"segment {k + 1} [{t0:g}, {t1:g}] ms, {VLINES[k][1]}: {n} spikes")


def plot_session(t, v, u, spikes, title):
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
    return fig


fig = plot_session(t, v, u, spike_times, NAME)
NON_INTERACTIVE = ("agg", "cairo", "pdf", "pgf", "ps", "svg", "template")
if matplotlib.get_backend().lower() in NON_INTERACTIVE:
    fig.savefig("class1_excitability_nest.png", dpi=150)
    print("figure saved as " + "class1_excitability_nest.png")
else:
    plt.show()
print(json.dumps([round(float(x), 9) for x in spike_times]))
