// Tests of the session schema: every rule rejects a bad value with a message naming the field (path) and what
// is allowed; unknown keys get a "did you mean"; defaults are filled; the cross-field rule c < v_th holds.

import { describe, expect, it } from 'vitest';
import reference from './sessions/reference.json';
import { DEFAULT_INITIAL, DEFAULT_PARAMS, PARAM_KEYS, PARAM_SPECS } from './params';
import { LIMITS, checkParam, formatIssues, parseSession, suggest, type SchemaIssue } from './schema';
import { DEFAULT_INTEGRATION, SESSION_FORMAT, SESSION_VERSION, defaultSession } from './session';

const base = () => ({ protocol: [{ until: 100 }] as Record<string, unknown>[] });

/** Parses and returns the issues, failing the test if the input was accepted. */
function issuesOf(x: unknown): SchemaIssue[] {
  const r = parseSession(x);
  if (r.ok) throw new Error(`expected rejection, got ${JSON.stringify(r.session)}`);
  return r.issues;
}

function issueAt(x: unknown, path: string): SchemaIssue {
  const issues = issuesOf(x);
  const hit = issues.find((i) => i.path === path);
  if (!hit) throw new Error(`no issue at ${path}; got ${formatIssues(issues)}`);
  return hit;
}

describe('parseSession: valid input and defaults', () => {
  it('fills every default for a minimal session', () => {
    const r = parseSession(base());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.session).toEqual({
      format: SESSION_FORMAT, version: SESSION_VERSION, name: 'untitled',
      params: DEFAULT_PARAMS, initial: DEFAULT_INITIAL, integration: DEFAULT_INTEGRATION,
      transient: 0, protocol: [{ until: 100 }],
    });
  });

  it('fills missing parameters and integration fields individually', () => {
    const r = parseSession({ params: { a: 0.1, k1: 4.1 }, integration: { stepper: 'euler_sequential' }, initial: { v: -70 }, protocol: [{ until: 5 }] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.session.params).toEqual({ ...DEFAULT_PARAMS, a: 0.1, k1: 4.1 });
    expect(r.session.integration).toEqual({ ...DEFAULT_INTEGRATION, stepper: 'euler_sequential' });
    expect(r.session.initial).toEqual({ v: -70, u: DEFAULT_INITIAL.u });
  });

  it('accepts the shipped reference scenario unchanged', () => {
    const r = parseSession(reference);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.session.protocol).toEqual(reference.protocol);
    expect(r.session.transient).toBe(50);
    expect(r.session.integration).toEqual(reference.integration);
  });

  it('accepts the default session, and drops a zero slope', () => {
    expect(parseSession(defaultSession()).ok).toBe(true);
    const r = parseSession({ protocol: [{ until: 10, slope: 0, label: 'flat' }] });
    expect(r.ok && r.session.protocol[0]).toEqual({ until: 10, label: 'flat' });
  });

  it('accepts every parameter at both ends of its allowed range', () => {
    for (const k of PARAM_KEYS) {
      const s = PARAM_SPECS[k];
      for (const v of [s.min, s.max]) {
        // c's whole range lies below the default v_th, and v_th's whole range above the default c
        const r = parseSession({ params: { [k]: v }, protocol: [{ until: 1 }] });
        expect(r.ok, `${k}=${v}: ${r.ok ? '' : formatIssues(r.issues)}`).toBe(true);
      }
    }
  });
});

describe('parseSession: unknown keys', () => {
  it.each([
    [{ ...base(), protocl: [] }, 'protocl', 'protocol'],
    [{ ...base(), params: { vth: 20 } }, 'params.vth', 'v_th'],
    [{ ...base(), integration: { stepr: 'rk4' } }, 'integration.stepr', 'stepper'],
    [{ ...base(), initial: { vv: -60 } }, 'initial.vv', 'v'],
    [{ protocol: [{ untill: 100 }] }, 'protocol[0].untill', 'until'],
    [{ protocol: [{ until: 100, assign: { dd: 2 } }] }, 'protocol[0].assign.dd', 'd'],
  ])('rejects %j at %s with a did-you-mean', (input, path, hint) => {
    const i = issueAt(input, path as string);
    expect(i.message).toContain('unknown key');
    expect(i.message).toContain(`did you mean "${hint}"`);
    expect(i.message).toContain('allowed:');
  });

  it('gives no suggestion for a key unlike any allowed one', () => {
    expect(suggest('zzzzzzzzzz', ['a', 'b'])).toBe('');
    expect(suggest('untl', ['until', 'label'])).toBe(' (did you mean "until"?)');
  });
});

