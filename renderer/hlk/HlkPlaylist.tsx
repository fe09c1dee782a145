import { actionOperations } from '../operations/action-operations';
import { ConfirmedActionButton } from '../operations/ConfirmedActionButton';
import { useApp } from '../store/use-app';
import { useController } from './use-controller';

/** The compatibility playlist that fits the kit and the clients' architecture, and how many tests it selects once loaded. */
export function HlkPlaylist() {
  const controller = useController();
  const choice = useApp((s) => s.hlkPlaylists);
  const loaded = useApp((s) => s.hlkPlaylistLoaded);
  const project = useApp((s) => s.hlk?.project ?? null);
  const busy = useApp((s) => s.hlkRequest.doing !== null);
  const findPlaylist = useApp((s) => s.findPlaylist);
  const loadPlaylist = useApp((s) => s.loadPlaylist);
  return (
    <section className="hsection" data-testid="hlk-playlist">
      <h3 className="hsection__title">Compatibility playlist</h3>
      {project && project.playlistLoaded !== null && (
        <p className={project.playlistLoaded ? 'tone-good' : 'tone-warn'}>
          {project.playlistLoaded ? `${project.name} has a playlist loaded: ${project.counts.total} tests.` : `${project.name} has no playlist loaded: it holds every test, not only those the certification needs.`}
        </p>
      )}
      {!choice ? (
        <div className="hsection__row">
          <button type="button" className="button" disabled={busy} onClick={() => void findPlaylist()} data-testid="hlk-find-playlist">
            Find the playlist that fits
          </button>
        </div>
      ) : (
        <>
          <p>
            For HLK <strong>{choice.kit}</strong>, <strong>{choice.architecture}</strong> {choice.server ? 'Server' : 'client'} <span className="muted">({choice.basis})</span>
          </p>
          {choice.chosen ? (
            <p data-testid="hlk-playlist-chosen">
              Fits: <span className="mono selectable">{choice.chosen.path}</span>
            </p>
          ) : (
            <p className="notice notice--warn">No playlist fits: {choice.reason}</p>
          )}
          {choice.chosen && <p className="muted">{choice.reason}</p>}
          {choice.candidates.length > 0 && (
            <details className="hsection__more">
              <summary>
                {choice.candidates.length} playlist {choice.candidates.length === 1 ? 'file' : 'files'} in <span className="mono">{choice.folder}</span>
              </summary>
              <ul className="hsection__list">
                {choice.candidates.map((c) => (
                  <li key={c.path}>
                    <span className="mono">{c.name}</span> <span className={c.fits ? 'tone-good' : 'muted'}>— {c.fits ? 'fits' : c.verdict}</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          {choice.chosen && project && project.targets.length === 0 && (
            <p className="hint" data-testid="hlk-load-playlist-waits">
              Loading a playlist comes after the project has targets: select the TAP adapter on each client in Studio’s Selection tab first (a playlist selects
              tests only among the project’s own).
            </p>
          )}
          {choice.chosen && project && project.targets.length > 0 && (
            <ConfirmedActionButton
              label="Load this playlist"
              testId="hlk-load-playlist"
              disabled={busy}
              runsOn={controller}
              title={`Load the playlist into ${project.name}?`}
              confirmLabel="Load the playlist"
              facts={[['What it does', 'Applies the playlist to the project, as Studio’s “Load Playlist” does: only the tests the certification needs stay selected.']]}
              params={{ project: project.name, path: choice.chosen.path }}
              operations={actionOperations.hlkLoadPlaylist}
              onRun={() => void loadPlaylist(choice.chosen!.path)}
            />
          )}
        </>
      )}
      {loaded && (
        <p className={loaded.testsSelected > 0 ? 'tone-good' : 'tone-bad'} data-testid="hlk-playlist-loaded" data-selected={loaded.testsSelected}>
          Loaded <span className="mono">{loaded.path}</span>: it selects <strong>{loaded.testsSelected}</strong> of the project’s tests ({loaded.testsInPlaylist} in the
          playlist{loaded.notFound > 0 ? `, ${loaded.notFound} not in this project` : ''}).
          {loaded.testsSelected === 0 && ' No test is selected: the project holds none of the playlist’s tests (are its targets selected?).'}
        </p>
      )}
    </section>
  );
}
