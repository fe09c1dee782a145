import { useEffect, useState } from 'react';

/** Copies text to the clipboard and says so; if the clipboard is refused, says how to copy by hand. */
export function CopyButton({ text, what }: { text: string; what: string }) {
  const [said, setSaid] = useState<string | null>(null);
  useEffect(() => {
    if (!said) return;
    const t = setTimeout(() => setSaid(null), 2500);
    return () => clearTimeout(t);
  }, [said]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid('Copied');
    } catch {
      setSaid('Clipboard refused: select the text and press Ctrl+C');
    }
  };
  return (
    <span className="copy">
      <button type="button" className="button button--small" onClick={() => void copy()}>
        Copy {what}
      </button>
      <span role="status" className="copy__said">
        {said}
      </span>
    </span>
  );
}
