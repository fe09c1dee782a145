import { describe, expect, it } from 'vitest';
import { behaviours, SimulatedScriptError } from '../../electron/practice-lab/behaviours';
import { PRACTICE_DRIVER_FOLDER, practiceDriverFolder, scenarios } from '../../electron/practice-lab/scenarios';
import { SimulatedHost } from '../../electron/practice-lab/simulated-host';
import { findOperation } from '../../shared/operations';

/**
 * driver.install in the practice lab's model: what the differential suite holds the real script to. These
 * tests say what the answers must be: the adapter appears, old packages go, the version is confirmed.
 */

function host(scenario: 'fresh' | 'broken', name: string): SimulatedHost {
  return new SimulatedHost(scenarios[scenario]().hosts.find((h) => h.name === name)!);
}

function install(h: SimulatedHost, params: { folder: string; infName: string; hardwareId: string }) {
  const network = { hosts: () => [h], ping: () => ({ answered: false, detail: '' }), connect: () => ({ open: false, detail: '' }), now: () => Date.now() };
  return findOperation('driver.install')!.result.parse(behaviours['driver.install']!({ host: h, network, scheduleReboot: () => undefined }, params)) as {
    version: string;
    installer: string;
    removed: string[];
    packages: Array<{ publishedName: string; version: string }>;
    adapter: { name: string; driverVersion: string } | null;
    confirmed: boolean;
  };
}

const TAP = { folder: PRACTICE_DRIVER_FOLDER, infName: 'OemVista.inf', hardwareId: 'tap0901' };

describe('driver.install (practice lab model)', () => {
  it('creates the TAP adapter on a fresh client with tapinstall and confirms the INF version', () => {
    const h = host('fresh', 'client1');
    expect(h.adapters.some((a) => a.componentId === 'tap0901')).toBe(false);
    const r = install(h, TAP);
    expect(r).toMatchObject({ version: '9.24.6.601', installer: 'tapinstall install', removed: [], confirmed: true, adapter: { name: 'Ethernet 2', driverVersion: '9.24.6.601' } });
    expect(r.packages).toEqual([{ publishedName: 'oem4.inf', version: '9.24.6.601' }]);
    // Twice is the same: tapinstall updates the adapter it created, the store keeps one package.
    const again = install(h, TAP);
    expect(again).toMatchObject({ installer: 'tapinstall update', confirmed: true, packages: r.packages });
    expect(h.adapters.filter((a) => a.componentId === 'tap0901')).toHaveLength(1);
  });

  it('replaces an old driver the adapter uses and leaves one package of it in the store', () => {
    const h = host('broken', 'support');
    expect(h.driverStore.map((d) => d.publishedName)).toContain('oem9.inf');
    h.storedFiles = practiceDriverFolder('C:\\New');
    const r = install(h, { ...TAP, folder: 'C:\\New' });
    // oem9 (9.21.2.0) was in use before the update, so it goes only after it.
    expect(r.removed).toEqual(['oem9.inf']);
    expect(r.packages).toEqual([{ publishedName: 'oem10.inf', version: '9.24.6.601' }]);
    expect(r.confirmed).toBe(true);
  });

  it('says it cannot confirm when pnputil alone finds no adapter to install on', () => {
    const h = host('fresh', 'support');
    h.storedFiles = practiceDriverFolder('C:\\D', undefined, false);
    const r = install(h, { ...TAP, folder: 'C:\\D' });
    expect(r).toMatchObject({ installer: 'pnputil /add-driver /install', adapter: null, confirmed: false });
  });

  it('fails with the reason on an unelevated session and a folder without the INF', () => {
    const h = host('fresh', 'client2');
    h.system.elevated = false;
    expect(() => install(h, TAP)).toThrow(/tapinstall install failed \(exit code 2\): tapinstall.exe failed/);
    expect(() => install(h, { ...TAP, folder: 'C:\\Nowhere' })).toThrow(SimulatedScriptError);
    expect(() => install(h, { ...TAP, folder: 'C:\\Nowhere' })).toThrow('The driver folder C:\\Nowhere has no OemVista.inf.');
  });

  it('refuses a relative folder and a file that is not an INF before anything runs', () => {
    const params = findOperation('driver.install')!.params;
    expect(params.safeParse({ ...TAP, folder: 'driver' }).success).toBe(false);
    expect(params.safeParse({ ...TAP, infName: 'setup.exe' }).success).toBe(false);
    expect(params.safeParse({ ...TAP, folder: '\\\\HLK-CONTROLLER\\drivers\\tap' }).success).toBe(true);
  });
});
