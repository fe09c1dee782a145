import { useEffect } from 'react';
import { ChooseAnotherLab } from '../lab/ChooseAnotherLab';
import { FirstScreen } from '../lab/FirstScreen';
import { LabView } from '../lab/LabView';
import { useApp } from '../store/use-app';
import { HostLinkBanner } from './HostLinkBanner';
import { TopBar } from './TopBar';

export function App() {
  const loaded = useApp((s) => s.loaded);
  const labName = useApp((s) => s.lab?.name ?? null);
  const choosingLab = useApp((s) => s.choosingLab);
  const theme = useApp((s) => s.settings.theme);
  const stale = useApp((s) => s.link.status !== 'connected');
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className={stale ? 'app app--stale' : 'app'}>
      <TopBar />
      <HostLinkBanner />
      {!loaded ? (
        <main className="loading" aria-busy="true">
          <p className="muted">Reading the lab from hlk-assist…</p>
        </main>
      ) : labName === null ? (
        <FirstScreen />
      ) : choosingLab ? (
        <ChooseAnotherLab openLabName={labName} />
      ) : (
        <LabView />
      )}
    </div>
  );
}
