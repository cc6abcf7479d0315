/**
 * Which of the two layouts a dashboard component is drawn in: the console (inside the app frame,
 * light) or the big screen (大屏, full window, dark, larger type).
 */
import { createContext, useContext } from 'react';

export interface Look {
  big: boolean;
  /** Base font size of charts and lists. */
  fontSize: number;
}

export const CONSOLE_LOOK: Look = { big: false, fontSize: 12 };
export const BIG_LOOK: Look = { big: true, fontSize: 14 };

export const LookContext = createContext<Look>(CONSOLE_LOOK);

export function useLook(): Look {
  return useContext(LookContext);
}
