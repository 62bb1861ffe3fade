// The network recipe (pure data): cell populations with per-neuron parameters p = base + spread·rᵖᵒʷᵉʳ (r ~ U(0,1)
// per neuron), connectivity (dense all-to-all or sparse with a fixed number of inputs per neuron), weight scales,
// thalamic noise amplitudes, duration, seed and scheme; the paper's network (Izhikevich 2003, net.m) as the default.
// Units: t in ms, v in mV, u, I, weights and noise in mV/ms (the model's current units), rates in Hz.

export const NETWORK_FORMAT = 'izhikevich-explorer/network';
export const NETWORK_VERSION = 1;

/** One per-neuron parameter: value = base + spread · r^power, r the neuron's U(0, 1) draw. */
export interface ParamRecipe {
  base: number;
  spread: number;
  power: number;
}

export const CELL_PARAM_KEYS = ['a', 'b', 'c', 'd'] as const;
export type CellParamKey = (typeof CELL_PARAM_KEYS)[number];

export interface PopulationRecipe {
  /** Number of cells. */
  count: number;
  a: ParamRecipe;
  b: ParamRecipe;
  c: ParamRecipe;
  d: ParamRecipe;
}

export const CELL_TYPES = ['excitatory', 'inhibitory'] as const;
export type CellType = (typeof CELL_TYPES)[number];

export type Connectivity = { kind: 'dense' } | { kind: 'sparse'; inputs: number };

export type Scheme = { method: 'paper' } | { method: 'rk4'; dt: number };
export const SCHEME_METHODS = ['paper', 'rk4'] as const;

export interface NetworkSpec {
  format: typeof NETWORK_FORMAT;
  version: number;
  name: string;
  /** Seed of the generator (an integer in [0, 2³² − 1]); the recipe's draws and the noise come from it. */
  seed: number;
  /** Simulated time, ms. */
  duration: number;
  scheme: Scheme;
  populations: Record<CellType, PopulationRecipe>;
  connectivity: Connectivity;
  /** Weights from excitatory cells are excitatory·U(0,1), from inhibitory cells −inhibitory·U(0,1), mV/ms. */
  weights: Record<CellType, number>;
  /** Standard deviation of the thalamic input drawn afresh each 1 ms, mV/ms. */
  noise: Record<CellType, number>;
  /** The neuron whose v(t) is shown (index; excitatory cells first), or null. */
  probe: number | null;
}

const P = (base: number, spread = 0, power = 1): ParamRecipe => ({ base, spread, power });

/** The network of Izhikevich (2003), Fig. 3 / net.m: 800 excitatory + 200 inhibitory cells, all-to-all, 1000 ms. */
export function paperNetwork(): NetworkSpec {
  return {
    format: NETWORK_FORMAT,
    version: NETWORK_VERSION,
    name: 'Izhikevich 2003 cortical network',
    seed: 1,
    duration: 1000,
    scheme: { method: 'paper' },
    populations: {
      excitatory: { count: 800, a: P(0.02), b: P(0.2), c: P(-65, 15, 2), d: P(8, -6, 2) },
      inhibitory: { count: 200, a: P(0.02, 0.08), b: P(0.25, -0.05), c: P(-65), d: P(2) },
    },
    connectivity: { kind: 'dense' },
    weights: { excitatory: 0.5, inhibitory: 1 },
    noise: { excitatory: 5, inhibitory: 2 },
    probe: 0,
  };
}

/** Limits of the recipe's fields (the schema and the UI use the same). */
export const NETWORK_LIMITS = {
  count: { min: 0, max: 100_000 },
  /** At least one cell in all. */
  total: { min: 1, max: 100_000 },
  inputs: { min: 1, max: 100_000 },
  duration: { min: 1, max: 600_000, unit: 'ms' },
  seed: { min: 0, max: 4294967295 },
  dt: { min: 0.001, max: 1, unit: 'ms' },
  weight: { min: 0, max: 100, unit: 'mV/ms' },
  noise: { min: 0, max: 100, unit: 'mV/ms' },
  power: { min: 0, max: 10 },
  param: {
    a: { min: -0.2, max: 2, unit: '1/ms' },
    b: { min: -2, max: 2, unit: '1' },
    c: { min: -100, max: 0, unit: 'mV' },
    d: { min: -30, max: 30, unit: 'mV/ms' },
  },
  name: { maxLength: 120 },
} as const;

/** Spike cut-off of every cell (mV) and the model's fixed coefficients: v' = 0.04v² + 5v + 140 − u + I. */
export const NET_VTH = 30;
export const NET_V0 = -65;

export function totalCells(s: NetworkSpec): number {
  return s.populations.excitatory.count + s.populations.inhibitory.count;
}

/** Inputs per neuron: all cells for dense connectivity. */
export function inputsPerNeuron(s: NetworkSpec): number {
  return s.connectivity.kind === 'dense' ? totalCells(s) : s.connectivity.inputs;
}

/** Steps of the scheme per ms (1 for the paper's; 1/dt for rk4, dt dividing 1 ms). */
export function stepsPerMs(s: Scheme): number {
  return s.method === 'paper' ? 1 : Math.round(1 / s.dt);
}

/** The cell type of neuron i (excitatory cells are 0 … Ne − 1). */
export function cellTypeOf(s: NetworkSpec, i: number): CellType {
  return i < s.populations.excitatory.count ? 'excitatory' : 'inhibitory';
}

/** Deep copy. */
export function cloneNetwork(s: NetworkSpec): NetworkSpec {
  return JSON.parse(JSON.stringify(s)) as NetworkSpec;
}
