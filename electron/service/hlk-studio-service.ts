import { checklistForTest } from '../../shared/checklists';
import type { OperationDefinition, ParamsOf, ResultOf } from '../../shared/operations/define';
import {
  HLK_STUDIO_IN_USE,
  hlkAddFeature,
  hlkArrangePool,
  hlkCreatePool,
  hlkCreateProject,
  hlkLoadPlaylist,
  hlkPlaylists,
  hlkPools,
  hlkProject,
  hlkProjects,
  hlkRerunTest,
  hlkSetMachineReady,
  hlkTests,
  LAN_PM_FEATURE,
} from '../../shared/operations/hlk';
import type { OperationError } from '../../shared/errors';
import { choosePlaylist, playlistArchitecture, type PlaylistArchitecture } from '../../shared/hlk/playlists';
import { hasLan, isDriverTarget, LAN_ADVICE, labMachineOf, poolOrderVerdict, targetProblems, testState } from '../../shared/hlk/verdicts';
import type {
  HlkFailure,
  HlkOutcome,
  HlkPoolsView,
  HlkProjectSummary,
  HlkProjectView,
  HlkStateView,
  HlkTestsView,
  HlkTestState,
  HlkTestView,
  PlaylistChoiceView,
  PlaylistLoadView,
  TestRemedy,
} from '../../shared/hlk/views';
import { knownFailures } from '../../shared/knowledge';
import { poolEvents, testEvents, type NewPassEvent } from '../../shared/hlk/pass-events';
import { passProgress, testTimings, type ProgressTest } from '../../shared/hlk/pass-progress';
import type { TestHistory, HistoryRun } from './test-history';
import type { ReadinessSettings } from '../../shared/readiness/settings';
import type { Machine } from '../machines/machine';
import { attempt, controllerOf, labComputers, machineOf, type PassContext } from './pass-context';
import { ServiceError } from './service-error';

/**
 * HLK Studio's state on the controller, through its object model: pools (and arranging them clients first),
 * projects with their product types and targets, the playlist that fits, the tests while the pass runs.
 * Every answer is tied to the lab's machines by computer name, pushed as the `hlk` event, and handed to
 * the checklists (which verify controller steps with the same answers). While HLK Studio is open on the
 * controller every action fails with `studioInUse`, said plainly.
 */

export interface HlkReadings {
  pools(value: ResultOf<typeof hlkPools>): void;
  projects(value: ResultOf<typeof hlkProjects>): void;
  project(name: string, value: ResultOf<typeof hlkProject>): void;
}

export class HlkStudioService {
  private state: HlkStateView = { at: new Date().toISOString(), pools: null, project: null, tests: null, watchSeconds: null, studioInUse: false, error: null };
  private watchTimer: NodeJS.Timeout | null = null;
  private watching: Promise<unknown> | null = null;
  private disposed = false;
  /** When hlk-assist first read each project's tests: a result completed before then is an earlier one, not news. */
  private readonly followedSince = new Map<string, number>();
  /** The controller's clock when the pools were read last. */
  private poolsReadAt = 0;

  constructor(
    private readonly ctx: PassContext,
    private readonly readings: HlkReadings,
    /** The project the operator opened: checklist progress follows it. */
    private readonly projectOpened: (name: string) => void,
    /** The project checklists keep progress for (the one opened last, else the lab's). */
    private readonly currentProject: () => string,
    /** This lab's earlier results, per driver version and kit. */
    private readonly history: TestHistory,
    /** What the watch found happening: announced, journaled and alerted by the caller. */
    private readonly happened: (events: NewPassEvent[]) => void,
  ) {}

  view(): HlkStateView {
    return this.state;
  }

  async pools(): Promise<HlkOutcome<HlkPoolsView>> {
    return this.run(async (controller, settings) => {
      const read = await this.op(controller, hlkPools, {});
      if (!read.ok) return read;
      this.readings.pools(read.value);
      const before = this.state.pools;
      const [beforeNow, now] = [this.poolsReadAt, this.controllerNow()];
      this.poolsReadAt = now;
      const view = this.poolsView(read.value, settings);
      this.update({ pools: view });
      this.happened(poolEvents(before, beforeNow, view, now));
      return { ok: true, value: view };
    });
  }

