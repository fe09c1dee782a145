import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { ApiMethod, ApiResult, requestSchemas } from '../../shared/api';
import type { MachineReadiness } from '../../shared/readiness/results';
import type { MachineView } from '../../shared/lab';
import type { ChecklistReading, StepAction } from '../../shared/checklists/types';
import type { OperationError } from '../../shared/errors';
import { findCheck } from '../../shared/readiness/checks';
import type { JournalEntryView, ReportExport } from '../../shared/journal';
import type { LinkcheckView } from '../../shared/tapdiag/views';
import { queryJournal } from '../journal/journal-query';
import type { Machine } from '../machines/machine';
import { passReport } from '../report/pass-report';
import { ChecklistService } from './checklist-service';
import type { Alerts } from './alerts';
import { HlkStudioService } from './hlk-studio-service';
import { labStatePaths } from './lab-state';
import { PassWatch } from './pass-watch';
import { TestHistory } from './test-history';
import { LinkcheckGuide } from './linkcheck-guide';
import { MachineActions } from './machine-actions';
import type { Attempt, PassContext } from './pass-context';
import { ServiceError } from './service-error';
import { SigningService } from './signing-service';
import { runSubmissionCheck } from '../submission/gather';
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
  | 'pass.events'
  | `signing.${string}`
  | 'submission.check'
  | 'services.control'
  | 'machines.rebootAndWait'
  | 'adapters.applyNames'
  | 'journal.query'
  | 'report.export'
>;

/** A request's parameters after validation (defaults applied). */
export type ParsedParams<M extends ApiMethod> = z.output<(typeof requestSchemas)[M]>;
type PassHandlers = { [M in PassMethod]: (p: ParsedParams<M>) => ApiResult<M> | Promise<ApiResult<M>> };

