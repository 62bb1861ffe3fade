// Session links: the whole session, the gallery experiment it came from and the view to open (with its settings)
// packed into the URL hash "#session=1.<data>": compact JSON (defaults left out), zlib-compressed (fflate), base64url.
// Reading checks the link format's version, the length, the zlib checksum and then the session schema; it never throws.

import { unzlibSync, zlibSync } from 'fflate';
import { modelOf } from './models';
import { formatIssues, parseSession } from './schema';
import { DEFAULT_INTEGRATION, sessionDuration, type Integration, type Session } from './session';

/** Version of the link format ("#session=<version>.<data>"); a link of another version is refused with a message. */
export const LINK_VERSION = 1;
/** The hash key of a session link. */
export const LINK_KEY = 'session';
/**
 * Longest link made or read, in characters of the whole URL (made) or of the data after "#session=" (read). Every
 * browser opens far longer URLs (Chromium 2 MB), but mail programs, chats and link shorteners cut or refuse links
 * beyond a few thousand characters; 8,000 covers typical sessions hundreds of times over (the reference scenario
 * takes about 250). Longer sessions travel as a session file.
 */
export const MAX_LINK_LENGTH = 8000;
/** Most bytes of JSON a link may inflate to (a crafted link cannot make the page allocate more). */
export const MAX_LINK_JSON_BYTES = 256 * 1024;

/** The view a link opens and its settings. */
export interface LinkView {
  /** The route's hash ("" the explorer, "#gallery", "#experiment=<id>", later views' own). */
  route: string;
  /** The explorer's visible time window, ms (absent: the whole run). */
  window?: [number, number];
  /** The selected segment (index into the protocol). */
  selected?: number;
}

export interface LinkContent {
  session: Session;
  /** The gallery experiment the session was loaded from (edits included), or null. */
  experimentId: string | null;
  view: LinkView;
}

export type LinkDecodeResult = { ok: true; content: LinkContent } | { ok: false; message: string };
export type LinkUrlResult = { ok: true; url: string } | { ok: false; length: number; message: string };

/** The session as the schema reads it back, without the fields equal to their defaults (its model's defaults). */
export function compactSession(s: Session): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.name !== 'untitled') out.name = s.name;
  const model = modelOf(s);
  if (s.model && s.model !== 'izh2003') out.model = s.model;
  const params: Record<string, number> = {};
  for (const k of model.keys) if (!Object.is(s.params[k], model.defaults[k])) params[k] = s.params[k];
  if (Object.keys(params).length) out.params = params;
  const initial: Record<string, unknown> = {};
  for (const k of ['v', 'u'] as const) if (!Object.is(s.initial[k], model.defaultInitial[k])) initial[k] = s.initial[k];
  if (s.initial.mode && s.initial.mode !== 'explicit') initial.mode = s.initial.mode;
  if (Object.keys(initial).length) out.initial = initial;
  if (s.options && Object.keys(s.options).length) out.options = s.options;
  const integ: Partial<Integration> = {};
  for (const k of ['dt', 'stepper', 'spikes', 'precision'] as const) {
    if (s.integration[k] !== DEFAULT_INTEGRATION[k]) (integ as Record<string, unknown>)[k] = s.integration[k];
  }
  if (Object.keys(integ).length) out.integration = integ;
  if (s.transient !== 0) out.transient = s.transient;
  out.protocol = s.protocol;
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += B64[n >> 18] + B64[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63];
  }
  return out;
}

/** Bytes of base64url text, or null when it holds other characters or has an impossible length. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const c = [0, 1, 2, 3].map((j) => (i + j < text.length ? B64.indexOf(text[i + j]) : 0));
    const n = (c[0] << 18) | (c[1] << 12) | (c[2] << 6) | c[3];
    out[o++] = n >> 16;
    if (i + 2 < text.length) out[o++] = (n >> 8) & 255;
    if (i + 3 < text.length) out[o++] = n & 255;
  }
  return out.subarray(0, o);
}

/** Adler-32 of bytes (the checksum closing a zlib stream; fflate does not verify it on reading). */
function adler32(b: Uint8Array): number {
  let a = 1, s = 0;
  for (let i = 0; i < b.length; ) {
    const end = Math.min(b.length, i + 5552);
    for (; i < end; i++) { a += b[i]; s += a; }
    a %= 65521; s %= 65521;
  }
  return ((s << 16) | a) >>> 0;
}

/** The data of a link (what follows "#session="): "<version>.<base64url zlib JSON>". */
export function encodeLink(content: LinkContent): string {
  const body: Record<string, unknown> = { s: compactSession(content.session) };
  if (content.experimentId) body.e = content.experimentId;
  const v: Record<string, unknown> = {};
  if (content.view.route) v.r = content.view.route;
  if (content.view.window) v.w = content.view.window;
  if (content.view.selected) v.sel = content.view.selected;
  if (Object.keys(v).length) body.v = v;
  const json = new TextEncoder().encode(JSON.stringify(body));
  return `${LINK_VERSION}.${toBase64Url(zlibSync(json, { level: 9, mem: 8 }))}`;
}

/**
 * The full link for `base` (the page's URL without its hash), or why there is none: longer than MAX_LINK_LENGTH.
 */
