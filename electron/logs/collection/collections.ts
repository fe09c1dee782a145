import type { CollectionManifest } from '../../../shared/collection/manifest';
import type { CollectionView } from '../../../shared/collection/progress';
import { CollectionRun, collectionView } from './collection-run';
import { defaultTuning, type CollectionTarget, type CollectorTuning } from './machine-collector';
import { listRunIds, readManifest, runFolder } from './run-store';

/**
 * The collection runs of the app: the ones running now, and every run in the runs folder. A run id is
 * its folder name; a request naming a run that is not there is refused with a plain message.
 */
export class Collections {
  private readonly active = new Map<string, CollectionRun>();
  private readonly tuning: CollectorTuning;

  constructor(
    readonly runsDir: string,
    private readonly emit: (view: CollectionView) => void,
    tuning: Partial<CollectorTuning> = {},
  ) {
    this.tuning = { ...defaultTuning, ...tuning };
  }

  async start(lab: string, targets: CollectionTarget[], extraPaths: string[], zip: boolean): Promise<CollectionRun> {
    const run = await CollectionRun.start({ runsDir: this.runsDir, lab, targets, extraPaths, zip, tuning: this.tuning, onUpdate: this.emit });
    return this.follow(run);
  }

  async resume(run: string, targets: CollectionTarget[]): Promise<CollectionRun> {
    if (this.active.has(run)) throw new Error(`run ${run} is still collecting`);
    await this.manifest(run);
    return this.follow(await CollectionRun.resume({ runsDir: this.runsDir, run, targets, tuning: this.tuning, onUpdate: this.emit }));
  }

  cancel(run: string): CollectionView {
    const r = this.active.get(run);
    if (!r) throw new Error(`run ${run} is not collecting now`);
    r.cancel('cancelled by the operator');
    return r.view();
  }

  /** Every run, newest first: the running ones as they are now, the others as their manifests say. */
  async list(): Promise<CollectionView[]> {
    const views: CollectionView[] = [];
    for (const run of await listRunIds(this.runsDir)) {
      const live = this.active.get(run);
      if (live) views.push(live.view());
      else {
        const folder = runFolder(this.runsDir, run);
        const manifest = await readManifest(folder).catch(() => null);
        if (manifest) views.push(collectionView(manifest, folder, 0, null));
      }
    }
    return views;
  }

  async manifest(run: string): Promise<CollectionManifest> {
    const live = this.active.get(run);
    if (live) return structuredClone(live.manifest);
    try {
      return await readManifest(runFolder(this.runsDir, run));
    } catch (e) {
      throw new Error(`there is no collection run ${run} in ${this.runsDir}: ${(e as Error).message}`);
    }
  }

  /** Cancels what runs (saying why) and waits until each has written its manifest. */
  async stopAll(why: string): Promise<void> {
    const running = [...this.active.values()];
    for (const r of running) r.cancel(why);
    await Promise.all(running.map((r) => r.done));
  }

  private follow(run: CollectionRun): CollectionRun {
    this.active.set(run.run, run);
    void run.done.then(() => this.active.delete(run.run));
    return run;
  }
}
