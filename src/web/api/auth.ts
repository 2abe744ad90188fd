const TOKEN_KEY = 'ventros.token';

function storage(): Storage | undefined {
  try {
    return sessionStorage;
  } catch {
    return undefined;
  }
}

/**
 * The API token of this tab. A token handed over in the address (`/#token=…`, or `/?token=…`) is kept
 * in sessionStorage (this tab only, gone when it closes) and taken out of the address bar, so it is
 * neither bookmarked nor shown. The page sends it as `Authorization: Bearer` on every `/api` call.
 */
export function captureToken(): string | undefined {
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const query = new URLSearchParams(location.search);
  const fromUrl = hash.get('token') ?? query.get('token');
  if (fromUrl) {
    saveToken(fromUrl);
    hash.delete('token');
    query.delete('token');
    const search = query.toString();
    const fragment = hash.toString();
    history.replaceState(
      null,
      '',
      `${location.pathname}${search ? `?${search}` : ''}${fragment ? `#${fragment}` : ''}`,
    );
  }
  return storage()?.getItem(TOKEN_KEY) ?? undefined;
}

/** Keeps a token typed into the sign-in form. */
export function saveToken(token: string): void {
  storage()?.setItem(TOKEN_KEY, token.trim());
}

/** Forgets the token (it was refused). */
export function clearToken(): void {
  storage()?.removeItem(TOKEN_KEY);
}
