import type { OperationInfo } from '../../shared/operations/views';

/** The "Operation" and "Parameters" lines of a confirmation: what will run, and with exactly which values. */
export function OperationTerms({ operation, params }: { operation: OperationInfo; params: unknown }) {
  return (
    <>
      <dt>Operation</dt>
      <dd>
        {operation.title} <span className="mono muted">{operation.name}</span> — {operation.description}
      </dd>
      <dt>Parameters</dt>
      <dd>
        <pre className="mono selectable confirm__params">{JSON.stringify(params, null, 2)}</pre>
      </dd>
    </>
  );
}
