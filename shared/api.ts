/**
 * The one contract between the UI and the main process. Electron IPC and the web host's WebSocket both
 * carry exactly these requests and events; the main process validates every request with
 * `requestSchemas` before it acts.
 *
 * The contract only carries the lab's vocabulary (lab.ts) and the features' views; they live with their
 * features, and nothing else in shared/ imports this file but the web host's wire format (web-protocol.ts).
 */
import { z } from 'zod';
import type { AppSnapshot, LabEvent, LabView, MachineView } from './lab';
import type { OperationInfo, OperationOutcome } from './operations/views';
import type { CollectionManifest } from './collection/manifest';
import type { CollectionView } from './collection/progress';
import { machinePath, runId } from './collection/values';
import { MAX_READ_LINES, MAX_SEARCH_MATCHES, type LogAnalysis, type LogFileInfo, type LogLines, type LogSearchResult, type TaskLogPlace } from './logs/viewer';
import { practiceEngines, practiceScenarios } from './practice-scenarios';
import type { CheckInfo, FixOutcome, MachineReadiness, ReadinessSnapshot } from './readiness/results';
import type { ChecklistFixOutcome, ChecklistInfo, ChecklistProgressView } from './checklists/types';
import type { HlkOutcome, HlkPoolsView, HlkProjectSummary, HlkProjectView, HlkStateView, HlkTestsView, PlaylistChoiceView, PlaylistLoadView } from './hlk/views';
import type { JournalEntryView, JournalQueryResult, ReportExport } from './journal';
import type { AdapterNamesOutcome, RebootOutcome, ServiceControlOutcome } from './machine-actions';
import type { LinkcheckView, TapdiagOutcome, TapdiagView } from './tapdiag/views';
import type { AttestationView, SigningReportView, SigningStateView } from './signing/views';
import type { SubmissionCheck } from './submission/check';
export type { SubmissionCheck, SubmissionFinding } from './submission/check';
import { hlkObjectName, windowsPath } from './readiness/settings';
import { alertSettingsSchema, type AlertSettings } from './hlk/alert-settings';
import type { PassEvent } from './hlk/pass-events';

/** What a test alert did on each channel (the webhook's outcome without its address). */
export interface AlertDelivery {
  sent: boolean;
  desktop: boolean;
  webhook: { ok: true; attempts: number; status: number } | { ok: false; attempts: number; error: string } | null;
}

const machineName = z.string().min(1).max(64);
/** A log: a path inside the runs folder (relative to it, or full), or the full path of a file elsewhere. */
const logPath = z.string().min(1).max(4096).regex(/^[^\u0000-\u001f]+$/, 'a path without control characters');
const lineNumber = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const searchId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'letters, digits and dashes, at most 64');
const checkId = z.string().min(1).max(64);
/** A checklist's or a step's id (see shared/checklists). */
const stepId = z.string().min(1).max(64).regex(/^[a-z0-9-]+$/, 'an id such as client-preparation');

