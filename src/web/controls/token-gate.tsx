import { useState } from 'preact/hooks';

/** Asks for an API token (the server has `VENTROS_API_TOKENS`); kept for this tab only. */
export function TokenGate({ onToken, refused }: { onToken: (token: string) => void; refused: boolean }) {
  const [value, setValue] = useState('');
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
          {/* biome-ignore lint/a11y/noAutofocus: the only thing to do on this screen */}
          <input
            type="password"
            autocomplete="off"
            autoFocus
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