  async createPool(name: string | undefined): Promise<HlkOutcome<HlkPoolsView>> {
    const created = await this.run(async (controller, settings) => this.op(controller, hlkCreatePool, { name: name ?? settings.hlk.pool }));
    return created.ok ? this.pools() : created;
  }

  /** Moves the clients into the pool first, then the support machine, and (by default) sets them Ready. */
  async arrangePool(pool: string | undefined, setReady: boolean): Promise<HlkOutcome<HlkPoolsView>> {
    const arranged = await this.run(async (controller, settings) => {
      const lab = labComputers(this.ctx);
      const names = (role: 'client' | 'support') => lab.filter((m) => m.role === role).map((m) => m.computerName);
      if ([...names('client'), ...names('support')].some((n) => n === null)) {
        throw new ServiceError('invalid-request', 'connect every client and the support machine first: HLK knows them by their computer names');
      }
      return this.op(controller, hlkArrangePool, { pool: pool ?? settings.hlk.pool, clients: names('client') as string[], supports: names('support') as string[] });
    });
    if (!arranged.ok) return arranged;
    if (setReady) {
      const ready = await this.setReady(undefined);
      if (!ready.ok) return ready;
    }
    const pools = await this.pools();
    if (!pools.ok) return pools;
    const value = { ...pools.value, moves: arranged.value.moves };
    this.update({ pools: value });
    return { ok: true, value };
  }

  /** Sets the named lab machines (every client and support machine by default) Ready in HLK. */
  async setReady(machines: readonly string[] | undefined): Promise<HlkOutcome<HlkPoolsView>> {
    const targets = (machines ?? this.ctx.machines.filter((m) => m.role !== 'controller').map((m) => m.name)).map((n) => machineOf(this.ctx, n));
    for (const m of targets) {
      const computerName = m.view().facts?.computerName;
      if (!computerName) throw new ServiceError('invalid-request', `${m.name} has not been connected yet: HLK knows it by its computer name`);
      const done = await this.run(async (controller) => this.op(controller, hlkSetMachineReady, { machine: computerName }));
      if (!done.ok) return done;
    }
    return this.pools();
  }

  async projects(): Promise<HlkOutcome<HlkProjectSummary[]>> {
    return this.run(async (controller) => {
      const read = await this.op(controller, hlkProjects, {});
      if (!read.ok) return read;
      this.readings.projects(read.value);
      return { ok: true, value: read.value.projects };
    });
  }

  /** Opens a project (creating it when asked), shows it, and makes it the one checklist progress is kept for. */
  async openProject(name: string | undefined, create: boolean): Promise<HlkOutcome<HlkProjectView>> {
    const project = name ?? this.currentProject();
    if (create) {
      const created = await this.run(async (controller) => this.op(controller, hlkCreateProject, { name: project }));
      if (!created.ok) return created;
    }
    const read = await this.project(project);
    if (read.ok) this.projectOpened(read.value.name);
    return read;
  }

  async addLanFeature(project: string | undefined): Promise<HlkOutcome<HlkProjectView>> {
    const name = project ?? this.currentProject();
    // The operation adds the feature to every target of the driver: one on the support machine would get it too.
    const before = await this.project(name);
    if (!before.ok) return before;
    if (before.value.targetProblems.length > 0) {
      throw new ServiceError('invalid-request', `put the targets right before adding ${LAN_PM_FEATURE}: ${before.value.targetProblems.join('; ')}`);
    }
    const added = await this.run(async (controller, settings) => this.op(controller, hlkAddFeature, { project: name, hardwareId: settings.driver.hardwareId, feature: LAN_PM_FEATURE }));
    return added.ok ? this.project(name) : added;
  }

  /** The playlist files on the controller and the one that fits the kit and the clients' architecture. */
  async playlists(): Promise<HlkOutcome<PlaylistChoiceView>> {
    return this.run(async (controller, settings) => {
      const listed = await this.op(controller, hlkPlaylists, { folder: settings.hlk.playlistFolder });
      if (!listed.ok) return listed;
      const platform = this.clientPlatform();
      const choice = choosePlaylist(listed.value.files, settings.hlkVersion, platform.architecture, platform.server);
      const reason = listed.value.exists ? choice.reason : `there is no folder ${settings.hlk.playlistFolder} on the controller: unzip Microsoft's Hardware Compatibility Playlists there, or set readiness.hlk.playlistFolder`;
      return { ok: true, value: { ...choice, reason, folder: listed.value.folder, folderExists: listed.value.exists, kit: settings.hlkVersion, ...platform } };
    });
  }

