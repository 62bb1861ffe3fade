// The committed WebAssembly module (batchWasm.generated.ts) is the compilation of asm/batch.ts with the pinned
// AssemblyScript: recompiles and compares byte for byte. On failure run `npm run build:wasm` and commit the result.

import { describe, expect, it } from 'vitest';
import { BATCH_WASM_BASE64 } from './batchWasm.generated';
import { compileBatchWasm } from './buildWasm';

describe('generated WebAssembly module', () => {
  it('is up to date with asm/batch.ts (else: npm run build:wasm)', async () => {
    const fresh = Buffer.from(await compileBatchWasm()).toString('base64');
    expect(fresh === BATCH_WASM_BASE64, 'batchWasm.generated.ts is stale: run `npm run build:wasm` and commit it').toBe(true);
  }, 180_000);
});
