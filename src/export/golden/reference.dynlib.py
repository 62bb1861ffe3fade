#!/usr/bin/env python3
# "dynlib-izhikevich-current-steps": a session of Izhikevich Explorer, exported as a dynlib script.
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
#
# The model is dynlib's builtin izhikevich (the same equation, reset and presets), its reset event
# logging the spike times.
# Integration: dynlib's "rk4" stepper at dt = 0.01 ms in float32, the reset event tested after each
# step (phase "end"), as the explorer's step-detected spikes.
#
# Run it with: python3 <this file>. Without a display, or with MPLBACKEND=Agg, it saves the figure
# as "dynlib-izhikevich-current-steps_dynlib.png" in the current folder instead of showing it.
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

TRANSIENT = 50.0  # ms, unrecorded, at the first segment's parameters
T0 = 300.0
T1 = 600.0
T2 = 900.0
T3 = 1200.0
T4 = 1500.0

sim.config(dt=0.01)
sim.assign(v=-65.0, u=-13.0)
# segment 1: 0-300 ms, "I=0"
sim.assign(a=0.02, b=0.2, c=-65.0, d=8.0, I=0.0, v_th=30.0)
sim.create_snapshot("1: I=0")
sim.run(T=T0, transient=TRANSIENT)
# segment 2: 300-600 ms, "I=5"
sim.assign(I=5.0)
sim.create_snapshot("2: I=5")
sim.run(T=T1, resume=True)
# segment 3: 600-900 ms, "I=10"
sim.assign(I=10.0)
sim.create_snapshot("3: I=10")
sim.run(T=T2, resume=True)
# segment 4: 900-1200 ms, "I=15"
sim.assign(I=15.0)
sim.create_snapshot("4: I=15")
sim.run(T=T3, resume=True)
# segment 5: 1200-1500 ms, "bursting, I=10"
sim.apply_preset("bursting")
sim.assign(I=10.0)
sim.create_snapshot("5: bursting, I=10")
sim.run(T=T4, resume=True)

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
    title="dynlib-izhikevich-current-steps: membrane potential (v)",
    vbands=[(0.0, T0, "#4C78A8"), (T0, T1, "#F58518"), (T1, T2, "#54A24B"), (T2, T3, "#B279A2"), (T3, T4, "#E45756")],
    vlines=[(0.0, "I=0"), (T0, "I=5"), (T1, "I=10"), (T2, "I=15"), (T3, "bursting, I=10")],
    vlines_color="red",
)
if matplotlib.get_backend().lower() in ("agg", "cairo", "pdf", "pgf", "ps", "svg", "template"):
    export.savefig(ax, "dynlib-izhikevich-current-steps_dynlib.png")
    print("figure saved as " + "dynlib-izhikevich-current-steps_dynlib.png")
else:
    export.show()

print("SNAPSHOTS: ", sim.list_snapshots())
print("Snapshot Parameter Vector: ", sim.param_vector(source="snapshot"))
print("Snapshot Parameter Dictionary: ", sim.param_dict(source="snapshot"))
print(json.dumps([round(x, 9) for x in spike_times]))
