import { test } from 'node:test';
import assert from 'node:assert/strict';
import QRCode from 'qrcode';
import { qrMatrix, QR_MASK } from './qr.ts';
import { verificationUrl } from '../../cfdi/qr.ts';

/** The `qrcode` package's symbol for the same data, level and mask (the oracle). */
function reference(data: string): { size: number; dark: (x: number, y: number) => boolean } {
  const { modules } = QRCode.create([{ data: Buffer.from(data, 'utf8'), mode: 'byte' }],
    { errorCorrectionLevel: 'M', maskPattern: QR_MASK } as QRCode.QRCodeOptions);
  return { size: modules.size, dark: (x, y) => !!modules.get(y, x) };
}

function assertSame(data: string): number {
  const ours = qrMatrix(data);
  const ref = reference(data);
  assert.equal(ours.size, ref.size, `size for ${Buffer.byteLength(data)} bytes`);
  for (let y = 0; y < ref.size; y++) {
    for (let x = 0; x < ref.size; x++) {
      if ((ours.modules[y * ours.size + x] === 1) !== ref.dark(x, y)) {
        assert.fail(`module (${x},${y}) differs for ${Buffer.byteLength(data)} bytes (version ${(ref.size - 17) / 4})`);
      }
    }
  }
  return (ref.size - 17) / 4;
}

/** Deterministic pseudo-random printable text of `n` UTF-8 bytes at most, with some multi-byte characters. */
function text(seed: number, n: number): string {
  let x = seed || 1;
  let s = '';
  while (Buffer.byteLength(s) < n) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    s += x % 17 === 0 ? 'ñ' : String.fromCharCode(33 + (x % 94));
  }
  while (Buffer.byteLength(s) > n) s = s.slice(0, -1);
  return s;
}

test('every version 1–40 matches the qrcode package module for module (level M, mask 0)', () => {
  // Byte capacities of level M: the largest payload of each version, and one byte more.
  const versions = new Set<number>();
  for (let n = 1; n <= 2331; n += n < 300 ? 7 : 41) versions.add(assertSame(text(n, n)));
  for (const n of [14, 15, 26, 27, 42, 43, 62, 63, 84, 85, 106, 107, 122, 123, 152, 153, 180, 181, 213, 214, 2331]) {
    versions.add(assertSame(text(n * 31, n)));
  }
  for (let v = 1; v <= 40; v++) assert.ok(versions.has(v), `version ${v} exercised`);
});

test('a real verification URL matches the reference', () => {
  const url = verificationUrl({
    uuid: '9FB6ED1A-5F37-4FEF-980A-7F8C83B51894', rfcEmisor: 'EKU9003173C9', rfcReceptor: 'URE180429TM6',
    total: '3184.75', sello: 'AbCdEfGh12345678==',
  });
  assertSame(url);
  assertSame('');
});

test('more than a version 40 symbol holds is refused', () => {
  assert.throws(() => qrMatrix('x'.repeat(2332)), RangeError);
});
