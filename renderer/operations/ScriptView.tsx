import { CopyButton } from '../components/CopyButton';

/** The exact PowerShell an operation runs, readable and selectable: operators trust what they can read. */
export function ScriptView({ script, title, id, testId }: { script: string; title: string; id?: string; testId?: string }) {
  return (
    <div className="script" id={id}>
      <div className="script__bar">
        <span className="muted">PowerShell that runs for “{title}”</span>
        <CopyButton text={script} what="script" />
      </div>
      <pre className="script__text mono selectable" tabIndex={0} aria-label={`PowerShell script of ${title}`} data-testid={testId}>
        {script}
      </pre>
    </div>
  );
}
