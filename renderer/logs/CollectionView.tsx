import { useMemo } from 'react';
import { useApp } from '../store/use-app';
import { CollectForm } from './CollectForm';
import { RunItem } from './RunItem';

/** Collect logs, and every run in the runs folder, newest first. */
export function CollectionView() {
  const collections = useApp((s) => s.collections);
  const runs = useMemo(() => Object.values(collections).sort((a, b) => (a.run < b.run ? 1 : a.run > b.run ? -1 : 0)), [collections]);
  return (
    <div className="collection">
      <CollectForm />
      <section className="runs" aria-label="Collection runs">
        {runs.length === 0 ? (
          <p className="muted">No logs collected yet.</p>
        ) : (
          <ol className="runs__list">
            {runs.map((view, i) => (
              <RunItem key={view.run} view={view} newest={i === 0} />
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
