// The map view's state (its own small Zustand store): the settings (two parameters and their ranges, resolution,
// protocol, integration, what to colour by), the results being filled in tile by tile (class and measures per pixel,
// the stride that filled it), progress, the hovered and selected pixel and its v(t). Derived: the MapSpec of the
// settings and the explorer's session (mapSpecOf); actions keep settings valid and never touch the explorer's store.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { PARAM_SPECS, type ParamKey } from '../model/params';
import type { Integration, Session } from '../model/session';
import {
  MAX_RESOLUTION, N_MEASURES, checkMapSpec, type MapAxis, type MapJobResult, type MapSpec, type MeasureKey,
} from '../analysis/firingMap';
import type { MapProgress } from '../worker/mapRunner';

export type Plane = 'ab' | 'cd';

/** The two planes of Izhikevich 2003, Fig. 2 (ranges a little beyond the published cells). */
export const PLANES: Record<Plane, { x: Omit<MapAxis, 'n'>; y: Omit<MapAxis, 'n'> }> = {
  // b up to 0.27: above about 0.265 the standard model has no resting state at I = 0 (it fires on its own).
  ab: { x: { param: 'a', min: 0, max: 0.12 }, y: { param: 'b', min: 0.1, max: 0.27 } },
  cd: { x: { param: 'c', min: -70, max: -45 }, y: { param: 'd', min: 0, max: 10 } },
};

export interface MapSettings {
  x: Omit<MapAxis, 'n'>;
  y: Omit<MapAxis, 'n'>;
  /** Samples per axis (the map is resolution × resolution). */
  resolution: number;
  protocol: 'step' | 'session';
  stepI: number;
  stepDuration: number;
  /** Segments analysed with protocol 'session' (null: the last segment). */
  window: { from: number; to: number } | null;
  integration: Integration;
  colorBy: 'class' | MeasureKey;
}

export const DEFAULT_MAP_SETTINGS: MapSettings = {
  ...PLANES.cd,
  resolution: 128,
  protocol: 'step',
  stepI: 10,
  stepDuration: 1000,
  window: null,
  integration: { dt: 0.1, stepper: 'rk4', spikes: 'exact', precision: 'float64' },
  colorBy: 'class',
};

/** Pixels not yet computed at any level. */
export const UNFILLED = 255;

export interface MapData {
  request: number;
  spec: MapSpec;
  nx: number;
  ny: number;
  /** Class code per pixel (iy·nx + ix), MAP_LEGEND order. */
  cls: Uint8Array;
  /** N_MEASURES values per pixel. */
  values: Float32Array;
  /** Stride of the sample that painted each pixel (1 = computed itself; UNFILLED = nothing yet). */
  stride: Uint8Array;
}

export interface MapState {
  settings: MapSettings;
  data: MapData | null;
  /** Bumped whenever pixels change (the canvas redraws on it). */
  revision: number;
  status: 'idle' | 'running' | 'done' | 'error';
  error: string | null;
  progress: MapProgress | null;
  /** A setting that was refused (bad input) and why; the previous map stays. */
  invalid: string | null;
  hover: { ix: number; iy: number } | null;
  selected: { ix: number; iy: number } | null;
  trace: { t: Float32Array; v: Float32Array; length: number; spikes: number; message: string | null } | null;
  actions: MapActions;
}

export interface MapActions {
  setPlane(p: Plane): void;
  setAxis(which: 'x' | 'y', patch: Partial<Omit<MapAxis, 'n'>>): void;
  setResolution(n: number): void;
  setProtocol(patch: Partial<Pick<MapSettings, 'protocol' | 'stepI' | 'stepDuration' | 'window'>>): void;
  setIntegration(patch: Partial<Integration>): void;
  setColorBy(c: MapSettings['colorBy']): void;
  hover(p: { ix: number; iy: number } | null): void;
  select(p: { ix: number; iy: number } | null): void;
  // Used by the controller.
  begin(request: number, spec: MapSpec): void;
  tile(request: number, result: MapJobResult, stride: number, progress: MapProgress): void;
  finish(request: number, progress: MapProgress): void;
  fail(request: number, message: string): void;
  setInvalid(message: string | null): void;
  setTrace(trace: MapState['trace']): void;
}

export type MapStore = StoreApi<MapState>;

/**
 * The spec of the settings over the explorer's session: its options, its protocol when 'session', and with a step
 * the parameters of its selected segment.
 */
