// The command line with the model variants: a 2007-form session file runs headless with its parameters and states
// in the model's units (u in pA), model options apply, and 2003 keys in a 2007 session are refused naming the field.

import { describe, expect, it } from 'vitest';
import { runCli } from './run';
import { simulate } from '../engine/simulate';
import { parseSession } from '../model/schema';

function cli(argv: string[], files: Record<string, string>) {
  let out = '', err = '';
  const code = runCli(argv, {
    readFile: (p) => files[p],
    fileSize: (p) => (p in files ? Buffer.byteLength(files[p]) : null),
    sameFile: (a, b) => a === b,
    writeFile: () => {},
    stdout: (t) => { out += t; },
    stderr: (t) => { err += t; },
  });
  return { code, out, err };
}

const IB = {
  model: 'izh2007', initial: { v: -75, u: 0, mode: 'rest' }, options: { refractory: 1 },
  params: { I: 0 }, protocol: [{ until: 100, preset: 'IB', assign: { I: 0 } }, { until: 400, assign: { I: 600 } }],
};

describe('simulate CLI with the 2007 form', () => {
  it('runs a 2007 session file: the same spikes as the engine, parameters and snapshot u in the model\u2019s units', () => {
    const r = cli(['ib.json'], { 'ib.json': JSON.stringify(IB) });
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    const p = parseSession(IB);
    if (!p.ok) throw new Error('IB session invalid');
    const want = simulate(p.session, { record: false });
    expect(out.spikes).toEqual(Array.from(want.spikes));
    expect(out.spikes.length).toBeGreaterThan(3);
    expect(out.segments[1].params.C).toBe(150);
    expect(out.snapshots[0].state.v).toBeCloseTo(-75, 9);
  });

  it('refuses a 2003 key in a 2007 session with exit status 2, naming the field and the allowed keys', () => {
    const r = cli(['bad.json'], { 'bad.json': JSON.stringify({ ...IB, params: { k2: 0.04 } }) });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/params\.k2: unknown key "k2".*allowed: C, k, vr/);
  });

  it('a refused start at rest (no stable equilibrium) exits 1 with the reason', () => {
    const r = cli(['rest.json'], { 'rest.json': JSON.stringify({ ...IB, protocol: [{ until: 100, preset: 'IB', assign: { I: 2000 } }] }) });
    expect(r.code).toBe(1);
    expect(r.out + r.err).toMatch(/resting equilibrium/);
  });
});