describe('parseSession: parameter ranges', () => {
  for (const k of PARAM_KEYS) {
    const s = PARAM_SPECS[k];
    it(`rejects ${k} below ${s.min} and above ${s.max}, in params and in a segment's assign`, () => {
      const below = s.min - Math.max(1, Math.abs(s.min));
      const above = s.max + Math.max(1, Math.abs(s.max));
      for (const v of [below, above]) {
        const i = issueAt({ ...base(), params: { [k]: v } }, `params.${k}`);
        expect(i.message).toContain('out of range');
        expect(i.message).toContain(`[${s.min}, ${s.max}]`);
        const j = issueAt({ protocol: [{ until: 10, assign: { [k]: v } }] }, `protocol[0].assign.${k}`);
        expect(j.message).toContain(`[${s.min}, ${s.max}]`);
      }
    });
  }

  it.each([['abc', '"abc"'], [null, 'null'], [true, 'true'], [NaN, 'NaN'], [Infinity, 'Infinity'], [[1], '[1]']])(
    'rejects a non-number parameter (%s) saying it must be a finite number', (bad, shown) => {
      const i = issueAt({ ...base(), params: { a: bad } }, 'params.a');
      expect(i.message).toContain('must be a finite number');
      expect(i.message).toContain(`got ${shown}`);
    },
  );

  it('checkParam names the range, or returns null for a valid value', () => {
    expect(checkParam('a', 0.02)).toBeNull();
    expect(checkParam('a', 3)).toMatch(/3 is out of range: allowed \[-0.2, 2\] 1\/ms/);
    expect(checkParam('b', NaN)).toMatch(/must be a finite number in \[-2, 2\], got NaN/);
    expect(checkParam('I', '5')).toMatch(/must be a finite number/);
  });
});

describe('parseSession: integration, state, transient, protocol', () => {
  it.each([
    [{ stepper: 'rk5' }, 'integration.stepper', 'did you mean "rk4"'],
    [{ stepper: 3 }, 'integration.stepper', '"rk4", "euler", "euler_sequential"'],
    [{ spikes: 'exakt' }, 'integration.spikes', 'did you mean "exact"'],
    [{ precision: 'float16' }, 'integration.precision', '"float32", "float64"'],
    [{ dt: 0 }, 'integration.dt', `[${LIMITS.dt.min}, ${LIMITS.dt.max}] ms`],
    [{ dt: 2 }, 'integration.dt', 'out of range'],
    [{ dt: '0.1' }, 'integration.dt', 'must be a finite number'],
  ])('rejects integration %j at %s', (integration, path, text) => {
    expect(issueAt({ ...base(), integration }, path).message).toContain(text);
  });

  it('rejects a non-object integration and initial state', () => {
    expect(issueAt({ ...base(), integration: 'rk4' }, 'integration').message).toContain('must be an object');
    expect(issueAt({ ...base(), initial: [1, 2] }, 'initial').message).toContain('must be an object');
  });

  it('rejects an initial state out of range or not a number', () => {
    expect(issueAt({ ...base(), initial: { v: 300 } }, 'initial.v').message).toContain('[-200, 200] mV');
    expect(issueAt({ ...base(), initial: { u: 'x' } }, 'initial.u').message).toContain('must be a finite number');
  });

  it('rejects a negative or huge transient', () => {
    expect(issueAt({ ...base(), transient: -1 }, 'transient').message).toContain('[0, 100000] ms');
    expect(issueAt({ ...base(), transient: 1e6 }, 'transient').message).toContain('out of range');
  });

  it('rejects a missing, non-list, empty or too long protocol', () => {
    expect(issueAt({}, 'protocol').message).toContain('must be a list of at least one segment');
    expect(issueAt({ protocol: { until: 5 } }, 'protocol').message).toContain('must be a list');
    expect(issueAt({ protocol: [] }, 'protocol').message).toContain('got 0');
    const many = Array.from({ length: LIMITS.segments.max + 1 }, (_, i) => ({ until: i + 1 }));
    expect(issueAt({ protocol: many }, 'protocol').message).toContain(`1 to ${LIMITS.segments.max} segments`);
  });

  it('rejects non-increasing and non-positive "until"', () => {
    const eq = issueAt({ protocol: [{ until: 100 }, { until: 100 }] }, 'protocol[1].until');
    expect(eq.message).toContain('must be later than the segment\'s start, 100 ms');
    expect(issueAt({ protocol: [{ until: 100 }, { until: 50 }] }, 'protocol[1].until').message).toContain('absolute end time');
    expect(issueAt({ protocol: [{ until: 0 }] }, 'protocol[0].until').message).toContain('(0, 1000000] ms');
    expect(issueAt({ protocol: [{}] }, 'protocol[0].until').message).toContain('got nothing');
    expect(issueAt({ protocol: [5] }, 'protocol[0]').message).toContain('must be an object');
  });

  it('rejects a bad preset, slope, label or name', () => {
    expect(issueAt({ protocol: [{ until: 5, preset: 'burstin' }] }, 'protocol[0].preset').message).toContain('did you mean "bursting"');
    expect(issueAt({ protocol: [{ until: 5, slope: 101 }] }, 'protocol[0].slope').message).toContain('[-100, 100] (mV/ms)/ms');
    expect(issueAt({ protocol: [{ until: 5, label: 'x'.repeat(81) }] }, 'protocol[0].label').message).toContain('at most 80');
    expect(issueAt({ protocol: [{ until: 5, label: 7 }] }, 'protocol[0].label').message).toContain('must be a string');
    expect(issueAt({ ...base(), name: 'n'.repeat(121) }, 'name').message).toContain('at most 120');
    expect(issueAt({ ...base(), name: 12 }, 'name').message).toContain('must be a string');
    expect(issueAt({ protocol: [{ until: 5, assign: 3 }] }, 'protocol[0].assign').message).toContain('must be an object');
  });

  it('rejects a wrong format or version, and a root that is not an object', () => {
    expect(issueAt({ ...base(), format: 'other/format' }, 'format').message).toContain(`must be "${SESSION_FORMAT}"`);
    expect(issueAt({ ...base(), version: 2 }, 'version').message).toContain('another version');
    for (const root of [null, [], 'session', 3]) expect(issueAt(root, '(root)').message).toContain('must be an object');
  });

  it('reports every problem at once', () => {
    const issues = issuesOf({ params: { a: 9, b: 'x' }, integration: { dt: -1 }, protocol: [{ until: 10 }, { until: 5 }] });
    expect(issues.map((i) => i.path).sort()).toEqual(['integration.dt', 'params.a', 'params.b', 'protocol[1].until']);
    expect(formatIssues(issues).split('\n')).toHaveLength(4);
    expect(formatIssues(issues)).toMatch(/^params\.a: 9 is out of range/m);
  });
});

