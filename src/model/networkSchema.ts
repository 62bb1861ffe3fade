// Validation of network files (the view's session file, links and the CLI): every problem with its path, the value
// given and what is allowed; unknown keys with a "did you mean" hint. Missing fields take the paper's network's values,
// so {} is the paper's network and {"populations": {"inhibitory": {"count": 400}}} changes one thing.

import { Checker, join, show } from './schema';
import { SESSION_FORMAT } from './session';
import type { SchemaIssue } from './schema';
import {
  CELL_PARAM_KEYS, CELL_TYPES, NETWORK_FORMAT, NETWORK_LIMITS, NETWORK_VERSION, NET_VTH, SCHEME_METHODS, paperNetwork,
  type CellType, type Connectivity, type NetworkSpec, type ParamRecipe, type PopulationRecipe, type Scheme,
} from './network';

export type NetworkParseResult = { ok: true; spec: NetworkSpec } | { ok: false; issues: SchemaIssue[] };

const ROOT_KEYS = ['format', 'version', 'name', 'seed', 'duration', 'scheme', 'populations', 'connectivity', 'weights', 'noise', 'probe'] as const;

function integer(c: Checker, x: unknown, path: string, min: number, max: number, unit = ''): number | null {
  const v = c.number(x, path, min, max, unit);
  if (v === null) return null;
  if (!Number.isInteger(v)) { c.add(path, `must be a whole number in [${min}, ${max}]${unit ? ' ' + unit : ''}, got ${show(x)}`); return null; }
  return v;
}

/** A parameter recipe: {base, spread, power} (missing keys from the default) or a plain number (a constant). */
function parseParamRecipe(c: Checker, x: unknown, path: string, key: (typeof CELL_PARAM_KEYS)[number], dflt: ParamRecipe): ParamRecipe {
  const lim = NETWORK_LIMITS.param[key];
  if (typeof x === 'number') {
    const v = c.number(x, path, lim.min, lim.max, lim.unit === '1' ? '' : lim.unit);
    return v === null ? dflt : { base: v, spread: 0, power: 1 };
  }
  const obj = c.object(x, path);
  if (!obj) return dflt;
  c.unknownKeys(obj, ['base', 'spread', 'power'], path);
  const out = { ...dflt };
  const wide = Math.max(Math.abs(lim.min), Math.abs(lim.max)) * 2;
  if (obj.base !== undefined) out.base = c.number(obj.base, join(path, 'base'), -wide, wide, lim.unit === '1' ? '' : lim.unit) ?? out.base;
  if (obj.spread !== undefined) out.spread = c.number(obj.spread, join(path, 'spread'), -wide, wide, lim.unit === '1' ? '' : lim.unit) ?? out.spread;
  if (obj.power !== undefined) out.power = c.number(obj.power, join(path, 'power'), NETWORK_LIMITS.power.min, NETWORK_LIMITS.power.max, '') ?? out.power;
  // The values base + spread·r^power for r in [0, 1] run between base and base + spread: both ends must be allowed.
  const lo = Math.min(out.base, out.base + out.spread), hi = Math.max(out.base, out.base + out.spread);
  if (lo < lim.min || hi > lim.max) {
    c.add(path, `base + spread·r^power spans ${lo} … ${hi}${lim.unit === '1' ? '' : ' ' + lim.unit} over r in [0, 1]; ${key} must stay in [${lim.min}, ${lim.max}]`);
  } else if (key === 'c' && hi >= NET_VTH) {
    c.add(path, `reset c reaches ${hi} mV; it must stay below the cut-off of ${NET_VTH} mV`);
  }
  return out;
}

function parsePopulation(c: Checker, x: unknown, path: string, dflt: PopulationRecipe): PopulationRecipe {
  const obj = c.object(x, path);
  if (!obj) return dflt;
  c.unknownKeys(obj, ['count', ...CELL_PARAM_KEYS], path);
  const out: PopulationRecipe = { ...dflt };
  if (obj.count !== undefined) out.count = integer(c, obj.count, join(path, 'count'), NETWORK_LIMITS.count.min, NETWORK_LIMITS.count.max, 'cells') ?? out.count;
  for (const k of CELL_PARAM_KEYS) {
    if (obj[k] !== undefined) out[k] = parseParamRecipe(c, obj[k], join(path, k), k, dflt[k]);
  }
  return out;
}

function parsePerType(c: Checker, x: unknown, path: string, dflt: Record<CellType, number>, lim: { min: number; max: number; unit: string }): Record<CellType, number> {
  const obj = c.object(x, path);
  if (!obj) return dflt;
  c.unknownKeys(obj, CELL_TYPES, path);
  const out = { ...dflt };
  for (const t of CELL_TYPES) {
    if (obj[t] !== undefined) out[t] = c.number(obj[t], join(path, t), lim.min, lim.max, lim.unit) ?? out[t];
  }
  return out;
}

