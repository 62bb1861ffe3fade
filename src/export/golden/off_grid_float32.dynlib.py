#!/usr/bin/env python3
# "off grid": a session of Izhikevich Explorer, exported as a dynlib script.
#
# Model: dv/dt = k2*v^2 + k1*v + k0 - u + I, du/dt = a*(b*(v - vref) - ucoef*u); when v reaches
# v_th: v = c, u = u + d. t in ms, v in mV, u and I in mV/ms (the model's own units; the script
# keeps them as plain numbers).
# In the explorer: rk4 at dt = 0.1 ms, exact spikes, float32, transient 12.345 ms, 3 segments to 200
# ms.
#
# What this script cannot express, and what that changes:
# - exact spike times: the explorer locates each threshold crossing inside the step; here v >= v_th
#   is tested after each step and the spike stamped at its end, up to dt = 0.1 ms late. The reset
#   comes late too, so the difference grows from spike to spike; in long or bursting runs spike
#   counts per segment can differ.
# - times between grid points (segment ends or the transient): dynlib runs to each T on its own; the
#   explorer takes a shortened step there. Where dynlib rounds to whole steps instead, spike times
#   can move by up to a step.
#
# The model is dynlib's builtin izhikevich (the same equation, reset and presets), its reset event
# logging the spike times.
# Integration: dynlib's "rk4" stepper at dt = 0.1 ms in float32, the reset event tested after each
# step (phase "end"), as the explorer's step-detected spikes.
#
# Run it with: python3 <this file>. Without a display, or with MPLBACKEND=Agg, it saves the figure
# as "off grid_dynlib.png" in the current folder instead of showing it.
# The last line printed is the spike times in ms as one line of JSON (recorded time: 0 is the end of
# the transient), so a run can be compared with the explorer's automatically.

import json

import matplotlib
from dynlib import setup
from dynlib.plot import series, fig, export

SPIKE_LOG = '''
inline:
[mod]
name = "log_spike_times"

[mod.replace.events.reset]
cond = "v >= v_th"
phase = "end"
action = """
v = c
u = u + d
"""
log = ["t"]
'''

sim = setup("builtin://ode/izhikevich", stepper="rk4", jit=True, dtype="float32", mods=[SPIKE_LOG])

TRANSIENT = 12.345  # ms, unrecorded, at the first segment's parameters
T0 = 50.07
T1 = 120.123
T2 = 200.0

sim.config(dt=0.1)
sim.assign(v=-65.0, u=-13.0)
# segment 1: 0-50.07 ms, "I=5"
sim.assign(a=0.02, b=0.2, c=-65.0, d=8.0, I=5.0, v_th=30.0)
sim.create_snapshot("1: I=5")
sim.run(T=T0, transient=TRANSIENT)
# segment 2: 50.07-120.123 ms, "chattering, d=3, I=12"
# preset "chattering" (a=0.02, b=0.2, c=-50, d=2) as assigned values
sim.assign(c=-50.0, d=3.0, I=12.0)
sim.create_snapshot("2: chattering, d=3, I=12")
sim.run(T=T1, resume=True)
# segment 3: 120.123-200 ms, "thalamo_cortical"
# preset "thalamo_cortical" (a=0.02, b=0.25, c=-65, d=0.05) as assigned values
sim.assign(b=0.25, c=-65.0, d=0.05)
sim.create_snapshot("3: thalamo_cortical")
sim.run(T=T2, resume=True)

res = sim.results()
spike_times = [float(t) for t in res.event("reset").t]

# dynlib 0.40 names the single-series plot series.line; earlier versions (the seed example) series.plot.
plot_series = getattr(series, "line", None) or getattr(series, "plot")
ax = fig.single(size=(8, 4))
plot_series(
    x=res.t,
    y=res["v"],
    ax=ax,
    ylim=(-80.0, 50.0),
    title="off grid: membrane potential (v)",
    vbands=[(0.0, T0, "#4C78A8"), (T0, T1, "#F58518"), (T1, T2, "#54A24B")],
    vlines=[(0.0, "I=5"), (T0, "chattering, d=3, I=12"), (T1, "thalamo_cortical")],
    vlines_color="red",
)
if matplotlib.get_backend().lower() in ("agg", "cairo", "pdf", "pgf", "ps", "svg", "template"):
    export.savefig(ax, "off grid_dynlib.png")
    print("figure saved as " + "off grid_dynlib.png")
else:
    export.show()

print("SNAPSHOTS: ", sim.list_snapshots())
print("Snapshot Parameter Vector: ", sim.param_vector(source="snapshot"))
print("Snapshot Parameter Dictionary: ", sim.param_dict(source="snapshot"))
print(json.dumps([round(x, 9) for x in spike_times]))
