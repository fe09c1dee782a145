import { memo } from 'react';
import type { JournalEntryView, OperationEntryData } from '../../shared/journal';
import { formatWhenOn } from '../components/time-format';
import { ScriptView } from '../operations/ScriptView';
import { useApp } from '../store/use-app';
import { journalKindWords } from './journal-kinds';
import { errorWords } from '../operations/error-words';

/** An entry's data, when it is an operation run (the journal keeps its parameters, script hash and outcome). */
function operationData(entry: JournalEntryView): OperationEntryData | null {
  if (entry.kind !== 'operation' && entry.kind !== 'read') return null;
  const d = entry.data as Partial<OperationEntryData> | undefined;
  return d && typeof d.operation === 'string' && typeof d.scriptSha256 === 'string' ? (d as OperationEntryData) : null;
}

/** The script an operation entry ran, by its SHA-256: shown when this hlk-assist has that very script. */
function RanScript({ data }: { data: OperationEntryData }) {
  const op = useApp((s) => s.operations.find((o) => o.name === data.operation));
  if (!op) return <p className="muted">This hlk-assist has no operation {data.operation}: its script cannot be shown.</p>;
  if (op.scriptSha256 !== data.scriptSha256) {
    return (
      <p className="notice notice--warn">
        The script that ran (SHA-256 <span className="mono">{data.scriptSha256}</span>) is not the one this hlk-assist has for {data.operation}: it was
        another version.
      </p>
    );
  }
  return <ScriptView script={op.script} title={op.title} />;
}

function OperationDetails({ data }: { data: OperationEntryData }) {
  return (
    <div className="timeline__details">
      <dl className="confirm__facts">
        <dt>Operation</dt>
        <dd className="mono">{data.operation}</dd>
        <dt>Parameters</dt>
        <dd>
          <pre className="mono selectable confirm__params">{JSON.stringify(data.params, null, 2)}</pre>
        </dd>
        <dt>Outcome</dt>
        <dd>
          {data.ok ? <span className="tone-good">done</span> : <span className="tone-bad">failed: {data.error ? errorWords(data.error) : 'no error recorded'}</span>}{' '}
          <span className="muted">in {data.elapsedMs} ms</span>
        </dd>
        {data.ok && data.result !== undefined && (
          <>
            <dt>Result</dt>
            <dd>
              <pre className="mono selectable confirm__params">{JSON.stringify(data.result, null, 2)}</pre>
            </dd>
          </>
        )}
        <dt>Script SHA-256</dt>
        <dd className="mono selectable">{data.scriptSha256}</dd>
      </dl>
      <RanScript data={data} />
    </div>
  );
}

/** One entry of the timeline: when, which machine, what kind, what; an operation opens to its parameters, outcome and script. */
export const JournalEntry = memo(function JournalEntry({ entry, today }: { entry: JournalEntryView; today: string }) {
  const kind = journalKindWords[entry.kind] ?? { text: entry.kind, tone: 'off' };
  const data = operationData(entry);
  const head = (
    <>
      <span className={data ? 'timeline__open' : undefined} aria-hidden="true" />
      <time className="timeline__time mono" dateTime={entry.at} title={entry.at}>
        {formatWhenOn(new Date(entry.at), today)}
      </time>
      <span className="timeline__machine">{entry.machine ?? 'lab'}</span>
      <span className={`timeline__kind tone-${kind.tone}`}>{kind.text}</span>
      <span className="timeline__text">{entry.text}</span>
    </>
  );
  return (
    <li className="timeline__entry" data-testid={`journal-entry-${entry.seq}`} data-kind={entry.kind}>
      {data ? (
        <details>
          <summary className="timeline__row">{head}</summary>
          <OperationDetails data={data} />
        </details>
      ) : (
        <div className="timeline__row">{head}</div>
      )}
    </li>
  );
});
