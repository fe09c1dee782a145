import { z } from 'zod';
import { defineOperation } from './define';
import { withFunctions } from './compose';
import { hlkObjectName, windowsPath } from '../readiness/settings';
import functions from './scripts/hlk-functions.ps1?raw';
import machinesScript from './scripts/hlk-machines.ps1?raw';
import setReadyScript from './scripts/hlk-set-machine-ready.ps1?raw';
import poolsScript from './scripts/hlk-pools.ps1?raw';
import createPoolScript from './scripts/hlk-create-pool.ps1?raw';
import arrangePoolScript from './scripts/hlk-arrange-pool.ps1?raw';
import projectsScript from './scripts/hlk-projects.ps1?raw';
import createProjectScript from './scripts/hlk-create-project.ps1?raw';
import projectScript from './scripts/hlk-project.ps1?raw';
import addFeatureScript from './scripts/hlk-add-feature.ps1?raw';
import playlistsScript from './scripts/hlk-playlists.ps1?raw';
import loadPlaylistScript from './scripts/hlk-load-playlist.ps1?raw';
import testsScript from './scripts/hlk-tests.ps1?raw';
import rerunTestScript from './scripts/hlk-rerun-test.ps1?raw';

/**
 * HLK's own view of the lab, through HLK Studio's object model on the controller (see hlk-functions.ps1
 * for how it is loaded and what it is based on). Every operation that loads the object model first makes
 * sure HLK Studio is not open on the controller: its API cannot be used while someone works in Studio.
 */

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 time');

/** The first words of the error every hlk.* operation gives while HLK Studio is open on the controller. */
export const HLK_STUDIO_IN_USE = 'HLK Studio is open on this controller';

/** A machine's name as HLK lists it: a computer name, possibly qualified. */
const hlkMachineName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, 'a computer name');

const counts = z.object({ total: z.number().int(), passed: z.number().int(), failed: z.number().int(), running: z.number().int(), notRun: z.number().int() });
const platform = z.object({ name: z.string(), description: z.string(), architecture: z.string() });
export const hlkMachine = z.object({ name: z.string(), status: z.string(), lastHeartbeat: isoTime.nullable(), platform: platform.nullable() });

export const hlkMachines = defineOperation({
  name: 'hlk.machines',
  area: 'hlk',
  title: 'List HLK machines',
  description:
    'Every machine HLK knows on this controller, with its pool, status (Ready, NotReady, Initializing, Running) and last heartbeat, read through HLK Studio\'s object model. Run it on the controller.',
  params: z.object({}).strict(),
  result: z.object({
    controller: z.string(),
    database: z.string(),
    machines: z.array(z.object({ name: z.string(), pool: z.string(), status: z.string(), lastHeartbeat: z.string().nullable() })),
  }),
  script: withFunctions(machinesScript, functions),
  timeoutMs: 120_000,
  changesMachine: false,
});

export const hlkSetMachineReady = defineOperation({
  name: 'hlk.setMachineReady',
  area: 'hlk',
  title: 'Set a machine Ready in HLK',
  description:
    'Sets the named machine Ready in HLK, as "Change Machine Status" in HLK Studio does, so tests can be scheduled on it again. Run it on the controller.',
  params: z.object({ machine: hlkMachineName }).strict(),
  result: z.object({ machine: z.string(), pool: z.string(), status: z.string() }),
  script: withFunctions(setReadyScript, functions),
  timeoutMs: 120_000,
  changesMachine: true,
});

export const hlkPools = defineOperation({
  name: 'hlk.pools',
  area: 'hlk',
  title: 'List HLK machine pools',
  description:
    'Every machine pool on the controller with its machines in the order HLK lists them, each with status, last heartbeat and platform.',
  params: z.object({}).strict(),
  result: z.object({
    controller: z.string(),
    database: z.string(),
    pools: z.array(z.object({ name: z.string(), path: z.string(), isRoot: z.boolean(), isDefault: z.boolean(), machines: z.array(hlkMachine) })),
  }),
  script: withFunctions(poolsScript, functions),
  timeoutMs: 120_000,
  changesMachine: false,
});