export function linkUrl(base: string, content: LinkContent): LinkUrlResult {
  const url = `${base.replace(/#.*$/, '')}#${LINK_KEY}=${encodeLink(content)}`;
  if (url.length > MAX_LINK_LENGTH) {
    return {
      ok: false, length: url.length,
      message: `This session makes a link of ${url.length.toLocaleString('en-US')} characters, more than the ` +
        `${MAX_LINK_LENGTH.toLocaleString('en-US')} that mail and chat programs pass on reliably. Save it as a session ` +
        'file (Save JSON) and send the file instead; it opens with Open JSON….',
    };
  }
  return { ok: true, url };
}

const BROKEN = 'This session link is damaged or incomplete (perhaps cut off when it was copied)';

/** Reads the data of a link (what follows "#session="); never throws. */
export function decodeLink(data: string): LinkDecodeResult {
  const fail = (message: string): LinkDecodeResult => ({ ok: false, message: `${message}. Nothing was changed.` });
  if (data.length > MAX_LINK_LENGTH) {
    return fail(`This session link is ${data.length.toLocaleString('en-US')} characters long, more than the ${MAX_LINK_LENGTH.toLocaleString('en-US')} this app makes or reads`);
  }
  const dot = data.indexOf('.');
  const version = dot > 0 ? data.slice(0, dot) : '';
  if (!/^\d{1,6}$/.test(version)) return fail(`${BROKEN}: it does not start with a format version ("${LINK_VERSION}.")`);
  if (Number(version) !== LINK_VERSION) {
    return fail(Number(version) > LINK_VERSION
      ? `This session link has format version ${Number(version)}, made by a newer version of the app; this one reads version ${LINK_VERSION}`
      : `This session link has format version ${Number(version)}, which this app does not read (it reads version ${LINK_VERSION})`);
  }
  const bytes = fromBase64Url(data.slice(dot + 1));
  if (!bytes || bytes.length < 7) return fail(`${BROKEN}: it holds characters or a length that no link has`);
  let json: Uint8Array;
  try {
    json = unzlibSync(bytes, { out: new Uint8Array(MAX_LINK_JSON_BYTES + 1) });
  } catch {
    return fail(`${BROKEN}: its data do not decompress`);
  }
  if (json.length > MAX_LINK_JSON_BYTES) return fail(`This session link unpacks to more than ${MAX_LINK_JSON_BYTES / 1024} KiB, more than any session`);
  const t = bytes.length;
  const stored = ((bytes[t - 4] << 24) | (bytes[t - 3] << 16) | (bytes[t - 2] << 8) | bytes[t - 1]) >>> 0;
  if (stored !== adler32(json)) return fail(`${BROKEN}: its checksum does not match`);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    return fail(`${BROKEN}: its contents are not readable`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body) || (body as Record<string, unknown>).s === undefined) {
    return fail(`${BROKEN}: it holds no session`);
  }
  const o = body as Record<string, unknown>;
  const unknown = Object.keys(o).filter((k) => !['s', 'e', 'v'].includes(k));
  if (unknown.length) return fail(`This session link holds unknown fields (${unknown.map((k) => JSON.stringify(k)).join(', ')})`);
  const parsed = parseSession(o.s);
  if (!parsed.ok) return { ok: false, message: `The session in this link is not valid; nothing was changed:\n${formatIssues(parsed.issues)}` };
  const session = parsed.session;

  let experimentId: string | null = null;
  if (o.e !== undefined) {
    if (typeof o.e !== 'string' || !/^[a-z0-9_]{1,64}$/.test(o.e)) return fail('This session link names its experiment with an invalid id');
    experimentId = o.e;
  }
  const view: LinkView = { route: '' };
  if (o.v !== undefined) {
    const v = o.v;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail('This session link has an unreadable view');
    const vo = v as Record<string, unknown>;
    const extra = Object.keys(vo).filter((k) => !['r', 'w', 'sel'].includes(k));
    if (extra.length) return fail(`This session link's view holds unknown fields (${extra.map((k) => JSON.stringify(k)).join(', ')})`);
    if (vo.r !== undefined) {
      if (typeof vo.r !== 'string' || vo.r.length > 200 || !/^#[A-Za-z0-9_=%.-]*$/.test(vo.r) || vo.r.startsWith(`#${LINK_KEY}=`)) {
        return fail('This session link names an invalid view to open');
      }
      view.route = vo.r;
    }
    if (vo.w !== undefined) {
      const w = vo.w;
      const T = sessionDuration(session);
      if (!Array.isArray(w) || w.length !== 2 || !w.every((x) => typeof x === 'number' && Number.isFinite(x)) || !(w[0] >= 0 && w[0] < w[1] && w[1] <= T)) {
        return fail(`This session link's time window must be two times 0 ≤ t0 < t1 ≤ ${T} ms, got ${JSON.stringify(w)}`);
      }
      view.window = [w[0] as number, w[1] as number];
    }
    if (vo.sel !== undefined) {
      const n = session.protocol.length;
      if (typeof vo.sel !== 'number' || !Number.isInteger(vo.sel) || vo.sel < 0 || vo.sel >= n) {
        return fail(`This session link selects segment ${JSON.stringify(vo.sel)}; the session has segments 0 to ${n - 1}`);
      }
      view.selected = vo.sel;
    }
  }
  return { ok: true, content: { session, experimentId, view } };
}
