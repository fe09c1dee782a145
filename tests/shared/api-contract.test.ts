import { describe, expect, it } from 'vitest';
import { isApiMethod, requestSchemas, type ApiMethod, type ApiParams } from '../../shared/api';

/** One valid request per method. A method added to the contract without an example fails the first test. */
const examples: { [M in ApiMethod]?: ApiParams<M> } = {
  'app.snapshot': {},
  'lab.startPractice': {},
  'lab.open': { path: 'labs/hlk-1809.json' },
  'machines.connect': { machine: 'client1', password: 'correct horse battery staple' },
  'machines.disconnect': { machine: 'client1' },
  'machines.trustPresentedHostKey': { machine: 'client1', fingerprint: 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU' },
  'machines.acknowledgeReboot': { machine: 'client1' },
  'operations.list': {},
  'operations.run': { machine: 'client1', operation: 'services.status', params: { names: ['OpenVPNService'] } },
  'readiness.checks': {},
  'readiness.snapshot': {},
  'readiness.run': { machine: 'client1', check: 'openvpn-service' },
  'readiness.fix': { machine: 'client1', check: 'openvpn-service' },
  'readiness.setWatchInterval': { seconds: 300 },
  'logs.collect': { machines: ['client1', 'support'], extraPaths: ['C:\\Program Files\\OpenVPN\\config\\*.ovpn', '%SystemRoot%\\Logs\\CBS'], zip: true },
  'logs.resume': { run: '2024-04-29T08-12-01Z' },
  'logs.cancel': { run: '2024-04-29T08-12-01Z-2' },
  'logs.runs': {},
  'logs.manifest': { run: '2024-04-29T08-12-01Z' },
  'logs.open': { path: '2024-04-29T08-12-01Z/client2/files/C/Windows/INF/setupapi.dev.log' },
  'logs.readLines': { file: '/home/operator/hlk/setupapi.dev.log', from: 999_990, count: 200 },
  'logs.search': { file: '/home/operator/hlk/setupapi.dev.log', query: '^!!!', regex: true, caseSensitive: false, limit: 1000, fromLine: 1 },
  'logs.analyze': { paths: ['2024-04-29T08-12-01Z', '/home/operator/hlk/hlk.log'] },
  'logs.pick': {},
  'logs.cancelSearch': { searchId: 'search-7' },
  'logs.taskLog': { machine: 'client1', test: 'NDISTest 6.0 - [1 Machine] - 1c_FaultHandling' },
  'checklists.catalogue': {},
  'checklists.progress': {},
  'checklists.selectProject': { project: 'tap-windows6 9.24.6' },
  'checklists.verify': { checklist: 'client-preparation', machine: 'client1' },
  'checklists.confirm': { checklist: 'test-2c-mini6stress', step: 'kernel-debugger', machine: 'client1', confirmed: true },
  'checklists.fix': { checklist: 'controller-project', step: 'pool-order', machine: 'controller' },
  'hlk.state': {},
  'hlk.pools': {},
  'hlk.createPool': { name: 'tap-windows6' },
  'hlk.arrangePool': { pool: 'tap-windows6', setReady: true },
  'hlk.setReady': { machines: ['client1', 'support'] },
  'hlk.projects': {},
  'hlk.openProject': { name: 'tap-windows6', create: true },
  'hlk.addLanFeature': { project: 'tap-windows6' },
  'hlk.playlists': {},
  'hlk.loadPlaylist': { project: 'tap-windows6', path: 'C:\\HLK\\Playlists\\HLK Version 1809 CompatPlaylist x64 Server.xml' },
  'hlk.tests': { project: 'tap-windows6' },
  'hlk.rerunTest': { project: 'tap-windows6', test: '1597d1fd-055a-43c7-b4c7-5396ab1ad525' },
  'hlk.watchTests': { seconds: 30 },
  'pass.events': {},
  'alerts.settings': {},
  'alerts.configure': { alerts: { kinds: { infrastructure: true, 'test-failure': true, 'probable-hang': true, progress: false }, desktop: true, webhook: 'https://chat.example.test/hooks/lab' } },
  'alerts.test': {},
  'submission.check': {},
  'signing.state': {},
  'signing.read': { machine: 'controller', folder: 'C:\\HLK\\Submission\\tap-windows6' },
  'signing.attestation': { machine: 'controller', folder: 'C:\\HLK\\Submission\\tap-windows6', outputFolder: 'C:\\HLK\\Attestation', cabName: 'tap0901-amd64.cab' },
  'tapdiag.state': {},
  'tapdiag.refresh': { machine: 'client1' },
  'tapdiag.enable': { machine: 'client1' },
  'tapdiag.setLink': { machine: 'client1', link: 'off' },
  'tapdiag.setQ': { machine: 'support', mode: 'always' },
  'tapdiag.reapply': { machine: 'client1' },
  'tapdiag.setAutoReapply': { enabled: true },
  'linkcheck.start': { machine: 'client1', method: 'tapdiag' },
  'linkcheck.advance': { again: false },
  'linkcheck.cancel': {},
  'linkcheck.state': {},
  'services.control': { machine: 'client1', services: 'openvpn', action: 'restart' },
  'machines.rebootAndWait': { machine: 'support', timeoutSeconds: 900 },
  'adapters.applyNames': { machine: 'support' },
  'journal.query': { machine: 'client1', kinds: ['operation', 'tapdiag'], since: '2024-04-29T08:12:01Z', limit: 200 },
  'report.export': { format: 'html', path: 'pass-2024-04-29.html' },
};

const methods = Object.keys(requestSchemas) as ApiMethod[];

function accepts(method: ApiMethod, params: unknown): boolean {
  return requestSchemas[method].safeParse(params).success;
}

describe('requestSchemas', () => {
  it('has a valid example for every method, and accepts it', () => {
    expect(methods.filter((m) => !(m in examples))).toEqual([]);
    for (const method of methods) expect(accepts(method, examples[method]), method).toBe(true);
  });

  it.each(methods)('%s rejects an extra field', (method) => {
    expect(accepts(method, { ...examples[method], extra: true })).toBe(false);
    expect(accepts(method, { ...examples[method], script: 'Remove-Item C:\\ -Recurse' })).toBe(false);
  });

  it.each(methods)('%s rejects what is not an object', (method) => {
    for (const value of [null, undefined, 'client1', 42, [], [examples[method]]]) expect(accepts(method, value)).toBe(false);
  });

  it.each(methods)('%s rejects a __proto__ field sent as JSON', (method) => {
    const fields = JSON.stringify(examples[method]).slice(1, -1);
    const json = `{"__proto__":{"polluted":true}${fields ? `,${fields}` : ''}}`;
    expect(accepts(method, JSON.parse(json))).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['lab.open', { path: 42 }],
    ['lab.open', { path: ['labs/a.json'] }],
    ['machines.connect', { machine: 42 }],
    ['machines.connect', { machine: 'client1', password: 1234 }],
    ['machines.connect', { machine: 'client1', password: null }],
    ['machines.disconnect', { machine: null }],
    ['machines.disconnect', {}],
    ['machines.trustPresentedHostKey', { machine: 'client1', fingerprint: true }],
    ['machines.trustPresentedHostKey', { machine: 'client1' }],
    ['operations.run', { machine: 'client1', operation: 'services.status', params: [] }],
    ['operations.run', { machine: 'client1', operation: 'services.status', params: 'names=sshd' }],
    ['operations.run', { machine: 'client1', operation: 'services.status', params: null }],
    ['operations.run', { machine: 'client1', operation: 7, params: {} }],
    ['operations.run', { machine: 'client1', operation: 'services.status' }],
  ] as const)('%s rejects wrong types: %j', (method, params) => {
    expect(accepts(method, params)).toBe(false);
  });

  it.each([
    ['lab.open', { path: '' }],
    ['machines.connect', { machine: '' }],
    ['machines.trustPresentedHostKey', { machine: 'client1', fingerprint: '' }],
    ['operations.run', { machine: 'client1', operation: '', params: {} }],
  ] as const)('%s rejects an empty value: %j', (method, params) => {
    expect(accepts(method, params)).toBe(false);
  });

  it.each([
    ['lab.open', (n: number) => ({ path: 'p'.repeat(n) }), 4096],
    ['machines.connect', (n: number) => ({ machine: 'm'.repeat(n) }), 64],
    ['machines.connect', (n: number) => ({ machine: 'client1', password: 'p'.repeat(n) }), 1024],
    ['machines.disconnect', (n: number) => ({ machine: 'm'.repeat(n) }), 64],
    ['machines.acknowledgeReboot', (n: number) => ({ machine: 'm'.repeat(n) }), 64],
    ['machines.trustPresentedHostKey', (n: number) => ({ machine: 'client1', fingerprint: 'f'.repeat(n) }), 200],
    ['operations.run', (n: number) => ({ machine: 'client1', operation: 'o'.repeat(n), params: {} }), 100],
    ['operations.run', (n: number) => ({ machine: 'm'.repeat(n), operation: 'system.facts', params: {} }), 64],
  ] as const)('%s takes values up to their limit and rejects longer ones (%#)', (method, make, limit) => {
    expect(accepts(method, make(limit))).toBe(true);
    expect(accepts(method, make(limit + 1))).toBe(false);
  });

  it('passes operation parameters through as data for the operation to validate', () => {
    const params = { names: ["O'Brien", '$(Remove-Item C:\\)'], nested: { deep: [1, null, { x: 'y' }] } };
    const parsed = requestSchemas['operations.run'].parse({ machine: 'client1', operation: 'services.status', params });
    expect(parsed.params).toEqual(params);
  });
});

describe('lab.startPractice', () => {
  it('takes no scenario (the ready lab) or one of the practice scenarios, and nothing else', () => {
    for (const params of [{}, { scenario: 'ready' }, { scenario: 'fresh' }, { scenario: 'broken' }]) expect(accepts('lab.startPractice', params)).toBe(true);
    for (const scenario of ['', 'Broken', 'chaos', null, 1]) expect(accepts('lab.startPractice', { scenario })).toBe(false);
  });
});

describe('collection requests', () => {
  it.each(['', 'latest', '2024-04-29', '2024-04-29T08:12:01Z', '../2024-04-29T08-12-01Z', '2024-04-29T08-12-01Z/..', '2024-04-29T08-12-01Z-1000'])(
    'refuse the run id %j',
    (run) => {
      for (const method of ['logs.resume', 'logs.cancel', 'logs.manifest'] as const) expect(accepts(method, { run })).toBe(false);
    },
  );

  it.each(['setupapi.dev.log', 'Windows\\INF', '\\\\controller\\tests\\x.log', 'C:', 'C:\\a"b', 'C:\\a|b', 'C:\\a\nb', 'C:\\a\u0000b', `C:\\${'x'.repeat(1022)}`])(
    'refuse the extra path %j',
    (path) => {
      expect(accepts('logs.collect', { extraPaths: [path] })).toBe(false);
    },
  );

  it('takes at most 64 extra paths and 64 machines, and none empty', () => {
    expect(accepts('logs.collect', { extraPaths: Array(64).fill('C:\\x') })).toBe(true);
    expect(accepts('logs.collect', { extraPaths: Array(65).fill('C:\\x') })).toBe(false);
    expect(accepts('logs.collect', { machines: [] })).toBe(false);
    expect(accepts('logs.collect', { machines: Array(65).fill('client1') })).toBe(false);
  });
});

describe('isApiMethod', () => {
  it.each(methods)('knows %s', (method) => {
    expect(isApiMethod(method)).toBe(true);
  });

  it.each([
    'toString',
    'constructor',
    '__proto__',
    'hasOwnProperty',
    'valueOf',
    '',
    'APP.SNAPSHOT',
    'app.snapshot ',
    'operations',
    'operations.run.extra',
    null,
    undefined,
    42,
    {},
    ['app.snapshot'],
  ])('rejects %j', (name) => {
    expect(isApiMethod(name)).toBe(false);
  });
});
