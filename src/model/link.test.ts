// Tests of session links: lossless round trip for every gallery experiment (both schemes), the reference scenario and
// randomly generated valid sessions; compactness; hostile or broken links (truncated, wrong version, oversized,
// unknown keys, markup in labels, bit flips, decompression bombs, bad views) refused with a message, never a throw.
import { describe, expect, it } from 'vitest';
import { zlibSync } from 'fflate';
import { EXPERIMENTS, getExperiment } from './experiments';
import { MODELS } from './models';
import {
  LINK_VERSION, MAX_LINK_JSON_BYTES, MAX_LINK_LENGTH, compactSession, decodeLink, encodeLink, fromBase64Url, linkUrl,
  toBase64Url, type LinkContent,
} from './link';
import { PARAM_KEYS, PARAM_SPECS, type Params } from './params';
import { PRESET_IDS } from './presets';
import { parseSession } from './schema';
import { PRECISIONS, SPIKE_MODES, STEPPERS, type Segment, type Session } from './session';
import reference from './sessions/reference.json';
import { mulberry32 } from '../engine/mulberry32';

const parsed = (x: unknown): Session => {
  const r = parseSession(x);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.session;
};

const roundTrip = (content: LinkContent): LinkContent => {
  const d = decodeLink(encodeLink(content));
  if (!d.ok) throw new Error(d.message);
  return d.content;
};


const LABEL_CHARS = 'abcxyz ABC0123456789=-+.,;:()[]_/%*#&\'"é–µ→ä日本 <5 '.split('');

/** A random session the schema accepts: any parameter in its allowed range, presets, assignments, ramps, labels. */
function randomSession(r: () => number): Session {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const num = (lo: number, hi: number) => {
    const x = lo + (hi - lo) * r();
    const y = r() < 0.5 ? Math.round(x * 100) / 100 : x; // round numbers and full doubles
    return Math.min(hi, Math.max(lo, y));
  };
  const text = (n: number) => Array.from({ length: Math.floor(r() * n) }, () => pick(LABEL_CHARS)).join('').replace(/<(?=[A-Za-z!?/])/g, '< ');
  const params = {} as Params;
  for (const k of PARAM_KEYS) params[k] = r() < 0.5 ? PARAM_SPECS[k].default : num(PARAM_SPECS[k].min, PARAM_SPECS[k].max);
  params.v_th = num(10, 200);
  params.c = num(-100, 0);
  const protocol: Segment[] = [];
  let t = 0;
  const n = 1 + Math.floor(r() * 12);
  for (let i = 0; i < n; i++) {
    t += num(0.5, 500);
    const seg: Segment = { until: Number(t.toPrecision(12)) };
    if (r() < 0.2) seg.preset = pick(PRESET_IDS);
    if (r() < 0.7) {
      seg.assign = {};
      for (const k of PARAM_KEYS) if (k !== 'c' && k !== 'v_th' && r() < 0.2) seg.assign[k] = num(PARAM_SPECS[k].min, PARAM_SPECS[k].max);
    }
    if (r() < 0.3) seg.slope = num(-100, 100);
    if (r() < 0.5) seg.label = text(40);
    if (r() < 0.2) seg.untilInclusive = true;
    protocol.push(seg);
  }
  return parsed({
    name: text(60) || 'untitled',
    params,
    initial: { v: num(-200, 200), u: num(-500, 500), ...(r() < 0.3 ? { mode: pick(['b_v0', 'rest'] as const) } : {}) },
    ...(r() < 0.3 ? { options: { ...(r() < 0.7 ? { refractory: num(0.01, 1000) } : {}), ...(r() < 0.5 ? { vMin: num(-200, -101) } : {}) } } : {}),
    integration: { dt: num(0.001, 1), stepper: pick(STEPPERS), spikes: pick(SPIKE_MODES), precision: pick(PRECISIONS) },
    transient: r() < 0.5 ? 0 : num(0, 1000),
    protocol,
  });
}

