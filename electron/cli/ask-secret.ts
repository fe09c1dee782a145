/**
 * Asks for a password or passphrase on the terminal, as ssh does: nothing is echoed, and the answer is
 * handed back in memory only. Ctrl+C cancels (the command ends as the operator asked); Ctrl+D or the
 * end of input gives what was typed so far.
 */
export class SecretCancelled extends Error {}

export function canAskSecrets(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

export function askSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error: Error | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish(null);
        if (char === '\u0003') return finish(new SecretCancelled('cancelled'));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    // Echo off before the prompt shows: an answer typed (or pasted) the moment the prompt appears must not
    // reach the screen through the terminal's echo.
    input.setRawMode(true);
    process.stderr.write(prompt);
    input.resume();
    input.on('data', onData);
  });
}
