// SVG of a figure description in Plotly's form (the explorer's plotFigure.ts: `data` of scatter traces, a `layout` with
// stacked y axes, rect and path shapes, annotations, a title) without a browser: what the command line's `--to svg`
// writes. It draws the subset the explorer's figure uses, at the layout's size in px: paper and plot backgrounds,
// bands, grid, axis boxes, outside ticks with labels (Plotly's automatic or linear ticks), axis titles, the boundary
// path (dotted), the labels, the title and the traces as polylines clipped to their panel. Pure.

type Obj = Record<string, unknown>;

const num = (x: unknown, d = 0): number => (typeof x === 'number' && Number.isFinite(x) ? x : d);
const str = (x: unknown, d = ''): string => (typeof x === 'string' ? x : d);
const obj = (x: unknown): Obj => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : {});

/** Text for XML: & < > " ' escaped, characters XML 1.0 cannot hold dropped. */
export function xmlText(s: string): string {
  return s
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Plotly annotation/title text (a little HTML with &amp; &lt; &gt;) as plain text. */
function plotlyText(s: string): string {
  return s.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

const f2 = (x: number): string => {
  const r = Math.round(x * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
};

/** Plotly's tick spacing for a span and a target number of ticks: 1, 2 or 5 times a power of ten. */
export function autoDtick(span: number, nTicks: number): number {
  const raw = Math.abs(span) / Math.max(1, nTicks);
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

/** Tick values in [lo, hi] from tick0 every dtick. */
export function tickValues(lo: number, hi: number, dtick: number, tick0 = 0): number[] {
  if (!(dtick > 0) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  const out: number[] = [];
  const eps = dtick * 1e-9;
  for (let k = Math.ceil((lo - tick0 - eps) / dtick); ; k++) {
    const v = tick0 + k * dtick;
    if (v > hi + eps || out.length > 1000) break;
    out.push(Number(v.toPrecision(12)));
  }
  return out;
}

/** A tick label as Plotly writes it: shortest decimals of the tick spacing, a true minus sign. */
export function tickText(v: number, dtick: number): string {
  const decimals = Math.max(0, Math.min(10, -Math.floor(Math.log10(dtick) + 1e-9)));
  const s = Math.abs(v) < dtick * 1e-6 ? '0' : v.toFixed(decimals);
  return s.replace(/^-/, '\u2212');
}

interface Axis { key: string; range: [number, number]; domain: [number, number]; opts: Obj }

function dash(d: string): string | null {
  if (d === 'dot') return '1,3';
  if (d === 'dash') return '6,4';
  if (d === 'dashdot') return '6,3,1,3';
  return null;
}

/** The SVG document of a figure. */
export function figureSvg(figure: { data: readonly object[]; layout: Obj }): string {
  const L = figure.layout;
  const W = num(L.width, 1200), H = num(L.height, 800);
  const m = obj(L.margin);
  const ml = num(m.l, 80), mr = num(m.r, 80), mt = num(m.t, 100), mb = num(m.b, 80);
  const pw = W - ml - mr, ph = H - mt - mb;
  const font = obj(L.font);
  const family = str(font.family, 'sans-serif');
  const baseSize = num(font.size, 12);
  const baseColor = str(font.color, '#444');

  const xa = obj(L.xaxis);
  const xRange = (Array.isArray(xa.range) ? xa.range : [0, 1]).map(Number) as [number, number];
  const X = (x: number) => ml + ((x - xRange[0]) / (xRange[1] - xRange[0] || 1)) * pw;
  const yAxes: Axis[] = Object.keys(L).filter((k) => /^yaxis\d*$/.test(k)).sort().map((k) => {
    const o = obj(L[k]);
    return {
      key: k,
      range: (Array.isArray(o.range) ? o.range : [0, 1]).map(Number) as [number, number],
      domain: (Array.isArray(o.domain) ? o.domain : [0, 1]).map(Number) as [number, number],
      opts: o,
    };
  });
  const paperY = (y: number) => mt + (1 - y) * ph;
  const Y = (a: Axis, y: number) => paperY(a.domain[0] + ((y - a.range[0]) / (a.range[1] - a.range[0] || 1)) * (a.domain[1] - a.domain[0]));
  const axisOf = (ref: string): Axis | undefined => yAxes.find((a) => a.key === (ref === 'y' ? 'yaxis' : `yaxis${ref.slice(1)}`));

  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${xmlText(family)}">`);
  const titleText = plotlyText(str(obj(L.title).text));
  if (titleText) out.push(`<title>${xmlText(titleText)}</title>`);
  out.push('<defs>');
  yAxes.forEach((a, i) => {
    const y0 = paperY(a.domain[1]), y1 = paperY(a.domain[0]);
    out.push(`<clipPath id="clip${i}"><rect x="${f2(ml)}" y="${f2(y0)}" width="${f2(pw)}" height="${f2(y1 - y0)}"/></clipPath>`);
  });
  out.push(`<clipPath id="clipall"><rect x="${f2(ml)}" y="${f2(mt)}" width="${f2(pw)}" height="${f2(ph)}"/></clipPath>`);
  out.push('</defs>');
  out.push(`<rect width="${W}" height="${H}" fill="${xmlText(str(L.paper_bgcolor, '#fff'))}"/>`);
  const plotBg = xmlText(str(L.plot_bgcolor, '#fff'));
  for (const a of yAxes) {
    const y0 = paperY(a.domain[1]), y1 = paperY(a.domain[0]);
    out.push(`<rect x="${f2(ml)}" y="${f2(y0)}" width="${f2(pw)}" height="${f2(y1 - y0)}" fill="${plotBg}"/>`);
  }

  // Shapes below the traces (bands), then grid; shapes above (the boundary lines) after the traces.
  const shapes = (Array.isArray(L.shapes) ? L.shapes : []).map(obj);
  const shapeSvg = (s: Obj): string => {
    const line = obj(s.line);
    const yOf = (y: number) => (str(s.yref) === 'paper' ? paperY(y) : Y(axisOf(str(s.yref, 'y')) ?? yAxes[0], y));
    const xOf = (x: number) => (str(s.xref) === 'paper' ? ml + x * pw : X(x));
    const stroke = num(line.width, 0) > 0 ? ` stroke="${xmlText(str(line.color, '#444'))}" stroke-width="${num(line.width, 1)}"${dash(str(line.dash)) ? ` stroke-dasharray="${dash(str(line.dash))}"` : ''}` : '';
    const opacity = s.opacity !== undefined ? ` opacity="${num(s.opacity, 1)}"` : '';
    const name = s.name ? ` data-name="${xmlText(str(s.name))}"` : '';
    if (s.type === 'rect') {
      const x0 = xOf(num(s.x0)), x1 = xOf(num(s.x1)), y0 = yOf(num(s.y0)), y1 = yOf(num(s.y1));
      return `<rect${name} x="${f2(Math.min(x0, x1))}" y="${f2(Math.min(y0, y1))}" width="${f2(Math.abs(x1 - x0))}" height="${f2(Math.abs(y1 - y0))}" ` +
        `fill="${xmlText(str(s.fillcolor, 'none'))}"${opacity}${stroke}/>`;
    }
    if (s.type === 'path') {
      const d = str(s.path).replace(/([ML])\s*([-\d.eE+]+)\s*,\s*([-\d.eE+]+)/g, (_m, c: string, x: string, y: string) => `${c}${f2(xOf(Number(x)))},${f2(yOf(Number(y)))}`);
      return `<path${name} d="${xmlText(d)}" fill="none"${opacity}${stroke || ' stroke="#444" stroke-width="1"'}/>`;
    }
    return '';
  };
  out.push('<g class="shapes-below" clip-path="url(#clipall)">');
  for (const s of shapes) if (s.layer === 'below') out.push(shapeSvg(s));
  out.push('</g>');

  // Grid and ticks.
  const tickFont = (o: Obj) => {
    const tf = obj(o.tickfont);
    return { family: str(tf.family, family), size: num(tf.size, baseSize), color: str(tf.color, baseColor) };
  };
  const ticksOf = (o: Obj, range: [number, number], px: number, perTick: number): { values: number[]; dtick: number } => {
    const [lo, hi] = range[0] <= range[1] ? range : [range[1], range[0]];
    const dtick = o.tickmode === 'linear' && num(o.dtick) > 0 ? num(o.dtick) : autoDtick(hi - lo, Math.max(2, Math.floor(px / perTick)));
    const tick0 = o.tickmode === 'linear' ? num(o.tick0, 0) : 0;
    return { values: tickValues(lo, hi, dtick, tick0), dtick };
  };
  const lowest = yAxes.reduce<Axis | undefined>((lo, a) => (!lo || a.domain[0] < lo.domain[0] ? a : lo), undefined);
  const xt = ticksOf(xa, xRange, pw, 80);
  out.push('<g class="grid">');
  for (const a of yAxes) {
    const y0 = paperY(a.domain[1]), y1 = paperY(a.domain[0]);
    const gx = str(xa.gridcolor, '#eee');
    for (const v of xt.values) out.push(`<line x1="${f2(X(v))}" y1="${f2(y0)}" x2="${f2(X(v))}" y2="${f2(y1)}" stroke="${xmlText(gx)}" stroke-width="1"/>`);
    const yt = ticksOf(a.opts, a.range, y1 - y0, 40);
    for (const v of yt.values) out.push(`<line x1="${f2(ml)}" y1="${f2(Y(a, v))}" x2="${f2(ml + pw)}" y2="${f2(Y(a, v))}" stroke="${xmlText(str(a.opts.gridcolor, '#eee'))}" stroke-width="1"/>`);
  }
  out.push('</g>');

  // Traces, each in its panel.
  out.push('<g class="traces">');
  for (const t of figure.data.map(obj)) {
    const a = axisOf(str(t.yaxis, 'y'));
    if (!a) continue;
    const xs = t.x as ArrayLike<number> | undefined, ys = t.y as ArrayLike<number> | undefined;
    if (!xs || !ys) continue;
    const n = Math.min(xs.length, ys.length);
    const line = obj(t.line);
    const color = xmlText(str(line.color, str(obj(t.marker).color, '#1f77b4')));
    const mode = str(t.mode, 'lines');
    const clip = `clip-path="url(#clip${yAxes.indexOf(a)})"`;
    const name = xmlText(str(t.name));
    if (mode.includes('lines')) {
      const parts: string[] = [];
      let pen = false;
      for (let k = 0; k < n; k++) {
        const x = Number(xs[k]), y = Number(ys[k]);
        if (!Number.isFinite(x) || !Number.isFinite(y)) { pen = false; continue; }
        parts.push(`${pen ? 'L' : 'M'}${f2(X(x))},${f2(Y(a, y))}`);
        pen = true;
      }
      out.push(`<path class="trace" data-name="${name}" ${clip} d="${parts.join('')}" fill="none" stroke="${color}" stroke-width="${num(line.width, 2)}" stroke-linejoin="round"/>`);
    }
    if (mode.includes('markers')) {
      const mk = obj(t.marker);
      const size = num(mk.size, 6);
      const symbol = str(mk.symbol, 'circle');
      const mcolor = xmlText(str(mk.color, str(line.color, '#1f77b4')));
      const parts: string[] = [];
      for (let k = 0; k < n; k++) {
        const x = X(Number(xs[k])), y = Y(a, Number(ys[k]));
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        parts.push(symbol.startsWith('line-ns') ? `M${f2(x)},${f2(y - size / 2)}v${f2(size)}` : `M${f2(x - size / 2)},${f2(y)}a${f2(size / 2)},${f2(size / 2)} 0 1,0 ${f2(size)},0a${f2(size / 2)},${f2(size / 2)} 0 1,0 ${f2(-size)},0`);
      }
      out.push(symbol.startsWith('line-ns')
        ? `<path class="markers" data-name="${name}" ${clip} d="${parts.join('')}" stroke="${mcolor}" stroke-width="${num(obj(mk.line).width, 1)}" fill="none"/>`
        : `<path class="markers" data-name="${name}" ${clip} d="${parts.join('')}" fill="${mcolor}"/>`);
    }
  }
  out.push('</g>');

  out.push('<g class="shapes-above" clip-path="url(#clipall)">');
  for (const s of shapes) if (s.layer !== 'below') out.push(shapeSvg(s));
  out.push('</g>');

  // Axis boxes, ticks, tick labels and titles.
  out.push('<g class="axes">');
  for (const a of yAxes) {
    const o = a.opts;
    const y0 = paperY(a.domain[1]), y1 = paperY(a.domain[0]);
    const lc = xmlText(str(o.linecolor, '#444'));
    out.push(`<rect x="${f2(ml)}" y="${f2(y0)}" width="${f2(pw)}" height="${f2(y1 - y0)}" fill="none" stroke="${lc}" stroke-width="${num(o.linewidth, 1)}"/>`);
    const tf = tickFont(o);
    const tl = num(o.ticklen, 5);
    const yt = ticksOf(o, a.range, y1 - y0, 40);
    for (const v of yt.values) {
      const y = Y(a, v);
      out.push(`<line x1="${f2(ml - tl)}" y1="${f2(y)}" x2="${f2(ml)}" y2="${f2(y)}" stroke="${xmlText(str(o.tickcolor, '#444'))}"/>`);
      out.push(`<text class="ytick" x="${f2(ml - tl - 3)}" y="${f2(y + tf.size * 0.35)}" text-anchor="end" font-family="${xmlText(tf.family)}" font-size="${tf.size}" fill="${xmlText(tf.color)}">${xmlText(tickText(v, yt.dtick))}</text>`);
    }
    const title = plotlyText(str(obj(o.title).text));
    if (title) {
      const size = num(obj(obj(o.title).font).size, baseSize);
      const x = ml - tl - 3 - 4.2 * tf.size * 0.6 - num(obj(o.title).standoff, 6) - size * 0.3;
      const y = (y0 + y1) / 2;
      out.push(`<text class="axis-title" x="${f2(x)}" y="${f2(y)}" transform="rotate(-90 ${f2(x)} ${f2(y)})" text-anchor="middle" font-size="${size}" fill="${xmlText(baseColor)}">${xmlText(title)}</text>`);
    }
  }
  if (lowest) {
    const yb = paperY(lowest.domain[0]);
    const tf = tickFont(xa);
    const tl = num(xa.ticklen, 5);
    for (const v of xt.values) {
      out.push(`<line x1="${f2(X(v))}" y1="${f2(yb)}" x2="${f2(X(v))}" y2="${f2(yb + tl)}" stroke="${xmlText(str(xa.tickcolor, '#444'))}"/>`);
      out.push(`<text class="xtick" x="${f2(X(v))}" y="${f2(yb + tl + 2 + tf.size)}" text-anchor="middle" font-family="${xmlText(tf.family)}" font-size="${tf.size}" fill="${xmlText(tf.color)}">${xmlText(tickText(v, xt.dtick))}</text>`);
    }
    const title = plotlyText(str(obj(xa.title).text));
    if (title) {
      const size = num(obj(obj(xa.title).font).size, baseSize);
      out.push(`<text class="axis-title" x="${f2(ml + pw / 2)}" y="${f2(yb + tl + 2 + tf.size + num(obj(xa.title).standoff, 4) + size)}" text-anchor="middle" font-size="${size}" fill="${xmlText(baseColor)}">${xmlText(title)}</text>`);
    }
  }
  out.push('</g>');

  // Annotations (the boundary labels) and the title.
  out.push('<g class="annotations">');
  for (const an of (Array.isArray(L.annotations) ? L.annotations : []).map(obj)) {
    const text = plotlyText(str(an.text));
    if (!text) continue;
    const fo = obj(an.font);
    const size = num(fo.size, baseSize);
    const x = (str(an.xref) === 'paper' ? ml + num(an.x) * pw : X(num(an.x))) + num(an.xshift);
    const yPaper = str(an.yref) === 'paper' ? paperY(num(an.y)) : Y(axisOf(str(an.yref, 'y')) ?? yAxes[0], num(an.y));
    const yAnchor = str(an.yanchor, 'middle');
    const y = yPaper - num(an.yshift) + (yAnchor === 'bottom' ? -size * 0.25 : yAnchor === 'top' ? size : size * 0.35);
    const anchor = { left: 'start', right: 'end', center: 'middle' }[str(an.xanchor, 'center')] ?? 'middle';
    out.push(`<text class="annotation" x="${f2(x)}" y="${f2(y)}" text-anchor="${anchor}" font-family="${xmlText(str(fo.family, family))}" font-size="${size}" fill="${xmlText(str(fo.color, baseColor))}">${xmlText(text)}</text>`);
  }
  if (titleText) {
    const t = obj(L.title);
    const fo = obj(t.font);
    const size = num(fo.size, 17);
    const x = str(t.xref) === 'paper' ? ml + num(t.x) * pw : num(t.x, 0.5) * W;
    out.push(`<text class="title" x="${f2(x)}" y="${f2(num(obj(t.pad).t, 8) + size)}" text-anchor="${str(t.xanchor) === 'left' ? 'start' : 'middle'}" ` +
      `font-family="${xmlText(str(fo.family, family))}" font-size="${size}" fill="${xmlText(str(fo.color, baseColor))}">${xmlText(titleText)}</text>`);
  }
  out.push('</g>');
  out.push('</svg>');
  return out.join('\n') + '\n';
}
