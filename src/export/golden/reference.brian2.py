#!/usr/bin/env python3
# "dynlib-izhikevich-current-steps": a session of Izhikevich Explorer, exported as a Brian2 (2.5 or
# later) script.
#
# Model: dv/dt = k2*v^2 + k1*v + k0 - u + I, du/dt = a*(b*(v - vref) - ucoef*u); when v reaches
# v_th: v = c, u = u + d. t in ms, v in mV, u and I in mV/ms (the model's own units; the script
# keeps them as plain numbers).
# In the explorer: rk4 at dt = 0.01 ms, exact spikes, float32, transient 50 ms, 5 segments to 1500
# ms.
#
# What this script cannot express, and what that changes:
# - exact spike times: the explorer locates each threshold crossing inside the step; here v >= v_th
#   is tested after each step and the spike stamped at its end, up to dt = 0.01 ms late. The reset
#   comes late too, so the difference grows from spike to spike; in long or bursting runs spike
#   counts per segment can differ.
# - float32: the explorer held v and u in single precision between steps; Brian2 computes in double.
#   Spike times differ in the last digits at first, and the difference can grow over long runs.
#
# Integration: Brian's "rk4" method at dt = 0.01 ms, threshold v >= v_th tested after each step.
# Brian2 stamps a spike at the start of the step after which v >= v_th was found; the explorer (and
# NEST, dynlib) at its end: the script adds dt to the times it reports, so they compare directly.
#
# Run it with: python3 <this file>. Without a display, or with MPLBACKEND=Agg, it saves the figure
# as "dynlib-izhikevich-current-steps_brian2.png" in the current folder instead of showing it.
# The last line printed is the spike times in ms as one line of JSON (recorded time: 0 is the end of
# the transient), so a run can be compared with the explorer's automatically.
# BRIAN2_TARGET=numpy|cython chooses Brian's code generation (default "auto": cython when a compiler
# is there, fastest for long runs; numpy needs none and starts at once).

import json
import os

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import brian2 as b2

b2.prefs.codegen.target = os.environ.get("BRIAN2_TARGET", "auto")
DT = 0.01  # ms
b2.defaultclock.dt = DT * b2.ms
TRANSIENT_STEPS = 5000  # unrecorded, at the first segment's parameters
NAME = "dynlib-izhikevich-current-steps"

LABEL_ROWS = [0, 0, 0, 0, 0]  # so that the labels of short segments do not overlap
VBANDS = [(0.0, 300.0, "#4C78A8"), (300.0, 600.0, "#F58518"), (600.0, 900.0, "#54A24B"), (900.0, 1200.0, "#B279A2"), (1200.0, 1500.0, "#E45756")]
VLINES = [(0.0, "I=0"), (300.0, "I=5"), (600.0, "I=10"), (900.0, "I=15"), (1200.0, "bursting, I=10")]
CURRENT = ([0.0, 300.0, 300.0, 600.0, 600.0, 900.0, 900.0, 1200.0, 1200.0, 1500.0], [0.0, 0.0, 5.0, 5.0, 10.0, 10.0, 15.0, 15.0, 10.0, 10.0])  # I(t) of the protocol: times (ms), values (mV/ms)
SEGMENT_V_TH = [30.0, 30.0, 30.0, 30.0, 30.0]  # v_th per segment, for drawing spikes
SHOW_CURRENT = False  # the explorer shows I(t) as a third panel for this protocol

EQUATIONS = """
dv/dt = (k2*v**2 + k1*v + k0 - u + I)/ms : 1
du/dt = a*(b*(v - vref) - ucoef*u)/ms : 1
a : 1
b : 1
c : 1
d : 1
I : 1
v_th : 1
k2 : 1
k1 : 1
k0 : 1
vref : 1
ucoef : 1
"""
neuron = b2.NeuronGroup(1, EQUATIONS, threshold="v >= v_th", reset="v = c; u += d", method="rk4", namespace={})
neuron.v = -65.0
neuron.u = -13.0
neuron.a = 0.02
neuron.b = 0.2
neuron.c = -65.0
neuron.d = 8.0
neuron.I = 0.0
neuron.v_th = 30.0
neuron.k2 = 0.04
neuron.k1 = 5.0
neuron.k0 = 140.0
neuron.vref = 0.0
neuron.ucoef = 1.0

state = b2.StateMonitor(neuron, ["v", "u"], record=0)
spikes = b2.SpikeMonitor(neuron)
net = b2.Network(neuron, state, spikes)

# transient: 50 ms, not recorded
state.active = False
spikes.active = False
net.run(TRANSIENT_STEPS * DT * b2.ms)
state.active = True
spikes.active = True

# segment 1: 0-300 ms (30000 steps), "I=0"
net.run(30000 * DT * b2.ms)
# segment 2: 300-600 ms (30000 steps), "I=5"
neuron.I = 5.0
net.run(30000 * DT * b2.ms)
# segment 3: 600-900 ms (30000 steps), "I=10"
neuron.I = 10.0
net.run(30000 * DT * b2.ms)
# segment 4: 900-1200 ms (30000 steps), "I=15"
neuron.I = 15.0
net.run(30000 * DT * b2.ms)
# segment 5: 1200-1500 ms (30000 steps), "bursting, I=10"; preset "bursting"
neuron.c = -50.0; neuron.d = 2.0; neuron.I = 10.0
net.run(30000 * DT * b2.ms)

# Recorded time: steps since the end of the transient, times DT (+ DT: the explorer stamps a spike at the step's end).
steps = np.round(spikes.t_ / (DT * 1e-3)).astype(np.int64) - TRANSIENT_STEPS
spike_times = (steps + 1) * DT
t = np.round(state.t_ / (DT * 1e-3)).astype(np.int64) - TRANSIENT_STEPS
t = t * DT

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


fig = plot_session(t, state.v[0], state.u[0], spike_times, NAME)
NON_INTERACTIVE = ("agg", "cairo", "pdf", "pgf", "ps", "svg", "template")
if matplotlib.get_backend().lower() in NON_INTERACTIVE:
    fig.savefig("dynlib-izhikevich-current-steps_brian2.png", dpi=150)
    print("figure saved as " + "dynlib-izhikevich-current-steps_brian2.png")
else:
    plt.show()
print(json.dumps([round(float(x), 9) for x in spike_times]))
