import type { TapdiagLink, TapdiagQ } from '../../shared/tapdiag/views';
import { AbsoluteAndRelativeTime, RelativeTime } from '../components/RelativeTime';
import { formatClock } from '../components/time-format';
import { actionOperations } from '../operations/action-operations';
import { ConfirmedActionButton } from '../operations/ConfirmedActionButton';
import { useApp } from '../store/use-app';
import { endpointWords, linkWords, mediaWords, qWords, setWords, tapdiagBlocked } from './tapdiag-words';
import { errorKindWords } from '../operations/error-words';

const roleWords = { controller: 'HLK controller', client: 'HLK client', support: 'Support machine' };

/** One client or support machine: tapdiag's status there, what hlk-assist last set (and whether a reboot lost it), and the buttons. */
export function TapdiagMachine({ name }: { name: string }) {
  const view = useApp((s) => s.tapdiag?.machines.find((m) => m.machine === name));
  const machine = useApp((s) => s.lab?.machines.find((m) => m.name === name));
  const request = useApp((s) => s.tapdiagRequests[name]);
  const readTapdiag = useApp((s) => s.readTapdiag);
  const enableTapdiag = useApp((s) => s.enableTapdiag);
  const setLink = useApp((s) => s.setTapdiagLink);
  const setQ = useApp((s) => s.setTapdiagQ);
  const reapply = useApp((s) => s.reapplyTapdiag);
  if (!view || !machine) return null;
  const status = view.status;
  const busy = view.busy !== null || (request?.doing ?? null) !== null;
  const connected = machine.state === 'connected';
  const disabled = busy || !connected;
  const blocked = tapdiagBlocked(status);
  const tap = status?.adapters[0] ?? null;
  const media = tap ? mediaWords(tap.mediaConnectionState) : null;
  const unplugged = view.link === 'off' && !view.lost;
  const tone = view.lastError ? 'bad' : view.lost || unplugged || media?.down ? 'warn' : 'good';
  const linkButton = (link: TapdiagLink) => (
    <ConfirmedActionButton
      label={link === 'off' ? 'Off (unplug)' : 'On (plug in)'}
      labelDetail={`: the link on ${name}`}
      testId={`tapdiag-${name}-link-${link}`}
      disabled={disabled || blocked.link !== null}
      runsOn={machine}
      title={`tapdiag /link:${link} on ${name}?`}
      confirmLabel={`Set link ${link} on ${name}`}
      facts={[
        ['What it does', `Leaves the TAP adapter’s virtual cable ${linkWords(link)}, as LinkCheck’s message boxes ask.`],
        ...(link === 'off' ? [['Meanwhile', `The VPN carries nothing on ${name} until the link is on again.`] as const] : []),
        ['Afterwards', 'tapdiag’s status is read again, so the adapter’s link shows what the driver did.'],
      ]}
      params={{ link }}
      operations={actionOperations.tapdiagLink}
      onRun={() => void setLink(name, link)}
    />
  );
  const qButton = (mode: TapdiagQ) => (
    <ConfirmedActionButton
      key={mode}
      label={mode === 'on' ? 'On' : mode === 'off' ? 'Off' : 'Always'}
      labelDetail={`: 802.1Q on ${name}`}
      testId={`tapdiag-${name}-q-${mode}`}
      disabled={disabled || blocked.link !== null}
      runsOn={machine}
      title={`tapdiag /setq:${mode} on ${name}?`}
      confirmLabel={`Set 802.1Q ${mode} on ${name}`}
      facts={[['What it does', `Sets the TAP driver’s 802.1Q handling ${qWords[mode]}. 2c_Priority needs it on, on both machines; a reboot loses it.`]]}
      params={{ mode }}
      operations={actionOperations.tapdiagQ}
      onRun={() => void setQ(name, mode)}
    />
  );
  return (
    <section className={`tcard tone-edge-${tone}`} aria-labelledby={`tapdiag-${name}-title`} data-testid={`tapdiag-${name}`} data-lost={String(view.lost)}>
      <header className="tcard__head">
        <h3 id={`tapdiag-${name}-title`} className="tcard__name">
          {name}
        </h3>
        <span className="muted">{roleWords[machine.role]}</span>
        {unplugged && (
          <span className="badge badge--warn" data-testid={`tapdiag-${name}-unplugged`}>
            Link off: unplugged
          </span>
        )}
        {view.lost && view.lostAt && (
          <span className="badge badge--warn" data-testid={`tapdiag-${name}-lost`}>
            Lost at reboot {formatClock(new Date(view.lostAt)).slice(0, 5)}
          </span>
        )}
        <button type="button" className="button button--small tcard__read" disabled={disabled} onClick={() => void readTapdiag(name)} data-testid={`tapdiag-${name}-read`}>
          Read status<span className="visually-hidden"> of tapdiag on {name}</span>
        </button>
      </header>

      <dl className="tcard__facts">
        <dt>TAP adapter</dt>
        <dd data-testid={`tapdiag-${name}-adapter`} data-media={tap?.mediaConnectionState ?? 'unknown'}>
          {!status ? (
            <span className="muted">not read yet</span>
          ) : !tap ? (
            <span className="tone-bad">none found</span>
          ) : (
            <>
              <span className="mono">{tap.name}</span>: <strong className={`tone-${media!.tone}`}>{media!.text}</strong>
              <span className="muted">
                {' '}
                · read <RelativeTime iso={status.at} phrasing="ago" />
              </span>
            </>
          )}
        </dd>
        <dt>Link set</dt>
        <dd data-testid={`tapdiag-${name}-link`} data-link={view.link ?? 'none'}>
          {view.link === null ? (
            <span className="muted">not set by hlk-assist</span>
          ) : view.lost ? (
            // A reboot reset the driver: what was set is history, not the adapter's state now.
            <span className="muted">was {linkWords(view.link)}, lost at the reboot</span>
          ) : (
            <strong>{linkWords(view.link)}</strong>
          )}
        </dd>
        <dt>802.1Q set</dt>
        <dd data-testid={`tapdiag-${name}-q`} data-q={view.q ?? 'none'}>
          {view.q === null ? (
            <span className="muted">not set by hlk-assist (the driver starts with it off)</span>
          ) : view.lost ? (
            <span className="muted">was {qWords[view.q]}, lost at the reboot (the driver starts with it off)</span>
          ) : (
            <strong>{qWords[view.q]}</strong>
          )}
        </dd>
        {view.setAt && (
          <>
            <dt>Set</dt>
            <dd>
              <AbsoluteAndRelativeTime iso={view.setAt} />
              {view.bootTime && (
                <span className="muted">
                  {' '}
                  · in the boot that started <AbsoluteAndRelativeTime iso={view.bootTime} />
                </span>
              )}
            </dd>
          </>
        )}
        <dt>tapdiag</dt>
        <dd>
          {!status ? (
            <span className="muted">not read yet</span>
          ) : !status.toolFound ? (
            <span className="tone-bad" data-testid={`tapdiag-${name}-tool-missing`}>
              tapdiag.exe is not at <span className="mono">{status.toolPath}</span>: copy it there (it comes with tap-windows6’s HLK work, not with the driver)
            </span>
          ) : (
            <>
              <span>registry value {status.registryEnabled ? 'set' : 'not set'}</span>; endpoint{' '}
              <span className={`tone-${endpointWords[status.endpoint].tone}`}>{endpointWords[status.endpoint].text}</span>
            </>
          )}
        </dd>
      </dl>

      {view.lost && (
        <div className="notice notice--warn" role="alert">
          <p>
            <strong>{name} rebooted</strong>
            {view.lostAt && (
              <>
                {' '}
                (noticed <AbsoluteAndRelativeTime iso={view.lostAt} />)
              </>
            )}
            : the driver no longer holds {setWords(view)}. Apply it again before the next test.
          </p>
          <ConfirmedActionButton
            label="Apply again"
            labelDetail={`on ${name}`}
            testId={`tapdiag-${name}-reapply`}
            disabled={disabled}
            runsOn={machine}
            title={`Apply ${setWords(view)} again on ${name}?`}
            confirmLabel={`Apply again on ${name}`}
            facts={[['What it does', `Sets ${setWords(view)} again with tapdiag, 802.1Q first, then the link, for this boot.`]]}
            params={{ link: view.link, q: view.q }}
            operations={actionOperations.tapdiagReapply}
            onRun={() => void reapply(name)}
          />
        </div>
      )}
      {busy && (
        <p className="tcard__busy tone-busy" role="status" data-testid={`tapdiag-${name}-busy`}>
          <progress className="fix__progress" aria-label={`tapdiag on ${name}`} /> {view.busy ?? request?.doing} on {name}…
        </p>
      )}
      {!busy && view.lastError && (
        <p className="notice notice--bad" role="alert" data-testid={`tapdiag-${name}-error`}>
          <span className="badge badge--bad">{errorKindWords[view.lastError.kind] ?? view.lastError.kind}</span> {view.lastError.message}
        </p>
      )}
      {!busy && request?.error && (
        <p className="notice notice--bad" role="alert">
          {request.error}
        </p>
      )}
      {!connected && <p className="hint">{name} is not connected: tapdiag can be used again once it is.</p>}

      {blocked.link && (
        <p className="hint" data-testid={`tapdiag-${name}-blocked`}>
          Link and 802.1Q cannot be set now: {blocked.link}.
        </p>
      )}
      <div className="tcard__buttons">
        <span className="tcard__group-label">Link</span>
        {linkButton('off')}
        {linkButton('on')}
      </div>
      <div className="tcard__buttons">
        <span className="tcard__group-label">802.1Q</span>
        {(['on', 'off', 'always'] as const).map(qButton)}
      </div>
      {status?.endpoint !== 'open' && (
        <div className="tcard__buttons">
          <ConfirmedActionButton
            label="Enable tapdiag"
            labelDetail={`on ${name}`}
            testId={`tapdiag-${name}-enable`}
            disabled={disabled || blocked.enable !== null}
            runsOn={machine}
            title={`Enable tapdiag on ${name}?`}
            confirmLabel={`Enable tapdiag on ${name}`}
            facts={[
              ['What it does', 'tapdiag /enable sets the driver’s TapDiag registry value; then the TAP adapter is restarted so the driver opens its tapdiag endpoint.'],
              ['Meanwhile', 'OpenVPN is stopped around the adapter restart (no reboot needed) and started again: the VPN drops for a few seconds.'],
              ['Afterwards', 'Whatever tapdiag had set is reset with the adapter.'],
            ]}
            operations={actionOperations.tapdiagEnable}
            onRun={() => void enableTapdiag(name)}
          />
        </div>
      )}
    </section>
  );
}
