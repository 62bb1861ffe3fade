#!/usr/bin/env python3
# "exp euler": a session of Izhikevich Explorer, exported as a NEST 3 (PyNEST) script.
#
# Model: dv/dt = k2*v^2 + k1*v + k0 - u + I, du/dt = a*(b*(v - vref) - ucoef*u); when v reaches
# v_th: v = c, u = u + d. t in ms, v in mV, u and I in mV/ms (the model's own units; the script
# keeps them as plain numbers).
# In the explorer: exp_euler at dt = 0.1 ms, step spikes, float64, transient 0 ms, 2 segments to 300
# ms.
# The initial state is u0 = b*(v0 - vref)/ucoef at the first segment's parameters (the explorer's
# "u0 = b·v0"): v0 = -70 mV, u0 = -14.
#
# What this script cannot express, and what that changes:
# - exp_euler (u by exponential Euler, then v with the new u): NEST's izhikevich model has forward
#   Euler (consistent_integration = True) instead, also first order; spike times differ from the
#   explorer's by O(dt).
# - the refractory period of 1.5 ms: NEST's izhikevich model has none, so v and u move on right
#   after each reset and spikes can follow each other sooner (BrainPy's IzhikevichRef, or a NESTML
#   model, has one).
#
# Integration: NEST's izhikevich model at resolution 0.1 ms with consistent_integration = True
# (forward Euler on the old v and u); after each step v >= V_th resets v to c and adds d to u, the
# spike stamped at the step's end, as in the explorer.
# The protocol's steps are I_e and parameter changes between Simulate calls: they act at once. (A
# current generator's output reaches the neuron only after the connection delay and one more step,
# which would shift every step of the protocol.) Ramps are a step_current_generator with one value
# per step, each sent one step early over a connection with the shortest delay (one step), so it
# acts in its own step.
# NEST's current unit is pA and the izhikevich model adds it to dv/dt as it is: the values here are
# the explorer's I in mV/ms, unchanged.
#
# Run it with: python3 <this file>. Without a display, or with MPLBACKEND=Agg, it saves the figure
# as "exp euler_nest.png" in the current folder instead of showing it.
# The last line printed is the spike times in ms as one line of JSON (recorded time: 0 is the end of
# the transient), so a run can be compared with the explorer's automatically.

import json
import sys

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import nest

DT = 0.1  # ms, NEST's resolution
TRANSIENT_STEPS = 0  # unrecorded, at the first segment's parameters
NAME = "exp euler"

LABEL_ROWS = [0, 0]  # so that the labels of short segments do not overlap
VBANDS = [(0.0, 50.0, "#4C78A8"), (50.0, 300.0, "#F58518")]
VLINES = [(0.0, "I=0"), (50.0, "a=0.03, I=12, I ramp 0.02/ms")]
CURRENT = ([0.0, 50.0, 50.0, 300.0], [0.0, 0.0, 12.0, 17.0])  # I(t) of the protocol: times (ms), values (mV/ms)
SEGMENT_V_TH = [30.0, 30.0]  # v_th per segment, for drawing spikes
SHOW_CURRENT = True  # the explorer shows I(t) as a third panel for this protocol

nest.ResetKernel()
nest.set_verbosity("M_WARNING")
nest.SetKernelStatus({"resolution": DT, "print_time": False})

neuron = nest.Create("izhikevich", params={
    "consistent_integration": True,
    "V_m": -70.0, "U_m": -14.0,
    "a": 0.02, "b": 0.2, "c": -65.0, "d": 8.0, "I_e": 0.0, "V_th": 30.0,
    "V_min": -72.0,  # the lower clamp of v after each step
})
multimeter = nest.Create("multimeter", params={"record_from": ["V_m", "U_m"], "interval": DT})
spike_recorder = nest.Create("spike_recorder")
nest.Connect(multimeter, neuron)
nest.Connect(neuron, spike_recorder)

# The ramps: (first step, steps, slope per ms, ms from the ramp's origin to its first step). Each step m gets
# slope * (time since the origin at its start); the value is sent at step m - 1 over a connection of one step's
# delay, and NEST delivers it for step m.
RAMPS = [(500, 2500, 0.02, 0.0)]
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

# segment 1: 0-50 ms (500 steps), "I=0"
nest.Simulate(50.0)
# segment 2: 50-300 ms (2500 steps), "a=0.03, I=12, I ramp 0.02/ms"; I ramps by 0.02 per ms
neuron.set({"a": 0.03, "I_e": 12.0})
nest.Simulate(250.0)

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
    fig.savefig("exp euler_nest.png", dpi=150)
    print("figure saved as " + "exp euler_nest.png")
else:
    plt.show()
print(json.dumps([round(float(x), 9) for x in spike_times]))
