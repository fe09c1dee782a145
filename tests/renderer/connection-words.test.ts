import { describe, expect, test } from 'vitest';
import { connectionDetailWords } from '../../renderer/lab/connection-words';
import { errorWords } from '../../renderer/operations/error-words';

describe('raw errors said in words', () => {
  test('socket error codes in a connection state\'s detail', () => {
    expect(connectionDetailWords('ECONNREFUSED: connect ECONNREFUSED 10.0.0.21:22; retrying in 8 s')).toBe(
      "10.0.0.21:22 refused the connection: nothing listens there (is the machine's OpenSSH Server running?) (ECONNREFUSED); retrying in 8 s",
    );
    expect(connectionDetailWords('getaddrinfo ENOTFOUND hlk-client1')).toBe("the name hlk-client1 is not known to DNS (a typo in the lab file's host?) (ENOTFOUND)");
    // Anything else is left as it was.
    expect(connectionDetailWords('connection lost; reconnecting')).toBe('connection lost; reconnecting');
    expect(connectionDetailWords('connect EWHATEVER 1.2.3.4:22')).toBe('connect EWHATEVER 1.2.3.4:22');
  });

  test('an operation error names what kind of failure it is in words', () => {
    expect(errorWords({ kind: 'script-error', message: 'WTTSTDIO is not set' })).toBe('the script failed: WTTSTDIO is not set');
    expect(errorWords({ kind: 'timeout', message: 'no answer in 30 s' })).toBe('no answer in time: no answer in 30 s');
  });
});