export const requestSchemas = {
  'app.snapshot': z.object({}).strict(),
  'lab.startPractice': z.object({ scenario: z.enum(practiceScenarios).optional(), engine: z.enum(practiceEngines).optional() }).strict(),
  'lab.open': z.object({ path: z.string().min(1).max(4096) }).strict(),
  'machines.connect': z.object({ machine: machineName, password: z.string().max(1024).optional() }).strict(),
  'machines.disconnect': z.object({ machine: machineName }).strict(),
  'machines.trustPresentedHostKey': z.object({ machine: machineName, fingerprint: z.string().min(1).max(200) }).strict(),
  'machines.acknowledgeReboot': z.object({ machine: machineName }).strict(),
  'operations.list': z.object({}).strict(),
  'operations.run': z
    .object({ machine: machineName, operation: z.string().min(1).max(100), params: z.record(z.string(), z.unknown()) })
    .strict(),
  /** The catalogue of checks: title, why it matters, roles, what it reads, its fixes. */
  'readiness.checks': z.object({}).strict(),
  /** The latest result of every check of every machine, without running anything. */
  'readiness.snapshot': z.object({}).strict(),
  /** Runs every check, those of one machine, or one check (on one machine, or on every machine it applies to). */
  'readiness.run': z.object({ machine: machineName.optional(), check: checkId.optional() }).strict(),
  /** Runs the fix the check's latest result offers on that machine, then runs the machine's checks again. */
  'readiness.fix': z.object({ machine: machineName, check: checkId }).strict(),
  /** Runs every check again at this interval; null stops it. */
  'readiness.setWatchInterval': z.object({ seconds: z.number().int().min(10).max(86_400).nullable() }).strict(),
  /** Collects logs from every machine (or the named ones) into a new run folder; progress comes as `collection` events. */
  'logs.collect': z
    .object({
      machines: z.array(machineName).min(1).max(64).optional(),
      /** Paths the operator adds to the plan, on every machine collected (see shared/collection/plan.ts for the syntax). */
      extraPaths: z.array(machinePath).max(64).optional(),
      /** Also write runs/<run>.zip when the run finishes. */
      zip: z.boolean().optional(),
    })
    .strict(),
  /** Takes an interrupted or cancelled run up again: copies only what it does not have yet. */
  'logs.resume': z.object({ run: runId }).strict(),
  /** Stops a run: complete copies stay, partial ones stay `.part`, and the run can be resumed. */
  'logs.cancel': z.object({ run: runId }).strict(),
  /** Every run in the runs folder, newest first. */
  'logs.runs': z.object({}).strict(),
  /** A run's manifest: every file with its status, size, SHA-256 and reason. */
  'logs.manifest': z.object({ run: runId }).strict(),
  /** Opens a log for the viewer: indexes its lines and says what it is. */
  'logs.open': z.object({ path: logPath }).strict(),
  /** Lines of an opened log: `count` from `from`, or the listed `lines`; only those are read. */
  'logs.readLines': z.union([
    z.object({ file: logPath, from: lineNumber, count: z.number().int().min(1).max(MAX_READ_LINES) }).strict(),
    z.object({ file: logPath, lines: z.array(lineNumber).min(1).max(MAX_READ_LINES) }).strict(),
  ]),
  /** Numbers of the lines that match, from `fromLine` (1 by default), at most `limit`. */
  'logs.search': z
    .object({
      file: logPath,
      query: z.string().min(1).max(1000).regex(/^[^\r\n]+$/, 'one line of text'),
      regex: z.boolean().optional(),
      caseSensitive: z.boolean().optional(),
      limit: z.number().int().min(1).max(MAX_SEARCH_MATCHES),
      fromLine: lineNumber.optional(),
      /** What logs.cancelSearch stops this search by; a second search with the same id stops the first. */
      searchId: searchId.optional(),
    })
    .strict(),
  /** Stops a search under way: it answers with what it found so far, `stoppedBecause: 'cancelled'`. */
  'logs.cancelSearch': z.object({ searchId }).strict(),
  /** Reads logs (files, or folders in the runs folder) against the known failures. */
  'logs.analyze': z.object({ paths: z.array(logPath).min(1).max(64) }).strict(),
  /** Asks the operator for a log file in the app's file dialog; the file picked may be opened from then on. */
  'logs.pick': z.object({}).strict(),
  /** The newest collected task log (TaskLog.log) of an HLK test from the machine that ran it. */
  'logs.taskLog': z.object({ machine: machineName, test: z.string().min(1).max(300) }).strict(),
  /** Every checklist with its steps: what to do and why, roles, how each is verified or confirmed, its fix. */
  'checklists.catalogue': z.object({}).strict(),
  /** Each step's state on each machine, for the current HLK project. */
  'checklists.progress': z.object({}).strict(),
  /** Keeps checklist progress for this HLK project from now on (hlk.openProject does it too). */
  'checklists.selectProject': z.object({ project: hlkObjectName }).strict(),
  /** Verifies now: runs the machines' checks and every verification of the checklist (all by default) on the machine (all by default). */
  'checklists.verify': z.object({ checklist: stepId.optional(), machine: machineName.optional() }).strict(),
  /** Confirms (or takes back) a step only a person can do. */
  'checklists.confirm': z.object({ checklist: stepId, step: stepId, machine: machineName, confirmed: z.boolean() }).strict(),
  /** Runs the step's fix on the machine, then verifies the step again. */
  'checklists.fix': z.object({ checklist: stepId, step: stepId, machine: machineName }).strict(),
  /** What hlk-assist knows of HLK now (pools, project, tests), without asking the controller. */
  'hlk.state': z.object({}).strict(),
  /** Pools and their machines, with status, heartbeat and whether the lab's pool is in the right order. */
  'hlk.pools': z.object({}).strict(),
  /** Creates the pool (the lab's readiness.hlk.pool by default). */
  'hlk.createPool': z.object({ name: hlkObjectName.optional() }).strict(),
  /** Moves the clients into the pool first, then the support machine, and sets them Ready (setReady false: leaves them). */
  'hlk.arrangePool': z.object({ pool: hlkObjectName.optional(), setReady: z.boolean().optional() }).strict(),
  /** Sets the named lab machines (every client and support machine by default) Ready in HLK. */
  'hlk.setReady': z.object({ machines: z.array(machineName).min(1).max(64).optional() }).strict(),
  'hlk.projects': z.object({}).strict(),
  /** Opens the project (the lab's by default; create: creates it if missing): product types, LAN or not, targets. */
  'hlk.openProject': z.object({ name: hlkObjectName.optional(), create: z.boolean().optional() }).strict(),
  /** Adds Device.Network.LAN.PM to the TAP target, so the project gets the LAN product type. */
  'hlk.addLanFeature': z.object({ project: hlkObjectName.optional() }).strict(),
  /** The playlist files on the controller and the one that fits the kit and the clients' architecture. */
  'hlk.playlists': z.object({}).strict(),
  /** Loads the playlist (the one that fits by default) into the project, and says how many tests it selects. */
  'hlk.loadPlaylist': z.object({ project: hlkObjectName.optional(), path: windowsPath.optional() }).strict(),
  /** The project's tests: state, Client and Support machines, the known remedy of a failed one. */
  'hlk.tests': z.object({ project: hlkObjectName.optional() }).strict(),
  /** Queues a test again (by its id), a two-machine test with the lab's support machine as Support. */
  'hlk.rerunTest': z.object({ project: hlkObjectName.optional(), test: z.string().min(1).max(64) }).strict(),
  /**
   * Watches the running pass every `seconds` (tests, then pools), pushing each change as the `hlk` event and
   * what happened as `passEvent`; null stops. The interval is kept in the settings: the next start watches again.
   */
  'hlk.watchTests': z.object({ seconds: z.number().int().min(1).max(3600).nullable() }).strict(),
  /** What the watch found happening in the open lab's pass, newest last. */
  'pass.events': z.object({}).strict(),
  /** Where alerts go and which kinds (kept in the settings). */
  'alerts.settings': z.object({}).strict(),
  'alerts.configure': z.object({ alerts: alertSettingsSchema }).strict(),
  /** Sends a test alert through every channel that is on, whatever its kind's switch says. */
  'alerts.test': z.object({}).strict(),
  /** What tapdiag last set on each client and support machine, and whether a reboot lost it. */
  'tapdiag.state': z.object({}).strict(),
  /** Reads tapdiag's status on the machine: the tool, the registry value, the endpoint. */
  'tapdiag.refresh': z.object({ machine: machineName }).strict(),
  /** tapdiag /enable, then restarts the TAP adapter with OpenVPN stopped around it. */
  'tapdiag.enable': z.object({ machine: machineName }).strict(),
  'tapdiag.setLink': z.object({ machine: machineName, link: z.enum(['on', 'off']) }).strict(),
  'tapdiag.setQ': z.object({ machine: machineName, mode: z.enum(['on', 'off', 'always']) }).strict(),
  /** Applies what tapdiag last set on the machine again (after a reboot lost it). */
  'tapdiag.reapply': z.object({ machine: machineName }).strict(),
  /** Applies the last tapdiag settings again by itself whenever a machine comes back from a reboot. */
  'tapdiag.setAutoReapply': z.object({ enabled: z.boolean() }).strict(),
  /** Starts the guided LinkCheck on the client: tapdiag /link (default) or stopping OpenVPN. */
  'linkcheck.start': z.object({ machine: machineName, method: z.enum(['tapdiag', 'service']).optional() }).strict(),
  /** Does the current step; at the end of a round `again` says whether LinkCheck asks for another. */
  'linkcheck.advance': z.object({ again: z.boolean().optional() }).strict(),
  'linkcheck.cancel': z.object({}).strict(),
  'linkcheck.state': z.object({}).strict(),
  /** The pre-submission check: the project's tests, playlist, filters and product types, the driver the clients ran against the one to submit, HLK's client count. */
  'submission.check': z.object({}).strict(),
  /** The last signing reports and attestation cabinet, and the lab's submission folders. */
  'signing.state': z.object({}).strict(),
  /** Reads a driver folder's signatures and catalog on the machine, or the driver store's copy of an installed INF. */
  'signing.read': z
    .object({ machine: machineName, folder: windowsPath.optional(), storedInf: z.string().min(5).max(100).optional() })
    .strict()
    .refine((p) => (p.folder === undefined) !== (p.storedInf === undefined), 'give either folder or storedInf'),
  /** Builds the attestation cabinet (.ddf, then makecab) of the driver folder on the machine. */
  'signing.attestation': z
    .object({ machine: machineName, folder: windowsPath, outputFolder: windowsPath, cabName: z.string().min(5).max(100), includeSymbols: z.boolean().optional() })
    .strict(),
  /** Starts, stops or restarts OpenVPN's service or the HLK services on the machine, then checks it again. */
  'services.control': z.object({ machine: machineName, services: z.enum(['openvpn', 'hlk']), action: z.enum(['start', 'stop', 'restart']) }).strict(),
  /** Reboots the machine, waits until it is back with a new boot time, then runs its checks again. */
  'machines.rebootAndWait': z.object({ machine: machineName, timeoutSeconds: z.number().int().min(30).max(3600).optional() }).strict(),
  /** Renames the machine's adapters to MessageDevice / SupportDevice0 when they do not have the names yet. */
  'adapters.applyNames': z.object({ machine: machineName }).strict(),
  /** Entries of the lab's run journal, oldest first: the last `limit` (500 by default) that match. */
  'journal.query': z
    .object({
      machine: machineName.optional(),
      kinds: z.array(z.string().min(1).max(32)).min(1).max(32).optional(),
      since: z.string().refine((t) => !Number.isNaN(Date.parse(t)), 'an ISO 8601 time').optional(),
      limit: z.number().int().min(1).max(10_000).optional(),
    })
    .strict(),
  /** The pass report (readiness, checklists, tapdiag, HLK, journal); with `path` (a file name) also written to the data folder's reports/. */
  'report.export': z
    .object({
      format: z.enum(['markdown', 'html']),
      path: z.string().min(1).max(200).regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*\.(md|html)$/, 'a file name ending in .md or .html').optional(),
    })
    .strict(),
} as const;

