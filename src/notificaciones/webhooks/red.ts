/**
 * Where a webhook may connect (SSRF protection). An address is classified as public,
 * loopback, private, link-local or reserved; only public addresses are allowed unless
 * the operator allows more (`CFDI_WEBHOOK_ALLOW_NETWORKS=loopback,private,10.2.0.0/16`).
 * Reserved ranges (multicast, documentation, "this network") are never reachable.
 *
 * The check runs on every address a host name resolves to, at registration and again
 * on every delivery, and the connection goes to the address that was checked (the
 * `lookup` below), so a DNS answer that changes between check and connect
 * (rebinding) cannot reach an internal address.
 */
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress } from 'node:dns';

export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'reserved';

const ALLOWABLE = ['loopback', 'private', 'link-local'] as const;

export interface NetworkPolicy {
  /** Classes allowed besides public. */
  classes: ReadonlySet<AddressClass>;
  /** Extra networks allowed by CIDR. */
  cidrs: BlockList;
  /** The operator's words, for messages. */
  description: string;
}

function list(entries: Array<[string, number, 'ipv4' | 'ipv6']>): BlockList {
  const b = new BlockList();
  for (const [net, prefix, family] of entries) b.addSubnet(net, prefix, family);
  return b;
}

// Order matters: the first class whose list matches wins.
const CLASSES: Array<[AddressClass, BlockList]> = [
  ['loopback', list([['127.0.0.0', 8, 'ipv4'], ['0.0.0.0', 32, 'ipv4'], ['::1', 128, 'ipv6'], ['::', 128, 'ipv6']])],
  ['link-local', list([['169.254.0.0', 16, 'ipv4'], ['fe80::', 10, 'ipv6']])],
  ['private', list([
    ['10.0.0.0', 8, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.168.0.0', 16, 'ipv4'], ['100.64.0.0', 10, 'ipv4'],
    ['fc00::', 7, 'ipv6'], ['fec0::', 10, 'ipv6'],
  ])],
  ['reserved', list([
    ['0.0.0.0', 8, 'ipv4'], ['192.0.0.0', 24, 'ipv4'], ['192.0.2.0', 24, 'ipv4'], ['198.18.0.0', 15, 'ipv4'],
    ['198.51.100.0', 24, 'ipv4'], ['203.0.113.0', 24, 'ipv4'], ['224.0.0.0', 4, 'ipv4'], ['240.0.0.0', 4, 'ipv4'],
    ['::', 96, 'ipv6'], ['100::', 64, 'ipv6'], ['2001:db8::', 32, 'ipv6'], ['ff00::', 8, 'ipv6'],
  ])],
];

/** The IPv4 address an IPv6 address embeds (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96), if any. */
function embeddedIpv4(ip: string): string | undefined {
  const m = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (m) return m[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
  if (hex) {
    const a = parseInt(hex[1], 16);
    const b = parseInt(hex[2], 16);
    return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
  }
  return undefined;
}

export function classifyAddress(ip: string): AddressClass {
  const family = isIP(ip);
  if (family === 0) throw new Error(`"${ip}" is not an IP address`);
  if (family === 6) {
    const v4 = embeddedIpv4(ip);
    if (v4) return classifyAddress(v4);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const [cls, b] of CLASSES) if (b.check(ip, type)) return cls;
  return 'public';
}

/** Parses the operator's allowance: `loopback`, `private`, `link-local` or CIDRs (`10.2.0.0/16`, `fd00::/8`). */
export function parseAllowedNetworks(entries: readonly string[]): NetworkPolicy {
  const classes = new Set<AddressClass>();
  const cidrs = new BlockList();
  for (const raw of entries) {
    const e = raw.trim().toLowerCase();
    if ((ALLOWABLE as readonly string[]).includes(e)) {
      classes.add(e as AddressClass);
      continue;
    }
    const m = /^([0-9a-f:.]+)\/(\d{1,3})$/.exec(e);
    const family = m ? isIP(m[1]) : 0;
    if (!m || family === 0 || Number(m[2]) > (family === 4 ? 32 : 128)) {
      throw new Error(`"${raw}" is not a network: use loopback, private, link-local or a CIDR such as 10.2.0.0/16`);
    }
    cidrs.addSubnet(m[1], Number(m[2]), family === 4 ? 'ipv4' : 'ipv6');
  }
  return { classes, cidrs, description: entries.join(',') || '(public only)' };
}

export const PUBLIC_ONLY: NetworkPolicy = parseAllowedNetworks([]);

/** Why an address may not be reached, or undefined when it may. */
export function refusal(ip: string, policy: NetworkPolicy): string | undefined {
  const cls = classifyAddress(ip);
  if (cls === 'public') return undefined;
  const family = isIP(embeddedIpv4(ip) ?? ip) === 4 ? 'ipv4' : 'ipv6';
  if (cls !== 'reserved' && (policy.classes.has(cls) || policy.cidrs.check(embeddedIpv4(ip) ?? ip, family))) return undefined;
  return `${ip} is a ${cls} address; webhooks reach only public addresses unless CFDI_WEBHOOK_ALLOW_NETWORKS allows it`;
}

export class RefusedAddressError extends Error {
  override name = 'RefusedAddressError';
  readonly code = 'ECFDI_SSRF';
}

export type Resolver = (host: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (e, addresses) => (e ? reject(e) : resolve(addresses))));

/**
 * Every address of `host` (an IP literal is its own address), all of which must be
 * allowed: one disallowed answer refuses the host, so mixing records does not help.
 */
export async function resolveAllowed(host: string, policy: NetworkPolicy, resolver: Resolver = systemResolver): Promise<LookupAddress[]> {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const addresses = isIP(bare) ? [{ address: bare, family: isIP(bare) }] : await resolver(bare);
  if (addresses.length === 0) throw new RefusedAddressError(`${host} has no address`);
  for (const a of addresses) {
    const why = refusal(a.address, policy);
    if (why) throw new RefusedAddressError(host === a.address ? why : `${host} resolves to ${why}`);
  }
  return addresses;
}

/** A `lookup` for http(s).request that connects only to addresses `resolveAllowed` accepted. */
export function guardedLookup(policy: NetworkPolicy, resolver: Resolver = systemResolver) {
  return (hostname: string, options: { all?: boolean; family?: number | string }, callback: (...args: any[]) => void): void => {
    resolveAllowed(hostname, policy, resolver).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 'IPv4' ? 4 : options.family === 6 || options.family === 'IPv6' ? 6 : 0;
        const usable = wanted ? addresses.filter((a) => a.family === wanted) : addresses;
        if (usable.length === 0) return callback(new RefusedAddressError(`${hostname} has no IPv${wanted} address`));
        if (options.all) callback(null, usable);
        else callback(null, usable[0].address, usable[0].family);
      },
      (e: unknown) => callback(e),
    );
  };
}
