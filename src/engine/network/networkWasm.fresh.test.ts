// The committed network module (networkWasm.generated.ts) is the compilation of asm/network.ts with the pinned
// AssemblyScript: recompiles and compares byte for byte. On failure run `npm run build:wasm` and commit the result.

import { describe, expect, it } from 'vitest';
import { NETWORK_WASM_BASE64 } from './networkWasm.generated';
import { compileNetworkWasm } from './buildWasm';

describe('generated network WebAssembly module', () => {
  it('is up to date with asm/network.ts (else: npm run build:wasm)', async () => {
    const fresh = Buffer.from(await compileNetworkWasm()).toString('base64');
    expect(fresh === NETWORK_WASM_BASE64, 'networkWasm.generated.ts is stale: run `npm run build:wasm` and commit it').toBe(true);
  }, 180_000);
});
