import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FORMAT, type CollectionManifest, type ManifestFile, type ManifestMachine, type RunState } from '../../../shared/collection/manifest';
import type { CollectionView, FileCounts, MachineCollectionView } from '../../../shared/collection/progress';
import { MachineCollector, type CollectionTarget, type CollectorTuning } from './machine-collector';
import { createRunFolder, runFolder, readManifest, writeManifest } from './run-store';
import { zipFolder } from './zip-writer';

/** The UI hears of a run at most this often while it runs (and at once when it ends). */
const EVENT_INTERVAL_MS = 100;
/** The manifest reaches the disk at most this often while files are copied (and at once at milestones). */
const SAVE_INTERVAL_MS = 1000;
const SAVE_PROBLEM = 'the manifest could not be written: ';

export interface CollectionStart {
  runsDir: string;
  lab: string;
  targets: CollectionTarget[];
  extraPaths: string[];
  zip: boolean;
  tuning: CollectorTuning;
  /** Rate-limited progress, and the final view. */
  onUpdate(view: CollectionView): void;
}

export interface CollectionResume extends Omit<CollectionStart, 'extraPaths' | 'zip' | 'lab'> {
  run: string;
}

/**
 * One collection run: every machine in parallel into `runs/<run>/<machine>/`, the manifest kept current
 * on disk, progress pushed at most every 100 ms (a machine's change of phase at once), cancellable. A run that was interrupted or cancelled
 * can be taken up again with resume(): listed files are not listed again, complete copies are kept,
 * partial ones continue from their `.part`.
 */
export class CollectionRun {
  private readonly controller = new AbortController();
  /**
   * One per machine, aborted with the run's: each file being copied listens on its machine's signal,
   * so no one signal gathers more listeners than one machine copies files at once (on a shared signal
   * four machines made Node warn of a listener leak).
   */
  private readonly machineControllers: AbortController[] = [];
  private readonly collectors: MachineCollector[] = [];
  private transferred = 0;
  private lastEvent = 0;
  private eventTimer: NodeJS.Timeout | null = null;
  private lastSave = 0;
  private saveTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();
  readonly done: Promise<CollectionView>;

  private constructor(
    readonly manifest: CollectionManifest,
    readonly folder: string,
    targets: Map<string, CollectionTarget>,
    extraPaths: readonly string[],
    tuning: CollectorTuning,
    private readonly onUpdate: (view: CollectionView) => void,
  ) {
    for (const entry of manifest.machines) {
      const target = targets.get(entry.name);
      if (entry.state === 'finished') continue;
      if (!target) {
        Object.assign(entry, { state: 'interrupted', reason: `the open lab has no machine named ${entry.name}` });
        continue;
      }
      const machineController = new AbortController();
      this.machineControllers.push(machineController);
      this.collectors.push(
        new MachineCollector(target, entry, {
          run: manifest.run,
          folder: join(folder, entry.name),
          extraPaths,
          tuning,
          signal: machineController.signal,
          changed: (now) => this.changed(now),
          phaseChanged: () => this.emitNow(),
          fetched: (bytes) => {
            this.transferred += bytes;
          },
        }),
      );
    }
    this.done = this.work();
  }

  static async start(o: CollectionStart): Promise<CollectionRun> {
    const now = new Date();
    const { run, folder } = await createRunFolder(o.runsDir, now);
    const manifest: CollectionManifest = {
      format: MANIFEST_FORMAT,
      run,
      lab: o.lab,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      state: 'running',
      request: { machines: o.targets.map((t) => t.name), extraPaths: o.extraPaths, zip: o.zip },
      zip: null,
      problem: null,
      machines: o.targets.map((t) => ({ name: t.name, role: t.role, state: 'pending', reason: null, staging: null, listed: false, items: [], files: [] })),
    };
    await writeManifest(folder, manifest);
    return new CollectionRun(manifest, folder, new Map(o.targets.map((t) => [t.name, t])), o.extraPaths, o.tuning, o.onUpdate);
  }

  static async resume(o: CollectionResume): Promise<CollectionRun> {
    const folder = runFolder(o.runsDir, o.run);
    const manifest = await readManifest(folder);
    for (const machine of manifest.machines) {
      if (machine.state !== 'finished') machine.state = 'pending';
      for (const file of machine.files) await checkCopy(join(folder, machine.name), file);
    }
    manifest.state = 'running';
    manifest.zip = null;
    manifest.problem = null;
    await writeManifest(folder, manifest);
    return new CollectionRun(manifest, folder, new Map(o.targets.map((t) => [t.name, t])), manifest.request.extraPaths, o.tuning, o.onUpdate);
  }

  get run(): string {
    return this.manifest.run;
  }

  cancel(why: string): void {
    const reason = new Error(why);
    this.controller.abort(reason);
    for (const c of this.machineControllers) c.abort(reason);
  }

  view(): CollectionView {
    return collectionView(this.manifest, this.folder, this.transferred, this.collectors);
  }

  /** Never rejects: whatever goes wrong ends up in the manifest and the view. */
  private async work(): Promise<CollectionView> {
    const m = this.manifest;
    await Promise.all(this.collectors.map((c) => c.collect()));
    const aborted = () => this.controller.signal.aborted;
    // The run stays `running` while it is zipped: finished means everything asked for is there.
    let state: RunState = aborted() ? 'cancelled' : m.machines.every((x) => x.state === 'finished') ? 'finished' : 'interrupted';
    if (state === 'finished' && m.request.zip) {
      const path = `${this.folder}.zip`;
      try {
        // The zip holds the manifest as the run ends; nothing else writes to the folder meanwhile.
        await this.saving;
        await writeManifest(this.folder, { ...m, state, updatedAt: new Date().toISOString() });
        m.zip = { path, ...(await zipFolder(this.folder, path, this.controller.signal)) };
      } catch (e) {
        if (aborted()) state = 'cancelled';
        else m.problem = `the zip could not be made: ${(e as Error).message}`;
      }
    }
    m.state = state;
    await this.changed(true);
    this.emitNow();
    return this.view();
  }

