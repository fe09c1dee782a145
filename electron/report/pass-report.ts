import type { ReadinessSnapshot } from '../../shared/readiness/results';
import type { ChecklistProgressView } from '../../shared/checklists/types';
import type { HlkStateView } from '../../shared/hlk/views';
import type { JournalEntryView, OperationEntryData } from '../../shared/journal';
import type { TapdiagView } from '../../shared/tapdiag/views';
import type { SigningStateView } from '../../shared/signing/views';
import { signingSection } from './signing-section';

/**
 * The pass report: readiness of every machine, checklist progress, tapdiag and HLK state, and the journal,
 * as Markdown or as one self-contained HTML file (inline style, no script, a CSP that loads nothing). Every
 * value comes from machines, the lab file or the operator, so every value is escaped: a machine event text
 * cannot turn into markup in either format.
 */

export interface PassReportData {
  lab: { name: string; id: string; source: 'practice' | 'file'; path: string | null };
  generatedAt: string;
  readiness: ReadinessSnapshot;
  checklists: ChecklistProgressView;
  tapdiag: TapdiagView;
  hlk: HlkStateView;
  signing: SigningStateView;
  journal: { entries: JournalEntryView[]; matched: number; unreadable: number };
}

export type ReportFormat = 'markdown' | 'html';

export interface Section {
  title: string;
  /** Paragraphs of plain text. */
  notes: string[];
  tables: Array<{ caption: string | null; head: string[]; rows: string[][] }>;
}

export function passReport(format: ReportFormat, data: PassReportData): string {
  const sections = reportSections(data);
  const title = `HLK pass report: ${data.lab.name}`;
  const intro = `Generated ${data.generatedAt} by hlk-assist for the lab ${data.lab.name}${data.lab.path ? ` (${data.lab.path})` : data.lab.source === 'practice' ? ' (the practice lab)' : ''}.`;
  return format === 'markdown' ? markdown(title, intro, sections) : html(title, intro, sections);
}

function reportSections(data: PassReportData): Section[] {
  const readiness: Section = {
    title: 'Readiness',
    notes: data.readiness.machines.map((m) => `${m.machine} (${m.role}): ${m.summary}${m.checkedAt ? `, checked ${m.checkedAt}` : ''}`),
    tables: data.readiness.machines.map((m) => ({
      caption: `${m.machine} (${m.role})`,
      head: ['Check', 'Status', 'Evidence'],
      rows: m.checks.map((c) => [c.check, c.status, c.evidence]),
    })),
  };
  const checklists: Section = {
    title: `Checklists (project ${data.checklists.project})`,
    notes: data.checklists.checklists.map((c) => `${c.title}: ${c.done} of ${c.total} done`),
    tables: data.checklists.checklists.map((c) => ({
      caption: c.title,
      head: ['Step', 'Machine', 'State', 'Evidence'],
      rows: c.steps.flatMap((s) => s.machines.map((m) => [s.title, m.machine, m.state, m.evidence])),
    })),
  };
  const tapdiag: Section = {
    title: 'tapdiag',
    notes: [data.tapdiag.autoReapply ? 'Settings are applied again by themselves after a reboot.' : 'Settings are not applied again by themselves after a reboot.'],
    tables: [
      {
        caption: null,
        head: ['Machine', 'Link', '802.1Q', 'Set at', 'State', 'Endpoint'],
        rows: data.tapdiag.machines.map((m) => [
          m.machine,
          m.link ?? 'not set',
          m.q ?? 'not set',
          m.setAt ?? '',
          m.lost ? `lost (reboot noticed ${m.lostAt})` : m.link !== null || m.q !== null ? 'holds' : '',
          m.status ? `${m.status.endpoint}${m.status.toolFound ? '' : ' (tapdiag.exe missing)'}` : 'not read',
        ]),
      },
    ],
  };
  const tests = data.hlk.tests;
  const hlk: Section = {
    title: 'HLK',
    notes: [
      ...(data.hlk.project ? [`Project ${data.hlk.project.name}: product types ${data.hlk.project.productTypes.join(', ') || 'none'}${data.hlk.project.lanAdvice ? `. ${data.hlk.project.lanAdvice}` : ''}`] : []),
      ...(data.hlk.pools ? [`Pool ${data.hlk.pools.order.pool}: ${data.hlk.pools.order.ok ? 'clients first, then the support machine' : data.hlk.pools.order.problems.join('; ')}`] : []),
      ...(tests ? [`Tests read ${tests.at}: ${Object.entries(tests.counts).map(([state, n]) => `${n} ${state}`).join(', ')}`] : ['The tests have not been read.']),
      ...(data.hlk.studioInUse ? ['HLK Studio was open on the controller at the last attempt: its object model could not be used.'] : []),
    ],
    tables: tests
      ? [
          {
            caption: null,
            head: ['Test', 'State', 'Roles', 'Remedy'],
            rows: tests.tests.map((t) => [
              t.name,
              t.state,
              t.roles.map((r) => `${r.role}: ${r.machines.map((m) => m.labMachine ?? m.name).join(', ') || '-'}`).join('; '),
              t.remedy?.text ?? '',
            ]),
          },
        ]
      : [],
  };
  const shown = data.journal.entries.length;
  const journal: Section = {
    title: 'Journal',
    notes: [
      `${data.journal.matched} entries${shown < data.journal.matched ? `; the last ${shown} are listed` : ''}${data.journal.unreadable > 0 ? `; ${data.journal.unreadable} unreadable line(s) skipped` : ''}.`,
    ],
    tables: [{ caption: null, head: ['#', 'Time', 'Machine', 'Kind', 'What'], rows: data.journal.entries.map((e) => [String(e.seq), e.at, e.machine ?? '', e.kind, entryText(e)]) }],
  };
  return [readiness, checklists, tapdiag, hlk, signingSection(data.signing), journal];
}

