import type { KnownFailure } from '../known-failure';

/** Failures that OpenVPN's own log explains. */

const wiki = 'OpenVPN wiki: HLK testing of tap-windows6' as const;
const reports = 'public failure reports' as const;

/** OpenVPN names the adapter's driver in its messages: TAP-Windows (2.4), tap-windows6, ovpn-dco, wintun (2.5+). */
const adapterKind = '(?<driver>TAP-Windows6?|tap-windows6|ovpn-dco|wintun|TAP-Win32)';

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

export const openvpnAdaptersInUse: KnownFailure = {
  id: 'openvpnAdaptersInUse',
  title: 'OpenVPN found no free adapter: all of them are in use (or disabled)',
  logKinds: ['openvpn'],
  signatures: [
    {
      contains: 'adapters on this system are currently in use',
      pattern: new RegExp(`All ${adapterKind} adapters on this system are currently in use`, 'i'),
    },
  ],
  meaning:
    'OpenVPN could not open any adapter of the kind it needs: each one is held by another OpenVPN process (a ' +
    'second instance, a service and the GUI both running the same config) or is disabled, which OpenVPN reports ' +
    'the same way.',
  remedy:
    'Stop the other OpenVPN instance (only one of OpenVPNService and the GUI per config), enable the {driver} ' +
    'adapter in the network connections if it is disabled, or add one more adapter of that kind (tapctl create ' +
    "--hwid with that driver's hardware ID, from OpenVPN's bin folder, elevated).",
  tapWindows6Remedy:
    'For tap-windows6 the hardware ID is root\\tap0901. In the HLK lab the TAP adapter is the device under test: ' +
    'it must stay enabled, and NDISTest must not hold it while OpenVPN runs.',
  source: {
    document: reports,
    section: 'https://github.com/Nyr/openvpn-install/issues/233; https://github.com/OpenVPN/openvpn-gui/issues/356',
  },
};

export const openvpnNoAdapters: KnownFailure = {
  id: 'openvpnNoAdapters',
  title: 'OpenVPN found no adapter of the kind it needs',
  logKinds: ['openvpn'],
  signatures: [
    { contains: 'adapters on this system', pattern: /There are no [\w ,-]*adapters on this system/i },
  ],
  meaning:
    'No adapter of the kind OpenVPN needs exists: the driver is not installed, its adapter was removed (by a ' +
    'driver uninstall, a driver-store cleanup, or an HLK test that removes the device), or the adapter exists ' +
    'under another driver than the config asks for (windows-driver).',
  remedy:
    'Create an adapter of the kind the config uses (tapctl create --hwid ovpn-dco or wintun, from ' +
    "OpenVPN's bin folder, elevated), or install the driver again; then start OpenVPN again.",
  tapWindows6Remedy:
    'For tap-windows6: tapctl create --hwid root\\tap0901, or for the driver under test tapinstall install OemVista.inf tap0901.',
  source: {
    document: reports,
    section: 'https://github.com/OpenVPN/openvpn-build/issues/163; https://github.com/portapps/openvpn-portable/issues/36',
  },
};

export const openvpnAdapterAccessDenied: KnownFailure = {
  id: 'openvpnAdapterAccessDenied',
  title: 'OpenVPN was denied access to the adapter (CreateFile, errno=5)',
  logKinds: ['openvpn'],
  signatures: [
    {
      contains: 'CreateFile failed on',
      pattern: new RegExp(`CreateFile failed on (?:${adapterKind} )?(?:TAP )?device\\b.*\\(errno=5\\)`, 'i'),
    },
  ],
  meaning:
    'Windows refused OpenVPN access to the adapter (error 5, access denied): OpenVPN ran as a user that is not ' +
    'elevated, without the interactive service that opens adapters on its behalf.',
  remedy:
    'Run OpenVPN through its interactive service (OpenVPNServiceInteractive running, the GUI started normally), ' +
    'or as OpenVPNService, or from an elevated prompt; then connect again.',
  source: { document: reports, section: 'https://github.com/OpenVPN/tap-windows6/issues/149' },
};

export const openvpnCannotAcquireTap: KnownFailure = {
  id: 'openvpnCannotAcquireTap',
  title: 'OpenVPN 3 could not open a TAP adapter ("cannot acquire TAP handle")',
  logKinds: ['openvpn'],
  signatures: [{ contains: 'cannot acquire TAP handle' }],
  meaning:
    'The OpenVPN 3 client (OpenVPN Connect, or a program built on its library) found no TAP adapter it may use: ' +
    'none is installed with the hardware ID it was built for, or the one there belongs to another product.',
  remedy:
    'Install the tap-windows6 driver that matches the client (the OpenVPN community installer for open-source ' +
    'builds), or a TUN driver (wintun) for a tun config, and connect again.',
  source: {
    document: reports,
    section: 'https://github.com/OpenVPN/openvpn3/issues/201; https://github.com/OpenVPN/openvpn3/issues/141',
  },
};

export const openvpnRouteAccessDenied: KnownFailure = {
  id: 'openvpnRouteAccessDenied',
  title: 'OpenVPN was not allowed to add its routes (access denied)',
  logKinds: ['openvpn'],
  signatures: [
    {
      contains: 'route addition failed using CreateIpForwardEntry',
      pattern: /route addition failed using CreateIpForwardEntry: Access is denied\.?\s*\[status=5\b/i,
    },
  ],
  meaning:
    'OpenVPN tried to add routes itself and Windows refused (status 5, access denied): it is not elevated and ' +
    'not using the interactive service, so the tunnel is up but traffic does not go through it.',
  remedy:
    'Start OpenVPN through the interactive service (OpenVPNServiceInteractive) or as OpenVPNService, or elevated, ' +
    'and connect again.',
  source: { document: reports, section: 'https://github.com/OpenVPN/openvpn-gui/issues/281' },
};

export const openvpnRouteAddFailed: KnownFailure = {
  id: 'openvpnRouteAddFailed',
  title: 'OpenVPN could not add a route',
  logKinds: ['openvpn'],
  signatures: [
    { contains: 'Route addition via IPAPI failed' },
    { contains: 'Windows route add command failed' },
    { contains: 'route addition failed using', pattern: /route addition failed using (?:CreateIpForwardEntry|service)/i },
  ],
  meaning:
    'A route OpenVPN wanted was not added: the gateway is not on the tunnel yet, the route already exists, its ' +
    'parameters do not fit the adapter (status 87), or OpenVPN lacks the rights. The text after the message and ' +
    'its status say which.',
  remedy:
    'Read the status on the line: 5 means not elevated (use the interactive service), 87 a route the adapter ' +
    'cannot take (check the route and topology options), 5010 a route that exists already. Fix that and reconnect.',
  givesWayTo: { failures: ['openvpnRouteAccessDenied'], where: 'log' },
  source: {
    document: reports,
    section:
      'https://github.com/OpenVPN/openvpn-gui/issues/324; https://github.com/alnn/node-vpn-gate/issues/4; ' +
      'https://github.com/OpenVPN/openvpn-gui/issues/532',
  },
};
