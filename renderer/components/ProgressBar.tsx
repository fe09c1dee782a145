/**
 * A progress bar that also says it in words: colour and length alone are not enough at 2 a.m. The bar
 * never shows full before `done` is true, so work that is nearly finished does not look finished.
 */
export function ProgressBar({ value, max, text, label, done, testId }: { value: number; max: number; text: string; label: string; done: boolean; testId?: string }) {
  const ratio = max > 0 ? Math.min(1, value / max) : done ? 1 : 0;
  const shown = done ? ratio : Math.min(ratio, 0.99);
  return (
    <div className="bar" data-testid={testId}>
      <progress className="bar__meter" value={Math.round(shown * 1000)} max={1000} aria-label={label} aria-valuetext={text} />
      <span className="bar__text">{text}</span>
    </div>
  );
}
