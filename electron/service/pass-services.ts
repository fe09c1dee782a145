import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ApiMethod, ApiResult, MachineReadiness, MachineView } from '../../shared/api';
import type { ChecklistReading, StepAction } from '../../shared/checklists/types';
import type { OperationError } from '../../shared/errors';
import { findCheck } from '../../shared/readiness/checks';
import type { JournalEntryView, ReportExport } from '../../shared/journal';
import type { LinkcheckView } from '../../shared/tapdiag/views';
import { queryJournal } from '../journal/journal-query';
import type { Machine } from '../machines/machine';
import { passReport } from '../report/pass-report';
import { ChecklistService } from './checklist-service';
import { HlkStudioService } from './hlk-studio-service';
import { LinkcheckGuide } from './linkcheck-guide';
import { MachineActions } from './machine-actions';
import type { Attempt, PassContext } from './pass-context';
import { ServiceError } from './service-error';
import { TapdiagService } from './tapdiag-service';

/**
 * The guided-setup and babysitting services of one open lab, and the api requests they answer: checklists,
 * HLK Studio, tapdiag and the guided LinkCheck, one-click machine actions, the journal's queries and the pass
 * report. They feed each other: HLK and tapdiag answers verify checklist steps, readiness results verify
 * others, a reboot marks tapdiag settings lost. Every readiness check change is journaled here.
 */

export type PassMethod = Extract<
  ApiMethod,
  | `checklists.${string}`
  | `hlk.${string}`
  | `tapdiag.${string}`
  | `linkcheck.${string}`
  | 'services.control'
  | 'machines.rebootAndWait'
  | 'adapters.applyNames'
  | 'journal.query'
  | 'report.export'
>;

export interface PassLab {
  source: 'practice' | 'file';
  path: string | null;
  journalPath: string;
}

/** The lab's id in the data folder: "practice", or the lab's name and a hash of its file's full path. */
export function labIdFor(source: 'practice' | 'file', name: string, path: string | null): string {
  if (source === 'practice' || path === null) return 'practice';
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'lab';
  return `${slug}-${createHash('sha256').update(resolve(path)).digest('hex').slice(0, 8)}`;
}

const REPORT_JOURNAL_ENTRIES = 5000;

export class PassServices {
  private linkcheck: LinkcheckGuide | null = null;
  private readonly checkStatus = new Map<string, string>();

  private constructor(
    private readonly ctx: PassContext,
    private readonly lab: PassLab,
    readonly tapdiag: TapdiagService,
    readonly hlk: HlkStudioService,
    readonly checklists: ChecklistService,
    readonly actions: MachineActions,
  ) {}

  static async open(ctx: PassContext, lab: PassLab): Promise<PassServices> {
    // The services refer to each other through these late-bound slots: the checklists need tapdiag's state
    // and HLK's answers, and those services tell the checklists of every change.
    let checklists: ChecklistService | null = null;
    const tapdiag = await TapdiagService.load(
      ctx,
      () => checklists?.tapdiagChanged(),
      (machine, value) => checklists?.ingest('tapdiagStatus', machine, value),
    );
    const controllerName = () => ctx.machines.find((m) => m.role === 'controller')?.name ?? '';
    const hlk = new HlkStudioService(
      ctx,
      {
        pools: (value) => checklists?.ingest('hlkPools', controllerName(), value),
        projects: (value) => checklists?.ingest('hlkProjects', controllerName(), value),
        project: (name, value) => checklists?.ingest('hlkProject', controllerName(), value, name),
      },
      (name) => checklists?.selectProject(name),
      () => checklists?.project ?? '',
    );
    const services = { tapdiag, hlk };
    checklists = await ChecklistService.load(ctx, {
      tapdiagState: (machine) => (ctx.machines.some((m) => m.name === machine && m.role !== 'controller') ? tapdiag.machineView(machine) : null),
      refreshReading: (reading, machine, project) => refreshReading(services, reading, machine, project),
      action: (action, machine, project) => runAction(services, action, machine, project),
    });
    return new PassServices(ctx, lab, tapdiag, hlk, checklists, new MachineActions(ctx));
  }

