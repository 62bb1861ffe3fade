#!/usr/bin/env python3
# "exp euler": a session of Izhikevich Explorer, exported as a dynlib script.
#
# Model: dv/dt = k2*v^2 + k1*v + k0 - u + I, du/dt = a*(b*(v - vref) - ucoef*u); when v reaches
# v_th: v = c, u = u + d. t in ms, v in mV, u and I in mV/ms (the model's own units; the script
# keeps them as plain numbers).
# In the explorer: exp_euler at dt = 0.1 ms, step spikes, float64, transient 0 ms, 2 segments to 300
# ms.
#
# What this script cannot express, and what that changes:
# - the refractory period of 1.5 ms: this script has none (dynlib's events cannot hold the state for
#   a while), so v and u move on right after each reset and spikes can follow each other sooner.
#
# The model is written inline (dynlib's DSL) because the session ramps its current (I + slope * (t -
# t_seg)), uses exponential Euler for u (exp_euler: dynlib's euler with du scaled by phi / h and v
# from the new u, which is that scheme step for step).
# Integration: dynlib's "euler" stepper at dt = 0.1 ms in float64, the reset event tested after each
# step (phase "end"), as the explorer's step-detected spikes.
#
# Run it with: python3 <this file>. Without a display, or with MPLBACKEND=Agg, it saves the figure
# as "exp euler_dynlib.png" in the current folder instead of showing it.
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
v = -70.0
u = -14.0

[params]
a = 0.02
b = 0.2
c = -65.0
d = 8.0
I = 0.0
v_th = 30.0
k2 = 0.04
k1 = 5.0
k0 = 140.0
vref = 0.0
ucoef = 1.0
slope = 0.0
t_seg = 0.0
h = 0.1  # the step
phi = 0.09990006663334666  # (1 - exp(-a*ucoef*h))/(a*ucoef), set per segment
v_min = -72.0

[equations]
expr = """
dv = k2 * v * v + k1 * v + k0 - (u + phi * a * (b * (v - vref) - ucoef * u)) + I + slope * (t - t_seg)
du = phi / h * a * (b * (v - vref) - ucoef * u)
"""

[events.clamp]
cond = "v < v_min"
phase = "end"
action = "v = v_min"

[events.reset]
cond = "v >= v_th"
phase = "end"
action = """
v = c
u = u + d
"""
log = ["t"]
'''

sim = setup(MODEL, stepper="euler", jit=True, dtype="float64")

TRANSIENT = 0.0  # ms, unrecorded, at the first segment's parameters
T0 = 50.0
T1 = 300.0

sim.config(dt=0.1)
sim.assign(v=-70.0, u=-14.0)  # u0 = b*(v0 - vref)/ucoef at the first segment's parameters (the explorer's "u0 = b·v0")
# segment 1: 0-50 ms, "I=0"
sim.assign(a=0.02, b=0.2, c=-65.0, d=8.0, I=0.0, v_th=30.0, k2=0.04, k1=5.0, k0=140.0, vref=0.0, ucoef=1.0)
sim.assign(slope=0.0, t_seg=TRANSIENT + 0.0)
sim.create_snapshot("1: I=0")
sim.run(T=T0, transient=TRANSIENT)
# segment 2: 50-300 ms, "a=0.03, I=12, I ramp 0.02/ms"; I ramps by 0.02 per ms
sim.assign(a=0.03, I=12.0)
sim.assign(phi=0.09985014988756748)
sim.assign(slope=0.02, t_seg=TRANSIENT + 50.0)
sim.create_snapshot("2: a=0.03, I=12, I ramp 0.02/ms")
sim.run(T=T1, resume=True)

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
    title="exp euler: membrane potential (v)",
    vbands=[(0.0, T0, "#4C78A8"), (T0, T1, "#F58518")],
    vlines=[(0.0, "I=0"), (T0, "a=0.03, I=12, I ramp 0.02/ms")],
    vlines_color="red",
)
if matplotlib.get_backend().lower() in ("agg", "cairo", "pdf", "pgf", "ps", "svg", "template"):
    export.savefig(ax, "exp euler_dynlib.png")
    print("figure saved as " + "exp euler_dynlib.png")
else:
    export.show()

print("SNAPSHOTS: ", sim.list_snapshots())
print("Snapshot Parameter Vector: ", sim.param_vector(source="snapshot"))
print("Snapshot Parameter Dictionary: ", sim.param_dict(source="snapshot"))
print(json.dumps([round(x, 9) for x in spike_times]))
