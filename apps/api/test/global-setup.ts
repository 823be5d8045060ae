import type { TestServerInfo } from '@granary/db/testing';

declare module 'vitest' {
  export interface ProvidedContext {
    granaryDb: TestServerInfo;
  }
}

export { setupTestDatabase as default } from '@granary/db/testing';
