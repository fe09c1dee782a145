import type { SliceCreator } from './app-state';

export type Theme = 'system' | 'light' | 'dark';

/** Harmless UI preferences: the only state kept across restarts. */
export interface UiSettings {
  theme: Theme;
  /** Show only this machine's events; null for all machines. */
  eventsMachine: string | null;
}

export interface SettingsSlice {
  settings: UiSettings;
  setTheme(theme: Theme): void;
  setEventsMachine(machine: string | null): void;
}

export const defaultSettings: UiSettings = { theme: 'system', eventsMachine: null };

/** Settings read back from storage, keeping only values this version understands. */
export function readSettings(stored: unknown): UiSettings {
  const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  return {
    theme: s.theme === 'light' || s.theme === 'dark' ? s.theme : 'system',
    eventsMachine: typeof s.eventsMachine === 'string' ? s.eventsMachine : null,
  };
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set) => ({
  settings: defaultSettings,
  setTheme: (theme) => set((s) => ({ settings: { ...s.settings, theme } })),
  setEventsMachine: (eventsMachine) => set((s) => ({ settings: { ...s.settings, eventsMachine } })),
});
