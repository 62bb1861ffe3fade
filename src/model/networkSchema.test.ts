// Tests of the network file schema: {} is the paper's network, partial files change only what they name, every bad
// field is reported with its path and the allowed range, cross-field rules (inputs ≤ cells, probe exists, dt divides
// 1 ms, reset below the cut-off), and a written file reads back to the same network.

import { describe, expect, it } from 'vitest';
import { NETWORK_FORMAT, paperNetwork } from './network';
import { networkJson, parseNetwork } from './networkSchema';
import { formatIssues, type SchemaIssue } from './schema';
import { SESSION_FORMAT } from './session';

function issuesOf(x: unknown): SchemaIssue[] {
  const r = parseNetwork(x);
  if (r.ok) throw new Error(`expected rejection, got ${JSON.stringify(r.spec)}`);
  return r.issues;
}

function issueAt(x: unknown, path: string): string {
  const issues = issuesOf(x);
  const hit = issues.find((i) => i.path === path);
  if (!hit) throw new Error(`no issue at ${path}; got ${formatIssues(issues)}`);
  return hit.message;
}

describe('parseNetwork', () => {
  it('reads {} as the paper network and round-trips a written file exactly', () => {
    const r = parseNetwork({});
    expect(r.ok && r.spec).toEqual(paperNetwork());
    const spec = paperNetwork();
    spec.seed = 77;
    spec.scheme = { method: 'rk4', dt: 0.1 };
    spec.connectivity = { kind: 'sparse', inputs: 100 };
    spec.populations.inhibitory.count = 321;
    spec.populations.excitatory.c = { base: -60, spread: 10, power: 3 };
    const back = parseNetwork(JSON.parse(networkJson(spec)));
    expect(back.ok && back.spec).toEqual(spec);
  });

  it('changes only the fields a partial file names; a plain number is a constant parameter', () => {
    const r = parseNetwork({ populations: { inhibitory: { count: 400, a: 0.1 } }, noise: { excitatory: 3 } });
    if (!r.ok) throw new Error(formatIssues(r.issues));
    const d = paperNetwork();
    expect(r.spec.populations.inhibitory).toEqual({ ...d.populations.inhibitory, count: 400, a: { base: 0.1, spread: 0, power: 1 } });
    expect(r.spec.populations.excitatory).toEqual(d.populations.excitatory);
    expect(r.spec.noise).toEqual({ excitatory: 3, inhibitory: 2 });
  });

  it('names the field and the allowed range for bad values', () => {
    expect(issueAt({ seed: -1 }, 'seed')).toMatch(/out of range: allowed \[0, 4294967295\]/);
    expect(issueAt({ seed: 1.5 }, 'seed')).toMatch(/whole number/);
    expect(issueAt({ duration: 0 }, 'duration')).toMatch(/allowed \[1, 600000\] ms/);
    expect(issueAt({ populations: { excitatory: { count: 'many' } } }, 'populations.excitatory.count')).toMatch(/finite number/);
    expect(issueAt({ weights: { inhibitory: -1 } }, 'weights.inhibitory')).toMatch(/allowed \[0, 100\] mV\/ms/);
    expect(issueAt({ noise: { excitatory: Number.NaN } }, 'noise.excitatory')).toMatch(/got NaN/);
    expect(issueAt({ scheme: { method: 'rk5' } }, 'scheme.method')).toMatch(/"paper", "rk4".*did you mean "rk4"/);
    expect(issueAt({ scheme: { method: 'rk4', dt: 0.3 } }, 'scheme.dt')).toMatch(/must divide 1 ms/);
    expect(issueAt({ connectivity: { kind: 'sparse' } }, 'connectivity.inputs')).toMatch(/finite number/);
    expect(issueAt({ populations: { inhibitory: { d: { base: 2, spread: 40 } } } }, 'populations.inhibitory.d')).toMatch(/spans 2 … 42 mV\/ms.*\[-30, 30\]/);
    expect(issueAt({ populations: { excitatory: { c: { base: -20, spread: 60 } } } }, 'populations.excitatory.c')).toMatch(/\[-100, 0\]/);
  });

  it('rejects unknown keys with a suggestion, a wrong format (pointing single-neuron sessions to the explorer) and version', () => {
    expect(issueAt({ sead: 3 }, 'sead')).toMatch(/did you mean "seed"/);
    expect(issueAt({ populations: { excitatory: { cuont: 3 } } }, 'populations.excitatory.cuont')).toMatch(/did you mean "count"/);
    expect(issueAt({ format: SESSION_FORMAT }, 'format')).toMatch(new RegExp(`must be "${NETWORK_FORMAT}".*explorer`));
    expect(issueAt({ version: 9 }, 'version')).toMatch(/another version/);
    expect(issueAt([], '(root)')).toMatch(/must be an object/);
  });

  it('checks the cross-field rules', () => {
    expect(issueAt({ connectivity: { kind: 'sparse', inputs: 1001 } }, 'connectivity.inputs')).toMatch(/1000 cells.*at most 1000/);
    expect(issueAt({ populations: { excitatory: { count: 0 }, inhibitory: { count: 0 } } }, 'populations')).toMatch(/at least one cell/);
    expect(issueAt({ populations: { excitatory: { count: 90000 }, inhibitory: { count: 20000 } } }, 'populations')).toMatch(/110000 cells.*at most 100000/);
    expect(issueAt({ probe: 1000 }, 'probe')).toMatch(/cells 0 … 999/);
    expect(parseNetwork({ probe: null }).ok).toBe(true);
  });
});
