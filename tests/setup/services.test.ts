import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serviceLab, type ServiceLab } from './service-lab';

/** Starting, stopping and restarting OpenVPN and the HLK services through the api, and what lack of rights says. */

describe('service buttons', () => {
  let s: ServiceLab;
  beforeAll(async () => {
    s = await serviceLab({ scenario: 'ready' });
    await s.settled();
  });
  afterAll(async () => s?.close());

  test('OpenVPN: stop takes the tunnel down (and the checks say so), start brings it back, restart keeps it running', async () => {
    const stopped = await s.call('services.control', { machine: 'client1', services: 'openvpn', action: 'stop' });
    expect(stopped).toMatchObject({ ok: true, error: null, services: [{ name: 'OpenVPNService', status: 'Stopped' }] });
    expect(stopped.readiness!.checks.find((c) => c.check === 'openvpn-service')!.status).toBe('fail');
    expect(stopped.readiness!.checks.find((c) => c.check === 'tap-ipv6')!.status).toBe('fail');
    const started = await s.call('services.control', { machine: 'client1', services: 'openvpn', action: 'start' });
    expect(started).toMatchObject({ ok: true, services: [{ name: 'OpenVPNService', status: 'Running' }], readiness: { ready: true } });
    const restarted = await s.call('services.control', { machine: 'client1', services: 'openvpn', action: 'restart' });
    expect(restarted).toMatchObject({ ok: true, services: [{ name: 'OpenVPNService', status: 'Running', startType: 'Automatic' }] });
  });

  test('OpenVPNServiceLegacy is the one acted on where it is the one that runs', async () => {
    const host = s.lab.host('client2');
    host.service('OpenVPNService')!.status = 'Stopped';
    host.service('OpenVPNService')!.startType = 'Manual';
    host.service('OpenVPNServiceLegacy')!.status = 'Running';
    host.service('OpenVPNServiceLegacy')!.startType = 'Automatic';
    const restarted = await s.call('services.control', { machine: 'client2', services: 'openvpn', action: 'restart' });
    expect(restarted).toMatchObject({ ok: true, services: [{ name: 'OpenVPNServiceLegacy', status: 'Running' }] });
    expect(host.service('OpenVPNService')!.status).toBe('Stopped');
  });

  test('the HLK services: the client\'s HLKSvc, the controller\'s HLKSvc and WTTSvc', async () => {
    expect(await s.call('services.control', { machine: 'client1', services: 'hlk', action: 'restart' })).toMatchObject({ ok: true, services: [{ name: 'HLKSvc', status: 'Running' }] });
    const controller = await s.call('services.control', { machine: 'controller', services: 'hlk', action: 'restart' });
    expect(controller.services.map((x) => x.name)).toEqual(['HLKSvc', 'WTTSvc']);
    expect(controller.readiness!.checks.find((c) => c.check === 'hlk-controller-services')!.status).toBe('pass');
  });

  test('without elevation, stopping says so', async () => {
    s.lab.host('support').system.elevated = false;
    try {
      const refused = await s.call('services.control', { machine: 'support', services: 'openvpn', action: 'stop' });
      expect(refused).toMatchObject({ ok: false, error: { kind: 'script-error', message: expect.stringMatching(/^This needs an elevated session: Administrator is not running as an administrator here/) } });
      expect(s.lab.host('support').service('OpenVPNService')!.status).toBe('Running');
    } finally {
      s.lab.host('support').system.elevated = true;
    }
  });

  test('a machine without OpenVPN says so', async () => {
    const host = s.lab.host('client2');
    const saved = [...host.services.entries()];
    for (const name of ['openvpnservice', 'openvpnservicelegacy']) host.services.delete(name);
    try {
      const refused = await s.call('services.control', { machine: 'client2', services: 'openvpn', action: 'start' });
      expect(refused).toMatchObject({ ok: false, error: { message: 'client2 has none of the services OpenVPNService, OpenVPNServiceLegacy' } });
    } finally {
      host.services = new Map(saved);
    }
  });

  test('an operation is run only on a role it is for: HLK\'s on the controller, tapdiag on the clients and the support machine', async () => {
    expect(await s.refused('operations.run', { machine: 'client1', operation: 'hlk.pools', params: {} })).toEqual({
      code: 'invalid-request',
      message: 'List HLK machine pools runs on the controller; client1 is a client',
    });
    expect(await s.refused('operations.run', { machine: 'controller', operation: 'tapdiag.status', params: {} })).toMatchObject({
      code: 'invalid-request',
      message: expect.stringMatching(/ runs on a client or the support machine; controller is the controller$/),
    });
    const pools = await s.call('operations.run', { machine: 'controller', operation: 'hlk.pools', params: {} });
    expect(pools.ok).toBe(true);
  });
});
