import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyAddress, guardedLookup, parseAllowedNetworks, PUBLIC_ONLY, refusal, resolveAllowed, type AddressClass } from './red.ts';

test('address classes (IPv4, IPv6, mapped and NAT64 forms)', () => {
  const rows: Array<[string, AddressClass]> = [
    ['8.8.8.8', 'public'], ['1.1.1.1', 'public'], ['2606:4700:4700::1111', 'public'],
    ['127.0.0.1', 'loopback'], ['127.255.0.9', 'loopback'], ['0.0.0.0', 'loopback'], ['::1', 'loopback'], ['::', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'], ['64:ff9b::7f00:1', 'loopback'],
    ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'], ['fd00::1', 'private'], ['fc00::1', 'private'], ['::ffff:10.0.0.1', 'private'],
    ['169.254.169.254', 'link-local'], ['fe80::1', 'link-local'],
    ['0.1.2.3', 'reserved'], ['224.0.0.1', 'reserved'], ['255.255.255.255', 'reserved'], ['192.0.2.10', 'reserved'],
    ['2001:db8::1', 'reserved'], ['ff02::1', 'reserved'],
    ['172.32.0.1', 'public'], ['11.0.0.1', 'public'], ['100.128.0.1', 'public'],
  ];
  for (const [ip, cls] of rows) assert.equal(classifyAddress(ip), cls, ip);
});

test('only public addresses by default; the operator allows classes or CIDRs, never reserved ones', () => {
  assert.equal(refusal('8.8.8.8', PUBLIC_ONLY), undefined);
  assert.match(refusal('127.0.0.1', PUBLIC_ONLY)!, /loopback/);
  assert.match(refusal('169.254.169.254', PUBLIC_ONLY)!, /link-local/);
  const p = parseAllowedNetworks(['loopback', '10.2.0.0/16']);
  assert.equal(refusal('127.0.0.1', p), undefined);
  assert.equal(refusal('::ffff:127.0.0.1', p), undefined);
  assert.equal(refusal('10.2.9.9', p), undefined);
  assert.match(refusal('10.3.0.1', p)!, /private/);
  assert.match(refusal('192.168.0.1', p)!, /private/);
  assert.match(refusal('224.0.0.1', parseAllowedNetworks(['224.0.0.0/4']))!, /reserved/);
  assert.throws(() => parseAllowedNetworks(['intranet']), /not a network/);
  assert.throws(() => parseAllowedNetworks(['10.0.0.0/33']), /not a network/);
});

test('a host is refused if any of its addresses is; IP literals and brackets are checked without DNS', async () => {
  const resolver = async (h: string) => (h === 'mixed.example' ? [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.5', family: 4 }] : [{ address: '93.184.216.34', family: 4 }]);
  await assert.rejects(resolveAllowed('mixed.example', PUBLIC_ONLY, resolver), /mixed.example resolves to 10.0.0.5 is a private address/);
  assert.deepEqual(await resolveAllowed('ok.example', PUBLIC_ONLY, resolver), [{ address: '93.184.216.34', family: 4 }]);
  await assert.rejects(resolveAllowed('[::1]', PUBLIC_ONLY, resolver), /loopback/);
  await assert.rejects(resolveAllowed('127.0.0.1', PUBLIC_ONLY, async () => { throw new Error('no DNS for literals'); }), /loopback/);
});

test('the connection lookup returns only checked addresses, in either callback form', async () => {
  const resolver = async () => [{ address: '10.0.0.7', family: 4 }];
  const lookup = guardedLookup(parseAllowedNetworks(['private']), resolver);
  const one = await new Promise<unknown[]>((r) => lookup('h', {}, (...a: unknown[]) => r(a)));
  assert.deepEqual(one, [null, '10.0.0.7', 4]);
  const all = await new Promise<unknown[]>((r) => lookup('h', { all: true }, (...a: unknown[]) => r(a)));
  assert.deepEqual(all, [null, [{ address: '10.0.0.7', family: 4 }]]);
  const refused = await new Promise<unknown[]>((r) => guardedLookup(PUBLIC_ONLY, resolver)('h', {}, (...a: unknown[]) => r(a)));
  assert.match(String(refused[0]), /private/);
});
