/**
 * WebAssembly SIMD kernels for vector scoring: `dot(q, v, n)` and
 * `sqdist(q, v, n)` over a float64 query and a float32 stored vector, four
 * lanes at a time, accumulated in float64 (so scores equal the JS kernels'
 * to ~1e-15). About 2–3× faster than the unrolled JS loops in kernels.ts.
 *
 * The module is assembled here from its instructions rather than shipped as
 * an opaque binary, so it can be read and changed; `simdKernel()` returns
 * undefined where WebAssembly SIMD is unavailable, and callers fall back to JS.
 */

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
};
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]) => [id, ...uleb(bytes.length), ...bytes];
const name = (s: string) => vec([...Buffer.from(s)].map((b) => [b]));

const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const tee = (i: number) => [0x22, ...uleb(i)];
const i32 = (n: number) => [0x41, ...sleb(n)];
const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
const memarg = (align: number, offset: number) => [...uleb(align), ...uleb(offset)];
const op = {
  i32Add: 0x6a,
  i32Shl: 0x74,
  i32And: 0x71,
  i32GeU: 0x4f,
  f32Load: 0x2a,
  f64Load: 0x2b,
  f64Promote: 0xbb,
  f64Add: 0xa0,
  f64Sub: 0xa1,
  f64Mul: 0xa2,
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  void: 0x40,
};
const v128 = {
  load: 0x00,
  shuffle: 0x0d,
  extractF64: 0x21,
  promoteLow: 0x5f,
  add: 0xf0,
  sub: 0xf1,
  mul: 0xf2,
};

// Parameters: 0 q (f64*), 1 v (f32*), 2 n. Locals: 3 i, 4 end, 5 acc0, 6 acc1, 7 x, 8 sum, 9 diff (v128), 10 d (f64).
const Q = 0,
  V = 1,
  N = 2,
  I = 3,
  END = 4,
  ACC0 = 5,
  ACC1 = 6,
  X = 7,
  SUM = 8,
  DIFF = 9,
  D = 10;

/** The body of `dot` (squared = false) or `sqdist` (squared = true). */
function kernel(squared: boolean): number[] {
  const qAt = (offset: number) => [
    ...get(Q),
    ...get(I),
    ...i32(3),
    op.i32Shl,
    op.i32Add,
    ...simd(v128.load, ...memarg(3, offset)),
  ];
  // Two f64 lanes of x against the matching two query values: x*q, or (x-q)².
  const lanes = (offset: number) => [
    ...get(X),
    ...simd(v128.promoteLow),
    ...qAt(offset),
    ...(squared
      ? [...simd(v128.sub, 0x01), ...tee(DIFF), ...get(DIFF), ...simd(v128.mul, 0x01)]
      : simd(v128.mul, 0x01)),
  ];
  // The tail: one f32 of v (promoted) against one f64 of q, then v*q or (v-q)².
  const scalar = [
    ...get(V),
    ...get(I),
    ...i32(2),
    op.i32Shl,
    op.i32Add,
    op.f32Load,
    ...memarg(2, 0),
    op.f64Promote,
    ...get(Q),
    ...get(I),
    ...i32(3),
    op.i32Shl,
    op.i32Add,
    op.f64Load,
    ...memarg(3, 0),
    ...(squared ? [op.f64Sub, ...tee(D), ...get(D), op.f64Mul] : [op.f64Mul]),
  ];
  const code = [
    ...get(N),
    ...i32(-4),
    op.i32And,
    ...set(END),
    op.block,
    op.void,
    op.loop,
    op.void,
    ...get(I),
    ...get(END),
    op.i32GeU,
    op.brIf,
    1,
    ...get(V),
    ...get(I),
    ...i32(2),
    op.i32Shl,
    op.i32Add,
    ...simd(v128.load, ...memarg(2, 0)),
    ...set(X),
    ...get(ACC0),
    ...lanes(0),
    ...simd(v128.add, 0x01),
    ...set(ACC0),
    // Move the high two floats down, then the same for them.
    ...get(X),
    ...get(X),
    ...simd(v128.shuffle, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7),
    ...set(X),
    ...get(ACC1),
    ...lanes(16),
    ...simd(v128.add, 0x01),
    ...set(ACC1),
    ...get(I),
    ...i32(4),
    op.i32Add,
    ...set(I),
    op.br,
    0,
    op.end,
    op.end,
    ...get(ACC0),
    ...get(ACC1),
    ...simd(v128.add, 0x01),
    ...set(ACC0),
    ...get(ACC0),
    ...simd(v128.extractF64, 0),
    ...get(ACC0),
    ...simd(v128.extractF64, 1),
    op.f64Add,
    ...set(SUM),
    // The last n mod 4 elements one at a time.
    op.block,
    op.void,
    op.loop,
    op.void,
    ...get(I),
    ...get(N),
    op.i32GeU,
    op.brIf,
    1,
    ...get(SUM),
    ...scalar,
    op.f64Add,
    ...set(SUM),
    ...get(I),
    ...i32(1),
    op.i32Add,
    ...set(I),
    op.br,
    0,
    op.end,
    op.end,
    ...get(SUM),
    op.end,
  ];
  const locals = vec([
    [2, I32],
    [3, V128],
    [1, F64],
    [1, V128],
    [1, F64],
  ]);
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

/** The module: imports `env.memory`, exports `dot` and `sqdist`, both (i32, i32, i32) → f64. */
export function kernelModuleBytes(): Uint8Array {
  const types = section(1, vec([[0x60, ...vec([[I32], [I32], [I32]]), ...vec([[F64]])]]));
  const imports = section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(1)]]));
  const functions = section(3, vec([[0], [0]]));
  const exports = section(
    7,
    vec([
      [...name('dot'), 0x00, 0],
      [...name('sqdist'), 0x00, 1],
    ]),
  );
  const code = section(10, vec([kernel(false), kernel(true)]));
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    1,
    0,
    0,
    0,
    ...types,
    ...imports,
    ...functions,
    ...exports,
    ...code,
  ]);
}

/** The slice of the WebAssembly API used here (the server's TypeScript libs do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | null | undefined;

/** A kernel instance with its own memory. */
export interface SimdKernel {
  memory: WasmMemory;
  dot(q: number, v: number, n: number): number;
  sqdist(q: number, v: number, n: number): number;
}

/** Instantiates the kernels over a fresh memory, or returns undefined without SIMD support. */
export function simdKernel(): SimdKernel | undefined {
  if (compiled === undefined) {
    const bytes = kernelModuleBytes();
    compiled = wasm?.validate(bytes) ? new wasm.Module(bytes) : null;
  }
  if (!compiled || !wasm) return undefined;
  const memory = new wasm.Memory({ initial: 1 });
  const instance = new wasm.Instance(compiled, { env: { memory } });
  const { dot, sqdist } = instance.exports as unknown as Omit<SimdKernel, 'memory'>;
  return { memory, dot, sqdist };
}
