import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskKey, maskUrl } from './log-mask.ts';

const K = 'f73ee14e-e955-49f4-92f2-85aabf6f3ac1';

test('maskUrl: the :keyEmpresa segment of the route, and the key repeated anywhere else', () => {
  const rows: Array<[url: string, pattern: string | undefined, masked: string]> = [
    [`/${K}/cfdisAsync`, '/:keyEmpresa/cfdisAsync', '/***3ac1/cfdisAsync'],
    [`/${K}/cfdis/abc?x=${K}`, '/:keyEmpresa/cfdis/:idPeticion', '/***3ac1/cfdis/abc?x=***3ac1'],
    [`/${K}/descargasCfdiAsync?representacion=XML`, '/:keyEmpresa/descargasCfdiAsync', '/***3ac1/descargasCfdiAsync?representacion=XML'],
    ['/health', '/health', '/health'],
    ['/docs/static/index.html', '/docs/static/*', '/docs/static/index.html'],
    // No route matched: the first segment may be a key.
    [`/${K}/nope`, undefined, '/***3ac1/nope'],
    [`/${K}`, undefined, '/***3ac1'],
    ['/abc/x', undefined, '/***/x'],
    ['/health/x', undefined, '/health/x'],
    ['/docs/x', undefined, '/docs/x'],
    ['/', undefined, '/'],
    [`/${K}?k=${K}`, undefined, '/***3ac1?k=***3ac1'],
  ];
  for (const [url, pattern, masked] of rows) assert.equal(maskUrl(url, pattern), masked, url);
});

test('maskKey keeps four characters of a long key and none of a short one', () => {
  assert.equal(maskKey(K), '***3ac1');
  assert.equal(maskKey('12345678'), '***');
});