export interface ApiResults {
  'app.snapshot': AppSnapshot;
  'lab.startPractice': LabView;
  'lab.open': LabView;
  'machines.connect': MachineView;
  'machines.disconnect': MachineView;
  'machines.trustPresentedHostKey': MachineView;
  'machines.acknowledgeReboot': MachineView;
  'operations.list': OperationInfo[];
  'operations.run': OperationOutcome;
  'readiness.checks': CheckInfo[];
  'readiness.snapshot': ReadinessSnapshot;
  'readiness.run': ReadinessSnapshot;
  'readiness.fix': FixOutcome;
  'readiness.setWatchInterval': ReadinessSnapshot;
  'logs.collect': CollectionView;
  'logs.resume': CollectionView;
  'logs.cancel': CollectionView;
  'logs.runs': CollectionView[];
  'logs.manifest': CollectionManifest;
  'logs.open': LogFileInfo;
  'logs.readLines': LogLines;
  'logs.search': LogSearchResult;
  'logs.cancelSearch': { cancelled: boolean };
  'logs.analyze': LogAnalysis;
  'logs.pick': { path: string | null };
  'logs.taskLog': TaskLogPlace;
  'checklists.catalogue': ChecklistInfo[];
  'checklists.progress': ChecklistProgressView;
  'checklists.selectProject': ChecklistProgressView;
  'checklists.verify': ChecklistProgressView;
  'checklists.confirm': ChecklistProgressView;
  'checklists.fix': ChecklistFixOutcome;
  'hlk.state': HlkStateView;
  'hlk.pools': HlkOutcome<HlkPoolsView>;
  'hlk.createPool': HlkOutcome<HlkPoolsView>;
  'hlk.arrangePool': HlkOutcome<HlkPoolsView>;
  'hlk.setReady': HlkOutcome<HlkPoolsView>;
  'hlk.projects': HlkOutcome<HlkProjectSummary[]>;
  'hlk.openProject': HlkOutcome<HlkProjectView>;
  'hlk.addLanFeature': HlkOutcome<HlkProjectView>;
  'hlk.playlists': HlkOutcome<PlaylistChoiceView>;
  'hlk.loadPlaylist': HlkOutcome<PlaylistLoadView>;
  'hlk.tests': HlkOutcome<HlkTestsView>;
  'hlk.rerunTest': HlkOutcome<HlkTestsView>;
  'hlk.watchTests': HlkStateView;
  'pass.events': PassEvent[];
  'alerts.settings': AlertSettings;
  'alerts.configure': AlertSettings;
  'alerts.test': AlertDelivery;
  'tapdiag.state': TapdiagView;
  'tapdiag.refresh': TapdiagOutcome;
  'tapdiag.enable': TapdiagOutcome;
  'tapdiag.setLink': TapdiagOutcome;
  'tapdiag.setQ': TapdiagOutcome;
  'tapdiag.reapply': TapdiagOutcome;
  'tapdiag.setAutoReapply': TapdiagView;
  'linkcheck.start': LinkcheckView;
  'linkcheck.advance': LinkcheckView;
  'linkcheck.cancel': LinkcheckView;
  'linkcheck.state': LinkcheckView | null;
  'services.control': ServiceControlOutcome;
  'machines.rebootAndWait': RebootOutcome;
  'adapters.applyNames': AdapterNamesOutcome;
  'submission.check': SubmissionCheck;
  'signing.state': SigningStateView;
  'signing.read': SigningReportView;
  'signing.attestation': AttestationView;
  'journal.query': JournalQueryResult;
  'report.export': ReportExport;
}

