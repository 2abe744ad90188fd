import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * The message box: Enter sends, Shift+Enter starts a new line, Escape stops a running answer.
 * Grows with its text up to a few lines.
 */
export function Composer(props: {
  busy: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
  placeholder: string;
}) {
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!props.busy) box.current?.focus();
  }, [props.busy]);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 200)}px`;
  }, [text]);
  const send = () => {
    if (props.busy || !text.trim()) return;
    props.onSend(text.trim());
    setText('');
  };
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label class="sr-only" for="composer-input">
        Message
      </label>
      <textarea
        id="composer-input"
        ref={box}
        rows={1}
        value={text}
        placeholder={props.placeholder}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            send();
          } else if (e.key === 'Escape' && props.busy) {
            e.preventDefault();
            props.onStop();
          }
        }}
      />
      {props.busy ? (
        <button type="button" class="danger" onClick={props.onStop}>
          Stop
        </button>
      ) : (
        <button type="submit" class="primary" disabled={!text.trim()}>
          Send
        </button>
      )}
    </form>
  );
}
