// `npm run bench`: runs every Node benchmark of src/bench/*.bench.ts (not ui.bench.ts, which is `npm run bench:ui`)
// one after the other, each in its own process (a fresh JIT, nothing shared between them). A name filter picks some:
// `npm run bench -- engine batch` runs engine.bench.ts and batch.bench.ts only.

import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && f !== 'ui.bench.ts')
  .filter((f) => !filters.length || filters.some((x) => f.startsWith(x)))
  .sort();
if (!files.length) {
  console.error(`no benchmark matches ${filters.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, f)], { stdio: 'inherit' });
  if (r.status !== 0) { failed++; console.error(`${f} exited with ${r.status}`); }
}
process.exit(failed ? 1 : 0);