function parseScheme(c: Checker, x: unknown, dflt: Scheme): Scheme {
  const obj = c.object(x, 'scheme');
  if (!obj) return dflt;
  const method = c.oneOf(obj.method, 'scheme.method', SCHEME_METHODS);
  if (method === null) return dflt;
  if (method === 'paper') {
    c.unknownKeys(obj, ['method'], 'scheme');
    return { method: 'paper' };
  }
  c.unknownKeys(obj, ['method', 'dt'], 'scheme');
  const dt = c.number(obj.dt, 'scheme.dt', NETWORK_LIMITS.dt.min, NETWORK_LIMITS.dt.max, 'ms');
  if (dt === null) return dflt;
  const m = Math.round(1 / dt);
  if (Math.abs(m * dt - 1) > 1e-9) {
    c.add('scheme.dt', `must divide 1 ms (1, 0.5, 0.25, 0.2, 0.1, 0.05, …: the noise changes each ms), got ${dt}`);
    return dflt;
  }
  return { method: 'rk4', dt: 1 / m };
}

function parseConnectivity(c: Checker, x: unknown, dflt: Connectivity): Connectivity {
  const obj = c.object(x, 'connectivity');
  if (!obj) return dflt;
  const kind = c.oneOf(obj.kind, 'connectivity.kind', ['dense', 'sparse'] as const);
  if (kind === null) return dflt;
  if (kind === 'dense') {
    c.unknownKeys(obj, ['kind'], 'connectivity');
    return { kind: 'dense' };
  }
  c.unknownKeys(obj, ['kind', 'inputs'], 'connectivity');
  const inputs = integer(c, obj.inputs, 'connectivity.inputs', NETWORK_LIMITS.inputs.min, NETWORK_LIMITS.inputs.max, 'inputs per neuron');
  return inputs === null ? dflt : { kind: 'sparse', inputs };
}

/** Validates and normalises a network description; missing fields come from the paper's network. */
export function parseNetwork(x: unknown): NetworkParseResult {
  const c = new Checker();
  const obj = c.object(x, '');
  if (!obj) return { ok: false, issues: c.issues };
  c.unknownKeys(obj, ROOT_KEYS, '');
  const d = paperNetwork();
  if (obj.format !== undefined && obj.format !== NETWORK_FORMAT) {
    const hint = obj.format === SESSION_FORMAT ? ' (this is a single-neuron session: open it in the explorer)' : '';
    c.add('format', `must be "${NETWORK_FORMAT}", got ${show(obj.format)}${hint}`);
  }
  if (obj.version !== undefined && obj.version !== NETWORK_VERSION) c.add('version', `must be ${NETWORK_VERSION}, got ${show(obj.version)} (this file is from another version of the app)`);
  const name = obj.name === undefined ? d.name : c.string(obj.name, 'name', NETWORK_LIMITS.name.maxLength) ?? d.name;
  const seed = obj.seed === undefined ? d.seed : integer(c, obj.seed, 'seed', NETWORK_LIMITS.seed.min, NETWORK_LIMITS.seed.max) ?? d.seed;
  const duration = obj.duration === undefined ? d.duration
    : integer(c, obj.duration, 'duration', NETWORK_LIMITS.duration.min, NETWORK_LIMITS.duration.max, 'ms') ?? d.duration;
  const scheme = obj.scheme === undefined ? d.scheme : parseScheme(c, obj.scheme, d.scheme);

  const populations = { ...d.populations };
  if (obj.populations !== undefined) {
    const po = c.object(obj.populations, 'populations');
    if (po) {
      c.unknownKeys(po, CELL_TYPES, 'populations');
      for (const t of CELL_TYPES) {
        if (po[t] !== undefined) populations[t] = parsePopulation(c, po[t], join('populations', t), d.populations[t]);
      }
    }
  }
  const connectivity = obj.connectivity === undefined ? d.connectivity : parseConnectivity(c, obj.connectivity, d.connectivity);
  const weights = obj.weights === undefined ? d.weights : parsePerType(c, obj.weights, 'weights', d.weights, NETWORK_LIMITS.weight);
  const noise = obj.noise === undefined ? d.noise : parsePerType(c, obj.noise, 'noise', d.noise, NETWORK_LIMITS.noise);
  let probe: number | null = d.probe;
  if (obj.probe !== undefined) probe = obj.probe === null ? null : integer(c, obj.probe, 'probe', 0, NETWORK_LIMITS.total.max - 1);

  // Cross-field rules (only once the fields themselves are valid, so each problem is reported once).
  if (c.issues.length === 0) {
    const total = populations.excitatory.count + populations.inhibitory.count;
    if (total < NETWORK_LIMITS.total.min) c.add('populations', 'the network needs at least one cell (excitatory or inhibitory)');
    if (total > NETWORK_LIMITS.total.max) c.add('populations', `${total} cells in all; at most ${NETWORK_LIMITS.total.max} allowed`);
    if (connectivity.kind === 'sparse' && connectivity.inputs > total) {
      c.add('connectivity.inputs', `${connectivity.inputs} inputs per neuron, but the network has ${total} cells (inputs are distinct cells): use at most ${total}, or dense connectivity`);
    }
    if (probe !== null && probe >= total) c.add('probe', `cell ${probe} does not exist: the network has cells 0 … ${total - 1}`);
  }
  if (c.issues.length) return { ok: false, issues: c.issues };
  return {
    ok: true,
    spec: { format: NETWORK_FORMAT, version: NETWORK_VERSION, name, seed, duration, scheme, populations, connectivity, weights, noise, probe },
  };
}

/** The network file's JSON text (stable key order, 2-space indentation). */
export function networkJson(spec: NetworkSpec): string {
  return JSON.stringify(spec, null, 2) + '\n';
}