/** A link's data made by hand from any JSON body (what a crafted link could hold). */
const craft = (body: unknown, version = LINK_VERSION): string =>
  `${version}.${toBase64Url(zlibSync(new TextEncoder().encode(JSON.stringify(body))))}`;

const refusal = (data: string): string => {
  const d = decodeLink(data);
  if (d.ok) throw new Error(`accepted: ${data.slice(0, 60)}`);
  expect(d.message).toMatch(/nothing was changed/i);
  return d.message;
};

describe('session links', () => {
  it('base64url round-trips every length and refuses foreign characters', () => {
    const r = mulberry32(7);
    for (let n = 0; n < 40; n++) {
      const b = Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
      const t = toBase64Url(b);
      expect(t).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(Array.from(fromBase64Url(t)!)).toEqual(Array.from(b));
      // Same as the platform's base64 with the URL alphabet and no padding.
      expect(t).toBe(Buffer.from(b).toString('base64url'));
    }
    expect(fromBase64Url('ab+c')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull(); // 5 characters cannot come from whole bytes
  });

  it('round-trips every gallery experiment (author and accurate scheme) losslessly, with experiment and view', () => {
    for (const e of EXPERIMENTS) {
      for (const integration of [e.session.integration, { ...e.session.integration, stepper: 'rk4' as const, spikes: 'exact' as const, dt: 0.01 }]) {
        const session = parsed({ ...e.session, integration });
        const content: LinkContent = { session, experimentId: e.id, view: { route: `#experiment=${e.id}`, window: [0, session.protocol[0].until], selected: 1 } };
        const back = roundTrip(content);
        expect(back).toEqual(content);
      }
    }
  });

  it('round-trips the reference scenario in a short link', () => {
    const session = parsed(reference);
    const content: LinkContent = { session, experimentId: null, view: { route: '' } };
    expect(roundTrip(content)).toEqual(content);
    const data = encodeLink(content);
    expect(data.length).toBeLessThan(400);
    const url = linkUrl('http://localhost:5173/', content);
    expect(url.ok && url.url).toBe(`http://localhost:5173/#session=${data}`);
  });

  it('round-trips random 2007-form sessions losslessly (model, its parameters and presets, options, initial mode)', () => {
    const r = mulberry32(2007);
    for (let n = 0; n < 100; n++) {
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
      const m = MODELS.izh2007;
      const params: Record<string, number> = {};
      for (const k of m.keys) if (r() < 0.3) params[k] = m.specs[k].min + (m.specs[k].max - m.specs[k].min) * r();
      params.vpeak = 150; params.c = -60;
      const protocol: Segment[] = [{ until: 50, preset: pick(m.presetIds), assign: { I: 300 * r() } }, { until: 100 + 500 * r(), slope: r() - 0.5 }];
      const session = parsed({ model: 'izh2007', params, initial: { v: -70, u: 10 * r(), mode: pick(['b_v0', 'rest', 'explicit']) }, options: { refractory: r() }, protocol });
      const content: LinkContent = { session, experimentId: null, view: { route: '' } };
      expect(roundTrip(content)).toEqual(content);
    }
  });

  it('round-trips 300 random valid sessions losslessly (every field, any double, unicode labels)', () => {
    const r = mulberry32(20250101);
    for (let i = 0; i < 300; i++) {
      const session = randomSession(r);
      const content: LinkContent = { session, experimentId: null, view: { route: '' } };
      const back = roundTrip(content);
      expect(back.session).toEqual(session);
      // Re-validated as the schema reads it: the same session again.
      expect(parsed(back.session)).toEqual(session);
    }
  });

  it('leaves the defaults out of the link', () => {
    const s = parsed({ protocol: [{ until: 1000 }] });
    expect(compactSession(s)).toEqual({ protocol: [{ until: 1000 }] });
  });

  it('refuses a session too long for a link, offering the session file', () => {
    const label = 'x'.repeat(80);
    const r = mulberry32(3);
    const protocol = Array.from({ length: 200 }, (_, i) => ({ until: (i + 1) * 7.123456789, assign: { I: r() * 50 }, label: `${label.slice(0, 60)}${r()}`.slice(0, 80) }));
    const session = parsed({ name: 'long', protocol });
    const u = linkUrl('http://localhost/', { session, experimentId: null, view: { route: '' } });
    expect(u.ok).toBe(false);
    if (!u.ok) {
      expect(u.length).toBeGreaterThan(MAX_LINK_LENGTH);
      expect(u.message).toMatch(/Save JSON/);
    }
  });

  it('refuses truncated links at every length with a message', () => {
    const data = encodeLink({ session: parsed(reference), experimentId: null, view: { route: '', selected: 2 } });
    for (let n = 0; n < data.length; n++) refusal(data.slice(0, n));
  });

  it('refuses bit flips (checksum) and foreign characters', () => {
    const data = encodeLink({ session: parsed(reference), experimentId: null, view: { route: '' } });
    const body = data.slice(2);
    let refused = 0;
    for (let i = 0; i < body.length; i++) {
      const c = body[i] === 'A' ? 'B' : 'A';
      const d = decodeLink(`1.${body.slice(0, i)}${c}${body.slice(i + 1)}`);
      // A flip in the last character's spare bits may leave the bytes unchanged; any other flip must be refused.
      if (!d.ok) refused++;
      else expect(d.content.session).toEqual(parsed(reference));
    }
    expect(refused).toBeGreaterThanOrEqual(body.length - 1);
    expect(refusal(`1.${body.slice(0, 10)}<script>${body.slice(10)}`)).toMatch(/damaged/);
    expect(refusal(`1.${body}%20`)).toMatch(/damaged/);
  });

  it('refuses other format versions, naming them', () => {
    const body = { s: { protocol: [{ until: 10 }] } };
    expect(refusal(craft(body, 2))).toMatch(/version 2, made by a newer version/);
    expect(refusal(craft(body, 0))).toMatch(/version 0/);
    expect(refusal(`x${craft(body)}`)).toMatch(/format version/);
    expect(refusal('')).toMatch(/format version/);
    expect(decodeLink(craft(body)).ok).toBe(true);
    // A session of another session-schema version inside a link of this format.
    expect(refusal(craft({ s: { version: 2, protocol: [{ until: 10 }] } }))).toMatch(/version: must be 1/);
  });

  it('refuses oversized links and decompression bombs before parsing', () => {
    expect(refusal(`1.${'A'.repeat(MAX_LINK_LENGTH)}`)).toMatch(/characters long/);
    const bomb = `1.${toBase64Url(zlibSync(new Uint8Array(MAX_LINK_JSON_BYTES * 4).fill(32), { level: 9 }))}`;
    expect(bomb.length).toBeLessThan(MAX_LINK_LENGTH);
    expect(refusal(bomb)).toMatch(/unpacks to more than/);
  });

  it('refuses unknown keys anywhere, naming them', () => {
    expect(refusal(craft({ s: { protocol: [{ until: 10 }] }, x: 1 }))).toMatch(/unknown fields \("x"\)/);
    expect(refusal(craft({ s: { protocol: [{ until: 10 }], evil: 1 } }))).toMatch(/unknown key "evil"/);
    expect(refusal(craft({ s: { protocol: [{ until: 10, onload: 'x' }] } }))).toMatch(/protocol\[0\]\.onload: unknown key/);
    expect(refusal(craft({ s: { protocol: [{ until: 10 }] }, v: { r: '', hack: 1 } }))).toMatch(/unknown fields \("hack"\)/);
    const proto = `1.${toBase64Url(zlibSync(new TextEncoder().encode('{"s":{"protocol":[{"until":10}],"__proto__":{"polluted":1}}}')))}`;
    expect(refusal(proto)).toMatch(/unknown key "__proto__"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses markup and control characters in names and labels', () => {
    for (const label of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'a</text><script>', '<!--', 'two\nlines', 'esc\u001b[31m']) {
      expect(refusal(craft({ s: { protocol: [{ until: 10, label }] } }))).toMatch(/protocol\[0\]\.label: must be plain text/);
      expect(refusal(craft({ s: { name: label, protocol: [{ until: 10 }] } }))).toMatch(/name: must be plain text/);
    }
    // Plain comparisons stay allowed.
    const ok = decodeLink(craft({ s: { protocol: [{ until: 10, label: 'I<5 & v > -60' }] } }));
    expect(ok.ok && ok.content.session.protocol[0].label).toBe('I<5 & v > -60');
  });

  it('refuses invalid sessions with the schema\'s messages, and bad views, experiments and bodies', () => {
    expect(refusal(craft({ s: { params: { a: 99 }, protocol: [{ until: 10 }] } }))).toMatch(/params\.a: 99 is out of range/);
    expect(refusal(craft({ s: { protocol: [] } }))).toMatch(/protocol: must have 1 to 200 segments/);
    expect(refusal(craft({}))).toMatch(/holds no session/);
    expect(refusal(craft([1, 2]))).toMatch(/holds no session/);
    expect(refusal(craft('text'))).toMatch(/holds no session/);
    expect(refusal(`1.${toBase64Url(zlibSync(new TextEncoder().encode('{"s":')))}`)).toMatch(/not readable/);
    expect(refusal(`1.${toBase64Url(zlibSync(Uint8Array.from([0xff, 0xfe, 0x7b])))}`)).toMatch(/not readable/);
    const s = { protocol: [{ until: 10 }, { until: 20 }] };
    expect(refusal(craft({ s, v: { w: [5, 30] } }))).toMatch(/0 ≤ t0 < t1 ≤ 20 ms/);
    expect(refusal(craft({ s, v: { w: [5, 'x'] } }))).toMatch(/time window/);
    expect(refusal(craft({ s, v: { sel: 2 } }))).toMatch(/segments 0 to 1/);
    expect(refusal(craft({ s, v: { sel: 0.5 } }))).toMatch(/selects segment/);
    expect(refusal(craft({ s, v: { r: 'javascript:alert(1)' } }))).toMatch(/invalid view/);
    expect(refusal(craft({ s, v: { r: '#session=1.abc' } }))).toMatch(/invalid view/);
    expect(refusal(craft({ s, e: '../../etc' }))).toMatch(/invalid id/);
    const good = decodeLink(craft({ s, e: 'dap', v: { r: '#gallery', w: [5, 20], sel: 1 } }));
    expect(good.ok && good.content.view).toEqual({ route: '#gallery', window: [5, 20], selected: 1 });
    expect(good.ok && good.content.experimentId).toBe('dap');
  });
});

describe('links made before the model variants', () => {
  // Made by the link code before sessions had `model`, `options` and `initial.mode` (src/model/link.ts at 1be59c4):
  // the gallery's spike latency on its published time axis, segment 2 selected.
  const OLD = '1.eNqFkGFKAzEQha8iz7-x7GppYWEPsGcQKXEdSzCbxExSlCV3dxIUSyn0V8LMm_fNvBWMYYXTC2EAB_NBB6sTufkbCkFHvTTBG4adwoShKwrGmWS0rfUThod9p5Dl7betl-gYdTLetbkkI5tHBU4UAkWBULYUD0yfmVyzkWblCqepKjfSbLhZ4N16nXZbiHeIPvnZC_h5RZZh-fUC18zm2HC_C1r9StLDNHbi1pSTm21mc5IzU8xU1L_D04XDftPVS_5MQrZMd9NYy7LFGfkWurxI4VquktqKmsU9fUkoZpEkxksRV5--lB-He4XD';

  it('still opens, unchanged: the same session (the 2003 form, no options), experiment and view', () => {
    const d = decodeLink(OLD);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.content.session).toEqual(getExperiment('spike_latency')!.session);
    expect('model' in d.content.session || 'options' in d.content.session).toBe(false);
    expect(d.content.experimentId).toBe('spike_latency');
    expect(d.content.view).toEqual({ route: '#experiment=spike_latency', selected: 1 });
  });
});
