import type { CollectionManifest } from '../../shared/collection/manifest';
import type { CollectionView } from '../../shared/collection/progress';
import type { SliceCreator } from './app-state';
import { ask } from './ask';

export interface ManifestState {
  loading: boolean;
  manifest: CollectionManifest | null;
  error: string | null;
}

export type CollectionRequestKind = 'collect' | 'cancel' | 'resume';

export interface CollectRequest {
  /** Every machine when absent. */
  machines?: string[];
  extraPaths: string[];
  zip: boolean;
}

/** Log collection runs: every run in the runs folder, each as hlk-assist last told, and manifests on request. */
export interface CollectionSlice {
  collections: Record<string, CollectionView>;
  manifests: Record<string, ManifestState>;
  /** The operator's last collection request from this window, and why it failed. */
  collectionRequest: { doing: CollectionRequestKind | null; run: string | null; error: string | null };
  /** Runs whose files the operator opened or closed; the newest run's are open until they say otherwise. */
  runFilesShown: Record<string, boolean>;
  showRunFiles(run: string, shown: boolean): void;
  collectLogs(request: CollectRequest): Promise<void>;
  cancelRun(run: string): Promise<void>;
  resumeRun(run: string): Promise<void>;
  loadManifest(run: string): Promise<void>;
}

export const createCollectionSlice: SliceCreator<CollectionSlice> = (set, get, { connection, feed }) => {
  const api = connection.api;
  const request = async (doing: CollectionRequestKind, run: string | null, send: () => Promise<{ ok: true; result: CollectionView } | { ok: false; message: string }>) => {
    if (get().collectionRequest.doing) return;
    set({ collectionRequest: { doing, run, error: null } });
    const answer = await send();
    if (answer.ok) feed.collection(answer.result);
    set({ collectionRequest: { doing: null, run: answer.ok ? answer.result.run : run, error: answer.ok ? null : answer.message } });
  };
  return {
    collections: {},
    manifests: {},
    collectionRequest: { doing: null, run: null, error: null },
    runFilesShown: {},
    showRunFiles: (run, shown) => set((s) => ({ runFilesShown: { ...s.runFilesShown, [run]: shown } })),
    collectLogs: ({ machines, extraPaths, zip }) =>
      request('collect', null, () =>
        ask(api, 'logs.collect', { ...(machines ? { machines } : {}), ...(extraPaths.length > 0 ? { extraPaths } : {}), zip }),
      ),
    cancelRun: (run) => request('cancel', run, () => ask(api, 'logs.cancel', { run })),
    resumeRun: (run) => request('resume', run, () => ask(api, 'logs.resume', { run })),
    loadManifest: async (run) => {
      const setManifest = (state: ManifestState) => set((s) => ({ manifests: { ...s.manifests, [run]: state } }));
      const before = get().manifests[run];
      setManifest({ loading: true, manifest: before?.manifest ?? null, error: null });
      const answer = await ask(api, 'logs.manifest', { run });
      setManifest(
        answer.ok
          ? { loading: false, manifest: answer.result, error: null }
          : { loading: false, manifest: before?.manifest ?? null, error: answer.message },
      );
    },
  };
};
