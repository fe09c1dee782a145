/**
 * Just enough IPv6 to judge a TAP adapter's addresses: parsing to eight 16-bit groups (a zone index such
 * as %12 ignored), comparing, and telling a routable address from a link-local one.
 */

export function parseIPv6(text: string): number[] | null {
  const address = text.split('%')[0]!.toLowerCase();
  if (!/^[0-9a-f:.]+$/.test(address) || address.split('::').length > 2) return null;
  const [head, tail] = address.includes('::') ? address.split('::') : [address, null];
  const parse = (part: string | null | undefined): number[] | null => {
    if (!part) return [];
    const groups: number[] = [];
    const pieces = part.split(':');
    for (const [i, piece] of pieces.entries()) {
      if (i === pieces.length - 1 && piece.includes('.')) {
        const octets = piece.split('.').map(Number);
        if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) return null;
        groups.push((octets[0]! << 8) | octets[1]!, (octets[2]! << 8) | octets[3]!);
      } else {
        if (!/^[0-9a-f]{1,4}$/.test(piece)) return null;
        groups.push(parseInt(piece, 16));
      }
    }
    return groups;
  };
  const first = parse(head);
  const last = parse(tail);
  if (!first || !last) return null;
  if (tail === null) return first.length === 8 ? first : null;
  const missing = 8 - first.length - last.length;
  if (missing < 1) return null;
  return [...first, ...new Array<number>(missing).fill(0), ...last];
}

export function sameIPv6(a: string, b: string): boolean {
  const x = parseIPv6(a);
  const y = parseIPv6(b);
  return x !== null && y !== null && x.every((g, i) => g === y[i]);
}

/** An address another machine can reach through a router: not link-local, loopback or unspecified. */
export function isRoutableIPv6(text: string): boolean {
  const groups = parseIPv6(text);
  if (!groups) return false;
  if (groups.every((g) => g === 0)) return false; // ::
  if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) return false; // ::1
  if ((groups[0]! & 0xffc0) === 0xfe80) return false; // fe80::/10
  if ((groups[0]! & 0xff00) === 0xff00) return false; // multicast
  return true;
}

/** Whether two addresses share their first `prefixLength` bits. */
export function sameIPv6Prefix(a: string, b: string, prefixLength: number): boolean {
  const x = parseIPv6(a);
  const y = parseIPv6(b);
  if (!x || !y) return false;
  let bits = Math.max(0, Math.min(128, prefixLength));
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if ((x[i]! & mask) !== (y[i]! & mask)) return false;
  }
  return true;
}
