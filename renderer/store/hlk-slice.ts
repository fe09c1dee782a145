import type { ApiMethod } from '../../shared/api';
import type { HlkOutcome, HlkProjectSummary, HlkStateView, PlaylistChoiceView, PlaylistLoadView } from '../../shared/hlk/views';
import type { SliceCreator } from './app-state';
import { ask, type Answer } from './ask';

/** The HLK request under way from this window (one at a time: they all go through HLK's API on the controller), or how the last one ended. */
export interface HlkRequest {
  doing: string | null;
  startedAt: number | null;
  error: string | null;
  /** The last one failed because HLK Studio is open on the controller. */
  studioInUse: boolean;
}

/** HLK Studio's state on the controller as hlk-assist last read or changed it, and what this window asked of it. */
export interface HlkSlice {
  hlk: HlkStateView | null;
  hlkProjects: HlkProjectSummary[] | null;
  hlkPlaylists: PlaylistChoiceView | null;
  hlkPlaylistLoaded: PlaylistLoadView | null;
  hlkRequest: HlkRequest;
  /** Reads the pools, the projects, the project checklists follow (when HLK has it), its tests and the playlist that fits. */
  readHlk(): Promise<void>;
  createPool(): Promise<void>;
  arrangePool(): Promise<void>;
  setReady(): Promise<void>;
  /** Opens the project (the one checklists follow by default), creating it when asked. */
  openProject(name: string | undefined, create: boolean): Promise<void>;
  addLanFeature(): Promise<void>;
  findPlaylist(): Promise<void>;
  loadPlaylist(path: string | undefined): Promise<void>;
  readTests(): Promise<void>;
  rerunTest(test: string): Promise<void>;
  watchTests(seconds: number | null): Promise<void>;
}

type HlkMethod = Extract<ApiMethod, `hlk.${string}`>;
/** An HLK answer: HLK's own failure (Studio in use said so), or none. */
type HlkAnswer = Answer<Exclude<HlkMethod, 'hlk.state' | 'hlk.watchTests'>>;

const idle: HlkRequest = { doing: null, startedAt: null, error: null, studioInUse: false };

export const createHlkSlice: SliceCreator<HlkSlice> = (set, get, { connection, feed }) => {
  const api = connection.api;
  /** The first failure, in words, and whether HLK Studio being open caused it; null when it went through. */
  const failureOf = (answer: HlkAnswer): { error: string; studioInUse: boolean } | null => {
    if (!answer.ok) return { error: answer.message, studioInUse: false };
    const outcome = answer.result as HlkOutcome<unknown>;
    return outcome.ok ? null : { error: outcome.error.message, studioInUse: outcome.studioInUse };
  };
  /** Runs steps in order under one label; stops at the first failure. */
  const request = async (doing: string, ...steps: Array<() => Promise<HlkAnswer | null>>) => {
    if (get().hlkRequest.doing) return;
    set({ hlkRequest: { ...idle, doing, startedAt: Date.now() } });
    for (const step of steps) {
      const answer = await step();
      const failed = answer ? failureOf(answer) : null;
      if (failed) {
        set({ hlkRequest: { ...idle, ...failed } });
        return;
      }
    }
    set({ hlkRequest: idle });
  };
  const readProjects = async () => {
    const answer = await ask(api, 'hlk.projects', {});
    if (answer.ok && answer.result.ok) set({ hlkProjects: answer.result.value });
    return answer;
  };
  const readPlaylists = async () => {
    const answer = await ask(api, 'hlk.playlists', {});
    if (answer.ok && answer.result.ok) set({ hlkPlaylists: answer.result.value });
    return answer;
  };
  return {
    hlk: null,
    hlkProjects: null,
    hlkPlaylists: null,
    hlkPlaylistLoaded: null,
    hlkRequest: idle,
    readHlk: () => {
      // The project's state arrives as a pushed event a frame later: whether it opened is kept here.
      let opened = false;
      return request(
        'reading pools, projects and tests',
        () => ask(api, 'hlk.pools', {}),
        readProjects,
        async () => {
          const project = get().checklistProgress?.project;
          if (project === undefined || !(get().hlkProjects ?? []).some((p) => p.name.toLowerCase() === project.toLowerCase())) return null;
          const answer = await ask(api, 'hlk.openProject', { name: project });
          opened = answer.ok && answer.result.ok;
          return answer;
        },
        async () => (opened ? ask(api, 'hlk.tests', {}) : null),
        readPlaylists,
      );
    },
    createPool: () => request('creating the pool', () => ask(api, 'hlk.createPool', {})),
    arrangePool: () => request('moving the clients in first, then the support machine, and setting them Ready', () => ask(api, 'hlk.arrangePool', { setReady: true })),
    setReady: () => request('setting the machines Ready', () => ask(api, 'hlk.setReady', {})),
    openProject: (name, create) =>
      request(
        create ? 'creating the project' : 'opening the project',
        () => ask(api, 'hlk.openProject', { ...(name !== undefined ? { name } : {}), create }),
        readProjects,
        () => ask(api, 'hlk.tests', {}),
      ),
    addLanFeature: () => request('adding Device.Network.LAN.PM to the TAP target', () => ask(api, 'hlk.addLanFeature', {})),
    findPlaylist: () => request('looking for the playlist that fits', readPlaylists),
    loadPlaylist: (path) =>
      request(
        'loading the playlist',
        async () => {
          const answer = await ask(api, 'hlk.loadPlaylist', path === undefined ? {} : { path });
          if (answer.ok && answer.result.ok) set({ hlkPlaylistLoaded: answer.result.value });
          return answer;
        },
        () => ask(api, 'hlk.tests', {}),
      ),
    readTests: () => request('reading the tests', () => ask(api, 'hlk.tests', {})),
    rerunTest: (test) => request('queueing the test again', () => ask(api, 'hlk.rerunTest', { test })),
    watchTests: async (seconds) => {
      const answer = await ask(api, 'hlk.watchTests', { seconds });
      if (answer.ok) feed.hlk(answer.result);
      else set({ hlkRequest: { ...idle, error: answer.message } });
    },
  };
};
