import { useEffect, useState } from 'preact/hooks';

export type ThemeChoice = 'auto' | 'light' | 'dark';
const KEY = 'ventros.theme';
const NEXT: Record<ThemeChoice, ThemeChoice> = { auto: 'light', light: 'dark', dark: 'auto' };

function stored(): ThemeChoice {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'auto';
  } catch {
    return 'auto';
  }
}

/** Applies a theme choice to the page (`auto` follows prefers-color-scheme). */
export function applyTheme(choice: ThemeChoice): void {
  if (choice === 'auto') delete document.documentElement.dataset['theme'];
  else document.documentElement.dataset['theme'] = choice;
}

/** The theme: the visitor's choice (kept in localStorage) and the one in effect. */
export function useTheme() {
  const [choice, setChoice] = useState<ThemeChoice>(stored);
  const media = matchMedia('(prefers-color-scheme: dark)');
  const [systemDark, setSystemDark] = useState(media.matches);
  useEffect(() => {
    const onChange = (e: MediaQueryListEvent) => setSystemDark(e.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [media]);
  useEffect(() => {
    applyTheme(choice);
    try {
      if (choice === 'auto') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, choice);
    } catch {
      // private mode: the choice lasts for this page
    }
  }, [choice]);
  const effective: 'light' | 'dark' = choice === 'auto' ? (systemDark ? 'dark' : 'light') : choice;
  return { choice, effective, cycle: () => setChoice(NEXT[choice]) };
}
