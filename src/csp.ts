// The page's Content-Security-Policy, in one place: vite.config.ts writes it as a <meta http-equiv> tag into the
// built index.html only (Vite's dev server injects inline scripts for hot reload, which this policy forbids), and
// the end-to-end tests (e2e/csp.spec.ts) check that the built page carries exactly this text.
//
// Adding WebAssembly: compiling a module needs 'wasm-unsafe-eval' in script-src and nothing more. It is a one-line
// change below: set WASM = true. Do not add 'unsafe-eval' or any other source; every e2e test fails on a violation.

/**
 * True: the page compiles WebAssembly (WebAssembly.instantiate): the batch engine's module (src/engine/batch/wasm.ts)
 * in the sweep worker of the bifurcation / F–I panel and in the map's workers, and the network engine's module.
 */
const WASM = true;

/** Directive → sources. Order is kept in the emitted policy. */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['default-src', ["'none'"]],
  ['script-src', WASM ? ["'self'", "'wasm-unsafe-eval'"] : ["'self'"]],
  // Plotly and React set inline style attributes and Plotly injects <style> elements: 'unsafe-inline' is for styles only.
  ['style-src', ["'self'", "'unsafe-inline'"]],
  // PNG export and Plotly's toImage go through data: and blob: URLs.
  ['img-src', ["'self'", 'data:', 'blob:']],
  ['worker-src', ["'self'"]],
  ['connect-src', ["'self'"]],
  ['object-src', ["'none'"]],
  ['base-uri', ["'none'"]],
];

/** The policy as one header/meta value: "default-src 'none'; script-src 'self'; …". */
export function contentSecurityPolicy(): string {
  return CSP_DIRECTIVES.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** The tag written into the built page's <head>, before any script or stylesheet. */
