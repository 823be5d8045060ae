import type { TestProject } from 'vitest/node' with { 'resolution-mode': 'import' };
import { startTestServer, type TestServerInfo } from '../src/testing';

declare module 'vitest' {
  export interface ProvidedContext {
    granaryDb: TestServerInfo;
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestServer();
  project.provide('granaryDb', server.info);
  return async () => server.stop();
}
