import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { alertSettingsSchema, defaultAlertSettings, type AlertSettings } from '../../shared/hlk/alert-settings';

/**
 * What the app remembers between starts: which lab file was open, how often it watches a running pass,
 * and where alerts go. The webhook's URL can itself be a credential (chat services put a token in it), so
 * the file is readable by its owner only and the URL is never journaled, logged or put in a report.
 */
export interface Settings {
  lastLabFile: string | null;
  /** Seconds between readings of a running pass; null: not watching. */
  watchSeconds: number | null;
  alerts: AlertSettings;
}

const defaults: Settings = { lastLabFile: null, watchSeconds: null, alerts: defaultAlertSettings };

export async function readSettings(path: string): Promise<Settings> {
  let value: Partial<Settings>;
  try {
    value = JSON.parse(await readFile(path, 'utf8')) as Partial<Settings>;
  } catch {
    // Missing or damaged settings are not worth stopping for: start as on a first run.
    return defaults;
  }
  const alerts = alertSettingsSchema.safeParse(value.alerts);
  const seconds = value.watchSeconds;
  return {
    lastLabFile: typeof value.lastLabFile === 'string' ? value.lastLabFile : null,
    watchSeconds: typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= 1 && seconds <= 3600 ? seconds : null,
    alerts: alerts.success ? alerts.data : defaults.alerts,
  };
}

async function writeSettings(path: string, settings: Settings): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, path);
}

/** Changes some settings, keeping the others as they are on disk; answers with all of them. */
export async function updateSettings(path: string, change: Partial<Settings>): Promise<Settings> {
  const next = { ...(await readSettings(path)), ...change };
  await writeSettings(path, next);
  return next;
}