  /** Loads the given playlist, or the one that fits, into the project. */
  async loadPlaylist(project: string | undefined, path: string | undefined): Promise<HlkOutcome<PlaylistLoadView>> {
    const name = project ?? this.currentProject();
    let file = path;
    if (file === undefined) {
      const choice = await this.playlists();
      if (!choice.ok) return choice;
      if (!choice.value.chosen) throw new ServiceError('invalid-request', `no playlist to load: ${choice.value.reason}`);
      file = choice.value.chosen.path;
    }
    const loaded = await this.run(async (controller) => this.op(controller, hlkLoadPlaylist, { project: name, path: file }));
    if (!loaded.ok) return loaded;
    const view = await this.project(name);
    if (!view.ok) return view;
    return { ok: true, value: { ...loaded.value, project: view.value } };
  }

  async tests(project: string | undefined): Promise<HlkOutcome<HlkTestsView>> {
    const name = project ?? this.currentProject();
    return this.run(async (controller, settings) => {
      const read = await this.op(controller, hlkTests, { project: name });
      if (!read.ok) return read;
      const driverVersion = this.driverVersion(settings);
      await this.history.add(driverVersion, settings.hlkVersion, finishedRuns(read.value));
      const before = this.state.tests;
      const view = this.testsView(read.value, driverVersion, settings.hlkVersion);
      this.journalChanges(before, view);
      this.update({ tests: view });
      this.happened(testEvents(before, view));
      return { ok: true, value: view };
    });
  }

  /** One look at the running pass: the tests, then the pools (machines leaving Ready, stale heartbeats). */
  async watchOnce(): Promise<void> {
    await this.tests(undefined);
    await this.pools();
  }

  /** The controller's clock: as the last tests reading found it, moved on by the time since (this computer's otherwise). */
  private controllerNow(): number {
    const tests = this.state.tests;
    return tests ? tests.progress.now + (Date.now() - Date.parse(tests.at)) : Date.now();
  }

  /** Queues a test again; a two-machine test gets the lab's support machine as Support. */
  async rerunTest(project: string | undefined, test: string): Promise<HlkOutcome<HlkTestsView>> {
    const name = project ?? this.currentProject();
    const support = this.ctx.machines.find((m) => m.role === 'support')?.view().facts?.computerName ?? null;
    const queued = await this.run(async (controller) => this.op(controller, hlkRerunTest, { project: name, test, support }));
    return queued.ok ? this.tests(name) : queued;
  }

  /** Reads the tests every `seconds` (null stops), pushing each change. */
  watchTests(seconds: number | null): HlkStateView {
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.watchTimer = null;
    this.update({ watchSeconds: seconds });
    if (seconds === null || this.disposed) return this.state;
    this.watchTimer = setInterval(() => {
      // One read at a time: a slow controller does not pile reads up.
      if (this.watching) return;
      this.watching = this.watchOnce()
        .catch(() => undefined)
        .finally(() => {
          this.watching = null;
        });
    }, seconds * 1000);
    this.watchTimer.unref?.();
    return this.state;
  }

  dispose(): void {
    this.disposed = true;
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.watchTimer = null;
  }

  /** Reads a project and shows it, without making it the one checklist progress follows. */
  async project(name: string): Promise<HlkOutcome<HlkProjectView>> {
    return this.run(async (controller, settings) => {
      const read = await this.op(controller, hlkProject, { name });
      if (!read.ok) return read;
      this.readings.project(name, read.value);
      const view = this.projectView(read.value, settings);
      this.update({ project: view });
      return { ok: true, value: view };
    });
  }

  /** Runs HLK work on the controller; a failure is kept in the state (Studio in use said so) and returned. */
  private async run<T>(work: (controller: Machine, settings: ReadinessSettings) => Promise<HlkOutcome<T>>): Promise<HlkOutcome<T>> {
    const outcome = await work(controllerOf(this.ctx), await this.ctx.settings());
    if (outcome.ok) {
      if (this.state.error || this.state.studioInUse) this.update({ error: null, studioInUse: false });
    } else {
      this.update({ error: outcome.error, studioInUse: outcome.studioInUse });
    }
    return outcome;
  }