export type ApiMethod = keyof typeof requestSchemas;
export type ApiParams<M extends ApiMethod> = z.input<(typeof requestSchemas)[M]>;
export type ApiResult<M extends ApiMethod> = ApiResults[M];

/** Events the main process pushes; the renderer's state follows them. */
export interface ApiEvents {
  lab: LabView | null;
  machine: MachineView;
  event: LabEvent;
  /** A machine's readiness changed: new results, checks started or finished, a fix started or ended. */
  readiness: MachineReadiness;
  /** A collection run's progress: at most every 100 ms per run, and once more when it ends. */
  collection: CollectionView;
  /** Checklist progress changed: a step verified, broken, confirmed, or the project changed. */
  checklist: ChecklistProgressView;
  /** tapdiag changed on a machine: set, lost by a reboot, applied again, busy, failed. */
  tapdiag: TapdiagView;
  /** HLK's state as last read or changed: pools, project, tests, Studio in use. */
  hlk: HlkStateView;
  /** The guided LinkCheck moved on (null: none running). */
  linkcheck: LinkcheckView | null;
  /** The watch found something happening in the pass (a machine, a failure, a hang, a test or the pass finished). */
  passEvent: PassEvent;
  /** Every entry of the run journal, once it is on disk (the timeline follows these; `event` carries the LabEvent kinds among them). */
  journal: JournalEntryView;
}
export type ApiEventName = keyof ApiEvents;
export interface ApiEventMessage<E extends ApiEventName = ApiEventName> {
  name: E;
  payload: ApiEvents[E];
}

/** A request that failed before it could produce a result: bad parameters, no lab, unknown machine. */
export interface ApiError {
  /** `log-file`: a log the viewer cannot read (missing, not a file, outside what it may read, not text). */
  code: 'invalid-request' | 'no-lab' | 'unknown-machine' | 'lab-file' | 'log-file' | 'internal';
  message: string;
}

export type ApiResponse<M extends ApiMethod = ApiMethod> =
  | { ok: true; result: ApiResult<M> }
  | { ok: false; error: ApiError };

/** What both hosts expose to the renderer: one call and one event stream. */
export interface HlkApi {
  call<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResponse<M>>;
  onEvent(listener: (event: ApiEventMessage) => void): () => void;
}

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, name);
}
