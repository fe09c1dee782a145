import { HLK_STUDIO_IN_USE } from '../../shared/operations/hlk';
import hlkFunctions from '../../shared/operations/scripts/hlk-functions.ps1?raw';
import { roundTripTime, SimulatedScriptError, type Behaviours, type BehaviourContext } from './behaviour';
import {
  DEFAULT_POOL,
  executionState,
  isDriverTarget,
  lanTestList,
  moveHlkClock,
  poolPath,
  productTypes,
  ROOT_POOL,
  stampQueuedRuns,
  testStatus,
  visibleTests,
  type SimulatedHlkMachine,
  type SimulatedHlkProject,
  type SimulatedHlkStudio,
  type SimulatedPlatform,
} from './hlk-model';

/**
 * The hlk.* operations on the simulated controller: the model of their scripts (hlk-*.ps1) over the HLK
 * state in hlk-model.ts, with the same results and the same error messages.
 */

/**
 * Where a throw is in the script that runs (withFunctions): hlk-functions.ps1 right after the param($p) line,
 * then the operation's own lines after param($p). Lines as the script files number them.
 */
const FUNCTIONS_LINES = hlkFunctions.split('\n').length - (hlkFunctions.endsWith('\n') ? 1 : 0);
const inFunctions = (line: number) => line + 1;
const inScript = (line: number) => line + FUNCTIONS_LINES;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
/** A time of the state as the script prints it (.NET's round-trip format); null for none. */
const iso = (time: number | string | null | undefined) => (time === undefined || time === null ? null : roundTripTime(new Date(time)));

/** What Invoke-HlkObjectModel does before any work: Studio closed, Studio installed, assemblies there; then the HLK clock moves on. */
function objectModel({ host, network }: BehaviourContext): SimulatedHlkStudio {
  const studio = host.hlkStudio;
  if (studio?.inUse) {
    throw new SimulatedScriptError(
      `${HLK_STUDIO_IN_USE} (HLKStudio.exe, process 5112): HLK's object model cannot be used while someone works in Studio. Close HLK Studio and try again.`,
      inFunctions(16),
    );
  }
  if (!studio) throw new SimulatedScriptError('WTTSTDIO is not set: HLK Studio is not installed on this machine.', inFunctions(26));
  const missing = studio.missingAssemblies[0];
  if (missing) {
    throw new SimulatedScriptError(
      `HLK Studio's folder ${studio.directory} has no ${missing}: repair or reinstall HLK Studio on this controller.`,
      inFunctions(30),
    );
  }
  moveHlkClock(host, network.hosts(), network.now());
  return studio;
}

function platformOf(p: SimulatedPlatform | undefined | null) {
  return p ? { name: p.name, description: p.description, architecture: p.architecture } : null;
}

function machineView(m: SimulatedHlkMachine) {
  return { name: m.name, status: m.status, lastHeartbeat: iso(m.lastHeartbeat), platform: platformOf(m.platform) };
}

function findMachine(studio: SimulatedHlkStudio, name: string): SimulatedHlkMachine {
  const machine = studio.machines.find((m) => same(m.name, name));
  if (!machine) {
    throw new SimulatedScriptError(`HLK on ${studio.controller} knows no machine named ${name}; is its HLK client installed and pointed at this controller?`, inFunctions(76));
  }
  return machine;
}

function findProject(studio: SimulatedHlkStudio, name: string): SimulatedHlkProject {
  const project = studio.projects.find((p) => same(p.name, name));
  if (!project) throw new SimulatedScriptError(`HLK on ${studio.controller} has no project named ${name}.`, inFunctions(90));
  return project;
}

/** Pool paths under the root: the default pool first, then the others by name. */
function poolPaths(studio: SimulatedHlkStudio): string[] {
  return [DEFAULT_POOL, ...studio.pools.map(poolPath)];
}

