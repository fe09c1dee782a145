import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The app's data folder (pinned host keys, settings, practice lab key): the same folder Electron's
 * `app.getPath('userData')` gives, so the desktop app and the web host share it. HLK_ASSIST_HOME
 * overrides it (tests, a second profile).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HLK_ASSIST_HOME) return env.HLK_ASSIST_HOME;
  const name = 'hlk-assist';
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name);
}
