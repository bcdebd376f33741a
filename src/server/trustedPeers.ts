// Who is a trusted peer: the machine itself, and the reverse proxies named in config `trustProxy`
// (addresses, CIDR ranges, or proxy-addr's names loopback/linklocal/uniquelocal, as Fastify reads them).
// Judged on the socket's own address, never on a header a client can write.
import net from 'node:net';

const NAMED: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** A test of socket addresses against `trustProxy` plus loopback. Entries it cannot read are skipped
 * (the config schema has already said what it accepts). */
export function trustedPeers(trustProxy: readonly string[]): (address: string | undefined) => boolean {
  return addressTest(['loopback', ...trustProxy]);
}

/**
 * A test of socket addresses against `trustProxy` alone: the sign-on gateway's header is believed only from
 * these. Loopback is not implied here — a clerk's browser on the server itself must not name itself.
 */
export function proxyPeers(trustProxy: readonly string[]): (address: string | undefined) => boolean {
  return addressTest(trustProxy);
}

function addressTest(entries: readonly string[]): (address: string | undefined) => boolean {
  const list = new net.BlockList();
  for (const entry of entries.flatMap((e) => NAMED[e] ?? e.split(',').map((s) => s.trim()))) {
    const [addr, bits] = entry.split('/');
    const type = net.isIPv6(addr) ? 'ipv6' : 'ipv4';
    if (!net.isIP(addr)) continue;
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  return (address) => {
    if (!address) return false;
    const plain = address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
    return net.isIP(plain) ? list.check(plain, net.isIPv6(plain) ? 'ipv6' : 'ipv4') : false;
  };
}