function findPool(studio: SimulatedHlkStudio, name: string): string | null {
  return poolPaths(studio).find((p) => same(p.slice(ROOT_POOL.length + 1), name)) ?? null;
}

/** A machine leaves its pool and joins another at its end (GetMachines lists a pool in the order machines joined). */
function move(studio: SimulatedHlkStudio, machine: SimulatedHlkMachine, to: string): { machine: string; from: string; to: string } {
  const from = machine.pool;
  studio.machines = [...studio.machines.filter((m) => m !== machine), machine];
  machine.pool = to;
  // HLK leaves a moved machine NotReady until someone sets it Ready again.
  machine.status = 'NotReady';
  return { machine: machine.name, from, to };
}

function counts(studio: SimulatedHlkStudio, project: SimulatedHlkProject) {
  const statuses = visibleTests(studio, project).map(testStatus);
  return {
    total: statuses.length,
    passed: statuses.filter((s) => s === 'Passed').length,
    failed: statuses.filter((s) => s === 'Failed').length,
    running: statuses.filter((s) => s === 'Running' || s === 'InQueue').length,
    notRun: statuses.filter((s) => s === 'NotRun').length,
  };
}

export const hlkBehaviours = {
  'hlk.machines': (ctx) => {
    const studio = objectModel(ctx);
    return {
      controller: studio.controller,
      database: studio.database,
      machines: studio.machines.map((m) => ({ name: m.name, pool: m.pool, status: m.status, lastHeartbeat: iso(m.lastHeartbeat) })),
    };
  },

  'hlk.setMachineReady': (ctx, p) => {
    const studio = objectModel(ctx);
    const machine = findMachine(studio, String(p.machine));
    if (machine.pool === DEFAULT_POOL) {
      throw new SimulatedScriptError(`${machine.name} is in the Default Pool, where HLK does not let a machine be Ready: move it into the project's pool first.`, inScript(10));
    }
    machine.status = 'Ready';
    machine.lastHeartbeat = new Date(ctx.network.now()).toISOString();
    studio.machineDrops = studio.machineDrops?.filter((d) => !same(d.machine, machine.name));
    return { machine: machine.name, pool: machine.pool, status: machine.status };
  },

  'hlk.pools': (ctx) => {
    const studio = objectModel(ctx);
    const pools = [ROOT_POOL, ...poolPaths(studio)].map((path) => ({
      name: path === ROOT_POOL ? ROOT_POOL : path.slice(ROOT_POOL.length + 1),
      path,
      isRoot: path === ROOT_POOL,
      isDefault: path === DEFAULT_POOL,
      machines: studio.machines.filter((m) => m.pool === path).map(machineView),
    }));
    return { controller: studio.controller, database: studio.database, pools };
  },

  'hlk.createPool': (ctx, p) => {
    const studio = objectModel(ctx);
    const name = String(p.name);
    const existing = findPool(studio, name);
    if (existing) return { name: existing.slice(ROOT_POOL.length + 1), path: existing, created: false };
    studio.pools.push(name);
    return { name, path: poolPath(name), created: true };
  },

  'hlk.arrangePool': (ctx, p) => {
    const studio = objectModel(ctx);
    const target = findPool(studio, String(p.pool));
    if (!target) throw new SimulatedScriptError(`HLK on ${studio.controller} has no pool named ${String(p.pool)}: create it first.`, inScript(10));
    const clients = (p.clients as string[]).map((n) => findMachine(studio, n));
    const supports = (p.supports as string[]).map((n) => findMachine(studio, n));
    const inPool = () => studio.machines.filter((m) => m.pool === target);
    const position = (m: SimulatedHlkMachine) => inPool().indexOf(m);
    const clientsMissing = clients.some((c) => position(c) < 0);
    const lastClient = Math.max(-1, ...clients.map(position));
    const moves = [];
    for (const s of supports) {
      const at = position(s);
      if (at >= 0 && (clientsMissing || at < lastClient)) moves.push(move(studio, s, DEFAULT_POOL));
    }
    for (const m of [...clients, ...supports]) if (m.pool !== target) moves.push(move(studio, m, target));
    return { pool: target, moves, machines: inPool().map(machineView) };
  },

  'hlk.projects': (ctx) => {
    const studio = objectModel(ctx);
    return {
      controller: studio.controller,
      projects: studio.projects.map((project) => {
        const c = counts(studio, project);
        return {
          name: project.name,
          // HLK's ProjectStatus: a failure is NotRunning once nothing runs; the reference has no failing value.
          status: c.running > 0 ? 'Running' : c.total > 0 && c.passed === c.total ? 'Passing' : 'NotRunning',
          createdAt: iso(project.createdAt),
          modifiedAt: iso(project.modifiedAt),
          counts: c,
        };
      }),
    };
  },

  'hlk.createProject': (ctx, p) => {
    const studio = objectModel(ctx);
    const name = String(p.name);
    const existing = studio.projects.find((x) => same(x.name, name));
    if (existing) return { name: existing.name, created: false };
    const now = new Date().toISOString();
    studio.projects.push({ name, createdAt: now, modifiedAt: now, pool: null, platform: null, targets: [], playlist: null, tests: lanTestList() });
    return { name, created: true };
  },

  'hlk.project': (ctx, p) => {
    const studio = objectModel(ctx);
    const project = findProject(studio, String(p.name));
    const hasTargets = project.targets.length > 0;
    return {
      name: project.name,
      createdAt: iso(project.createdAt),
      modifiedAt: iso(project.modifiedAt),
      productInstances: hasTargets ? [{ name: project.platform?.description ?? 'Windows', platform: platformOf(project.platform), pool: project.pool }] : [],
      productTypes: productTypes(project),
      targets: project.targets.map((t) => ({ name: t.name, key: t.key, type: 'Device', machine: t.machine, features: [...t.features] })),
      playlistLoaded: studio.olderKit ? null : project.playlist !== null,
      counts: counts(studio, project),
    };
  },

  'hlk.submissionTests': (ctx, p) => {
    const studio = objectModel(ctx);
    const project = findProject(studio, String(p.project));
    const loaded = project.playlist !== null;
    // Project.GetTests(): with a playlist loaded, the project shows only the tests it selects.
    return {
      project: project.name,
      playlistLoaded: loaded,
      tests: visibleTests(studio, project).map((t) => ({
        name: t.name,
        status: testStatus(t),
        filtersApplied: t.filtersApplied ?? false,
      })),
    };
  },

  'hlk.addFeature': (ctx, p) => {
    const studio = objectModel(ctx);
    const project = findProject(studio, String(p.project));
    const wanted = String(p.feature);
    const feature = studio.features.find((f) => same(f, wanted));
    if (!feature) throw new SimulatedScriptError(`This kit on ${studio.controller} has no feature named ${wanted}.`, inScript(12));
    const match = String(p.hardwareId).toLowerCase();
    const targets = project.targets.filter((t) => t.key.toLowerCase().includes(match) || t.name.toLowerCase().includes(match));
    if (targets.length === 0) {
      throw new SimulatedScriptError(`Project ${project.name} has no target for ${String(p.hardwareId)}: select the TAP adapter on the client in Studio's Selection tab first.`, inScript(30));
    }
    const changed = targets.map((t) => {
      const added = !t.features.some((f) => same(f, feature));
      if (added) t.features.push(feature);
      return { name: t.name, machine: t.machine, added };
    });
    // HLK changes the project only when a feature was added.
    if (changed.some((c) => c.added)) project.modifiedAt = new Date().toISOString();
    return { feature, targets: changed, productTypes: productTypes(project) };
  },

  'hlk.playlists': ({ host }, p) => {
    const folder = String(p.folder);
    const prefix = `${folder.replace(/\\+$/, '')}\\`.toLowerCase();
    const files = (host.hlkStudio?.playlists ?? []).filter((f) => f.path.toLowerCase().startsWith(prefix) && !f.path.slice(prefix.length).includes('\\'));
    if (files.length === 0) return { folder, exists: false, files: [] };
    return {
      folder,
      exists: true,
      files: files
        .map((f) => ({ name: f.path.slice(prefix.length), path: f.path, size: 180 * f.testCount, modifiedAt: roundTripTime(new Date('2019-10-01T00:00:00.000Z')) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  },

  'hlk.loadPlaylist': (ctx, p) => {
    const path = String(p.path);
    const playlist = ctx.host.hlkStudio?.playlists.find((f) => same(f.path, path));
    if (!playlist) throw new SimulatedScriptError(`There is no playlist file at ${path} on the controller.`, inScript(10));
    const studio = objectModel(ctx);
    const project = findProject(studio, String(p.project));
    const replaced = studio.olderKit ? null : project.playlist !== null;
    project.playlist = playlist.path;
    project.modifiedAt = new Date().toISOString();
    const selected = visibleTests(studio, project).length;
    return { path: playlist.path, replaced, testsInPlaylist: playlist.testCount, testsSelected: selected, notFound: playlist.testCount - selected };
  },

  'hlk.tests': (ctx, p) => {
    const studio = objectModel(ctx);
    const project = findProject(studio, String(p.project));
    const targetMachines = [...new Set(project.targets.filter(isDriverTarget).map((t) => t.machine))];
    return {
      project: project.name,
      now: new Date(ctx.network.now()).toISOString(),
      tests: visibleTests(studio, project).map((test) => {
        const last = test.runs[test.runs.length - 1];
        return {
          id: test.id,
          name: test.name,
          type: 'Automated',
          status: testStatus(test),
          executionState: executionState(test),
          multiMachine: test.multiMachine,
          roles: test.multiMachine
            ? [
                { role: 'Client', machines: last ? [last.client] : [] },
                { role: 'Support', machines: last?.support ? [last.support] : [] },
              ]
            : [],
          targetMachines,
          estimatedSeconds: test.estimatedMs / 1000,
          runs: test.runs.length,
          results: test.runs.slice(-10).map((r) => ({ status: r.status, startedAt: iso(r.startedAt), completedAt: iso(r.completedAt) })),
          latest: last
            ? { status: last.status, machine: last.client, scheduledAt: iso(last.queuedAt), startedAt: iso(last.startedAt), completedAt: iso(last.completedAt) }
            : null,
        };
      }),
    };
  },

  'hlk.rerunTest': (ctx, p) => {
    const studio = objectModel(ctx);
    const project = findProject(studio, String(p.project));
    const test = visibleTests(studio, project).find((t) => same(t.id, String(p.test)));
    if (!test) throw new SimulatedScriptError(`Project ${project.name} has no test with id ${String(p.test)}.`, inScript(12));
    const state = executionState(test);
    if (state !== 'NotRunning') throw new SimulatedScriptError(`${test.name} is ${state} already; wait for it to finish before running it again.`, inScript(16));
    const client = project.targets.find(isDriverTarget)!.machine;
    let support: string | null = null;
    if (test.multiMachine) {
      if (p.support === null) throw new SimulatedScriptError(`${test.name} needs a support machine: name the one to use.`, inScript(24));
      support = findMachine(studio, String(p.support)).name;
    }
    test.runs.push({ queuedAt: ctx.network.now(), client, support, status: 'InQueue' });
    stampQueuedRuns(ctx.host, ctx.network.hosts());
    project.modifiedAt = new Date().toISOString();
    const roles = test.multiMachine
      ? [
          { role: 'Client', machines: [client] },
          { role: 'Support', machines: [support!] },
        ]
      : [];
    return { id: test.id, name: test.name, queued: true, roles };
  },
} satisfies Partial<Behaviours>;