  private async op<D extends OperationDefinition>(controller: Machine, op: D, params: ParamsOf<D>): Promise<HlkOutcome<ResultOf<D>>> {
    const done = await attempt(controller, op, params);
    return done.ok ? { ok: true, value: done.result } : failure(done.error);
  }

  private update(change: Partial<HlkStateView>): void {
    this.state = { ...this.state, ...change, at: new Date().toISOString() };
    if (!this.disposed) this.ctx.emit({ name: 'hlk', payload: this.state });
  }

  private poolsView(value: ResultOf<typeof hlkPools>, settings: ReadinessSettings): HlkPoolsView {
    const lab = labComputers(this.ctx);
    return {
      controller: value.controller,
      pools: value.pools.map((p) => ({ ...p, machines: p.machines.map((m) => ({ ...m, ...labMachineOf(m.name, lab) })) })),
      order: poolOrderVerdict(value.pools, settings.hlk.pool, lab.filter((m) => m.role !== 'controller')),
    };
  }

  private projectView(value: ResultOf<typeof hlkProject>, settings: ReadinessSettings): HlkProjectView {
    const lab = labComputers(this.ctx);
    const lan = hasLan(value);
    return {
      name: value.name,
      createdAt: value.createdAt,
      modifiedAt: value.modifiedAt,
      productInstances: value.productInstances,
      productTypes: value.productTypes,
      hasLan: lan,
      lanAdvice: lan ? null : LAN_ADVICE,
      targets: value.targets.map((t) => ({ ...t, machine: labMachineOf(t.machine, lab), isDriver: isDriverTarget(t, settings.driver.hardwareId) })),
      targetProblems: targetProblems(value, settings.driver.hardwareId, lab.filter((m) => m.role !== 'controller')),
      playlistLoaded: value.playlistLoaded,
      counts: value.counts,
    };
  }

  /** The driver version on the first client, as its readings found it: the history is kept per driver. */
  private driverVersion(settings: ReadinessSettings): string {
    const client = this.ctx.machines.find((m) => m.role === 'client');
    return (client && this.ctx.readiness.driverVersion(client.name, settings)) ?? 'unknown driver';
  }

  private testsView(value: ResultOf<typeof hlkTests>, driverVersion: string, kit: string): HlkTestsView {
    const lab = labComputers(this.ctx);
    const key = value.project.toLowerCase();
    if (!this.followedSince.has(key)) this.followedSince.set(key, Date.now());
    const since = this.followedSince.get(key)!;
    const progressTests: ProgressTest[] = value.tests.map((t) => ({
      id: t.id,
      name: t.name,
      state: testState(t.status, t.executionState),
      estimatedSeconds: t.estimatedSeconds,
      machine: t.latest?.machine ?? t.roles.find((r) => r.role.toLowerCase() === 'client')?.machines[0] ?? t.targetMachines[0] ?? null,
      latest: t.latest,
    }));
    const input = {
      now: Date.parse(value.now),
      tests: progressTests,
      pastDurations: (test: string) => this.history.summary(driverVersion, kit, test)?.durationsMs ?? [],
    };
    const timings = testTimings(input);
    const progress = passProgress(input, timings);
    const tests: HlkTestView[] = value.tests.map((t) => {
      const state = testState(t.status, t.executionState);
      const roles = t.roles.map((r) => ({ role: r.role, machines: r.machines.map((m) => labMachineOf(m, lab)) }));
      const warnings: string[] = [];
      for (const r of roles) {
        for (const m of r.machines) {
          if (r.role.toLowerCase() === 'client' && m.role === 'support') warnings.push(`the support machine ${m.name} has the Client role: HLK tests its driver, not the client's`);
          if (r.role.toLowerCase() === 'support' && m.role === 'client') warnings.push(`the client ${m.name} has the Support role`);
        }
      }
      const completed = t.latest?.completedAt ? Date.parse(t.latest.completedAt) : Number.NaN;
      return {
        ...t,
        state,
        earlierResult: state !== 'queued' && state !== 'running' && completed < since,
        roles,
        targetMachines: t.targetMachines.map((m) => labMachineOf(m, lab)),
        remedy: state === 'failed' ? remedyFor(t.name) : null,
        warnings,
        timing: timings.get(t.id)!,
        history: this.history.summary(driverVersion, kit, t.name),
      };
    });
    const counts = { queued: 0, running: 0, passed: 0, failed: 0, 'not run': 0, cancelled: 0 } satisfies Record<HlkTestState, number>;
    for (const t of tests) counts[t.state]++;
    return { project: value.project, at: new Date().toISOString(), tests, counts, progress, driverVersion, kit };
  }

