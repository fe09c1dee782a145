import type { KnownFailure } from '../known-failure';

/** Failures that OpenVPN's own log explains. */

const wiki = 'OpenVPN wiki: HLK testing of tap-windows6' as const;

export const openvpnLinkDownAfterFaultHandling: KnownFailure = {
  id: 'openvpnLinkDownAfterFaultHandling',
  title: 'OpenVPN lost its TAP adapter (the link stays down after 1c_FaultHandling)',
  logKinds: ['openvpn'],
  signatures: [
    { contains: 'TUN/TAP I/O operation aborted' },
    { contains: 'TUN/TAP interface has been stopped' },
    { contains: 'read from TUN/TAP', pattern: /read from TUN\/TAP\b.*code=\d+/i },
    { contains: 'write to TUN/TAP', pattern: /write to TUN\/TAP\b.*code=\d+/i },
  ],
  meaning:
    "OpenVPN's reads or writes on the TAP adapter failed because the driver was halted, reset or removed under it; " +
    "NDISTest's 1c_FaultHandling does exactly that. OpenVPN may then stay in a bad state and never bring the link " +
    'back, and the test, which waits a few minutes for the link, fails.',
  remedy:
    'Restart the OpenVPN service on the machine that wrote this log; the wiki reports that the test then passes. ' +
    'Check that the VPN peer answers ping over IPv6 afterwards.',
  source: { document: wiki, section: 'NDISTest 6.0 - 1 machine - 1c_FaultHandling' },
  signatureOrigin:
    'The wiki describes the symptom without a log line; these are the messages OpenVPN writes when reading or ' +
    'writing its TAP adapter fails (OpenVPN source, forward.c).',
  fix: { operation: 'services.restart', params: { name: 'OpenVPNService' }, title: 'Restart OpenVPNService' },
};

export const addressChangeTiming: KnownFailure = {
  id: 'addressChangeTiming',
  title: 'OpenVPN was not forwarding yet when the AddressChange test sent its packets',
  logKinds: ['openvpn'],
  signatures: [
    {
      contains: 'MULTI: unknown unicast destination',
      pattern: /MULTI: unknown unicast destination \[[0-9a-f]{2}(?::[0-9a-f]{2}){5}\], flood/i,
    },
  ],
  meaning:
    'The OpenVPN server did not yet know behind which client the destination MAC address lives, so it flooded the ' +
    'packets. After the MAC address changes, the client reports link up about a second before the server forwards ' +
    'its traffic, while the AddressChange test starts sending at link up and stops listening less than a second ' +
    "later: the test's packets fall into that gap, more often on slow machines and with newer OpenVPN versions.",
  remedy:
    'Run AddressChange on faster machines (the wiki saw it pass on recent Core i7 systems) and rerun it. These log ' +
    "lines come from a client/server OpenVPN; the wiki's setup for HLK is the symmetric peer-to-peer one, which has " +
    'no address learning step.',
  source: { document: wiki, section: 'NDISTest 6.5 - 2 Machine - AddressChange; Address Change test failures' },
};
