import { describe, expect, it } from 'vitest';
import { encodeRequest, LOOP_FUNCTIONS } from '../../electron/transport/framing';
import { LOAD_FUNCTIONS_COMMAND, requestCommand } from '../../electron/transport/local-link';

// The local link cannot run here (no Windows PowerShell); these tests pin what it would send.
describe('local link commands', () => {
  it('loads exactly the request-loop functions, as base64 data', () => {
    const b64 = /FromBase64String\('([A-Za-z0-9+/=]+)'\)/.exec(LOAD_FUNCTIONS_COMMAND)?.[1];
    expect(b64).toBeDefined();
    expect(Buffer.from(b64!, 'base64').toString('utf8')).toBe(LOOP_FUNCTIONS);
  });

  it('puts a request line into the command only as base64, whatever the values', () => {
    const line = encodeRequest({ id: '7', op: 'services.status', sha: 'ab', params: { names: ["x'); Stop-Computer; ('"] } }).trimEnd();
    const command = requestCommand(line);
    expect(command).toBe(`Format-HlkaFrame (Invoke-HlkaRequest '${line}')`);
    expect(command).not.toContain('Stop-Computer');
  });

  it('refuses anything that is not base64', () => {
    expect(() => requestCommand("abc'; Stop-Computer; '")).toThrow(/base64/);
    expect(() => requestCommand('')).toThrow(/base64/);
  });
});