  /** Journals every test whose state changed since the last read (and each test at the first read of a project). */
  private journalChanges(before: HlkTestsView | null, after: HlkTestsView): void {
    const previous = new Map((before?.project === after.project ? before.tests : []).map((t) => [t.id, t.state]));
    for (const t of after.tests) {
      const was = previous.get(t.id);
      if (was === t.state || (was === undefined && before?.project === after.project)) continue;
      if (was === undefined && t.state === 'not run') continue;
      const machine = this.ctx.machines.find((m) => m.role === 'controller')?.name ?? null;
      // A result found already there is dated, so a test that passed a day ago does not read as passing now.
      const now = was === undefined ? (t.earlierResult && t.latest?.completedAt ? `${t.state} (an earlier result, completed ${readableUtc(t.latest.completedAt)})` : t.state) : `${was} -> ${t.state}`;
      this.ctx.record(machine, 'hlk', `${t.name}: ${now}`, {
        project: after.project,
        test: t.id,
        state: t.state,
        status: t.status,
        completedAt: t.latest?.completedAt ?? null,
        earlierResult: t.earlierResult,
      });
    }
  }

  /** The clients' architecture and edition, as HLK reports them: the project's platform, else the machines' in the pools. */
  private clientPlatform(): { architecture: PlaylistArchitecture; server: boolean; basis: string } {
    const fromProject = this.state.project?.productInstances.find((p) => p.platform !== null)?.platform;
    const lab = labComputers(this.ctx);
    const fromPools = this.state.pools?.pools
      .flatMap((p) => p.machines)
      .find((m) => m.role === 'client' && m.platform !== null)?.platform;
    const platform = fromProject ?? fromPools;
    if (platform) {
      const architecture = playlistArchitecture(platform.architecture);
      if (architecture) {
        return { architecture, server: /server/i.test(`${platform.name} ${platform.description}`), basis: `HLK reports ${platform.description || platform.name}` };
      }
    }
    const client = lab.find((m) => m.role === 'client');
    const facts = client ? this.ctx.machines.find((m) => m.name === client.name)?.view().facts : null;
    const server = facts ? /server/i.test(facts.productName) : true;
    return { architecture: 'x64', server, basis: `HLK has not reported the clients' platform yet: x64 assumed${facts ? `, ${facts.productName} read on ${client!.name}` : ''}` };
  }
}

/** The finished results HLK lists, for the history. */
function finishedRuns(value: ResultOf<typeof hlkTests>): HistoryRun[] {
  return value.tests.flatMap((t) =>
    t.results.flatMap((r) => {
      const status = r.status === 'Passed' ? 'passed' : r.status === 'Failed' ? 'failed' : null;
      return status && r.completedAt ? [{ test: t.name, project: value.project, status, startedAt: r.startedAt, completedAt: r.completedAt }] : [];
    }),
  );
}

function failure(error: OperationError): HlkFailure {
  return { ok: false, error, studioInUse: error.message.startsWith(HLK_STUDIO_IN_USE) };
}

/** A failed test's remedy as the wiki names it: its checklist's remedy, with the known failures behind it. */
function remedyFor(testName: string): TestRemedy | null {
  const checklist = checklistForTest(testName);
  if (!checklist?.remedy) return null;
  return {
    text: checklist.remedy.text,
    checklist: checklist.id,
    knownFailures: checklist.remedy.knownFailures.flatMap((id) => {
      const f = knownFailures.find((k) => k.id === id);
      return f ? [{ id: f.id, title: f.title, remedy: f.remedy }] : [];
    }),
  };
}

/** `2026-12-01 14:02 UTC`: a time in a journal line, readable on any machine the journal is read on. */
function readableUtc(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
