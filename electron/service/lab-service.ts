import { dirname, join } from 'node:path';
import { isApiMethod, requestSchemas, type ApiError, type ApiEventMessage, type ApiMethod, type ApiResponse, type ApiResult } from '../../shared/api';
import type { LabEvent, LabView } from '../../shared/lab';
import type { OperationInfo, OperationOutcome } from '../../shared/operations/views';
import type { PracticeEngine, PracticeScenario } from '../../shared/practice-scenarios';
import { isOperationFailure } from '../../shared/errors';
import { isLabEventKind, type JournalEntryView, type JournalKind, type OperationEntryData } from '../../shared/journal';
import { findOperation, operations } from '../../shared/operations';
import { areaRoleWords, operationFitsRole, roleWords } from '../../shared/operations/roles';
import { FileHostKeyStore, MemoryHostKeyStore, type HostKeyStore } from '../lab/host-keys';
import { LabFileError, labFileSchema, readLabFile, type LabFile } from '../lab/lab-file';
import { Journal } from '../journal/journal';
import { Machine, defaultTimings, type MachineTimings, type OperationRun } from '../machines/machine';
import { scriptSha } from '../transport/framing';
import { PracticeLab } from '../practice-lab/practice-lab';
import { Collections } from '../logs/collection/collections';
import { LogRequestError } from '../logs/viewer/log-paths';
import { LogViewer } from '../logs/viewer/log-viewer';
import { findTaskLog } from '../logs/viewer/task-logs';
import { readinessContext } from '../readiness/context';
import { checkCatalogue, ReadinessEngine, ReadinessError } from '../readiness/engine';
import { Alerts } from './alerts';
import { readSettings, updateSettings } from './settings';
import type { WebhookOptions } from './webhook';
import { forgetLabState, labIdFor, labStatePaths } from './lab-state';
import { PassServices, type ParsedParams, type PassMethod } from './pass-services';
import { ServiceError } from './service-error';

export interface LabServiceOptions {
  dataDir: string;
  host: 'electron' | 'web';
  timings?: MachineTimings;
  /** Where collection runs go: the data folder's runs/ unless given. */
  runsDir?: string;
  /**
   * The window's file dialog (the Electron app's), resolving to the path picked or null. Where there is
   * one, logs are read outside the runs folder only when picked through it (logs.pick).
   */
  pickFile?: () => Promise<string | null>;
  /** Shows a desktop notification: Electron's, from the main process; none in web mode (the page shows the browser's). */
  notify?: (title: string, body: string, page: string) => void;
  /** The webhook's attempts, timeout and backoff (tests shorten them). */
  webhook?: WebhookOptions;
  /** HLK time of the practice lab: simulated seconds a second (1 unless given). */
  practiceClockSpeed?: number;
}

interface OpenLab {
  name: string;
  source: 'practice' | 'file';
  path: string | null;
  machines: Map<string, Machine>;
  practice: PracticeLab | null;
  readiness: ReadinessEngine;
  /** The lab's run journal: journal/<lab id>.jsonl in the data folder. */
  journal: Journal;
  pass: PassServices;
}

type LabHandlers = { [M in Exclude<ApiMethod, PassMethod>]: (p: ParsedParams<M>) => ApiResult<M> | Promise<ApiResult<M>> };

const EVENTS_KEPT = 1000;
/** Parameter values longer than this are cut short in the journal (a certificate, a long path list). */
const JOURNAL_STRING_MAX = 200;
/** Results larger than this (as JSON) are journaled by their size only (log listings). */
const JOURNAL_RESULT_MAX = 2000;

class RequestError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

/**
 * The api of shared/api.ts, served by the main process: owns the open lab and its machines, runs
 * operations, and pushes every change to whoever listens (Electron windows, web host sockets).
 */
export class LabService {
  private lab: OpenLab | null = null;
  /** The open lab's journal, from the moment it opens (before the lab is complete) until it is closed. */
  private journal: Journal | null = null;
  private readonly events: LabEvent[] = [];
  private nextEventId = 1;
  private readonly listeners = new Set<(message: ApiEventMessage) => void>();
  private readonly timings: MachineTimings;
  private readonly collections: Collections;
  private readonly logViewer: LogViewer;
  private readonly alerts: Alerts;

