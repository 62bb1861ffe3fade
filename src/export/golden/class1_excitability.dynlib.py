#!/usr/bin/env python3
# "class1_excitability": a session of Izhikevich Explorer, exported as a dynlib script.
#
# Model: dv/dt = k2*v^2 + k1*v + k0 - u + I, du/dt = a*(b*(v - vref) - ucoef*u); when v reaches
# v_th: v = c, u = u + d. t in ms, v in mV, u and I in mV/ms (the model's own units; the script
# keeps them as plain numbers).
# In the explorer: euler_sequential at dt = 0.25 ms, spikes as in the author's scheme, float64,
# transient 0 ms, 2 segments to 300 ms.
#
# Every setting of the session carries over.
#
# The model is written inline (dynlib's DSL) because the session changes the equation coefficients,
# ramps its current (I + slope * (t - t_seg)), uses the author's scheme (euler_sequential: dynlib's
# euler with u updated from the new v, v + h * dv, which is that scheme step for step; its spikes, v
# > v_th, are stamped at the step's end and reported one step earlier, at its start, as the author's
# scheme does).
# Integration: dynlib's "euler" stepper at dt = 0.25 ms in float64, the reset event tested after
# each step (phase "end"), as the explorer's step-detected spikes.
#
# Run it with: python3 <this file>. Without a display, or with MPLBACKEND=Agg, it saves the figure
# as "class1_excitability_dynlib.png" in the current folder instead of showing it.
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
v = -60.0
u = 6.0

[params]
a = 0.02
b = -0.1
c = -55.0
d = 6.0
I = 0.0
v_th = 30.0
k2 = 0.04
k1 = 4.1
k0 = 108.0
vref = 0.0
ucoef = 1.0
slope = 0.0
t_seg = 0.0
h = 0.25  # the step

[equations]
expr = """
dv = k2 * v * v + k1 * v + k0 - u + I + slope * (t - t_seg)
du = a * (b * ((v + h * (k2 * v * v + k1 * v + k0 - u + I + slope * (t - t_seg))) - vref) - ucoef * u)
"""

[events.reset]
cond = "v > v_th"
phase = "end"
action = """
v = c
u = u + d
"""
log = ["t"]
'''

sim = setup(MODEL, stepper="euler", jit=True, dtype="float64")

TRANSIENT = 0.0  # ms, unrecorded, at the first segment's parameters
T0 = 30.25  # the segment ends at 30 ms; its last step (the author's scheme) ends here
T1 = 300.25  # the segment ends at 300 ms; its last step (the author's scheme) ends here

sim.config(dt=0.25)
sim.assign(v=-60.0, u=6.0)
# segment 1: 0-30 ms, "I=0"
sim.assign(a=0.02, b=-0.1, c=-55.0, d=6.0, I=0.0, v_th=30.0, k2=0.04, k1=4.1, k0=108.0, vref=0.0, ucoef=1.0)
sim.assign(slope=0.0, t_seg=TRANSIENT + 0.0)
sim.create_snapshot("1: I=0")
sim.run(T=T0, transient=TRANSIENT)
# segment 2: 30-300 ms, "ramp"; I ramps by 0.075 per ms
sim.assign(slope=0.075, t_seg=TRANSIENT + 30.0)
sim.create_snapshot("2: ramp")
sim.run(T=T1, resume=True)

res = sim.results()
spike_times = [float(t) - 0.25 for t in res.event("reset").t]  # stamped at the step's start, as the author's scheme does

# dynlib 0.40 names the single-series plot series.line; earlier versions (the seed example) series.plot.
plot_series = getattr(series, "line", None) or getattr(series, "plot")
ax = fig.single(size=(8, 4))
plot_series(
    x=res.t,
    y=res["v"],
    ax=ax,
    ylim=(-80.0, 50.0),
    title="class1_excitability: membrane potential (v)",
    vbands=[(0.0, 30.0, "#4C78A8"), (30.0, 300.0, "#F58518")],
    vlines=[(0.0, "I=0"), (30.0, "ramp")],
    vlines_color="red",
)
if matplotlib.get_backend().lower() in ("agg", "cairo", "pdf", "pgf", "ps", "svg", "template"):
    export.savefig(ax, "class1_excitability_dynlib.png")
    print("figure saved as " + "class1_excitability_dynlib.png")
else:
    export.show()

print("SNAPSHOTS: ", sim.list_snapshots())
print("Snapshot Parameter Vector: ", sim.param_vector(source="snapshot"))
print("Snapshot Parameter Dictionary: ", sim.param_dict(source="snapshot"))
print(json.dumps([round(x, 9) for x in spike_times]))