export const hlkCreatePool = defineOperation({
  name: 'hlk.createPool',
  area: 'hlk',
  title: 'Create an HLK machine pool',
  description: 'Creates a machine pool under the root pool, unless one of that name exists already.',
  params: z.object({ name: hlkObjectName }).strict(),
  result: z.object({ name: z.string(), path: z.string(), created: z.boolean() }),
  script: withFunctions(createPoolScript, functions),
  timeoutMs: 120_000,
  changesMachine: true,
});

export const hlkArrangePool = defineOperation({
  name: 'hlk.arrangePool',
  area: 'hlk',
  title: 'Move the machines into the pool, clients first',
  description:
    'Moves the clients into the pool first and the support machine after them, as the OpenVPN wiki asks: otherwise HLK may take the support machine for the one with the driver under test. A support machine already in the pool ahead of a client leaves it and joins again after the clients. Moved machines must be set Ready again.',
  params: z
    .object({
      pool: hlkObjectName,
      clients: z.array(hlkMachineName).min(1).max(32),
      supports: z.array(hlkMachineName).max(8),
    })
    .strict(),
  result: z.object({
    pool: z.string(),
    moves: z.array(z.object({ machine: z.string(), from: z.string(), to: z.string() })),
    machines: z.array(hlkMachine),
  }),
  script: withFunctions(arrangePoolScript, functions),
  timeoutMs: 300_000,
  changesMachine: true,
});

export const hlkProjects = defineOperation({
  name: 'hlk.projects',
  area: 'hlk',
  title: 'List HLK projects',
  description: 'Every project on the controller with its status as HLK gives it (Running, Passing or NotRunning) and its test counts.',
  params: z.object({}).strict(),
  result: z.object({
    controller: z.string(),
    projects: z.array(z.object({ name: z.string(), status: z.string(), createdAt: isoTime.nullable(), modifiedAt: isoTime.nullable(), counts })),
  }),
  script: withFunctions(projectsScript, functions),
  timeoutMs: 120_000,
  changesMachine: false,
});

export const hlkCreateProject = defineOperation({
  name: 'hlk.createProject',
  area: 'hlk',
  title: 'Create an HLK project',
  description: 'Creates a project of that name, unless one exists already (project names are case-insensitive).',
  params: z.object({ name: hlkObjectName }).strict(),
  result: z.object({ name: z.string(), created: z.boolean() }),
  script: withFunctions(createProjectScript, functions),
  timeoutMs: 120_000,
  changesMachine: true,
});

export const hlkProjectResult = z.object({
  name: z.string(),
  createdAt: isoTime.nullable(),
  modifiedAt: isoTime.nullable(),
  productInstances: z.array(z.object({ name: z.string(), platform: platform.nullable(), pool: z.string().nullable() })),
  productTypes: z.array(z.string()),
  targets: z.array(z.object({ name: z.string(), key: z.string(), type: z.string(), machine: z.string(), features: z.array(z.string()) })),
  playlistLoaded: z.boolean().nullable(),
  counts,
});

export const hlkProject = defineOperation({
  name: 'hlk.project',
  area: 'hlk',
  title: 'Read an HLK project',
  description:
    'A project\'s product instances, the product types HLK detected (LAN or not), its targets with their machines and features, whether a playlist is loaded, and its test counts.',
  params: z.object({ name: hlkObjectName }).strict(),
  result: hlkProjectResult,
  script: withFunctions(projectScript, functions),
  timeoutMs: 120_000,
  changesMachine: false,
});

/** The feature whose absence leaves a LAN driver's project without the LAN product type (the wiki's "Set product type"). */
export const LAN_PM_FEATURE = 'Device.Network.LAN.PM';

export const hlkAddFeature = defineOperation({
  name: 'hlk.addFeature',
  area: 'hlk',
  title: 'Add Device.Network.LAN.PM to the TAP target',
  description:
    'Adds the Device.Network.LAN.PM feature to every target of the driver under test in the project, as the wiki does in Studio\'s Selection tab, so HLK adds the LAN product type. Without it the pass certifies only an "Other Driver".',
  params: z
    .object({
      project: hlkObjectName,
      hardwareId: z.string().min(1).max(200).regex(/^[^\0\r\n]+$/, 'a hardware id such as tap0901'),
      feature: z.enum([LAN_PM_FEATURE]),
    })
    .strict(),
  result: z.object({
    feature: z.string(),
    targets: z.array(z.object({ name: z.string(), machine: z.string(), added: z.boolean() })),
    productTypes: z.array(z.string()),
  }),
  script: withFunctions(addFeatureScript, functions),
  timeoutMs: 180_000,
  changesMachine: true,
});