describe('parseSession: reset below cut-off (c < v_th)', () => {
  it('rejects c >= v_th in the base parameters', () => {
    const i = issueAt({ params: { c: -5, v_th: -10 }, protocol: [{ until: 5 }] }, 'params.c');
    expect(i.message).toBe('reset c = -5 mV must be below v_th = -10 mV');
  });

  it('rejects c >= v_th that only arises in a later segment, naming the segment', () => {
    const i = issueAt({ protocol: [{ until: 5 }, { until: 10, assign: { v_th: -15, c: -10 } }] }, 'protocol[1]');
    expect(i.message).toContain('in this segment');
    // equal is not below either
    expect(issueAt({ params: { c: -10, v_th: -10 }, protocol: [{ until: 5 }] }, 'params.c').message).toContain('must be below');
  });

  it('accepts c just below v_th', () => {
    expect(parseSession({ params: { c: -10.5, v_th: -10 }, protocol: [{ until: 5 }] }).ok).toBe(true);
  });
});

describe('segment boundary rule of the author\'s scheme (untilInclusive)', () => {
  it('keeps untilInclusive: true, drops false, and rejects anything else naming the field', () => {
    const r = parseSession({ protocol: [{ until: 10, untilInclusive: true }, { until: 20, untilInclusive: false }] });
    expect(r.ok && r.session.protocol).toEqual([{ until: 10, untilInclusive: true }, { until: 20 }]);
    const issue = issueAt({ protocol: [{ until: 10, untilInclusive: 'yes' }] }, 'protocol[0].untilInclusive');
    expect(issue.message).toMatch(/true or false/);
  });
});

describe('model options and the initial mode', () => {
  it('accepts options.refractory, options.vMin and initial.mode; drops the defaults (0, explicit)', () => {
    const r = parseSession({ ...base(), options: { refractory: 2.5, vMin: -90 }, initial: { v: -70, mode: 'rest' } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.session.options).toEqual({ refractory: 2.5, vMin: -90 });
    expect(r.session.initial).toEqual({ v: -70, u: DEFAULT_INITIAL.u, mode: 'rest' });
    const d = parseSession({ ...base(), options: { refractory: 0 }, initial: { mode: 'explicit' } });
    expect(d.ok && 'options' in d.session).toBe(false);
    expect(d.ok && d.session.initial).toEqual(DEFAULT_INITIAL);
  });

  it('rejects out-of-range options and unknown modes, naming the field and the range', () => {
    expect(issueAt({ ...base(), options: { refractory: -1 } }, 'options.refractory').message).toMatch(/\[0, 1000\] ms/);
    expect(issueAt({ ...base(), options: { vMin: -500 } }, 'options.vMin').message).toMatch(/\[-200, 200\] mV/);
    expect(issueAt({ ...base(), options: { tref: 1 } }, 'options.tref').message).toMatch(/allowed: refractory, vMin/);
    expect(issueAt({ ...base(), initial: { mode: 'bv0' } }, 'initial.mode').message).toMatch(/"b_v0"/);
  });

  it('rejects V_min at or above v_th in any segment', () => {
    const i = issueAt({ options: { vMin: 20 }, protocol: [{ until: 10 }, { until: 20, assign: { v_th: 15 } }] }, 'options.vMin');
    expect(i.message).toMatch(/segment 2/);
  });
});

describe('steppers of the peers', () => {
  it('accepts exp_euler and euler_halfstep', () => {
    for (const stepper of ['exp_euler', 'euler_halfstep']) {
      const r = parseSession({ ...base(), integration: { stepper } });
      expect(r.ok && r.session.integration.stepper).toBe(stepper);
    }
  });
});
