#!/usr/bin/env python3
# "accommodation": a session of Izhikevich Explorer, exported as a dynlib script.
#
# Model: dv/dt = k2*v^2 + k1*v + k0 - u + I, du/dt = a*(b*(v - vref) - ucoef*u); when v reaches
# v_th: v = c, u = u + d. t in ms, v in mV, u and I in mV/ms (the model's own units; the script
# keeps them as plain numbers).
# In the explorer: rk4 at dt = 0.01 ms, exact spikes, float64, transient 0 ms, 4 segments to 400 ms.
#
# What this script cannot express, and what that changes:
# - exact spike times: the explorer locates each threshold crossing inside the step; here v >= v_th
#   is tested after each step and the spike stamped at its end, up to dt = 0.01 ms late. The reset
#   comes late too, so the difference grows from spike to spike; in long or bursting runs spike
#   counts per segment can differ.
#
# The model is written inline (dynlib's DSL) because the session changes the equation coefficients,
# ramps its current (I + slope * (t - t_seg)).
# Integration: dynlib's "rk4" stepper at dt = 0.01 ms in float64, the reset event tested after each
# step (phase "end"), as the explorer's step-detected spikes.
#
# Run it with: python3 <this file>. Without a display, or with MPLBACKEND=Agg, it saves the figure
# as "accommodation_dynlib.png" in the current folder instead of showing it.
# The last line printed is the spike times in ms as one line of JSON (recorded time: 0 is the end of
# the transient), so a run can be compared with the explorer's automatically.

import json

import matplotlib
from dynlib import setup
from dynlib.plot import series, fig, export

MODEL = '''
inline:
[model]
type = "ode"

[states]
v = -65.0
u = -16.0

[params]
a = 0.02
b = 1.0
c = -55.0
d = 4.0
I = 0.0
v_th = 30.0
k2 = 0.04
k1 = 5.0
k0 = 140.0
vref = -65.0
ucoef = 0.0
slope = 0.0
t_seg = 0.0

[equations]
expr = """
dv = k2 * v * v + k1 * v + k0 - u + I + slope * (t - t_seg)
du = a * (b * (v - vref) - ucoef * u)
"""

[events.reset]
cond = "v >= v_th"
phase = "end"
action = """
v = c
u = u + d
"""
log = ["t"]
'''

sim = setup(MODEL, stepper="rk4", jit=True, dtype="float64")

TRANSIENT = 0.0  # ms, unrecorded, at the first segment's parameters
T0 = 200.0
T1 = 300.0
T2 = 312.5
T3 = 400.0

sim.config(dt=0.01)
sim.assign(v=-65.0, u=-16.0)
# segment 1: 0-200 ms, "slow ramp"; I ramps by 0.04 per ms
sim.assign(a=0.02, b=1.0, c=-55.0, d=4.0, I=0.0, v_th=30.0, k2=0.04, k1=5.0, k0=140.0, vref=-65.0, ucoef=0.0)
sim.assign(slope=0.04, t_seg=TRANSIENT + 0.0)
sim.create_snapshot("1: slow ramp")
sim.run(T=T0, transient=TRANSIENT)
# segment 2: 200-300 ms, "I=0"
sim.assign(slope=0.0, t_seg=TRANSIENT + 200.0)
sim.create_snapshot("2: I=0")
sim.run(T=T1, resume=True)
# segment 3: 300-312.5 ms, "fast ramp"; I ramps by 0.32 per ms
sim.assign(slope=0.32, t_seg=TRANSIENT + 300.0)
sim.create_snapshot("3: fast ramp")
sim.run(T=T2, resume=True)
# segment 4: 312.5-400 ms, "I=0"
sim.assign(slope=0.0, t_seg=TRANSIENT + 312.5)
sim.create_snapshot("4: I=0")
sim.run(T=T3, resume=True)

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
    title="accommodation: membrane potential (v)",
    vbands=[(0.0, T0, "#4C78A8"), (T0, T1, "#F58518"), (T1, T2, "#54A24B"), (T2, T3, "#B279A2")],
    vlines=[(0.0, "slow ramp"), (T0, "I=0"), (T1, "fast ramp"), (T2, "I=0")],
    vlines_color="red",
)
if matplotlib.get_backend().lower() in ("agg", "cairo", "pdf", "pgf", "ps", "svg", "template"):
    export.savefig(ax, "accommodation_dynlib.png")
    print("figure saved as " + "accommodation_dynlib.png")
else:
    export.show()

print("SNAPSHOTS: ", sim.list_snapshots())
print("Snapshot Parameter Vector: ", sim.param_vector(source="snapshot"))
print("Snapshot Parameter Dictionary: ", sim.param_dict(source="snapshot"))
print(json.dumps([round(x, 9) for x in spike_times]))
