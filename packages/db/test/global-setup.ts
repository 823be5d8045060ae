import type { TestServerInfo } from '../src/testing';

declare module 'vitest' {
  export interface ProvidedContext {
    granaryDb: TestServerInfo;
  }
}

export { setupTestDatabase as default } from '../src/testing';