export interface PassLab {
  source: 'practice' | 'file';
  path: string | null;
  journalPath: string;
  alerts: Alerts;
  /** The watch interval kept in the settings: the pass is watched again from the start. */
  watchSeconds: number | null;
  saveWatchSeconds(seconds: number | null): Promise<unknown>;
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
    private readonly watch: PassWatch,
    readonly signing: SigningService,
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
    const watch = new PassWatch(ctx, lab.alerts);
    const history = await TestHistory.load(labStatePaths(ctx.dataDir, ctx.labId).history);
    const hlk = new HlkStudioService(
      ctx,
      {
        pools: (value) => checklists?.ingest('hlkPools', controllerName(), value),
        projects: (value) => checklists?.ingest('hlkProjects', controllerName(), value),
        project: (name, value) => checklists?.ingest('hlkProject', controllerName(), value, name),
      },
      (name) => checklists?.selectProject(name),
      () => checklists?.project ?? '',
      history,
      (events) => watch.happened(events),
    );
    const services = { tapdiag, hlk };
    checklists = await ChecklistService.load(ctx, {
      tapdiagState: (machine) => (ctx.machines.some((m) => m.name === machine && m.role !== 'controller') ? tapdiag.machineView(machine) : null),
      refreshReading: (reading, machine, project) => refreshReading(services, reading, machine, project),
      action: (action, machine, project) => runAction(services, action, machine, project),
    });
    if (lab.watchSeconds !== null && ctx.machines.some((m) => m.role === 'controller')) hlk.watchTests(lab.watchSeconds);
    return new PassServices(ctx, lab, tapdiag, hlk, checklists, new MachineActions(ctx), watch, new SigningService(ctx));
  }

  machineChanged(view: MachineView): void {
    this.tapdiag.machineChanged(view);
    this.actions.machineChanged(view);
    this.watch.machineChanged(view);
  }

  /** A machine's readiness changed: journal each check whose status changed, and judge the checklists again. */
  readinessChanged(r: MachineReadiness): void {
    for (const c of r.checks) {
      const k = `${r.machine}\u0000${c.check}`;
      const before = this.checkStatus.get(k);
      if (before === c.status) continue;
      // A check that cannot judge (its machine away or rebooting, a reading that failed) has no news of its
      // own: the disconnect, the reboot or the failed operation is journaled already. The last verdict stays
      // the one the next judgement is compared with, so a reboot no longer writes "pass -> unknown -> pass".
      if (c.status === 'unknown') continue;
      this.checkStatus.set(k, c.status);
      this.ctx.record(r.machine, 'check', `${findCheck(c.check)?.title ?? c.check}: ${before ? `${before} -> ` : ''}${c.status}: ${c.evidence}`, {
        check: c.check,
        status: c.status,
        evidence: c.evidence,
      });
    }
    this.checklists.readinessChanged(r);
  }

  /** One handler per request, each typed by its request's parsed parameters and its result. */
  private readonly handlers: PassHandlers = {
    'checklists.catalogue': () => this.checklists.catalogue(),
    'checklists.progress': () => this.checklists.progress(),
    'checklists.selectProject': (p) => this.checklists.selectProject(p.project),
    'checklists.verify': (p) => this.checklists.verify({ checklist: p.checklist, machine: p.machine }),
    'checklists.confirm': (p) => this.checklists.confirm(p.checklist, p.step, p.machine, p.confirmed),
    'checklists.fix': (p) => this.checklists.fix(p.checklist, p.step, p.machine),
    'hlk.state': () => this.hlk.view(),
    'hlk.pools': () => this.hlk.pools(),
    'hlk.createPool': (p) => this.hlk.createPool(p.name),
    'hlk.arrangePool': (p) => this.hlk.arrangePool(p.pool, p.setReady ?? true),
    'hlk.setReady': (p) => this.hlk.setReady(p.machines),
    'hlk.projects': () => this.hlk.projects(),
    'hlk.openProject': (p) => this.hlk.openProject(p.name, p.create ?? false),
    'hlk.addLanFeature': (p) => this.hlk.addLanFeature(p.project),
    'hlk.playlists': () => this.hlk.playlists(),
    'hlk.loadPlaylist': (p) => this.hlk.loadPlaylist(p.project, p.path),
    'hlk.tests': (p) => this.hlk.tests(p.project),
    'hlk.rerunTest': (p) => this.hlk.rerunTest(p.project, p.test),
    'hlk.watchTests': async (p) => {
      await this.lab.saveWatchSeconds(p.seconds);
      return this.hlk.watchTests(p.seconds);
    },
    'pass.events': () => this.watch.events(),
    'tapdiag.state': () => this.tapdiag.view(),
    'tapdiag.refresh': (p) => this.tapdiag.refresh(p.machine),
    'tapdiag.enable': (p) => this.tapdiag.enable(p.machine),
    'tapdiag.setLink': (p) => this.tapdiag.setLink(p.machine, p.link),
    'tapdiag.setQ': (p) => this.tapdiag.setQ(p.machine, p.mode),
    'tapdiag.reapply': (p) => this.tapdiag.reapply(p.machine),
    'tapdiag.setAutoReapply': (p) => this.tapdiag.setAutoReapply(p.enabled),
    'linkcheck.start': (p) => this.startLinkcheck(p.machine, p.method ?? 'tapdiag'),
    'linkcheck.advance': (p) => this.guided(async (guide) => guide.advance(p.again)),
    'linkcheck.cancel': () => this.guided(async (guide) => guide.cancel()),
    'linkcheck.state': () => this.linkcheck?.view() ?? null,
    'submission.check': async () => {
      const result = await runSubmissionCheck(this.ctx.machines, await this.ctx.settings());
      this.ctx.record(null, 'submission', result.ok ? (result.ready ? 'pre-submission check: ready to package' : `pre-submission check: ${result.findings.length} finding(s)`) : `pre-submission check could not run: ${result.reason}`);
      return result;
    },
    'signing.state': () => this.signing.view(),
    'signing.read': (p) => this.signing.read(p.machine, p.folder !== undefined ? { folder: p.folder } : { storedInf: p.storedInf }),
    'signing.attestation': (p) =>
      this.signing.attest(p.machine, { folder: p.folder, outputFolder: p.outputFolder, cabName: p.cabName, includeSymbols: p.includeSymbols ?? false }),
    'services.control': (p) => this.actions.controlServices(p.machine, p.services, p.action),
    'machines.rebootAndWait': (p) => this.actions.rebootAndWait(p.machine, p.timeoutSeconds ?? 600),
    'adapters.applyNames': (p) => this.actions.applyAdapterNames(p.machine),
    'journal.query': async (p) => {
      const found = await queryJournal(this.lab.journalPath, { machine: p.machine, kinds: p.kinds, since: p.since, limit: p.limit ?? 500 });
      return { lab: this.ctx.labId, entries: found.entries as JournalEntryView[], matched: found.matched, unreadable: found.unreadable };
    },
    'report.export': (p) => this.exportReport(p.format, p.path),
  };

  call<M extends PassMethod>(method: M, p: ParsedParams<M>): Promise<ApiResult<M>> {
    const handler = this.handlers[method] as (p: ParsedParams<M>) => ApiResult<M> | Promise<ApiResult<M>>;
    return Promise.resolve(handler(p));
  }

  /** Stops every service of the lab; resolves once their state files are written. */
  async dispose(): Promise<void> {
    // A lab closed mid-LinkCheck plugs the cable back in, as a cancel does.
    await this.linkcheck?.cancel().catch(() => undefined);
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
      signing: await this.signing.view(),
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
