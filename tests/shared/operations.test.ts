import { describe, expect, it } from 'vitest';
import { findOperation, operations } from '../../shared/operations';
import { servicesRestart, servicesStatus } from '../../shared/operations/services';
import { behaviourFor } from '../../electron/practice-lab/behaviours';
import { filler } from '../support/string-params';

describe('operations', () => {
  it('have unique names that findOperation finds', () => {
    const names = operations.map((op) => op.name);
    expect(new Set(names).size).toBe(names.length);
    for (const op of operations) expect(findOperation(op.name)).toBe(op);
    expect(findOperation('toString')).toBeUndefined();
  });

  it('each have a behaviour in the practice lab (the compiler checks the map), and nothing else does', () => {
    for (const op of operations) expect(behaviourFor(op.name), op.name).toBeTypeOf('function');
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) expect(behaviourFor(name), name).toBeUndefined();
  });

  it('each have a time limit and a strict parameter schema', () => {
    for (const op of operations) {
      expect(op.timeoutMs, op.name).toBeGreaterThan(0);
      const valid = filler(op.params) as Record<string, unknown>;
      expect(op.params.safeParse(valid).success, op.name).toBe(true);
      expect(op.params.safeParse({ ...valid, injected: '$(Stop-Computer)' }).success, op.name).toBe(false);
    }
  });
});

describe('service names', () => {
  const accepts = (name: string) =>
    servicesStatus.params.safeParse({ names: [name] }).success && servicesRestart.params.safeParse({ name }).success;

  it.each(['OpenVPNService', 'HLKSvc', 'MSSQL$SQLEXPRESS', 'Tcpip6', 'wuauserv', "O'Brien", 'a `b', 'x'.repeat(256)])('accepts %j', (name) => {
    expect(accepts(name)).toBe(true);
  });

  // Get-Service -Name and Restart-Service -Name expand wildcards: "*" would restart every running service.
  it.each(['*', 'OpenVPN*', 'HLKSv?', '[a-z]*', 'Tcpip[6]', 'a]b'])('refuses the wildcard name %j', (name) => {
    expect(accepts(name)).toBe(false);
  });

  it.each(['', 'C:\\Windows\\evil', 'a/b', 'a\0b', 'a\nb', 'a\rb', 'x'.repeat(257)])('refuses %j', (name) => {
    expect(accepts(name)).toBe(false);
  });

  it('takes 1 to 64 names for status', () => {
    expect(servicesStatus.params.safeParse({ names: [] }).success).toBe(false);
    expect(servicesStatus.params.safeParse({ names: Array(64).fill('sshd') }).success).toBe(true);
    expect(servicesStatus.params.safeParse({ names: Array(65).fill('sshd') }).success).toBe(false);
  });
});
