// Persistence for Settings: Word's roaming settings (follow the user across machines) and
// localStorage (WPS, the playground). Both validate on load, so broken storage means defaults, not a crash.
import { validateSettings, type AdminPolicy, type Settings, type SettingsStore } from '../core/settings';

export const SETTINGS_KEY = 'banxie.settings';

/** The parts of `Storage` we use, so tests and WPS's sometimes-partial storage fit. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function defaultStorage(): StorageLike | null {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    return null; // sandboxed frames throw on the mere access
  }
}

export class LocalStorageSettingsStore implements SettingsStore {
  private readonly storage: StorageLike | null;
  private readonly admin: AdminPolicy;

  /** `key` lets the playground keep its settings apart from a real install's on the same origin. */
  constructor(
    private readonly key: string = SETTINGS_KEY,
    opts: { storage?: StorageLike | null; admin?: AdminPolicy } = {},
  ) {
    this.storage = opts.storage === undefined ? defaultStorage() : opts.storage;
    this.admin = opts.admin ?? {};
  }

  async load(): Promise<Settings> {
    let raw: string | null = null;
    try {
      // Some embedded browsers throw on access to localStorage (privacy modes, file:// pages).
      raw = this.storage?.getItem(this.key) ?? null;
    } catch {
      raw = null;
    }
    return validateSettings(raw, this.admin);
  }

  async save(settings: Settings): Promise<void> {
    try {
      this.storage?.setItem(this.key, JSON.stringify(settings));
    } catch {
      // Quota or disabled storage: the settings still hold for this session.
    }
  }
}

/** The parts of `Office.RoamingSettings` we use. */
export interface RoamingSettingsLike {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback?: (result: { status: unknown; error?: { message?: string } | null }) => void): void;
}

export class RoamingSettingsStore implements SettingsStore {
  constructor(
    private readonly roaming: RoamingSettingsLike,
    private readonly admin: AdminPolicy = {},
    private readonly key = SETTINGS_KEY,
  ) {}

  async load(): Promise<Settings> {
    let raw: unknown = null;
    try {
      raw = this.roaming.get(this.key);
    } catch {
      raw = null;
    }
    return validateSettings(raw, this.admin);
  }

  save(settings: Settings): Promise<void> {
    return new Promise((resolve) => {
      try {
        this.roaming.set(this.key, JSON.stringify(settings));
        // A failed roaming save is not worth an error dialog: the in-memory settings still apply.
        this.roaming.saveAsync(() => resolve());
      } catch {
        resolve();
      }
    });
  }
}