  constructor(private readonly options: LabServiceOptions) {
    this.timings = options.timings ?? defaultTimings;
    this.collections = new Collections(options.runsDir ?? join(options.dataDir, 'runs'), (view) => this.emit({ name: 'collection', payload: view }));
    this.logViewer = new LogViewer(this.collections.runsDir, undefined, options.pickFile ? new Set() : null);
    this.alerts = new Alerts(async () => (await readSettings(this.settingsPath)).alerts, options.notify ?? null, options.webhook);
  }

  subscribe(listener: (message: ApiEventMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reopens the lab file that was open last time, if any; a failure leaves the app without a lab. */
  async restoreLastLab(): Promise<void> {
    const settings = await readSettings(this.settingsPath);
    if (!settings.lastLabFile) return;
    try {
      await this.openLabFile(settings.lastLabFile);
    } catch (e) {
      this.record(null, 'lab', `could not reopen ${settings.lastLabFile}: ${(e as Error).message}`);
    }
  }

  /** Validates and dispatches one request. Never throws: failures come back as `{ ok: false }`. */
  async handle(method: unknown, params: unknown): Promise<ApiResponse> {
    if (!isApiMethod(method)) {
      return { ok: false, error: { code: 'invalid-request', message: `unknown request ${JSON.stringify(method)}` } };
    }
    const parsed = requestSchemas[method].safeParse(params ?? {});
    if (!parsed.success) {
      const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ');
      return { ok: false, error: { code: 'invalid-request', message: `${method}: ${message}` } };
    }
    try {
      return { ok: true, result: await this.dispatch(method, parsed.data) };
    } catch (e) {
      if (e instanceof RequestError) return { ok: false, error: e.error };
      if (e instanceof ReadinessError) return { ok: false, error: { code: e.code, message: e.message } };
      if (e instanceof LabFileError) return { ok: false, error: { code: 'lab-file', message: e.message } };
      if (e instanceof LogRequestError) return { ok: false, error: { code: e.code, message: e.message } };
      if (e instanceof ServiceError) return { ok: false, error: { code: e.code, message: e.message } };
      return { ok: false, error: { code: 'internal', message: (e as Error).message } };
    }
  }

  async close(): Promise<void> {
    await this.closeLab();
  }

  private get settingsPath(): string {
    return join(this.options.dataDir, 'settings.json');
  }

  /** One handler per request outside the guided setup, each typed by its parsed parameters and its result. */
  private readonly handlers: LabHandlers = {
    'app.snapshot': () => ({ lab: this.labView(), events: [...this.events], host: this.options.host }),
    'lab.startPractice': (p) => this.startPractice(p.scenario ?? 'ready', p.engine ?? 'model'),
    'lab.open': (p) => this.openLabFile(p.path),
    'alerts.settings': async () => (await readSettings(this.settingsPath)).alerts,
    'alerts.configure': async (p) => (await updateSettings(this.settingsPath, { alerts: p.alerts })).alerts,
    'alerts.test': () =>
      this.alerts.announce(
        this.lab?.name ?? 'hlk-assist',
        {
          id: 'test',
          kind: 'infrastructure',
          at: new Date().toISOString(),
          title: 'A test alert from hlk-assist',
          detail: 'Sent from the HLK Studio page to check that alerts reach you.',
          next: 'Nothing to do: alerts work.',
          page: 'hlk',
          machine: null,
          test: null,
        },
        true,
      ),
    'machines.connect': (p) => {
      const m = this.machine(p.machine);
      m.connect(p.password);
      return m.view();
    },
    'machines.disconnect': (p) => {
      const m = this.machine(p.machine);
      m.disconnect();
      return m.view();
    },
    'machines.trustPresentedHostKey': async (p) => {
      const m = this.machine(p.machine);
      // A fingerprint the machine does not present is the caller's mistake, not an internal error.
      const presented = m.view().hostKeyMismatch?.presented;
      if (presented !== p.fingerprint) {
        const now = presented ? `it presents ${presented}` : 'its key has not changed';
        throw new RequestError({ code: 'invalid-request', message: `${m.name} does not present the key ${p.fingerprint} (${now}); connect again and compare the fingerprints` });
      }
      await m.trustPresentedHostKey(p.fingerprint);
      return m.view();
    },
    'machines.acknowledgeReboot': (p) => {
      const m = this.machine(p.machine);
      m.acknowledgeReboot();
      // The last-boot check warned about the reboot until now.
      if (m.config.role !== 'controller') void this.lab!.readiness.run({ machine: m.name, check: 'last-boot' }).catch(() => undefined);
      return m.view();
    },
    'operations.list': () =>
      operations.map(
        (op): OperationInfo => ({
          name: op.name,
          area: op.area,
          title: op.title,
          description: op.description,
          script: op.script,
          scriptSha256: scriptSha(op.script),
          changesMachine: op.changesMachine,
          timeoutMs: op.timeoutMs,
        }),
      ),
    'operations.run': (p) => this.runOperation(p.machine, p.operation, p.params),
    'logs.collect': (p) =>
      this.collection(async () => {
        const machines = p.machines?.map((name) => this.machine(name)) ?? this.machines();
        return (await this.collections.start(this.lab!.name, machines, p.extraPaths ?? [], p.zip ?? false)).view();
      }),
    'logs.resume': (p) => this.collection(async () => (await this.collections.resume(p.run, this.machines())).view()),
    'logs.cancel': (p) => this.collection(() => this.collections.cancel(p.run)),
    'logs.runs': () => this.collections.list(),
    'logs.manifest': (p) => this.collection(() => this.collections.manifest(p.run)),
    'logs.open': (p) => this.logViewer.open(p.path),
    'logs.readLines': (p) => this.logViewer.readLines(p.file, 'lines' in p ? { lines: p.lines } : { from: p.from, count: p.count }),
    'logs.search': (p) =>
      this.logViewer.search(
        p.file,
        { query: p.query, regex: p.regex ?? false, caseSensitive: p.caseSensitive ?? false },
        { fromLine: p.fromLine ?? 1, limit: p.limit },
        p.searchId,
      ),
    'logs.cancelSearch': (p) => ({ cancelled: this.logViewer.cancelSearch(p.searchId) }),
    'logs.analyze': (p) => this.logViewer.analyze(p.paths),
    'logs.pick': async () => {
      const pickFile = this.options.pickFile;
      if (!pickFile) throw new RequestError({ code: 'invalid-request', message: 'this window has no file dialog: type the log\'s full path' });
      const path = await pickFile();
      return { path: path === null ? null : await this.logViewer.pick(path) };
    },
    'logs.taskLog': (p) => findTaskLog(this.collections.runsDir, p.machine, p.test),
    'readiness.checks': () => checkCatalogue(),
    'readiness.snapshot': () => this.readiness().snapshot(),
    'readiness.run': (p) =>
      this.readiness().run({ ...(p.machine !== undefined ? { machine: p.machine } : {}), ...(p.check !== undefined ? { check: p.check } : {}) }),
    'readiness.fix': (p) => this.readiness().fix(p.machine, p.check),
    'readiness.setWatchInterval': (p) => {
      const readiness = this.readiness();
      readiness.setWatchInterval(p.seconds);
      return readiness.snapshot();
    },
  };

  private dispatch<M extends ApiMethod>(method: M, p: ParsedParams<M>): Promise<ApiResult<M>> {
    if (Object.prototype.hasOwnProperty.call(this.handlers, method)) {
      const handler = this.handlers[method as Exclude<M, PassMethod>] as unknown as (p: ParsedParams<M>) => ApiResult<M> | Promise<ApiResult<M>>;
      return Promise.resolve(handler(p));
    }
    // Everything else belongs to the guided setup of the open lab.
    return this.pass().call(method as M & PassMethod, p as ParsedParams<M & PassMethod>);
  }

  private async runOperation(machineName: string, operationName: string, params: unknown): Promise<OperationOutcome> {
    const machine = this.machine(machineName);
    const op = findOperation(operationName);
    const started = Date.now();
    if (!op) {
      return {
        ok: false,
        error: { kind: 'unknown-operation', message: `there is no operation ${operationName}`, machine: machineName, operation: operationName },
        elapsedMs: 0,
      };
    }
    if (!operationFitsRole(op.area, machine.role)) {
      throw new RequestError({ code: 'invalid-request', message: `${op.title} runs on ${areaRoleWords(op.area)}; ${machineName} is ${roleWords[machine.role]}` });
    }
    if (op.name === 'system.reboot') machine.expectReboot();
    // Every run is journaled by the machine's operationRan hook (see recordOperation).
    try {
      const result = await machine.run(op, params);
      return { ok: true, result, elapsedMs: Date.now() - started };
    } catch (e) {
      if (!isOperationFailure(e)) throw e;
      return { ok: false, error: e.info, elapsedMs: Date.now() - started };
    }
  }

  private async startPractice(scenario: PracticeScenario, engine: PracticeEngine): Promise<LabView> {
    await this.closeLab();
    const name = engine === 'powershell' ? `Practice lab (${scenario}, real scripts)` : `Practice lab (${scenario})`;
    await forgetLabState(this.options.dataDir, labIdFor('practice', name, null));
    const practice = await PracticeLab.start({ dir: join(this.options.dataDir, 'practice-lab'), scenario, engine, clockSpeed: this.options.practiceClockSpeed });
    // The practice lab makes new host keys at every start, so its pins live only as long as it does.
    await this.openLab(labFileSchema.parse(practice.labFile(name)), 'practice', null, new MemoryHostKeyStore(), practice);
    return this.labView()!;
  }

  private async openLabFile(path: string): Promise<LabView> {
    const file = await readLabFile(path);
    await this.closeLab();
    await this.openLab(file, 'file', path, new FileHostKeyStore(join(this.options.dataDir, 'known-hosts.json')), null);
    await updateSettings(this.settingsPath, { lastLabFile: path });
    return this.labView()!;
  }

  private async openLab(file: LabFile, source: 'practice' | 'file', path: string | null, hostKeys: HostKeyStore, practice: PracticeLab | null): Promise<void> {
    const id = labIdFor(source, file.name, path);
    const journalPath = labStatePaths(this.options.dataDir, id).journal;
    // The events shown are the open lab's: another lab's would name machines that are not there.
    this.events.length = 0;
    const journal = await Journal.open(journalPath);
    this.journal = journal;
    let pass: PassServices | null = null;
    const machines = new Map<string, Machine>();
    const order = { controller: 0, client: 1, support: 2 } as const;
    const sorted = [...file.machines].sort((a, b) => order[a.role] - order[b.role]);
    let readiness: ReadinessEngine | null = null;
    for (const config of sorted) {
      const machine = new Machine(config, {
        hostKeys,
        timings: this.timings,
        changed: (view) => {
          this.emit({ name: 'machine', payload: view });
          readiness?.machineChanged(view);
          pass?.machineChanged(view);
        },
        record: (kind, text) => this.record(config.name, kind, text),
        operationRan: (run) => this.recordOperation(config.name, run),
      });
      machines.set(config.name, machine);
    }
    readiness = new ReadinessEngine({
      machines: [...machines.values()],
      context: () => readinessContext(file, path === null ? null : dirname(path)),
      changed: (payload) => {
        this.emit({ name: 'readiness', payload });
        pass?.readinessChanged(payload);
      },
      record: (machine, text) => this.record(machine, 'operation', text),
      autoRecheck: true,
    });
    const engine = readiness;
    pass = await PassServices.open(
      {
        labId: id,
        labName: file.name,
        dataDir: this.options.dataDir,
        machines: [...machines.values()],
        readiness: engine,
        settings: async () => (await readinessContext(file, path === null ? null : dirname(path))).settings,
        record: (machine, kind, text, data) => this.record(machine, kind, text, data),
        emit: (message) => this.emit(message),
      },
      {
        source,
        path,
        journalPath,
        alerts: this.alerts,
        watchSeconds: (await readSettings(this.settingsPath)).watchSeconds,
        saveWatchSeconds: (seconds) => updateSettings(this.settingsPath, { watchSeconds: seconds }),
      },
    );
    this.lab = { name: file.name, source, path, machines, practice, readiness, journal, pass };
    this.record(null, 'lab', source === 'practice' ? 'practice lab started' : `opened lab file ${path}`);
    this.emit({ name: 'lab', payload: this.labView() });
    for (const m of machines.values()) m.connect();
  }

  private async closeLab(): Promise<void> {
    const lab = this.lab;
    if (!lab) return;
    await this.collections.stopAll('the lab was closed');
    this.lab = null;
    await lab.pass.dispose();
    lab.readiness.dispose();
    for (const m of lab.machines.values()) m.disconnect();
    await lab.practice?.stop();
    this.journal = null;
    await lab.journal.close();
    this.emit({ name: 'lab', payload: null });
  }

  private pass(): PassServices {
    if (!this.lab) throw new RequestError({ code: 'no-lab', message: 'no lab is open: start the practice lab or open a lab file' });
    return this.lab.pass;
  }

  private readiness(): ReadinessEngine {
    if (!this.lab) throw new RequestError({ code: 'no-lab', message: 'no lab is open: start the practice lab or open a lab file' });
    return this.lab.readiness;
  }

  /** The open lab's machines. */
  private machines(): Machine[] {
    if (!this.lab) throw new RequestError({ code: 'no-lab', message: 'no lab is open: start the practice lab or open a lab file' });
    return [...this.lab.machines.values()];
  }

  /** A collection request: a run that is not there (or not running) is the caller's mistake, said plainly. */
  private async collection<T>(work: () => T | Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (e instanceof RequestError) throw e;
      throw new RequestError({ code: 'invalid-request', message: (e as Error).message });
    }
  }

  private machine(name: string): Machine {
    if (!this.lab) throw new RequestError({ code: 'no-lab', message: 'no lab is open: start the practice lab or open a lab file' });
    const m = this.lab.machines.get(name);
    if (!m) throw new RequestError({ code: 'unknown-machine', message: `the lab has no machine named ${name}` });
    return m;
  }

  private labView(): LabView | null {
    const lab = this.lab;
    if (!lab) return null;
    return { name: lab.name, source: lab.source, path: lab.path, machines: [...lab.machines.values()].map((m) => m.view()) };
  }

  /**
   * Journals an entry and, once the journal has it on disk, pushes it: as `journal`, and as `event` for the
   * LabEvent kinds. Without an open lab (nothing to journal to) the event is pushed at once; if the journal
   * cannot write, the event is still pushed, and the failure is said.
   */
  private record(machine: string | null, kind: JournalKind, text: string, data?: unknown): void {
    const journal = this.journal;
    if (!journal) {
      if (isLabEventKind(kind)) this.pushEvent({ id: this.nextEventId++, at: new Date().toISOString(), machine, kind, text });
      return;
    }
    journal.append({ machine, kind, text, ...(data !== undefined ? { data } : {}) }).then(
      (entry) => {
        this.emit({ name: 'journal', payload: entry as JournalEntryView });
        if (isLabEventKind(kind)) this.pushEvent({ id: this.nextEventId++, at: entry.at, machine, kind, text, seq: entry.seq });
      },
      (e: Error) => {
        if (isLabEventKind(kind)) this.pushEvent({ id: this.nextEventId++, at: new Date().toISOString(), machine, kind, text });
        this.pushEvent({ id: this.nextEventId++, at: new Date().toISOString(), machine: null, kind: 'lab', text: `the journal could not write an entry: ${e.message}` });
      },
    );
  }

  private pushEvent(event: LabEvent): void {
    this.events.push(event);
    if (this.events.length > EVENTS_KEPT) this.events.shift();
    this.emit({ name: 'event', payload: event });
  }

  /** Journals an operation run: what changes the machine as `operation`, reads as `read`. */
  private recordOperation(machine: string, run: OperationRun): void {
    const op = run.operation;
    const data: OperationEntryData = {
      operation: op.name,
      params: journalValue(run.params),
      scriptSha256: scriptSha(op.script),
      ok: run.outcome.ok,
      elapsedMs: run.elapsedMs,
      ...(run.outcome.ok ? { result: journalResult(run.outcome.result) } : { error: run.outcome.error }),
    };
    const text = run.outcome.ok ? `${op.title}: done` : `${op.title}: failed (${run.outcome.error.kind}): ${run.outcome.error.message}`;
    this.record(machine, op.changesMachine ? 'operation' : 'read', text, data);
  }

  private emit(message: ApiEventMessage): void {
    for (const listener of this.listeners) listener(message);
  }
}

/**
 * Parameters as the journal keeps them, long values cut short. No operation takes a secret (passwords go to
 * the SSH connection, never to an operation; tests/setup/journal.test.ts holds every operation to that).
 */
function journalValue(value: unknown): unknown {
  if (typeof value === 'string') return value.length > JOURNAL_STRING_MAX ? `${value.slice(0, JOURNAL_STRING_MAX)}... (${value.length} characters)` : value;
  if (Array.isArray(value)) return value.map(journalValue);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, journalValue(v)]));
  return value;
}

function journalResult(result: unknown): unknown {
  const json = JSON.stringify(result) ?? 'null';
  return json.length > JOURNAL_RESULT_MAX ? { omitted: `${json.length} characters of JSON` } : result;
}
