import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dot, squaredDistance } from '../../../../src/db/embedded/vector/kernels';
import { simdKernel } from '../../../../src/db/embedded/vector/simd';

test('the SIMD kernels agree with the JS kernels for every length, including tails', () => {
  const kernel = simdKernel();
  assert.ok(kernel, 'Node 20 supports WebAssembly SIMD');
  let seed = 7;
  const rand = () => {
    seed = (seed * 16807) % 2147483647;
    return (seed / 2147483647) * 2 - 1;
  };
  for (const dims of [1, 3, 4, 5, 8, 13, 384, 1536]) {
    const query = new Float32Array(dims).map(rand);
    const stored = new Float32Array(dims).map(rand);
    const q64 = new Float64Array(kernel.memory.buffer, 0, dims);
    q64.set(query);
    const offset = Math.ceil((dims * 8) / 16) * 16;
    new Float32Array(kernel.memory.buffer, offset, dims).set(stored);
    assert.ok(
      Math.abs(kernel.dot(0, offset, dims) - dot(query, stored, 0, dims)) < 1e-12,
      `dot, ${dims} dims`,
    );
    assert.ok(
      Math.abs(kernel.sqdist(0, offset, dims) - squaredDistance(query, stored, 0, dims)) < 1e-12,
      `squared distance, ${dims} dims`,
    );
  }
});
