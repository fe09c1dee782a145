import { useApp } from '../store/use-app';
import { ChecklistList } from './ChecklistList';
import { ChecklistView } from './ChecklistView';

/** The setup checklists: which are done, and the one being walked, step by step. */
export function SetupPage() {
  const progress = useApp((s) => s.checklistProgress);
  const catalogue = useApp((s) => s.checklistCatalogue);
  const verify = useApp((s) => s.checklistVerify);
  const verifyChecklist = useApp((s) => s.verifyChecklist);
  if (!progress || catalogue.length === 0) {
    return (
      <div className="setup" data-testid="setup-page">
        <p className="muted">Reading the checklists from hlk-assist…</p>
      </div>
    );
  }
  return (
    <div className="setup" data-testid="setup-page">
      <div className="setup__toolbar">
        <p>
          Progress is kept for the HLK project <strong className="mono">{progress.project}</strong> in this lab; steps are verified again
          whenever what they read changes.
        </p>
        <button type="button" className="button" disabled={verify.doing !== null} onClick={() => void verifyChecklist()} data-testid="checklists-verify-all">
          {verify.doing === 'all' ? 'Verifying every checklist…' : 'Verify every checklist'}
        </button>
        {verify.error && (
          <p className="notice notice--bad setup__error" role="alert">
            {verify.error}
          </p>
        )}
      </div>
      <div className="setup__body">
        <ChecklistList />
        <ChecklistView />
      </div>
    </div>
  );
}