  machineChanged(view: MachineView): void {
    this.tapdiag.machineChanged(view);
    this.actions.machineChanged(view);
  }

  /** A machine's readiness changed: journal each check whose status changed, and judge the checklists again. */
  readinessChanged(r: MachineReadiness): void {
    for (const c of r.checks) {
      const k = `${r.machine}\u0000${c.check}`;
      const before = this.checkStatus.get(k);
      if (before === c.status) continue;
      this.checkStatus.set(k, c.status);
      this.ctx.record(r.machine, 'check', `${findCheck(c.check)?.title ?? c.check}: ${before ? `${before} -> ` : ''}${c.status}: ${c.evidence}`, {
        check: c.check,
        status: c.status,
        evidence: c.evidence,
      });
    }
    this.checklists.readinessChanged(r);
  }

  async call(method: PassMethod, p: any): Promise<ApiResult<PassMethod>> {
    switch (method) {
      case 'checklists.catalogue':
        return this.checklists.catalogue();
      case 'checklists.progress':
        return this.checklists.progress();
      case 'checklists.selectProject':
        return this.checklists.selectProject(p.project);
      case 'checklists.verify':
        return this.checklists.verify({ checklist: p.checklist, machine: p.machine });
      case 'checklists.confirm':
        return this.checklists.confirm(p.checklist, p.step, p.machine, p.confirmed);
      case 'checklists.fix':
        return this.checklists.fix(p.checklist, p.step, p.machine);
      case 'hlk.state':
        return this.hlk.view();
      case 'hlk.pools':
        return this.hlk.pools();
      case 'hlk.createPool':
        return this.hlk.createPool(p.name);
      case 'hlk.arrangePool':
        return this.hlk.arrangePool(p.pool, p.setReady ?? true);
      case 'hlk.setReady':
        return this.hlk.setReady(p.machines);
      case 'hlk.projects':
        return this.hlk.projects();
      case 'hlk.openProject':
        return this.hlk.openProject(p.name, p.create ?? false);
      case 'hlk.addLanFeature':
        return this.hlk.addLanFeature(p.project);
      case 'hlk.playlists':
        return this.hlk.playlists();
      case 'hlk.loadPlaylist':
        return this.hlk.loadPlaylist(p.project, p.path);
      case 'hlk.tests':
        return this.hlk.tests(p.project);
      case 'hlk.rerunTest':
        return this.hlk.rerunTest(p.project, p.test);
      case 'hlk.watchTests':
        return this.hlk.watchTests(p.seconds);
      case 'tapdiag.state':
        return this.tapdiag.view();
      case 'tapdiag.refresh':
        return this.tapdiag.refresh(p.machine);
      case 'tapdiag.enable':
        return this.tapdiag.enable(p.machine);
      case 'tapdiag.setLink':
        return this.tapdiag.setLink(p.machine, p.link);
      case 'tapdiag.setQ':
        return this.tapdiag.setQ(p.machine, p.mode);
      case 'tapdiag.reapply':
        return this.tapdiag.reapply(p.machine);
      case 'tapdiag.setAutoReapply':
        return this.tapdiag.setAutoReapply(p.enabled);
      case 'linkcheck.start':
        return this.startLinkcheck(p.machine, p.method ?? 'tapdiag');
      case 'linkcheck.advance':
        return this.guided(async (guide) => guide.advance(p.again));
      case 'linkcheck.cancel':
        return this.guided(async (guide) => guide.cancel());
      case 'linkcheck.state':
        return this.linkcheck?.view() ?? null;
      case 'services.control':
        return this.actions.controlServices(p.machine, p.services, p.action);
      case 'machines.rebootAndWait':
        return this.actions.rebootAndWait(p.machine, p.timeoutSeconds ?? 600);
      case 'adapters.applyNames':
        return this.actions.applyAdapterNames(p.machine);
      case 'journal.query': {
        const found = await queryJournal(this.lab.journalPath, { machine: p.machine, kinds: p.kinds, since: p.since, limit: p.limit ?? 500 });
        return { lab: this.ctx.labId, entries: found.entries as JournalEntryView[], matched: found.matched, unreadable: found.unreadable };
      }
      case 'report.export':
        return this.exportReport(p.format, p.path);
    }
  }

