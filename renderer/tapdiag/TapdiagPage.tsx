import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/use-app';
import { GuidedLinkcheck } from './GuidedLinkcheck';
import { TapdiagMachine } from './TapdiagMachine';

/** tapdiag on the clients and the support machine, and the guided LinkCheck. */
export function TapdiagPage() {
  const view = useApp((s) => s.tapdiag);
  const autoReapply = useApp((s) => s.tapdiag?.autoReapply ?? false);
  const autoError = useApp((s) => s.autoReapplyError);
  const setAutoReapply = useApp((s) => s.setAutoReapply);
  const readTapdiag = useApp((s) => s.readTapdiag);
  // Machines whose tapdiag status was never read and that can be asked now.
  const unread = useApp(
    useShallow((s) => (s.tapdiag?.machines ?? []).filter((m) => m.status === null && s.lab?.machines.find((x) => x.name === m.machine)?.state === 'connected').map((m) => m.machine)),
  );
  useEffect(() => {
    for (const m of unread) void readTapdiag(m);
  }, [unread, readTapdiag]);
  if (!view) {
    return (
      <div className="tapdiag" data-testid="tapdiag-page">
        <p className="muted">Reading what tapdiag last set from hlk-assist…</p>
      </div>
    );
  }
  return (
    <div className="tapdiag" data-testid="tapdiag-page">
      <div className="tapdiag__intro">
        <p>
          tapdiag sets the TAP driver’s link and 802.1Q handling for LinkCheck and 2c_Priority. The driver cannot be asked what it holds, so this page
          shows what hlk-assist last set and in which boot: <strong>a reboot loses it</strong>.
        </p>
        <label className="tapdiag__auto">
          <input type="checkbox" checked={autoReapply} onChange={(e) => void setAutoReapply(e.target.checked)} data-testid="tapdiag-auto-reapply" />
          Apply the last settings again by themselves when a machine comes back from a reboot
        </label>
        {autoError && (
          <p className="notice notice--bad" role="alert">
            {autoError}
          </p>
        )}
      </div>
      {view.machines.length === 0 ? (
        <p className="muted">This lab has no client or support machine: tapdiag runs on those.</p>
      ) : (
        <div className="tapdiag__machines">
          {view.machines.map((m) => (
            <TapdiagMachine key={m.machine} name={m.machine} />
          ))}
        </div>
      )}
      <GuidedLinkcheck />
    </div>
  );
}
