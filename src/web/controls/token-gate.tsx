import { useEffect, useRef, useState } from 'preact/hooks';

/** Asks for an API token (the server has `VENTROS_API_TOKENS`); kept for this tab only. */
export function TokenGate({ onToken, refused }: { onToken: (token: string) => void; refused: boolean }) {
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // The only thing to do on this screen.
  useEffect(() => input.current?.focus(), []);
  return (
    <div class="gate">
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim()) onToken(value.trim());
        }}
      >
        <h2>API token</h2>
        <p>
          This server asks for a bearer token. Paste one of <code>VENTROS_API_TOKENS</code>, or open the page as{' '}
          <code>/#token=…</code>. It is kept in this tab only.
        </p>
        {refused && <p class="error-text">The token was refused.</p>}
        <label class="stack">
          <span>Token</span>
          <input
            type="password"
            autocomplete="off"
            ref={input}
            value={value}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
        </label>
        <div class="actions">
          <button type="submit" class="primary">
            Use token
          </button>
        </div>
      </form>
    </div>
  );
}
