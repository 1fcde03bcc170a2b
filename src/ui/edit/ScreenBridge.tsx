// Gives the edit module a way to make Ink repaint the whole frame after an external program used
// the terminal: a write through Ink clears its record of what is on screen and draws the last
// frame again.
import { useStdout } from 'ink';
import React, { useEffect } from 'react';
import { setRepaint } from './screen.js';

export function ScreenBridge({ children }: { children: React.ReactNode }) {
  const { write } = useStdout();
  useEffect(() => {
    setRepaint(() => write(''));
    return () => setRepaint(undefined);
  }, [write]);
  return <>{children}</>;
}
