// The preferences kubesim remembers between sessions, their defaults, and the JSON schema conf checks
// the file against (a hand-edited file with a wrong value is refused, not half-used).

export const THEMES = ['dark', 'light', '16-colour', 'monochrome'] as const;
export type ThemeName = (typeof THEMES)[number];

export const SPEED_CHOICES = [0, 1, 10, 100] as const;

export interface Preferences {
  /** The `:` command of the view the dashboard last showed (`pods`, `deploy`, `timeline`). */
  lastView: string;
  /** The namespace last active; '' means all namespaces. */
  lastNamespace: string;
  /** Most recently used first (keys 1-9). */
  favouriteNamespaces: string[];
  /** Simulation speed: 0 (paused), 1, 10 or 100. */
  speed: (typeof SPEED_CHOICES)[number];
  /** Rows of the decision-log pane, and whether it shows. */
  logPaneHeight: number;
  logPaneVisible: boolean;
  theme: ThemeName;
  /**
   * Keys that clash with tmux or screen (`ctrl-b` is tmux's prefix, `ctrl-a` screen's), rebound:
   * `{ctrl-b: ctrl-u}` makes ctrl-u do what ctrl-b does in kubesim.
   */
  keys: Record<string, string>;
}

export const DEFAULT_PREFERENCES: Preferences = {
  lastView: 'pods',
  lastNamespace: 'default',
  favouriteNamespaces: ['default'],
  speed: 1,
  logPaneHeight: 7,
  logPaneVisible: true,
  theme: 'dark',
  keys: {},
};

/** `ctrl-x` or one printable character. */
export const KEY_PATTERN = '^(ctrl-[a-z]|[!-~])$';

/** conf's `schema`: the properties of a draft 2020-12 schema. */
export const PREFERENCES_SCHEMA = {
  lastView: { type: 'string', maxLength: 100 },
  lastNamespace: { type: 'string', maxLength: 253 },
  favouriteNamespaces: { type: 'array', items: { type: 'string', maxLength: 253 }, maxItems: 9 },
  speed: { enum: [...SPEED_CHOICES] },
  logPaneHeight: { type: 'integer', minimum: 3, maximum: 40 },
  logPaneVisible: { type: 'boolean' },
  theme: { enum: [...THEMES] },
  keys: {
    type: 'object',
    propertyNames: { pattern: '^ctrl-[a-z]$' },
    additionalProperties: { type: 'string', pattern: KEY_PATTERN },
  },
} as const;
