import { useId } from 'react';
import { useApp } from '../store/use-app';
import type { Theme } from '../store/settings-slice';

/** The app's name, where this window runs, and the colour scheme. */
export function TopBar() {
  const link = useApp((s) => s.link.status);
  const servedBy = useApp((s) => s.servedBy);
  const theme = useApp((s) => s.settings.theme);
  const setTheme = useApp((s) => s.setTheme);
  const id = useId();
  return (
    <div className="topbar">
      <span className="topbar__app">hlk-assist</span>
      {servedBy === 'web' && <span className="topbar__where muted">in a browser</span>}
      <span className={`topbar__link tone-${link === 'connected' ? 'good' : link === 'connecting' ? 'busy' : 'bad'}`}>
        {link === 'connected' ? 'live' : link === 'connecting' ? 'connecting…' : 'disconnected'}
      </span>
      <label htmlFor={id} className="topbar__theme">
        Colours
        <select id={id} value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
          <option value="system">as the system</option>
          <option value="light">light</option>
          <option value="dark">dark</option>
        </select>
      </label>
    </div>
  );
}