/** An entry's text, with an operation's parameters and script hash. */
function entryText(e: JournalEntryView): string {
  if ((e.kind !== 'operation' && e.kind !== 'read') || typeof e.data !== 'object' || e.data === null) return e.text;
  const d = e.data as OperationEntryData;
  const params = JSON.stringify(d.params);
  return `${e.text} [${d.operation} ${params.length > 300 ? `${params.slice(0, 300)}...` : params}, script sha256 ${d.scriptSha256.slice(0, 12)}]`;
}

// --- Markdown ---

/** Plain text for a Markdown table cell: entities for markup, backslashes for Markdown's own characters. */
function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#])/g, '\\$1')
    .replace(/\r?\n|\r/g, ' ');
}

function markdown(title: string, intro: string, sections: Section[]): string {
  const out = [`# ${escapeMarkdown(title)}`, '', escapeMarkdown(intro), ''];
  for (const s of sections) {
    out.push(`## ${escapeMarkdown(s.title)}`, '');
    for (const n of s.notes) out.push(`- ${escapeMarkdown(n)}`);
    if (s.notes.length > 0) out.push('');
    for (const t of s.tables) {
      if (t.caption) out.push(`### ${escapeMarkdown(t.caption)}`, '');
      out.push(`| ${t.head.map(escapeMarkdown).join(' | ')} |`, `| ${t.head.map(() => '---').join(' | ')} |`);
      for (const row of t.rows) out.push(`| ${row.map(escapeMarkdown).join(' | ')} |`);
      out.push('');
    }
  }
  return `${out.join('\n')}\n`;
}

// --- HTML ---

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = [
  'body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24}',
  'table{border-collapse:collapse;margin:0 0 1.5rem;width:100%}',
  'th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}',
  'th{background:#f3f5f7}',
  'caption{text-align:left;font-weight:600;padding:.25rem 0}',
  'td{overflow-wrap:anywhere}',
].join('');

function html(title: string, intro: string, sections: Section[]): string {
  const out = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(intro)}</p>`,
  ];
  for (const s of sections) {
    out.push(`<h2>${escapeHtml(s.title)}</h2>`);
    if (s.notes.length > 0) out.push(`<ul>${s.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
    for (const t of s.tables) {
      out.push('<table>');
      if (t.caption) out.push(`<caption>${escapeHtml(t.caption)}</caption>`);
      out.push(`<thead><tr>${t.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`);
      out.push(`<tbody>${t.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody>`);
      out.push('</table>');
    }
  }
  out.push('</body>', '</html>');
  return `${out.join('\n')}\n`;
}
