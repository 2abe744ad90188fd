/**
 * `read`, answering again with its last value while it is asked about the same message. The offline
 * model asks a policy for its next step on every model call of a turn (three or four), and the steps
 * read the same customer message each time: severity, lead signals and agent names were read anew
 * with a dozen regexes per call. Only for readers that are pure functions of the message; `copy`
 * hands each caller its own object or array, so one caller's edit never reaches another.
 */
export function rememberLast<T>(
  read: (message: string) => T,
  copy: (value: T) => T = (value) => value,
): (message: string) => T {
  let lastMessage: string | undefined;
  let lastValue: T | undefined;
  return (message) => {
    if (message !== lastMessage || lastValue === undefined) {
      lastValue = read(message);
      lastMessage = message;
    }
    return copy(lastValue);
  };
}