  /** Stops every service of the lab; resolves once their state files are written. */
  async dispose(): Promise<void> {
    this.linkcheck?.cancel();
    this.hlk.dispose();
    this.actions.dispose();
    await Promise.all([this.tapdiag.dispose(), this.checklists.dispose()]);
  }

  private startLinkcheck(machine: string, method: LinkcheckView['method']): LinkcheckView {
    if (this.linkcheck && !this.linkcheck.finished) {
      throw new ServiceError('invalid-request', `a guided LinkCheck is running on ${this.linkcheck.machine}: finish or cancel it first`);
    }
    this.linkcheck = new LinkcheckGuide(this.ctx, this.tapdiag, machine, method);
    return this.publishLinkcheck();
  }

  private async guided(step: (guide: LinkcheckGuide) => Promise<LinkcheckView>): Promise<LinkcheckView> {
    if (!this.linkcheck) throw new ServiceError('invalid-request', 'no guided LinkCheck has been started');
    await step(this.linkcheck);
    return this.publishLinkcheck();
  }

  private publishLinkcheck(): LinkcheckView {
    const view = this.linkcheck!.view();
    this.ctx.emit({ name: 'linkcheck', payload: view });
    return view;
  }

  private async exportReport(format: ReportExport['format'], fileName: string | undefined): Promise<ReportExport> {
    const journal = await queryJournal(this.lab.journalPath, { limit: REPORT_JOURNAL_ENTRIES });
    const text = passReport(format, {
      lab: { name: this.ctx.labName, id: this.ctx.labId, source: this.lab.source, path: this.lab.path },
      generatedAt: new Date().toISOString(),
      readiness: this.ctx.readiness.snapshot(),
      checklists: this.checklists.progress(),
      tapdiag: this.tapdiag.view(),
      hlk: this.hlk.view(),
      journal: { entries: journal.entries as JournalEntryView[], matched: journal.matched, unreadable: journal.unreadable },
    });
    if (fileName === undefined) return { format, text, path: null };
    const dir = join(this.ctx.dataDir, 'reports');
    await mkdir(dir, { recursive: true });
    const path = join(dir, fileName);
    await writeFile(path, text);
    this.ctx.record(null, 'lab', `pass report written to reports/${fileName}`);
    return { format, text, path };
  }
}

type Services = { tapdiag: TapdiagService; hlk: HlkStudioService };

/** Reads a checklist reading afresh through the service that owns it (which hands the answer to the checklists). */
async function refreshReading(s: Services, reading: ChecklistReading, machine: Machine, project: string): Promise<Attempt> {
  switch (reading) {
    case 'tapdiagStatus':
      return fromOutcome(await s.tapdiag.refresh(machine.name));
    case 'hlkPools':
      return fromOutcome(await s.hlk.pools());
    case 'hlkProjects':
      return fromOutcome(await s.hlk.projects());
    case 'hlkProject':
      return fromOutcome(await s.hlk.project(project));
  }
}

async function runAction(s: Services, action: StepAction, machine: string, project: string): Promise<Attempt> {
  switch (action) {
    case 'tapdiag.enable':
      return fromOutcome(await s.tapdiag.enable(machine));
    case 'tapdiag.q-on':
      return fromOutcome(await s.tapdiag.setQ(machine, 'on'));
    case 'hlk.load-playlist':
      return fromOutcome(await s.hlk.loadPlaylist(project, undefined));
    case 'hlk.set-ready':
      return fromOutcome(await s.hlk.setReady(undefined));
    case 'hlk.create-project':
      return fromOutcome(await s.hlk.openProject(project, true));
  }
}

function fromOutcome(outcome: { ok: true } | { ok: false; error: OperationError }): Attempt {
  return outcome.ok ? { ok: true, result: null } : { ok: false, error: outcome.error };
}