export const hlkPlaylists = defineOperation({
  name: 'hlk.playlists',
  area: 'hlk',
  title: 'List compatibility playlists',
  description: 'The playlist files (.xml) in the folder where Microsoft\'s Hardware Compatibility Playlists were unzipped on the controller.',
  params: z.object({ folder: windowsPath }).strict(),
  result: z.object({
    folder: z.string(),
    exists: z.boolean(),
    files: z.array(z.object({ name: z.string(), path: z.string(), size: z.number(), modifiedAt: isoTime })),
  }),
  script: playlistsScript,
  timeoutMs: 30_000,
  changesMachine: false,
});

export const hlkLoadPlaylist = defineOperation({
  name: 'hlk.loadPlaylist',
  area: 'hlk',
  title: 'Load a playlist into the project',
  description:
    'Loads the playlist into the project, as "Load Playlist" in Studio\'s Tests panel does, replacing one loaded before, and tells how many of the project\'s tests it selects.',
  params: z.object({ project: hlkObjectName, path: windowsPath }).strict(),
  result: z.object({
    path: z.string(),
    /** Null on an older kit, whose object model cannot say whether a playlist was loaded. */
    replaced: z.boolean().nullable(),
    testsInPlaylist: z.number().int(),
    testsSelected: z.number().int(),
    notFound: z.number().int(),
  }),
  script: withFunctions(loadPlaylistScript, functions),
  timeoutMs: 300_000,
  changesMachine: true,
});

export const hlkTestResult = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  status: z.string(),
  executionState: z.string(),
  multiMachine: z.boolean(),
  roles: z.array(z.object({ role: z.string(), machines: z.array(z.string()) })),
  targetMachines: z.array(z.string()),
  /** Test.EstimatedRuntime in seconds: how long HLK expects the test to take; null when HLK gives none. */
  estimatedSeconds: z.number().nonnegative().nullable(),
  runs: z.number().int(),
  /** The test's last results (at most 10, oldest first) with when each ran: how long it took, how often it failed. */
  results: z.array(z.object({ status: z.string(), startedAt: isoTime.nullable(), completedAt: isoTime.nullable() })).max(10),
  latest: z
    .object({
      status: z.string(),
      machine: z.string().nullable(),
      scheduledAt: isoTime.nullable(),
      startedAt: isoTime.nullable(),
      completedAt: isoTime.nullable(),
    })
    .nullable(),
});

export const hlkTests = defineOperation({
  name: 'hlk.tests',
  area: 'hlk',
  title: 'List the project\'s tests',
  description:
    'Every test of the project with its status (passed, failed, not run, in queue, running), the machines in its Client and Support roles, the machines holding its targets, the time HLK estimates it takes, and its latest results; with the controller\'s clock at reading.',
  params: z.object({ project: hlkObjectName }).strict(),
  result: z.object({ project: z.string(), now: isoTime, tests: z.array(hlkTestResult) }),
  script: withFunctions(testsScript, functions),
  timeoutMs: 180_000,
  changesMachine: false,
});

/** A test's id as the object model gives it: a GUID. */
const testId = z
  .string()
  .regex(/^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/, 'a test id (a GUID)')
  .meta({ examples: ['1597d1fd-055a-43c7-b4c7-5396ab1ad525'] });

export const hlkRerunTest = defineOperation({
  name: 'hlk.rerunTest',
  area: 'hlk',
  title: 'Run a test again',
  description:
    'Queues the test again. A two-machine test gets the machine with its target as Client and the named support machine as Support, so HLK does not pick the support machine by itself.',
  params: z.object({ project: hlkObjectName, test: testId, support: hlkMachineName.nullable() }).strict(),
  result: z.object({ id: z.string(), name: z.string(), queued: z.literal(true), roles: z.array(z.object({ role: z.string(), machines: z.array(z.string()) })) }),
  script: withFunctions(rerunTestScript, functions),
  timeoutMs: 180_000,
  changesMachine: true,
});
