import { useEffect } from 'react';
import { formatDuration } from '../components/time-format';
import { useNow } from '../components/use-now';
import { useApp } from '../store/use-app';
import { HlkPlaylist } from './HlkPlaylist';
import { HlkPools } from './HlkPools';
import { HlkProject } from './HlkProject';
import { HlkTests } from './HlkTests';
import { AlertSettings } from './AlertSettings';
import { PassEvents } from './PassEvents';
import { PassProgress } from './PassProgress';
import { useController } from './use-controller';

function RequestLine() {
  const request = useApp((s) => s.hlkRequest);
  const now = useNow();
  if (request.doing && request.startedAt !== null) {
    return (
      <p className="hlk__request tone-busy" role="status" data-testid="hlk-request">
        <progress className="hlk__progress" aria-label="HLK request under way" /> HLK: {request.doing}… <span className="muted">{formatDuration(now - request.startedAt)}</span>
      </p>
    );
  }
  if (request.error && !request.studioInUse) {
    return (
      <p className="notice notice--bad" role="alert" data-testid="hlk-error">
        {request.error}
      </p>
    );
  }
  return null;
}

/** HLK Studio's state on the controller: pools in the right order, the project and its product types, the playlist, the tests. */
export function HlkPage() {
  const controller = useController();
  const hlk = useApp((s) => s.hlk);
  const request = useApp((s) => s.hlkRequest);
  const readHlk = useApp((s) => s.readHlk);
  // The checklists read pools and the project by themselves; the projects, tests and playlist only this page asks for.
  const neverRead = useApp((s) => s.hlkProjects === null);
  const connected = controller?.state === 'connected';
  useEffect(() => {
    // Read once, when the page is first opened with the controller connected.
    if (neverRead && connected) void readHlk();
  }, [neverRead, connected, readHlk]);
  const inUse = (hlk?.studioInUse ?? false) || request.studioInUse;
  if (!controller) {
    return (
      <div className="hlk" data-testid="hlk-page">
        <p className="notice notice--warn">This lab names no controller: HLK Studio’s object model is reached on the controller.</p>
      </div>
    );
  }
  return (
    <div className="hlk" data-testid="hlk-page">
      <div className="hlk__toolbar">
        <button type="button" className="button button--primary" disabled={request.doing !== null || !connected} onClick={() => void readHlk()} data-testid="hlk-read">
          Read HLK’s state again
        </button>
        <span className="hint">
          Read through HLK’s object model on <strong>{controller.name}</strong>
          {!connected && ', which is not connected now'}.
        </span>
        <RequestLine />
      </div>
      {inUse && (
        <div className="banner banner--warn hlk__in-use" role="alert" data-testid="hlk-studio-in-use">
          <p>
            <strong>HLK Studio is open on {controller.name}.</strong> While it is open, HLK’s API refuses hlk-assist: nothing here can be
            read or changed. Close HLK Studio on the controller, then press “Read HLK’s state again”.
          </p>
        </div>
      )}
      <div className="hlk__sections">
        <PassProgress />
        <PassEvents />
        <HlkPools />
        <HlkProject />
        <HlkPlaylist />
        <HlkTests />
        <AlertSettings />
      </div>
    </div>
  );
}
