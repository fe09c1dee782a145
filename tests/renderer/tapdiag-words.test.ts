import { describe, expect, it } from 'vitest';
import type { LinkcheckView, TapdiagStatusView } from '../../shared/tapdiag/views';
import { testCountsText, machineStatusWords } from '../../renderer/hlk/hlk-words';
import { linkcheckProgressText, mediaWords, setWords, tapdiagBlocked } from '../../renderer/tapdiag/tapdiag-words';

const status = (change: Partial<TapdiagStatusView>): TapdiagStatusView => ({
  toolPath: 'C:\\Program Files\\TAP-Windows\\bin\\tapdiag.exe',
  toolFound: true,
  registryEnabled: true,
  endpoint: 'open',
  adapters: [],
  at: '2025-11-19T02:14:00Z',
  ...change,
});

describe('tapdiag in words', () => {
  it('says why the buttons cannot work: no tool, no TAP adapter, or the endpoint closed (then enabling can help)', () => {
    expect(tapdiagBlocked(null)).toEqual({ link: null, enable: null });
    expect(tapdiagBlocked(status({}))).toEqual({ link: null, enable: null });
    expect(tapdiagBlocked(status({ toolFound: false, endpoint: 'unknown' }))).toEqual({ link: 'copy tapdiag.exe to the machine first', enable: 'copy tapdiag.exe to the machine first' });
    expect(tapdiagBlocked(status({ endpoint: 'no-adapter' })).enable).toBe('there is no TAP adapter');
    expect(tapdiagBlocked(status({ endpoint: 'closed' }))).toEqual({ link: 'enable tapdiag first: the driver’s endpoint is closed', enable: null });
  });

  it('reads the link as Windows reports it, and what was set', () => {
    expect(mediaWords('Disconnected')).toMatchObject({ down: true, text: 'link down (disconnected)' });
    expect(mediaWords('Connected')).toMatchObject({ down: false, tone: 'good' });
    expect(setWords({ link: 'off', q: 'on' })).toBe('link off and 802.1Q on');
    expect(setWords({ link: null, q: 'always' })).toBe('802.1Q always');
  });

  it('says where the guided LinkCheck is', () => {
    const view = (change: Partial<LinkcheckView>): LinkcheckView => ({ machine: 'client1', method: 'tapdiag', cycle: 1, current: 3, steps: Array.from({ length: 6 }, (_, i) => ({ n: i + 1, kind: 'confirm', text: '', state: 'pending', at: null, error: null })), outcome: 'running', unplugged: false, plugError: null, ...change });
    expect(linkcheckProgressText(view({}))).toBe('Step 3 of 6, round 1');
    expect(linkcheckProgressText(view({ outcome: 'done', cycle: 2 }))).toBe('Done after 2 rounds');
    expect(linkcheckProgressText(view({ outcome: 'cancelled' }))).toBe('Cancelled');
  });
});

describe('HLK in words', () => {
  it('counts the tests by state, worst first, leaving out states with none', () => {
    expect(testCountsText({ failed: 1, running: 1, queued: 0, cancelled: 0, 'not run': 5, passed: 3 })).toBe('10 tests: 1 failed, 1 running, 5 not run, 3 passed');
    expect(testCountsText({ failed: 0, running: 0, queued: 0, cancelled: 0, 'not run': 0, passed: 0 })).toBe('0 tests');
  });

  it('spells HLK’s machine statuses as Studio shows them', () => {
    expect(machineStatusWords('NotReady')).toBe('Not ready');
    expect(machineStatusWords('Ready')).toBe('Ready');
  });
});
