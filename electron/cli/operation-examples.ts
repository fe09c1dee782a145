/**
 * Example parameters in the words of a tap-windows6 pass, for `hlk-assist ops`, where a value made from
 * the schema alone would say nothing ("x"). A test holds each one to its operation's schema; an operation
 * missing here falls back to the schema's own example.
 */
export const operationExamples: Readonly<Record<string, Record<string, unknown>>> = {
  'system.reboot': { delaySeconds: 5 },
  'services.status': { names: ['OpenVPNService', 'HLKSvc', 'WTTSvc'] },
  'services.restart': { name: 'OpenVPNService' },
  'services.ensureRunning': { names: ['OpenVPNService'], automaticStart: true },
  'services.stop': { names: ['OpenVPNService'] },
  'network.renameAdapters': { renames: [{ name: 'Ethernet 2', newName: 'SupportDevice0' }] },
  'readiness.reachability': { tcp: [{ host: 'HLK-CONTROLLER', port: 1771 }], ping: [{ address: 'fd00::2' }] },
  'hlk.setMachineReady': { machine: 'HLK-CLIENT1' },
  'hlk.createPool': { name: 'tap-windows6' },
  'hlk.arrangePool': { pool: 'tap-windows6', clients: ['HLK-CLIENT1'], supports: ['HLK-SUPPORT'] },
  'hlk.createProject': { name: 'tap-windows6 9.27' },
  'hlk.project': { name: 'tap-windows6 9.27' },
  'hlk.tests': { project: 'tap-windows6 9.27' },
  'hlk.playlists': { folder: 'C:\\HLK\\Playlists' },
  'hlk.loadPlaylist': { project: 'tap-windows6 9.27', path: 'C:\\HLK\\Playlists\\HLK Version 1809 CompatPlaylist x64 ARM64.xml' },
  'hlk.addFeature': { project: 'tap-windows6 9.27', hardwareId: 'root\\tap0901', feature: 'Device.Network.LAN.PM' },
  'readiness.controller': { services: ['HLKSvc', 'WTTSvc'], testShare: { name: 'Tests', files: ['ndprot60.sys'] } },
  'tapdiag.status': { toolPath: 'C:\\Tools\\tapdiag.exe', hardwareId: 'root\\tap0901' },
  'tapdiag.setLink': { toolPath: 'C:\\Tools\\tapdiag.exe', hardwareId: 'root\\tap0901', link: 'off' },
  'tapdiag.setQ': { toolPath: 'C:\\Tools\\tapdiag.exe', mode: 'on' },
  'tapdiag.enable': { toolPath: 'C:\\Tools\\tapdiag.exe', hardwareId: 'root\\tap0901', openvpnServices: ['OpenVPNService'] },
  'driver.removePackages': { oemNumbers: [42] },
  'driver.install': { folder: 'C:\\HLK\\driver', infName: 'OemVista.inf', hardwareId: 'tap0901' },
  'hvci.status': { driverFile: 'tap0901.sys' },
  'hvci.enable': { driverFile: 'tap0901.sys' },
  'shares.removeMappings': { localPaths: ['R:'] },
};
