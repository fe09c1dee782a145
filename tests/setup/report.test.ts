import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serviceLab, until, type ServiceLab } from './service-lab';

/**
 * The pass report through the api, Markdown and HTML: readiness of every machine, checklist progress, the
 * journal; the HTML is one file that loads nothing, and a hostile text from a machine is escaped in both.
 */

const HOSTILE = '<img src=x onerror=alert(1)>';

describe('the pass report', () => {
  let s: ServiceLab;
  beforeAll(async () => {
    s = await serviceLab({ scenario: 'broken' });
    await s.settled();
    await s.call('checklists.verify', {});
    await s.call('checklists.confirm', { checklist: 'test-2c-mini6stress', step: 'kernel-debugger', machine: 'client1', confirmed: true });
    // A machine answers with a text that would be markup: PowerShell's error names the service it did not find.
    const refused = await s.call('operations.run', { machine: 'client1', operation: 'services.restart', params: { name: HOSTILE } });
    expect(refused).toMatchObject({ ok: false, error: { message: `There is no service named ${HOSTILE} on this machine.` } });
    await until(() => s.pushed('journal').find((e) => e.text.includes(HOSTILE)), 'the failure in the journal');
  });
  afterAll(async () => s?.close());

  test('Markdown: readiness, checklist progress and the journal, with the hostile text escaped', async () => {
    const report = await s.call('report.export', { format: 'markdown' });
    expect(report.path).toBeNull();
    const md = report.text;
    expect(md).toMatch(/^# HLK pass report: Setup test lab\n/);
    expect(md).toContain('## Readiness');
    expect(md).toContain('- client2 (client): not ready: Windows build matches the HLK kit:');
    expect(md).toContain('| adapter-names | fail | no adapter is named MessageDevice (the LAN adapter is \'Ethernet\') |');
    expect(md).toContain('## Checklists (project tap-windows6)');
    expect(md).toMatch(/- Controller and project setup: \d+ of 11 done/);
    expect(md).toContain('| A kernel debugger attached to the client | client1 | manual-confirmed | confirmed: A kernel debugger is attached to the client |');
    expect(md).toContain('## Journal');
    expect(md).toContain('Restart a service: failed (script-error): There is no service named &lt;img src=x onerror=alert(1)&gt; on this machine.');
    expect(md).not.toContain(HOSTILE);
  });

  test('HTML: one self-contained file that loads nothing, every value escaped, written to reports/ when named', async () => {
    const report = await s.call('report.export', { format: 'html', path: 'pass-report.html' });
    const html = report.text;
    expect(report.path).toBe(join(s.dataDir, 'reports', 'pass-report.html'));
    expect(await readFile(report.path!, 'utf8')).toBe(html);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    // No element that loads or runs anything, and no tag with a src or href (escaped text may say "src=").
    expect(html).not.toMatch(/<(script|link|img|iframe|object)\b/i);
    expect(html).not.toMatch(/<[^>]*\s(src|href)=/i);
    expect(html).toContain('There is no service named &lt;img src=x onerror=alert(1)&gt; on this machine.');
    expect(html).toContain('<h2>Readiness</h2>');
    expect(html).toContain('<td>adapter-names</td><td>fail</td><td>no adapter is named MessageDevice (the LAN adapter is &#39;Ethernet&#39;)</td>');
    expect(html).toContain('<h2>Checklists (project tap-windows6)</h2>');
    expect(html).toContain('<td>A kernel debugger attached to the client</td><td>client1</td><td>manual-confirmed</td>');
    // The operation entries carry their parameters and script hash.
    expect(html).toMatch(/\[services\.restart \{&quot;name&quot;:&quot;&lt;img src=x onerror=alert\(1\)&gt;&quot;,&quot;waitSeconds&quot;:60\}, script sha256 [0-9a-f]{12}\]/);
    await until(() => s.pushed('journal').find((e) => e.text === 'pass report written to reports/pass-report.html'), 'the export journaled');
  });

  test('a file name with a folder in it is refused', async () => {
    expect(await s.refused('report.export', { format: 'html', path: '../outside.html' })).toMatchObject({ code: 'invalid-request' });
    expect(await s.refused('report.export', { format: 'markdown', path: 'sub/report.md' })).toMatchObject({ code: 'invalid-request' });
  });
});