export function mapSpecOf(settings: MapSettings, session: Session, selected = 0): MapSpec {
  const n = settings.resolution;
  const last = session.protocol.length - 1;
  return {
    session,
    paramsFrom: Math.min(Math.max(0, selected), last),
    integration: settings.integration,
    x: { ...settings.x, n },
    y: { ...settings.y, n },
    protocol: settings.protocol === 'step'
      ? { kind: 'step', I: settings.stepI, duration: settings.stepDuration }
      : { kind: 'session', window: settings.window && settings.window.to <= last ? settings.window : { from: last, to: last } },
  };
}

export function createMapStore(initial: MapSettings = DEFAULT_MAP_SETTINGS): MapStore {
  return createStore<MapState>()((set, get) => {
    const settings = (patch: Partial<MapSettings>) => set({ settings: { ...get().settings, ...patch } });
    const actions: MapActions = {
      setPlane: (p) => settings({ x: { ...PLANES[p].x }, y: { ...PLANES[p].y } }),
      setAxis: (which, patch) => {
        const cur = get().settings[which];
        const next = { ...cur, ...patch };
        if (patch.param && patch.param !== cur.param) {
          // A new parameter starts on its slider range.
          const ps = PARAM_SPECS[patch.param];
          next.min = patch.min ?? ps.sliderMin;
          next.max = patch.max ?? ps.sliderMax;
        }
        settings({ [which]: next });
      },
      setResolution: (n) => settings({ resolution: Math.max(2, Math.min(MAX_RESOLUTION, Math.round(n))) }),
      setProtocol: (patch) => settings(patch),
      setIntegration: (patch) => settings({ integration: { ...get().settings.integration, ...patch } }),
      setColorBy: (colorBy) => settings({ colorBy }),
      hover: (hover) => set({ hover }),
      select: (selected) => set({ selected, trace: null }),
      begin: (request, spec) => {
        const nx = spec.x.n, ny = spec.y.n;
        set({
          data: {
            request, spec, nx, ny, cls: new Uint8Array(nx * ny), values: new Float32Array(nx * ny * N_MEASURES).fill(NaN),
            stride: new Uint8Array(nx * ny).fill(UNFILLED),
          },
          status: 'running', error: null, progress: null, revision: get().revision + 1, invalid: null,
          // A pixel of the previous map is not a pixel of this one: selection, its v(t) and the hover go.
          selected: null, trace: null, hover: null,
        });
      },
      tile: (request, r, stride, progress) => {
        const d = get().data;
        if (!d || d.request !== request) return;
        paintTile(d, r, stride);
        set({ progress, revision: get().revision + 1 });
      },
      finish: (request, progress) => {
        if (get().data?.request !== request) return;
        set({ status: 'done', progress });
      },
      fail: (request, message) => {
        if (get().data?.request !== request) return;
        set({ status: 'error', error: message });
      },
      setInvalid: (invalid) => set({ invalid }),
      setTrace: (trace) => set({ trace }),
    };
    return {
      settings: initial, data: null, revision: 0, status: 'idle', error: null, progress: null, invalid: null,
      hover: null, selected: null, trace: null, actions,
    };
  });
}

/**
 * Writes a tile into the map: each sampled pixel is set (stride 1: computed itself) and paints the rest of its
 * stride × stride block where nothing finer is there yet.
 */
export function paintTile(d: MapData, r: MapJobResult, stride: number): void {
  const { nx, ny } = d;
  for (let k = 0; k < r.pixels.length; k++) {
    const p = r.pixels[k];
    const ix0 = p % nx, iy0 = Math.floor(p / nx);
    for (let iy = iy0; iy < Math.min(ny, iy0 + stride); iy++) {
      for (let ix = ix0; ix < Math.min(nx, ix0 + stride); ix++) {
        const q = iy * nx + ix;
        if (d.stride[q] <= stride) continue;
        // The sampled pixel itself is exact (1); the rest of its block shows it until refined.
        d.stride[q] = q === p ? 1 : stride;
        d.cls[q] = r.cls[k];
        d.values.set(r.values.subarray(k * N_MEASURES, (k + 1) * N_MEASURES), q * N_MEASURES);
      }
    }
  }
}

/** Why the settings cannot make a map (bad input), or null. */
export function settingsProblem(settings: MapSettings, session: Session, selected = 0): string | null {
  try {
    checkMapSpec(mapSpecOf(settings, session, selected));
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

let mapStore: MapStore | null = null;
export function getMapStore(): MapStore {
  if (!mapStore) mapStore = createMapStore();
  return mapStore;
}

export function useMap<T>(selector: (s: MapState) => T): T {
  return useStore(getMapStore(), selector);
}

export type { ParamKey };
