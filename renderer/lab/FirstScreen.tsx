import { LabChoices } from './LabChoices';

/** No lab yet: rehearse on the practice lab, or open the operator's lab file. */
export function FirstScreen() {
  return (
    <main className="first">
      <h1 className="first__title">No lab is open</h1>
      <LabChoices openLabName={null} />
    </main>
  );
}
