// Tests of the CSV exports against the engine's own run: the trace has the columns t,v,u,I and one row per recorded
// sample (whole run or a window, ends included), its values read back to the engine's float32 samples exactly and I
// is the protocol's current (ramps included); the spikes carry their segment; the segment table matches the
// readouts' statistics; text is quoted and kept from acting as a spreadsheet formula.
import { describe, expect, it } from 'vitest';
import { simulate } from '../engine/simulate';
import { getExperiment } from '../model/experiments';
import { parseSession } from '../model/schema';
import { effectiveParams, type Session } from '../model/session';
import reference from '../model/sessions/reference.json';
import { csvText, float32Text, float32TextPlain, segmentsCsv, spikesCsv, traceCsv, traceRange } from './csv';

const parsed = (x: unknown): Session => {
  const r = parseSession(x);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.session;
};

/** Parses CSV text (quoted fields with "" escapes) into rows of fields. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.trimEnd().split('\n')) {
    const fields: string[] = [];
    let i = 0;
    while (i <= line.length) {
      if (line[i] === '"') {
        let j = i + 1, v = '';
        for (;;) {
          if (line[j] === '"' && line[j + 1] === '"') { v += '"'; j += 2; } else if (line[j] === '"') { j++; break; } else { v += line[j++]; }
        }
        fields.push(v);
        i = j + 1;
      } else {
        const j = line.indexOf(',', i);
        const end = j < 0 ? line.length : j;
        fields.push(line.slice(i, end));
        i = end + 1;
      }
    }
    rows.push(fields);
  }
  return rows;
}

describe('CSV exports', () => {
  it('float32Text writes exactly the plain shortest round-trip text, for values of every size', () => {
    let a = 12345;
    const rand = () => { a = (a * 1103515245 + 12345) % 2147483648; return a / 2147483648; };
    const xs: number[] = [0, -0, 0.01, -65, 1500.01, 1e-6, 9.999999e-7, 1e21, 3.4e38, -1.17549435e-38, Infinity, NaN];
    for (let i = 0; i < 100_000; i++) {
      const r = rand();
      xs.push(r < 0.3 ? (rand() - 0.5) * 400 : r < 0.6 ? Math.round(rand() * 1e6) * 0.01 : (rand() - 0.5) * 10 ** (rand() * 60 - 30));
    }
    const bad: string[] = [];
    for (const x0 of xs) {
      const x = Math.fround(x0);
      const s = float32Text(x);
      if (s !== float32TextPlain(x) || (Number.isFinite(x) && Math.fround(Number(s)) !== x)) bad.push(`${x}: ${s} / ${float32TextPlain(x)}`);
    }
    expect(bad).toEqual([]);
  });

  it('the trace: t,v,u,I, one row per recorded sample, values equal to the engine\'s float32 samples', () => {
    const s = parsed(reference);
    const r = simulate(s);
    const tr = r.trace!;
    const rows = readCsv([...traceCsv(tr, s, r)].join(''));
    expect(rows[0]).toEqual(['t', 'v', 'u', 'I']);
    expect(rows.length - 1).toBe(tr.length);
    const eff = effectiveParams(s);
    for (let k = 0; k < tr.length; k += 997) {
      const [t, v, u, I] = rows[k + 1].map(Number);
      expect(Math.fround(t)).toBe(tr.t[k]);
      expect(Math.fround(v)).toBe(tr.v[k]);
      expect(Math.fround(u)).toBe(tr.u[k]);
      // Constant steps: the segment's current (which segment recorded the sample: from the checkpoints).
      const seg = r.checkpoints!.findLastIndex((c, i) => i < s.protocol.length && c.length <= k);
      expect(I).toBe(eff[Math.max(0, seg)].I);
    }
  }, 60_000);

  it('a window keeps the samples inside it, both ends included; I follows a ramp', () => {
    const s = parsed(getExperiment('class1_excitability')!.session);
    const r = simulate(s);
    const tr = r.trace!;
    const win: [number, number] = [100, 150];
    const [k0, k1] = traceRange(tr, win);
    let expectedRows = 0;
    for (let k = 0; k < tr.length; k++) if (tr.t[k] >= 100 && tr.t[k] <= 150) expectedRows++;
    expect(k1 - k0).toBe(expectedRows);
    const rows = readCsv([...traceCsv(tr, s, r, win)].join('')).slice(1);
    expect(rows.length).toBe(expectedRows);
    expect(Number(rows[0][0])).toBe(100);
    expect(Number(rows[rows.length - 1][0])).toBe(150);
    // The ramp segment (from t = 30): I = slope·(t − 30), written as float32.
    const slope = s.protocol[1].slope!;
    const I0 = effectiveParams(s)[1].I;
    rows.forEach((row, i) => {
      if (i % 25) return;
      const t = tr.t[k0 + i];
      expect(Math.fround(Number(row[3]))).toBe(Math.fround(I0 + slope * (t - 30)));
    });
    expect(traceRange(tr, [1e6, 2e6])).toEqual([tr.length, tr.length]);
  });

  it('the spikes with their segment, and the segment table, as the engine reports them', () => {
    const s = parsed(reference);
    const r = simulate(s, { record: false });
    const rows = readCsv(spikesCsv(r.spikes, r.segments));
    expect(rows[0]).toEqual(['t', 'segment', 'label']);
    expect(rows.length - 1).toBe(r.spikes.length);
    rows.slice(1).forEach((row, k) => {
      expect(Number(row[0])).toBe(r.spikes[k]);
      const seg = Number(row[1]) - 1;
      expect(row[2]).toBe(r.segments[seg].label);
      expect(r.spikes[k]).toBeGreaterThanOrEqual(r.segments[seg].t_start);
      expect(r.spikes[k]).toBeLessThanOrEqual(r.segments[seg].t_end);
    });
    for (let i = 0; i < r.segments.length; i++) expect(rows.slice(1).filter((x) => x[1] === String(i + 1)).length).toBe(r.segments[i].spikeCount);
    const table = readCsv(segmentsCsv(r.segments));
    expect(table[0].slice(0, 6)).toEqual(['segment', 'label', 't_start_ms', 't_end_ms', 'preset', 'spikes']);
    expect(table.length - 1).toBe(s.protocol.length);
    expect(table[5][4]).toBe('bursting');
    expect(table.slice(1).map((x) => Number(x[5]))).toEqual(r.segments.map((g) => g.spikeCount));
    expect(Number(table[2][6])).toBe(r.segments[1].rateHz);
    expect(table[1][7]).toBe(''); // no spike in segment 1: no latency
  });

  it('quotes text and keeps labels from being read as formulas', () => {
    expect(csvText('I=5')).toBe('"I=5"');
    expect(csvText('a "b", c')).toBe('"a ""b"", c"');
    expect(csvText('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvText('+1')).toBe('"\'+1"');
    expect(readCsv(`${csvText('a "b", c')},1`)[0]).toEqual(['a "b", c', '1']);
  });
});
