import { useApp } from '../store/use-app';
import { LabChoices } from './LabChoices';

/** The operator asked to open another lab: the open one keeps running until they pick one and confirm. */
export function ChooseAnotherLab({ openLabName }: { openLabName: string }) {
  const setChoosingLab = useApp((s) => s.setChoosingLab);
  const opening = useApp((s) => s.opening);
  return (
    <main className="first" data-testid="choose-lab">
      <div className="first__head">
        <h1 className="first__title">Open another lab</h1>
        <button type="button" className="button" disabled={opening !== null} onClick={() => setChoosingLab(false)} data-testid="choose-lab-back">
          Back to {openLabName}
        </button>
      </div>
      <p className="muted">“{openLabName}” stays open until you pick another lab and confirm.</p>
      <LabChoices openLabName={openLabName} />
    </main>
  );
}
