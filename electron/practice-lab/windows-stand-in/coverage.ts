/**
 * Which operations' real scripts the Windows stand-in can run. Under the PowerShell engine these run in
 * real PowerShell; the others are still answered by the TypeScript model, each for the reason given.
 * tests/practice-lab/differential.test.ts holds every operation to one of the two lists.
 */
export const onStandIn: ReadonlySet<string> = new Set([
  'system.facts',
  'system.bootTime',
  'system.reboot',
  'services.status',
  'services.restart',
  'services.ensureRunning',
  'services.stop',
  'network.adapters',
  'network.renameAdapters',
  'readiness.machine',
  'readiness.controller',
  'signing.enableTestSigning',
  'signing.importCertificate',
  'signing.driverReport',
  'signing.attestationCab',
  'driver.removePackages',
  'driver.install',
  'hvci.status',
  'hvci.enable',
  'shares.removeMappings',
  'hlk.machines',
  'hlk.setMachineReady',
  'hlk.pools',
  'hlk.createPool',
  'hlk.arrangePool',
  'hlk.projects',
  'hlk.createProject',
  'hlk.project',
  'hlk.addFeature',
  'hlk.playlists',
  'hlk.loadPlaylist',
  'hlk.tests',
  'hlk.rerunTest',
  'hlk.submissionTests',
  'tapdiag.status',
  'tapdiag.enable',
  'tapdiag.setLink',
  'tapdiag.setQ',
]);

export const notYetOnStandIn: Readonly<Record<string, string>> = {
  'readiness.reachability': 'its TCP probe and ping (TcpClient, Ping) reach the other machines, whose state the stand-in does not hold: it holds one machine',
  'logs.prepare': 'the snapshot programs, event log export and file system of log collection are not on the stand-in yet',
  'logs.hashFiles': 'the files of log collection are not on the stand-in yet',
  'logs.removeStaging': 'the files of log collection are not on the stand-in yet',
};
