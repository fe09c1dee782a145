import { useEffect, useId, useState } from 'react';
import type { AlertSettings as Settings } from '../../shared/hlk/alert-settings';
import { passEventKinds, passEventKindWords } from '../../shared/hlk/pass-events';
import { useApp } from '../store/use-app';

/** Where alerts go (desktop, a webhook) and which kinds, with a test alert. Kept by hlk-assist across restarts. */
export function AlertSettings() {
  const saved = useApp((s) => s.alertSettings);
  const request = useApp((s) => s.alertRequest);
  const load = useApp((s) => s.loadAlertSettings);
  const save = useApp((s) => s.saveAlertSettings);
  const sendTest = useApp((s) => s.sendTestAlert);
  const web = useApp((s) => s.servedBy === 'web');
  const [draft, setDraft] = useState<Settings | null>(null);
  const [webhook, setWebhook] = useState('');
  const [permission, setPermission] = useState(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
  const id = useId();
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (saved) {
      setDraft(saved);
      setWebhook(saved.webhook ?? '');
    }
  }, [saved]);
  if (!draft) return null;
  const change = (next: Settings) => {
    setDraft(next);
    void save(next);
  };
  return (
    <section className="hsection" data-testid="alert-settings">
      <h3 className="hsection__title">Alerts</h3>
      <fieldset className="alerts__kinds">
        <legend>Tell me when</legend>
        {passEventKinds.map((k) => (
          <label key={k}>
            <input type="checkbox" checked={draft.kinds[k]} onChange={(e) => change({ ...draft, kinds: { ...draft.kinds, [k]: e.target.checked } })} data-testid={`alert-kind-${k}`} />{' '}
            {passEventKindWords[k]}
          </label>
        ))}
      </fieldset>
      <label>
        <input type="checkbox" checked={draft.desktop} onChange={(e) => change({ ...draft, desktop: e.target.checked })} data-testid="alert-desktop" /> Desktop notifications
      </label>
      {web && draft.desktop && permission !== 'granted' && (
        <p className="tone-warn">
          {permission === 'unsupported' ? 'This browser has no notifications.' : 'The browser has not allowed notifications yet. '}
          {permission === 'default' && (
            <button type="button" className="button button--small" onClick={() => void Notification.requestPermission().then(setPermission)} data-testid="alert-allow">
              Allow them
            </button>
          )}
        </p>
      )}
      <p>
        <label htmlFor={id}>Webhook (a JSON POST for chat or a phone; empty: none) </label>
        <input id={id} className="input mono" type="url" value={webhook} onChange={(e) => setWebhook(e.target.value)} placeholder="https://…" data-testid="alert-webhook" size={40} />{' '}
        <button type="button" className="button button--small" disabled={request.doing !== null} onClick={() => void save({ ...draft, webhook: webhook.trim() === '' ? null : webhook.trim() })} data-testid="alert-webhook-save">
          Save
        </button>
      </p>
      <p>
        <button type="button" className="button" disabled={request.doing !== null} onClick={() => void sendTest()} data-testid="alert-test">
          Send a test alert
        </button>{' '}
        {request.doing && <span className="tone-busy">{request.doing}…</span>}
        {request.error && (
          <span className="tone-bad" role="alert" data-testid="alert-error">
            {request.error}
          </span>
        )}
        {request.delivery && (
          <span data-testid="alert-delivery">
            {request.delivery.desktop || web ? 'Desktop: shown. ' : 'Desktop: off. '}
            {request.delivery.webhook === null
              ? 'Webhook: none set.'
              : request.delivery.webhook.ok
                ? `Webhook: delivered (${request.delivery.webhook.status}).`
                : `Webhook: not delivered: ${request.delivery.webhook.error}.`}
          </span>
        )}
      </p>
      <p className="hint">The webhook gets the event, what to do next and the lab’s name; never a machine’s address, user or password. Its address is kept only in hlk-assist’s settings, readable by you alone.</p>
    </section>
  );
}
