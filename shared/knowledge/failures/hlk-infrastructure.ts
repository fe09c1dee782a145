import type { KnownFailure } from '../known-failure';

/** Failures of the HLK machinery itself: shares, name lookup, the controller's database. */

const wiki = 'OpenVPN wiki: HLK testing of tap-windows6' as const;

export const staleDriveMapping: KnownFailure = {
  id: 'staleDriveMapping',
  title: 'A stale network drive mapping blocks the HLK execution agent',
  logKinds: ['hlkExecutionAgent', 'hlkTask'],
  signatures: [
    { contains: '0x800704c3' },
    { contains: 'Multiple connections to a server or shared' },
    // net use's listing, as the wiki shows it: "Unavailable  R:        \\<controller>\HLKInstall  Microsoft Windows Network".
    { contains: 'Unavailable', pattern: /^\s*Unavailable\s+(?<fixValue>[A-Z]:)\s+\\\\/i },
  ],
  meaning:
    '0x800704c3 is Windows error 1219: the user already holds a connection to that server under other credentials. ' +
    "A remembered drive mapping to the controller (net use lists it as Unavailable) keeps the execution agent from " +
    "opening the controller's log share, so tests such as \"TDI filters and LSPs are not allowed\" fail before " +
    'they start.',
  remedy:
    'On the client, run net use and delete the mappings to the controller, above all those marked Unavailable ' +
    '(net use R: /delete for drive R:), then rerun the test.',
  source: { document: wiki, section: 'TDI filters and LSPs are not allowed' },
  fix: { operation: 'shares.removeMappings', params: {}, paramFromLines: 'localPaths', title: 'Delete the drive mapping {values}' },
};

export const controllerNameNotResolved: KnownFailure = {
  id: 'controllerNameNotResolved',
  title: 'The HLK client could not resolve a host name (winsock 11001)',
  logKinds: ['hlkExecutionAgent', 'hlkTask'],
  signatures: [{ contains: 'winsockerror code of 11001' }, { contains: 'WSAHOST_NOT_FOUND' }],
  meaning:
    'Winsock error 11001 means a name lookup failed: the execution agent could not find the machine it wanted to ' +
    "reach, usually the HLK controller. In the wiki's log it comes just before the stale drive mapping error.",
  remedy:
    'From the client, ping the controller by the exact name HLK uses for it (the fully qualified name if it has one) ' +
    'and fix DNS or the hosts file until it resolves; check net use for stale mappings to the same controller too.',
  source: { document: wiki, section: 'TDI filters and LSPs are not allowed' },
};

export const hlkDuplicateDatabaseKey: KnownFailure = {
  id: 'hlkDuplicateDatabaseKey',
  title: "The HLK controller's database refused a duplicate key",
  logKinds: ['hlkTask', 'hlkExecutionAgent'],
  signatures: [{ contains: 'Cannot insert duplicate key' }],
  meaning:
    'HLK has got into an inconsistent state: scheduling a (usually two-machine) test tried to store a record the ' +
    "controller's database already holds. The wiki found no rule for when this happens or which remedy works.",
  remedy:
    'Try, checking after each step: restart the HLKSvc service; reboot the controller, clients and support machine; ' +
    'create a new project; move the clients to a new pool; delete the clients from the pool and add them again; ' +
    'reinstall the HLK client software.',
  source: { document: wiki, section: 'HLK logging (strange states)' },
  signatureOrigin:
    "The wiki names \"duplicate database key errors\" without quoting one; the text is SQL Server's wording for " +
    'that error (the HLK controller keeps its data in SQL Server).',
  fix: { operation: 'services.restart', params: { name: 'HLKSvc' }, title: 'Restart the HLKSvc service' },
};
