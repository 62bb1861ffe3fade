// Tests of the browser-free SVG of the explorer's figure (the command line's `--to svg`): well-formed XML (parsed by
// fast-xml-parser's validator), the layout's size, one path per trace holding the display points of the run, a band
// per segment and the boundary path, every boundary label and the axis titles as text, hostile text escaped.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { getExperiment } from '../model/experiments';
import { parseSession } from '../model/schema';
import { segmentChangeLabel, type Session } from '../model/session';
import reference from '../model/sessions/reference.json';
import { runFigure } from './figure';
import { autoDtick, figureSvg, tickText, tickValues, xmlText } from './svg';

const parsed = (x: unknown): Session => {
  const r = parseSession(x);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.session;
};

type Node = Record<string, unknown>;
const asList = (x: unknown): Node[] => (Array.isArray(x) ? x : x === undefined ? [] : [x]) as Node[];
function parse(svg: string): Node {
  expect(XMLValidator.validate(svg)).toBe(true);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(svg).svg as Node;
}
function groups(root: Node): Record<string, Node> {
  return Object.fromEntries(asList(root.g).map((g) => [String(g['@class']), g]));
}
const texts = (g: Node): string[] => asList(g.text).map((t) => String(typeof t === 'object' ? t['#text'] : t));

describe('SVG of the figure', () => {
  it('is valid XML at the requested size with the traces, bands, boundary lines, labels and titles', () => {
    const s = parsed(reference);
    const fig = runFigure(s, { width: 1200, height: 800 });
    const svg = figureSvg(fig);
    const root = parse(svg);
    expect(root['@width']).toBe('1200');
    expect(root['@height']).toBe('800');
    const g = groups(root);
    const traces = asList(g.traces.path);
    expect(traces.map((p) => p['@data-name'])).toEqual(['v', 'u']); // no I panel for rising steps
    // Each trace path holds every display point of the run (one M, then L per point).
    const run = fig.run.traces!;
    const counts = traces.map((p) => (String(p['@d']).match(/[ML]/g) ?? []).length);
    expect(counts).toEqual([run.v.length, run.u.length]);
    const bands = asList(g['shapes-below'].rect);
    expect(bands.length).toBe(s.protocol.length);
    expect(bands.map((b) => b['@data-name'])).toEqual(s.protocol.map((_, i) => `band-${i}`));
    // Above the traces: the panels' frames and the boundary lines (one M per segment start).
    const above = asList(g['shapes-above'].path);
    expect(above.map((p) => p['@data-name'])).toContain('frames');
    const boundary = above.find((p) => p['@data-name'] === 'boundaries')!;
    expect(boundary).toBeDefined();
    expect((String(boundary['@d']).match(/M/g) ?? []).length).toBe(s.protocol.length);
    expect(texts(g.annotations)).toEqual([...s.protocol.map((_, i) => segmentChangeLabel(s, i)), s.name]);
    const axes = texts(g.axes);
    for (const t of ['v (mV)', 'u (mV/ms)', 't (ms)', '−80', '40', '1500']) expect(axes).toContain(t);
  });

  it('draws the I panel where the explorer does, and a time window', () => {
    const s = parsed(getExperiment('class1_excitability')!.session);
    const fig = runFigure(s, { width: 900, height: 600, window: [50, 150] });
    const g = groups(parse(figureSvg(fig)));
    expect(asList(g.traces.path).map((p) => p['@data-name'])).toEqual(['v', 'u', 'I']);
    expect(texts(g.axes)).toContain('I (mV/ms)');
    const xTicks = asList(g.axes.text).filter((t) => t['@class'] === 'xtick').map((t) => Number(t['#text']));
    expect(xTicks.length).toBeGreaterThan(3);
    expect(Math.min(...xTicks)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...xTicks)).toBeLessThanOrEqual(150);
  });

  it('escapes hostile text and drops characters XML cannot hold', () => {
    expect(xmlText('<script>&"\'\u0001')).toBe('&lt;script&gt;&amp;&quot;&apos;');
    const s = parsed({ name: 'a & b < c "d"', protocol: [{ until: 50, label: 'x < 5 & y > 2' }] });
    const svg = figureSvg(runFigure(s, { width: 600, height: 400 }));
    const g = groups(parse(svg));
    expect(texts(g.annotations)).toEqual(['x < 5 & y > 2', 'a & b < c "d"']);
    expect(svg).not.toMatch(/<script/);
  });

  it('ticks as Plotly writes them', () => {
    expect(autoDtick(1500, 15)).toBe(100);
    expect(autoDtick(30, 4)).toBe(10);
    expect(autoDtick(0.3, 6)).toBe(0.05);
    expect(tickValues(-80, 50, 20, -80)).toEqual([-80, -60, -40, -20, 0, 20, 40]);
    expect(tickText(-20, 10)).toBe('\u221220');
    expect(tickText(0.25, 0.05)).toBe('0.25');
    expect(tickText(1e-17, 0.1)).toBe('0');
  });
});