  /** Schedules the manifest save and the progress event; `now` saves at once and resolves when it is on disk. */
  private changed(now = false): Promise<void> {
    this.scheduleEvent();
    if (now) return this.save();
    if (!this.saveTimer) {
      const wait = Math.max(0, this.lastSave + SAVE_INTERVAL_MS - Date.now());
      this.saveTimer = setTimeout(() => void this.save(), wait);
    }
    return Promise.resolve();
  }

  private save(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.lastSave = Date.now();
    this.manifest.updatedAt = new Date().toISOString();
    const snapshot = structuredClone(this.manifest);
    // Saves go one after another, so an older manifest never lands after a newer one; a failed one is
    // told in the view (and the next save tries again).
    this.saving = this.saving
      .then(() => writeManifest(this.folder, snapshot))
      .then(
        () => {
          if (this.manifest.problem?.startsWith(SAVE_PROBLEM)) this.manifest.problem = null;
        },
        (e: Error) => {
          this.manifest.problem = `${SAVE_PROBLEM}${e.message}`;
        },
      );
    return this.saving;
  }

  private scheduleEvent(): void {
    if (this.eventTimer) return;
    const wait = Math.max(0, this.lastEvent + EVENT_INTERVAL_MS - Date.now());
    this.eventTimer = setTimeout(() => this.emitNow(), wait);
  }

  private emitNow(): void {
    if (this.eventTimer) clearTimeout(this.eventTimer);
    this.eventTimer = null;
    this.lastEvent = Date.now();
    this.onUpdate(this.view());
  }
}

/** On a resumed run, a copy counts only if it is still there, whole; a partial one as far as its .part goes. */
async function checkCopy(machineFolder: string, file: ManifestFile): Promise<void> {
  const local = join(machineFolder, ...file.localPath.split('/'));
  if (file.status === 'complete') {
    const size = await stat(local).then((s) => s.size, () => -1);
    if (size !== file.size) Object.assign(file, { status: 'pending', copied: 0, sha256: null, verified: false, reason: 'the copy was no longer there' });
  } else if (file.status === 'partial' || file.status === 'pending') {
    const copied = await stat(`${local}.part`).then((s) => s.size, () => 0);
    Object.assign(file, { status: copied > 0 ? 'partial' : 'pending', copied });
  }
}

function counts(files: ManifestFile[]): FileCounts {
  const c: FileCounts = { total: files.length, complete: 0, pending: 0, vanished: 0, locked: 0, failed: 0 };
  for (const f of files) {
    if (f.status === 'partial' || f.status === 'pending') c.pending++;
    else c[f.status]++;
  }
  return c;
}

function addCounts(a: FileCounts, b: FileCounts): FileCounts {
  return {
    total: a.total + b.total,
    complete: a.complete + b.complete,
    pending: a.pending + b.pending,
    vanished: a.vanished + b.vanished,
    locked: a.locked + b.locked,
    failed: a.failed + b.failed,
  };
}

function machineView(entry: ManifestMachine, collector: MachineCollector | undefined): MachineCollectionView {
  const phase = collector?.phase ?? (entry.state === 'pending' ? 'interrupted' : entry.state);
  return {
    name: entry.name,
    role: entry.role,
    phase,
    detail: collector?.detail ?? entry.reason,
    files: counts(entry.files),
    bytes: { total: entry.files.reduce((n, f) => n + f.size, 0), copied: entry.files.reduce((n, f) => n + f.copied, 0) },
    current: [...(collector?.current ?? [])].map((f) => ({ remotePath: f.remotePath, localPath: f.localPath, size: f.size, copied: f.copied })),
    // An operator's path that matched nothing is as much a gap as a problem the preparation reported.
    notFound: entry.items.flatMap((item) =>
      item.problem !== null ? [{ what: item.what, problem: item.problem }] : item.source === 'extra' && item.files === 0 ? [{ what: item.what, problem: 'no file matches it on the machine' }] : [],
    ),
  };
}

/**
 * What the UI shows of a run: live from its collectors while it runs, from its manifest otherwise (a
 * manifest still saying `running` with nothing running it was left by an app that stopped: interrupted).
 */
export function collectionView(manifest: CollectionManifest, folder: string, transferred: number, collectors: MachineCollector[] | null): CollectionView {
  const machines = manifest.machines.map((m) => machineView(m, collectors?.find((c) => c.entry === m)));
  const files = machines.map((m) => m.files).reduce(addCounts, counts([]));
  return {
    run: manifest.run,
    folder,
    lab: manifest.lab,
    state: manifest.state === 'running' && !collectors ? 'interrupted' : manifest.state,
    startedAt: manifest.createdAt,
    updatedAt: manifest.updatedAt,
    files,
    bytes: {
      total: machines.reduce((n, m) => n + m.bytes.total, 0),
      copied: machines.reduce((n, m) => n + m.bytes.copied, 0),
      transferred,
    },
    zip: manifest.zip,
    problem: manifest.problem,
    machines,
  };
}
