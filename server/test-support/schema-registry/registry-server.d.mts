// Types of registry-server.mjs (plain JavaScript so it also runs as a process: scripts/test/schema-registry.mjs).
export interface TestRegistryAuth {
  username?: string;
  password?: string;
  token?: string;
}

export interface TestRegistry {
  url: string;
  port: number;
  /** The registry's state (registry-store.mjs): set a level or mode directly when a test needs it. */
  store: {
    config: string;
    mode: string;
    subjectConfig: Map<string, string>;
    subjectMode: Map<string, string>;
  };
  /** Requests answered, in total and by "METHOD /path". */
  requests: { total: number; byPath: Map<string, number> };
  close(): Promise<void>;
  /** Stops answering without closing: connections hang (a dead registry). */
  hang(): void;
}

export function startTestRegistry(opts?: { port?: number; host?: string; auth?: TestRegistryAuth | null }): Promise<TestRegistry>;
